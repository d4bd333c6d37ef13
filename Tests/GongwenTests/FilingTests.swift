import Foundation
import Gongwen
import GongwenModel
import GongwenRender
import GongwenTemplate
import Testing
import TestSupport

/// The shipped templates as an office files them: the 甲方 of every county from the code list,
/// the pledge's personal data shown on the village's copy only, a seal image checked before
/// use, forms numbered per copy in a combined file.
@Suite("Filing")
struct FilingTests {
    /// A 600 × 600 PNG header (the rest is not read).
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        + [0, 0, 2, 0x58, 0, 0, 2, 0x58, 8, 6, 0, 0, 0] + Array(repeating: 0, count: 20)

    func write(_ bytes: [UInt8], _ name: String, in dir: URL) -> String {
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    @Test("a seal is a PNG or an SVG; its size comes from the file; anything else is refused with the file named")
    func sealFiles() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seal = try SealFile.load(path: write(Self.png, "印章.png", in: dir))
        #expect(seal.format == .png && seal.widthMM == 42 && seal.heightMM == 42)
        let svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><circle cx="50" cy="50" r="40" fill="red"/></svg>
            """
        let wide = try SealFile.load(path: write(Array(svg.utf8), "印章.svg", in: dir), diameterMM: 40)
        #expect(wide.widthMM == 40 && wide.heightMM == 20)
        // The DTD is not named in what goes into the documents (no reader goes to fetch it).
        #expect(!String(decoding: wide.bytes, as: UTF8.self).contains("DOCTYPE"))
        let refused: [(String, [UInt8], String)] = [
            ("假.png", Array("not a png".utf8), "seal-not-png"),
            ("印章.jpg", Self.png, "seal-format"),
            ("脚本.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>"#.utf8), "seal-unsafe-svg"),
            ("事件.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="x()"/>"#.utf8), "seal-unsafe-svg"),
            ("外链.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><image xlink:href="http://example.invalid/a.png"/></svg>"#.utf8), "seal-unsafe-svg"),
            ("样式.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>@import url(http://x/a.css);</style></svg>"#.utf8), "seal-unsafe-svg"),
            ("实体.svg", Array(#"<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#.utf8), "seal-bad-svg"),
            ("无尺寸.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8), "seal-bad-size"),
        ]
        for (name, bytes, id) in refused {
            do {
                _ = try SealFile.load(path: write(bytes, name, in: dir))
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.diagnostics.map(\.id) == [id], "\(name)")
                #expect(error.diagnostics.first.map { $0.dataLocation?.file.hasSuffix(name) == true || $0.location?.file.hasSuffix(name) == true } == true)
            }
        }
        #expect(throws: DiagnosticError.self) { try SealFile.load(path: dir.appendingPathComponent("无此文件.png").path) }
    }

    @Test("a seal for a template without <印章/> is a warning; for a joint document it is refused")
    func sealPlaces() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        writeFiles([
            "plain.xml": "<公文><标题>通知</标题><正文><段>{{ 县 }}</段></正文><署名>南岭省人民政府</署名></公文>",
            "joint.xml": "<公文><标题>通知</标题><正文><段>{{ 县 }}</段></正文><署名>甲</署名><署名>乙</署名><印章/></公文>",
            "d.csv": "县\n甲县\n",
        ], into: dir)
        var options = RenderOptions(templatePath: dir.appendingPathComponent("plain.xml").path, dataPath: dir.appendingPathComponent("d.csv").path,
                                    formats: [.html], outputDirectory: dir.appendingPathComponent("out").path)
        options.seal = try SealFile.load(path: write(Self.png, "印章.png", in: dir))
        let report = try Pipeline.render(options)
        #expect(report.warnings.map(\.id).contains("seal-unused"))
        options.templatePath = dir.appendingPathComponent("joint.xml").path
        options.outputDirectory = dir.appendingPathComponent("out2").path
        #expect(throws: DiagnosticError.self) { try Pipeline.render(options) }
        #expect(!FileManager.default.fileExists(atPath: options.outputDirectory))
    }

    @Test("a province-wide run of 目标管理责任书 gives each county its own prefecture as 甲方 and titles that fit")
    func provinceWide() throws {
        let template = try Pipeline.loadTemplate(Repository.path("Templates/目标管理责任书"))
        var options = RenderOptions(templatePath: template.path, dataPath: Repository.path("Examples/南岭省/counties.csv"),
                                    sharedPath: Repository.path("Templates/目标管理责任书/data.yaml"))
        options.formats = [.html]
        let (data, _) = try Pipeline.loadCheckedData(options.dataPath, template: template, sharedPath: options.sharedPath)
        let (documents, _) = try Pipeline.merge(template, data)
        #expect(documents.count == 90)
        func parties(_ d: Document) -> [String] {
            d.body.flatMap { block -> [String] in
                if case .parties(let parties) = block { return parties.map { $0.role + "：" + Inline.plainText($0.name) } }
                return []
            }
        }
        func signerLabels(_ d: Document) -> [String] {
            d.body.flatMap { block -> [String] in
                if case .signatures(let s) = block { return s.flatMap { $0.lines.map(\.label) } }
                return []
            }
        }
        let byCounty = Dictionary(uniqueKeysWithValues: zip(data.records.map { $0["名称"]?.text ?? "" }, documents))
        #expect(parties(try #require(byCounty["凯里市"])) == ["甲方：龙溪州人民政府", "乙方：凯里市人民政府"])
        #expect(parties(try #require(byCounty["河西特区"])) == ["甲方：龙溪州人民政府", "乙方：河西特区人民政府"])
        #expect(parties(try #require(byCounty["清水县"])) == ["甲方：安平市人民政府", "乙方：清水县人民政府"])
        #expect(signerLabels(try #require(byCounty["钟山区"])) == ["甲方（盖章）", "市长（签字）", "日期", "乙方（盖章）", "区长（签字）", "日期"])
        // Clauses under 一、 headings are numbered （一）.
        let clauses = documents[0].body.compactMap { if case .clause(let number, _) = $0 { number } else { nil } }
        #expect(clauses.first == "（一）" && !clauses.contains("一、"))
    }

    @Test("the pledge prints ID and phone in full on the village's copy, masked on the household's; blanks stay blank")
    func pledgeCopies() throws {
        let template = try Pipeline.loadTemplate(Repository.path("Templates/诚信计生双向承诺书"))
        let (data, _) = try Pipeline.loadCheckedData(Repository.path("Templates/诚信计生双向承诺书/data.yaml"), template: template)
        let (documents, _) = try Pipeline.merge(template, data)
        #expect(documents.count == 6)
        func text(_ d: Document) -> String { DocumentDump.dump(d) }
        // Household 2 gave its ID number and phone.
        #expect(text(documents[2]).contains("11010519491231002X") && text(documents[2]).contains("15987654321"))
        #expect(text(documents[3]).contains("1101**********002X") && text(documents[3]).contains("159****4321"))
        #expect(!text(documents[3]).contains("11010519491231002X") && !text(documents[3]).contains("15987654321"))
        // Household 3 gave neither: no ID line, and the phone line is left to fill in by hand.
        #expect(!text(documents[4]).contains("身份证号"))
        let phone = documents[5].body.compactMap { block -> SignatureLine? in
            if case .signatures(let s) = block { return s.flatMap(\.lines).first { $0.label == "联系电话" } }
            return nil
        }.first
        #expect(phone?.value == [])
    }

    @Test("forms number each copy from 1 in a combined file by default; 公文 count on unless asked")
    func formNumbering() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = RenderOptions(templatePath: Repository.path("Templates/诚信计生双向承诺书"),
                                    dataPath: Repository.path("Templates/诚信计生双向承诺书/data.yaml"),
                                    formats: [.fodt, .html], outputDirectory: dir.appendingPathComponent("form").path, combine: true)
        _ = try Pipeline.render(options)
        let flat = try String(contentsOfFile: dir.appendingPathComponent("form/诚信计生双向承诺书.fodt").path, encoding: .utf8)
        #expect(flat.contains("style:page-number=\"1\""))
        let html = try String(contentsOfFile: dir.appendingPathComponent("form/诚信计生双向承诺书.html").path, encoding: .utf8)
        #expect(html.contains("@counter-style"))
        options.templatePath = Repository.path("Templates/通报批评")
        options.dataPath = Repository.path("Templates/通报批评/data.yaml")
        options.outputDirectory = dir.appendingPathComponent("notice").path
        _ = try Pipeline.render(options)
        #expect(!(try String(contentsOfFile: dir.appendingPathComponent("notice/通报批评.fodt").path, encoding: .utf8)).contains("style:page-number=\"1\""))
    }
}
