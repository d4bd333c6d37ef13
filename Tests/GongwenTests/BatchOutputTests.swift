import Foundation
import Gongwen
import GongwenModel
import GongwenTemplate
import Testing
import TestSupport

/// Batch output: record order kept across workers, copies, numbered copies, one .zip, manifest.
@Suite("Batch output")
struct BatchOutputTests {
    static let form = """
        <文书 文种="承诺书" 联次="村委会留存、农户留存"><正文><居中>（{{ 联 }}）第{{ 份次 }}联</居中><段>{{ 户主 }}</段></正文></文书>
        """
    static let notice = "<公文><份号>{{ 份号 }}</份号><标题>{{ 县 }}通报</标题><正文><段>正文</段></正文></公文>"

    func workspace(_ template: String, rows: Int) -> (URL, RenderOptions) {
        let dir = temporaryDirectory()
        var csv = "户主,县\n"
        for i in 1...rows { csv += "户\(i),县\(i)\n" }
        writeFiles(["t/template.xml": template, "d.csv": csv], into: dir)
        let options = RenderOptions(templatePath: dir.appendingPathComponent("t/template.xml").path,
                                    dataPath: dir.appendingPathComponent("d.csv").path, formats: [.html],
                                    outputDirectory: dir.appendingPathComponent("out").path, namePattern: "{{ 户主 }}")
        return (dir, options)
    }

    @Test("a thousand records on all cores: every file has its own record, in order in the report")
    func order() throws {
        let (dir, options) = workspace(Self.form, rows: 1000)
        let report = try Pipeline.render(options)
        #expect(report.fileCount == 1000)
        #expect(report.files == (1...100).map { "户\($0).html" })  // the first hundred, in record order
        let written = try FileManager.default.contentsOfDirectory(atPath: options.outputDirectory)
        #expect(Set(written) == Set((1...1000).map { "户\($0).html" }))
        for i in [1, 257, 513, 1000] {
            let html = try String(contentsOf: dir.appendingPathComponent("out/户\(i).html"), encoding: .utf8)
            #expect(html.contains(">户\(i)<"))
        }
    }

    @Test("into an existing folder with --overwrite: new files move in, files of the same name are replaced and reported, other files stay")
    func existingFolder() throws {
        var (dir, options) = workspace(Self.form, rows: 5000)
        options.overwrite = true
        options.manifest = true
        writeFiles(["out/户7.html": "旧的", "out/说明.txt": "别动", "out/户9999.html": "上一批"], into: dir)
        let report = try Pipeline.render(options)
        #expect(report.fileCount == 5002)
        #expect(report.replaced == ["户7.html"] && report.replacedCount == 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: options.outputDirectory)
        #expect(Set(written) == Set((1...5000).map { "户\($0).html" } + ["说明.txt", "户9999.html", "清单.csv", "清单.json"]))
        #expect(try String(contentsOf: dir.appendingPathComponent("out/户7.html"), encoding: .utf8).contains(">户7<"))
        #expect(try String(contentsOf: dir.appendingPathComponent("out/说明.txt"), encoding: .utf8) == "别动")
        // The manifest says which file replaced one: in the CSV's last column and in the JSON.
        let csv = try String(contentsOf: dir.appendingPathComponent("out/清单.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n")
        #expect(lines[0].hasSuffix(",字节数,页数,SHA-256,替换了已有文件"))
        #expect(lines.filter { $0.hasSuffix(",是") }.map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] } == ["户7.html"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/清单.json"))) as? [[String: Any]]
        #expect(json?.filter { $0["replaced"] as? Bool == true }.map { $0["file"] as? String } == ["户7.html"])
        // Nothing is left in a staging folder, inside or beside it.
        #expect(!written.contains { $0.hasPrefix(".") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["d.csv", "out", "t"])
    }

    @Test("the template's 联次 gives each record its copies, each marked; --copies overrides the count")
    func copies() throws {
        var (dir, options) = workspace(Self.form, rows: 2)
        _ = try Pipeline.render(options)
        let html = try String(contentsOf: dir.appendingPathComponent("out/户1.html"), encoding: .utf8)
        #expect(html.contains("（村委会留存）第1联") && html.contains("（农户留存）第2联"))
        options.copies.count = 3
        options.outputDirectory = dir.appendingPathComponent("out3").path
        _ = try Pipeline.render(options)
        let three = try String(contentsOf: dir.appendingPathComponent("out3/户1.html"), encoding: .utf8)
        #expect(three.contains("（第三联）第3联"))
    }

    @Test("--copy-numbers 1-50 prints 份号 000001 to 000050, one copy each")
    func copyNumbers() throws {
        var (dir, options) = workspace(Self.notice, rows: 1)
        options.copies.numbers = CopyPlan.numbers("1-50")
        options.combine = true
        options.namePattern = nil
        _ = try Pipeline.render(options)
        let html = try String(contentsOf: dir.appendingPathComponent("out/t.html"), encoding: .utf8)
        #expect(html.contains("000001") && html.contains("000050") && !html.contains("000051"))
        #expect(html.components(separatedBy: "<article").count == 51)
        #expect(CopyPlan.numbers("0-3") == nil && CopyPlan.numbers("5-1") == nil && CopyPlan.numbers("7") == 7...7)
    }

    @Test("--out x.zip writes one zip, and a manifest with each file's SHA-256")
    func zipAndManifest() throws {
        var (dir, options) = workspace(Self.form, rows: 3)
        options.outputDirectory = dir.appendingPathComponent("批次.zip").path
        options.formats = [.odt, .html]
        options.manifest = true
        let report = try Pipeline.render(options)
        #expect(report.files == [options.outputDirectory])
        let zip = try [UInt8](Data(contentsOf: URL(fileURLWithPath: options.outputDirectory)))
        let entries = try unzip(zip)
        #expect(entries.map(\.path) == ["户1.odt", "户1.html", "户2.odt", "户2.html", "户3.odt", "户3.html", "清单.csv", "清单.json"])
        let odt = try #require(entries.first)
        let digest = try sha256sum(odt.bytes)
        let manifest = String(decoding: entries[6].bytes, as: UTF8.self)
        #expect(manifest.contains("户1.odt,\(odt.bytes.count),,\(digest)"))  // no 页数 for an .odt
        #expect(manifest.contains(",2,,户1.odt,"))  // data file, row 2
        // The .odt inside is a real package.
        #expect(try unzip(odt.bytes).map(\.path) == ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("a failing record leaves no zip and no stray temporary file")
    func failedZip() throws {
        var (dir, options) = workspace("<文书><正文><段>{{ 户主 | 大写金额 }}</段></正文></文书>", rows: 3)
        options.outputDirectory = dir.appendingPathComponent("批次.zip").path
        options.manifest = true  // its files, written beside the zip as the batch goes, go too
        #expect(throws: DiagnosticError.self) { _ = try Pipeline.render(options) }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["d.csv", "t"])
    }

    /// A form with a table of two or three columns (by the data), and text only shared fields reach.
    static let tableForm = """
        <文书 文种="承诺书"><正文><段>{{ 户主 }}</段><段>{{ 说明 }}</段>\
        <表格><行><格>{{ 户主 }}</格><格>乙</格><if test="宽 == '3'"><格>丙</格></if></行></表格></正文></文书>
        """

    @Test("a combined .odt of 1,100 records streamed in pieces from two workers: one valid package, records in order, a style per table geometry")
    func combinedStreamed() throws {
        let dir = temporaryDirectory()
        var csv = "户主,宽\n"
        for i in 1...1100 { csv += "户\(i),\(i % 2 == 0 ? 2 : 3)\n" }
        writeFiles(["t/template.xml": Self.tableForm, "d.csv": csv, "s.yaml": "说明: 共用的说明\n"], into: dir)
        var options = RenderOptions(templatePath: dir.appendingPathComponent("t/template.xml").path,
                                    dataPath: dir.appendingPathComponent("d.csv").path, formats: [.odt, .fodt, .html],
                                    outputDirectory: dir.appendingPathComponent("out").path)
        options.sharedPath = dir.appendingPathComponent("s.yaml").path
        options.combine = true
        options.manifest = true
        let report = try Pipeline.render(options)
        #expect(report.files == ["t.odt", "t.fodt", "t.html", "清单.csv", "清单.json"])
        let odt = try [UInt8](Data(contentsOf: dir.appendingPathComponent("out/t.odt")))
        let entries = try unzip(odt)  // ZIPFoundation inflates the concatenated pieces and checks the CRC
        #expect(entries.map(\.path) == ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"])
        let content = try #require(entries.first { $0.path == "content.xml" })
        #expect(wellFormednessError(content.bytes) == nil)
        let flat = try [UInt8](Data(contentsOf: dir.appendingPathComponent("out/t.fodt")))
        #expect(wellFormednessError(flat) == nil)
        let xml = String(decoding: content.bytes, as: UTF8.self)
        // Every record once, in order, each after the first starting a record page.
        let names = xml.matches(of: /<text:p text:style-name="(?:RS_)?Gongwen_Body">(户[0-9]+)<\/text:p>/).map { String($0.1) }
        #expect(names.count == 1100)
        #expect(names.elementsEqual((1...1100).map { "户\($0)" }))
        #expect(xml.components(separatedBy: "text:style-name=\"RS_Gongwen_Body\"").count - 1 == 1099)
        // Two geometries, two table styles, each defined once; table names unique per record.
        #expect(xml.matches(of: /<style:style style:name="Gongwen_T_[0-9_]+" style:family="table">/).count == 2)
        #expect(xml.contains("table:name=\"表格1100-1\""))
        // Text reading only shared fields is the same in every record.
        #expect(xml.components(separatedBy: ">共用的说明<").count - 1 == 1100)
        let html = try String(contentsOf: dir.appendingPathComponent("out/t.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<article").count - 1 == 1100)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        let manifest = try String(contentsOf: dir.appendingPathComponent("out/清单.csv"), encoding: .utf8)
        let digest = try sha256sum([UInt8](odt))
        #expect(manifest.contains("t.odt,\(odt.count),,\(digest)"))  // no 页数 for an .odt
    }

    @Test("a combined file that fails leaves nothing: no output folder, no staged body")
    func combinedFails() throws {
        var (dir, options) = workspace("<文书><正文><段>{{ 户主 | 大写金额 }}</段></正文></文书>", rows: 600)
        options.combine = true
        options.namePattern = nil
        options.formats = [.odt]
        let error = #expect(throws: DiagnosticError.self) { _ = try Pipeline.render(options) }
        #expect(error?.diagnostics.count == 600)
        #expect(error?.diagnostics.first?.dataLocation?.row == 2)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["d.csv", "t"])
    }
}


/// The digest as coreutils' `sha256sum` prints it: an independent check of the manifest's
/// SHA-256 (computed with libcrypto).
func sha256sum(_ bytes: [UInt8]) throws -> String {
    let file = temporaryDirectory().appendingPathComponent("digest.bin")
    try Data(bytes).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: output, as: UTF8.self).prefix(64))
}
