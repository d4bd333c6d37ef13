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
          arguments: ["d.csv", "d.xlsx", "d.json", "d.yaml", "d.ods"])
    func invisibleCharacters(_ name: String) throws {
        let root = workspace([
            "d.csv": "县,说明\n清水县\u{202E}府政民人,a\n石门县,b\u{200B}c\n",
            "d.json": #"[{"县":"清水县\u202e府政民人","说明":"a"},{"县":"石门县","说明":"b\u200bc"}]"#,
            "d.yaml": "- {县: \"清水县\\u202E府政民人\", 说明: a}\n- {县: 石门县, 说明: \"b\\u200Bc\"}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let rows = [["县", "说明"], ["清水县\u{202E}府政民人", "a"], ["石门县", "b\u{200B}c"]]
        func inline(_ text: String) -> String { "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        _ = try HostileFiles.xlsx(sheet: rows.enumerated().map { "<row r=\"\($0 + 1)\">" + $1.map(inline).joined() + "</row>" }.joined(),
                                  in: root, name: "d.xlsx")
        _ = try HostileFiles.ods(rows: rows.map { "<table:table-row>" + $0.map(HostileFiles.odsCell).joined() + "</table:table-row>" }.joined(),
                                 in: root, name: "d.ods")
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

    static let numbered = "<公文><数据要求><字段 名=\"县\"/><字段 名=\"人口\" 类型=\"整数\"/></数据要求>"
        + "<标题>{{ 县 }}通报</标题><正文><段>人口{{ 人口 }}。</段></正文></公文>"

    /// A ragged row (row 3), a word for a number (row 4) and a stray byte (row 6), among good rows.
    static let badRows: [UInt8] = Array("县,人口\n清水县,1\n石门县,2,多余\n安平县,很多\n坪上县,4\n".utf8)
        + Array("城关县,".utf8) + [0xB3] + Array("5\n杨䶮县,6\n".utf8)

    func numberedWorkspace(listField: Bool) throws -> (root: URL, options: RenderOptions) {
        let root = temporaryDirectory()
        let template = listField
            ? "<公文><标题>名单</标题><正文><each in=\"县份\" as=\"x\"><段>{{ x.县 }}{{ x.人口 }}</段></each></正文></公文>"
            : Self.numbered
        writeFiles(["t/template.xml": template], into: root)
        try Data(Self.badRows).write(to: root.appendingPathComponent("d.csv"))
        var options = RenderOptions(templatePath: root.appendingPathComponent("t/template.xml").path, dataPath: root.appendingPathComponent("d.csv").path,
                                    listField: listField ? "县份" : nil, formats: [.html], outputDirectory: root.appendingPathComponent("out").path)
        options.read.encoding = .utf8
        return (root, options)
    }

    @Test("a ragged row and a stray byte do not hide the other rows' problems: all are reported together, in row order")
    func allProblemsTogether() throws {
        let (root, options) = try numberedWorkspace(listField: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let template = try Pipeline.loadTemplate(options.templatePath)
        #expect {
            _ = try Pipeline.check(template, options)
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.map(\.id) == ["csv-ragged-row", "data-not-a-number", "data-encoding"] && ds.map { $0.dataLocation?.row } == [3, 4, 6]
                && ds[2].dataLocation?.field == "人口"
        }
    }

    @Test("--skip-bad-records skips a ragged row and a row with a stray byte like any bad row, and lists them",
          arguments: [false, true])
    func skipRaggedRows(_ listField: Bool) throws {
        var (root, options) = try numberedWorkspace(listField: listField)
        defer { try? FileManager.default.removeItem(at: root) }
        options.skipBadRecords = true
        let report = try Pipeline.render(options)
        let rows = Set(report.skipped.compactMap { $0.dataLocation?.row })
        if listField {
            // Read whole (a list of all rows in one document): the contract is the template's, here none,
            // so only the rows that cannot be records are skipped.
            #expect(rows == [3, 6])
            #expect(report.records == 1)
        } else {
            #expect(rows == [3, 4, 6])
            #expect(report.records == 3)
        }
        let list = try String(contentsOf: root.appendingPathComponent("out/跳过的记录.csv"), encoding: .utf8)
        #expect(list.contains("csv-ragged-row") && list.contains("data-encoding"))
        #expect(list.contains(",3,") && list.contains(",6,"))
    }
}
