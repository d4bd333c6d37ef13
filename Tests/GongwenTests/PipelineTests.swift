import Foundation
import Gongwen
import GongwenModel
import Testing
import TestSupport

@Suite("Pipeline")
struct PipelineTests {
    /// A folder with a template and data, and an output folder holding one earlier file.
    struct Workspace {
        let root: URL
        var out: String { root.appendingPathComponent("out").path }

        init(template: String, data: [String: String]) {
            root = temporaryDirectory()
            writeFiles(["t/template.xml": template, "out/earlier.txt": "keep"].merging(data) { a, _ in a }, into: root)
        }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        /// Files in the output folder, and anything left beside it.
        var outputFiles: [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: out).sorted()) ?? []
        }

        var strayFiles: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".") }
        }

        func options(data: String, _ configure: (inout RenderOptions) -> Void = { _ in }) -> RenderOptions {
            var o = RenderOptions(templatePath: path("t/template.xml"), dataPath: path(data), outputDirectory: out)
            configure(&o)
            return o
        }
    }

    static let simple = "<公文><标题>{{ 县 }}通报</标题><正文><段>{{ 说明 }}</段></正文></公文>"

    @Test("one file per record and format, named by the pattern, made safe and unique")
    func naming() throws {
        let ws = Workspace(template: Self.simple, data: ["d.csv": "县,说明\n../清水县,a\n清水县/x,b\nCON,c\n清水县,d\n清水县,e\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let report = try Pipeline.render(ws.options(data: "d.csv") { $0.namePattern = "{{ 县 }}"; $0.formats = [.html] })
        #expect(report.records == 5)
        #expect(ws.outputFiles == ["_CON.html", "_清水县.html", "earlier.txt", "清水县-2.html", "清水县.html", "清水县_x.html"])
        #expect(ws.strayFiles.isEmpty)
    }

    @Test("without a pattern, files are numbered after the template's folder")
    func defaultNames() throws {
        let ws = Workspace(template: Self.simple, data: ["d.json": #"[{"县":"甲","说明":"x"},{"县":"乙","说明":"y"}]"#])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        _ = try Pipeline.render(ws.options(data: "d.json"))
        #expect(ws.outputFiles == ["earlier.txt", "t-1.fodt", "t-1.html", "t-1.odt", "t-2.fodt", "t-2.html", "t-2.odt"])
    }

    @Test("--combine writes one file with every record")
    func combine() throws {
        let ws = Workspace(template: Self.simple, data: ["d.csv": "县,说明\n甲,1\n乙,2\n丙,3\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        _ = try Pipeline.render(ws.options(data: "d.csv") { $0.combine = true; $0.formats = [.fodt, .html] })
        #expect(ws.outputFiles == ["earlier.txt", "t.fodt", "t.html"])
        let html = try String(contentsOfFile: ws.out + "/t.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<article").count == 4)
    }

    @Test("--list-field turns CSV rows into one document's list; --shared adds fields")
    func listField() throws {
        let ws = Workspace(
            template: "<公文><标题>{{ 机关 }}：{{ 地区 | map('县') | join('、') }}</标题></公文>",
            data: ["d.csv": "县\n甲县\n乙县\n", "s.yaml": "机关: 省政府\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let data = try Pipeline.loadData(ws.path("d.csv"), sharedPath: ws.path("s.yaml"), listField: "地区")
        let template = try Pipeline.loadTemplate(ws.path("t"))
        let documents = try Pipeline.merge(template, data).documents
        #expect(documents.map(\.plainTitle) == ["省政府：甲县、乙县"])
    }

    @Test("a bad template: located error, nothing written, output folder untouched", arguments: [
        ("<公文><标题>{{ 县 }}</标题>", "xml-malformed", 1, 25),
        ("<公文><标题>{{ 县 | daxie }}</标题></公文>", "unknown-filter", 1, 16),
        ("<公文>\n  <正文><段落/></正文></公文>", "unknown-element", 2, 7),
    ])
    func badTemplate(_ template: String, _ id: String, _ line: Int, _ column: Int) throws {
        let ws = Workspace(template: template, data: ["d.csv": "县\n甲\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect {
            _ = try Pipeline.render(ws.options(data: "d.csv"))
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == id && d.location == SourceLocation(file: ws.path("t/template.xml"), line: line, column: column)
        }
        #expect(ws.outputFiles == ["earlier.txt"])
        #expect(ws.strayFiles.isEmpty)
    }

    @Test("an unknown field in one record: every failing record reported, nothing written")
    func unknownField() throws {
        let ws = Workspace(template: "<公文><标题>{{ 县 }}{{ 出生率 }}</标题></公文>", data: ["d.csv": "县,出身率\n甲,1\n乙,2\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect {
            _ = try Pipeline.render(ws.options(data: "d.csv"))
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.map(\.id) == ["unknown-field", "unknown-field"] && ds.map { $0.dataLocation?.row } == [2, 3]
                && ds[0].description.contains("d.csv: 第2行: error: 没有字段 “出生率”，是否想写 “出身率”？")
        }
        #expect(ws.outputFiles == ["earlier.txt"])
        #expect(ws.strayFiles.isEmpty)
    }

    @Test("an unknown filter in --name is reported before anything is rendered")
    func badNamePattern() throws {
        let ws = Workspace(template: Self.simple, data: ["d.csv": "县,说明\n甲,1\n"])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        #expect(throws: DiagnosticError.self) {
            _ = try Pipeline.render(ws.options(data: "d.csv") { $0.namePattern = "{{ 县 | nope }}" })
        }
        #expect(ws.outputFiles == ["earlier.txt"])
    }

    @Test("hostile data renders as text into valid documents in every format")
    func hostileData() throws {
        let ws = Workspace(template: Self.simple, data: ["d.json": #"[{"县":"<script>alert(1)</script>","说明":"& ]]> \"q\" \u0001\u000b 𠮷"}]"#])
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let report = try Pipeline.render(ws.options(data: "d.json"))
        // Removed as the data is read, and reported at its record and field (issue 15).
        #expect(report.warnings.filter { $0.severity != .note }.map(\.id) == ["data-invisible-character"])
        #expect(report.warnings.first?.dataLocation?.field == "说明")
        let fodt = try #require(FileManager.default.contents(atPath: ws.out + "/t.fodt"))
        #expect(wellFormednessError([UInt8](fodt)) == nil)
        let text = String(decoding: fodt, as: UTF8.self)
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;通报") && text.contains("&amp; ]]&gt; &quot;q&quot; <text:s text:c=\"1\"/>𠮷"))
        for entry in try unzip([UInt8](try #require(FileManager.default.contents(atPath: ws.out + "/t.odt")))) where entry.path.hasSuffix(".xml") {
            #expect(wellFormednessError(entry.bytes) == nil)
        }
        let html = try String(contentsOfFile: ws.out + "/t.html", encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"))
    }
}
