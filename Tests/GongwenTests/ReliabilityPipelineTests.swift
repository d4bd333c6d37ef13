import Foundation
import GongwenData
import GongwenModel
import Testing
import TestSupport
@testable import Gongwen

/// What `gongwen check` and `gongwen render` make of hostile data, on the streamed path (CSV,
/// .xlsx) and the one read whole (JSON, YAML, .ods): reported where it is, never a wrong document.
@Suite("Hostile data through the pipeline")
struct ReliabilityPipelineTests {
    static let template = "<公文><数据要求><字段 名=\"县\"/><字段 名=\"说明\" 必填=\"否\"/></数据要求>"
        + "<标题>{{ 县 }}通报</标题><正文><段>{{ 说明 }}</段></正文></公文>"

    func workspace(_ data: [String: String]) -> URL {
        writeFiles(["t/template.xml": Self.template].merging(data) { a, _ in a }, into: temporaryDirectory())
    }

    func options(_ root: URL, _ data: String) -> RenderOptions {
        RenderOptions(templatePath: root.appendingPathComponent("t/template.xml").path, dataPath: root.appendingPathComponent(data).path,
                      formats: [.html], outputDirectory: root.appendingPathComponent("out").path)
    }

    @Test("a RIGHT-TO-LEFT OVERRIDE is reported by check and removed from the rendered document, streamed or read whole",
          arguments: ["d.csv", "d.json", "d.yaml"])
    func invisibleCharacters(_ name: String) throws {
        let root = workspace([
            "d.csv": "县,说明\n清水县\u{202E}府政民人,a\n石门县,b\u{200B}c\n",
            "d.json": #"[{"县":"清水县\u202e府政民人","说明":"a"},{"县":"石门县","说明":"b\u200bc"}]"#,
            "d.yaml": "- {县: \"清水县\\u202E府政民人\", 说明: a}\n- {县: 石门县, 说明: \"b\\u200Bc\"}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let template = try Pipeline.loadTemplate(root.appendingPathComponent("t/template.xml").path)
        let (count, warnings) = try Pipeline.check(template, options(root, name))
        #expect(count == 2)
        let found = warnings.filter { $0.id == "data-invisible-character" }
        #expect(found.count == 2)
        #expect(found.first?.message.contains("U+202E 从右向左覆盖") == true)
        #expect(found.first?.dataLocation?.field == "县")
        #expect(found.first?.dataLocation?.row ?? found.first?.dataLocation?.record != nil)

        let report = try Pipeline.render(options(root, name))
        #expect(report.warnings.filter { $0.id == "data-invisible-character" }.count == 2)
        let html = try String(contentsOf: root.appendingPathComponent("out/t-1.html"), encoding: .utf8)
        #expect(html.contains("清水县府政民人"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x202E })
        let second = try String(contentsOf: root.appendingPathComponent("out/t-2.html"), encoding: .utf8)
        #expect(second.contains("bc") && !second.unicodeScalars.contains { $0.value == 0x200B })
    }
}
