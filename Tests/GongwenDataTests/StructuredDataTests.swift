import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

@Suite("JSON and YAML")
struct StructuredDataTests {
    @Test("YAML scalars are typed by our rules: exact decimals, codes stay text")
    func yamlTyping() throws {
        let value = try YAMLReader.parse(Data("""
        率: 12.90
        代码: 052
        整数: 2025
        负数: -1.37
        文字: '12.5'
        真: true
        空:
        名称: 清水县
        """.utf8), file: "d.yaml")
        guard case .record(let r) = value else { Issue.record("not a record"); return }
        #expect(r["率"]?.text == "12.90")
        #expect(r["率"]?.asNumber?.value == Decimal(string: "12.9"))
        #expect(r["代码"] == .string("052"))
        #expect(r["整数"] == .number(Number(2025)))
        #expect(r["负数"]?.asNumber?.value == Decimal(string: "-1.37"))
        #expect(r["文字"] == .string("12.5"))
        #expect(r["真"] == .bool(true))
        #expect(r["空"] == .null)
        #expect(r["名称"] == .string("清水县"))
    }

    @Test("JSON numbers are exact decimals")
    func jsonDecimals() throws {
        let value = try JSONReader.parse(Data(#"{"a": 12.915, "b": [0.1, 2], "c": "x", "d": null, "e": false}"#.utf8), file: "d.json")
        guard case .record(let r) = value else { Issue.record("not a record"); return }
        #expect(r["a"]?.asNumber?.value == Decimal(string: "12.915"))
        #expect(r["b"] == .list([.number(Number(Decimal(string: "0.1")!)), .number(Number(2))]))
        #expect(r["d"] == .null)
        #expect(r["e"] == .bool(false))
    }

    @Test("an object with 记录 holds records; its other keys are shared by every record")
    func recordsAndShared() throws {
        let dir = writeFiles(["d.yaml": "机关: 省政府\n记录:\n  - 县: 甲\n  - 县: 乙\n"], into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try DataReader.read(path: dir.appendingPathComponent("d.yaml").path)
        #expect(data.records.map { $0["县"] } == [.string("甲"), .string("乙")])
        #expect(data.shared["机关"] == .string("省政府"))
        #expect(data.shared["记录"] == nil)
        #expect(data.locations.map(\.record) == [1, 2])
    }

    @Test("a top-level list is the records; a plain object is one record")
    func shapes() throws {
        #expect(try DataSet.from(.list([.record(Record([("a", .null)]))]), file: "x").records.count == 1)
        #expect(try DataSet.from(.record(Record([("a", .null)])), file: "x").records.count == 1)
        #expect(throws: DiagnosticError.self) { try DataSet.from(.list([.string("x")]), file: "x") }
        #expect(throws: DiagnosticError.self) { try DataSet.from(.string("x"), file: "x") }
    }

    @Test("syntax errors name the file, line and column")
    func syntaxErrors() {
        #expect {
            _ = try JSONReader.parse(Data("{\"a\": ".utf8), file: "bad.json")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.description.hasPrefix("bad.json:1:7: error: JSON 格式错误") == true
        }
        #expect {
            _ = try YAMLReader.parse(Data("a: [1, 2\nb: c".utf8), file: "bad.yaml")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "yaml-syntax"
        }
    }

    @Test("YAML aliases cannot blow up into a huge tree")
    func billionLaughs() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect {
            _ = try YAMLReader.parse(Data(yaml.utf8), file: "lol.yaml")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "data-memory-limit"
        }
    }

    @Test("a file that does not exist or has an unknown type is a clear error")
    func missing() {
        #expect(throws: DiagnosticError.self) { try DataReader.read(path: "/nonexistent/x.csv") }
        let dir = writeFiles(["x.docx": "x"], into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try DataReader.read(path: dir.appendingPathComponent("x.docx").path)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "data-format"
        }
    }
}
