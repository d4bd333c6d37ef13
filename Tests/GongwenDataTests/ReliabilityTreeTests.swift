import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

/// JSON and YAML files small on disk that expand into huge trees: millions of empty objects,
/// aliases of aliases, deep nesting. Each must end in a located `data-memory-limit` error after
/// bounded memory (Benchmarks/memory.sh measures the peak), and ordinary files must still read.
@Suite("Hostile files: JSON and YAML trees")
struct ReliabilityTreeTests {
    func firstError(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch {
            return (error as? DiagnosticError)?.diagnostics.first
        }
    }

    @Test("a million and more empty JSON objects (3 bytes each) are counted: an error at the line reached")
    func emptyJSONObjects() {
        let text = "[\n" + String(repeating: "{},\n", count: 1_200_000) + "{}]"
        let d = firstError { _ = try JSONReader.parse(Data(text.utf8), file: "d.json") }
        #expect(d?.id == "data-memory-limit")
        #expect(d?.location?.file == "d.json")
        // The millionth value after the list itself: line 2 holds the first object.
        #expect(d?.location?.line == ReadBudget.structuredNodes + 1)
        #expect(d?.message.hasPrefix("JSON 文件内容过多") == true, "\(d?.message ?? "")")
    }

    @Test("empty lists inside lists are counted as well")
    func nestedJSONLists() {
        let text = "[" + Array(repeating: "[[]]", count: 600_000).joined(separator: ",") + "]"
        #expect(firstError { _ = try JSONReader.parse(Data(text.utf8), file: "d.json") }?.id == "data-memory-limit")
    }

    @Test("what objects really cost is charged: 300,000 objects of one new key each exceed the bytes, not the count")
    func objectBytes() {
        let text = "[" + (0..<300_000).map { "{\"k\($0)\":0}" }.joined(separator: ",") + "]"
        let budget = ReadBudget.structured(file: "d.json")
        let d = firstError { _ = try JSONReader.parse(Data(text.utf8), file: "d.json", budget: budget) }
        #expect(d?.id == "data-memory-limit")
        #expect(budget.nodes < ReadBudget.structuredNodes)
    }

    @Test("a JSON file on one line is read in linear time: the column of each string and number was counted from the line's start",
          .timeLimit(.minutes(1)))
    func oneLine() throws {
        let text = "[" + Array(repeating: #"{"名称":"清水县","值":1}"#, count: 100_000).joined(separator: ",") + "]"
        guard case .list(let items) = try JSONReader.parse(Data(text.utf8), file: "d.json") else { Issue.record("not a list"); return }
        #expect(items.count == 100_000)
        let d = firstError { _ = try JSONReader.parse(Data((text.dropLast() + #",{"值":01}]"#).utf8), file: "d.json") }
        #expect(d?.id == "json-syntax" && d?.location?.column == text.count + 6, "\(String(describing: d))")
    }

    @Test("records of a JSON list with the same keys share one table of names")
    func sharedKeyTables() throws {
        let text = "[" + Array(repeating: #"{"名称": "清水县", "值": 1}"#, count: 3).joined(separator: ",") + #", {"名称": "石门县"}]"#
        guard case .list(let items) = try JSONReader.parse(Data(text.utf8), file: "d.json") else { Issue.record("not a list"); return }
        let records = items.compactMap { if case .record(let r) = $0 { r } else { nil } }
        #expect(records.count == 4)
        #expect(records[0].keyTable === records[1].keyTable && records[1].keyTable === records[2].keyTable)
        #expect(records[3].keyTable !== records[2].keyTable)
        #expect(records[2]["值"] == .number(Number(1)) && records[3]["名称"] == .string("石门县"))
        // Changing one record's fields leaves the others as they were.
        var changed = records[0]
        changed["新"] = .string("x")
        #expect(records[1]["新"] == nil && records[1].order == ["名称", "值"])
    }

    @Test("YAML billion laughs: every alias counts the values it repeats; the error is at the alias")
    func billionLaughs() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let d = firstError { _ = try YAMLReader.parse(Data(yaml.utf8), file: "lol.yaml") }
        #expect(d?.id == "data-memory-limit")
        // a4 stands for 111,111 values: the million is reached among the aliases of a5 (line 6).
        #expect(d?.location?.file == "lol.yaml")
        #expect(d?.location?.line == 6, "\(String(describing: d))")
        #expect(d?.message.hasPrefix("YAML 文件内容过多") == true)
    }

    @Test("a million YAML empty objects (`- {}`, 5 bytes each) end at the line reached")
    func emptyYAMLObjects() {
        let yaml = String(repeating: "- {}\n", count: 1_100_000)
        let d = firstError { _ = try YAMLReader.parse(Data(yaml.utf8), file: "d.yaml") }
        #expect(d?.id == "data-memory-limit")
        #expect(d?.location?.line == ReadBudget.structuredNodes)
    }

    @Test("YAML nested deeper than JSON may be is refused where it goes too deep, not by exhausting the stack")
    func deepYAML() {
        let block = String(repeating: "- ", count: 300) + "x\n"
        let d = firstError { _ = try YAMLReader.parse(Data(block.utf8), file: "d.yaml") }
        #expect(d?.id == "yaml-too-deep")
        #expect(d?.location == SourceLocation(file: "d.yaml", line: 1, column: 2 * YAMLReader.maximumDepth + 1))
        // Brackets: libyaml, looking ahead for a key, stops at its own limit (1,000) first.
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let f = firstError { _ = try YAMLReader.parse(Data(flow.utf8), file: "d.yaml") }
        #expect(f?.id == "yaml-syntax" && f?.message.contains("嵌套层数过多") == true && f?.location?.line == 1, "\(String(describing: f))")
    }

    @Test("YAML anchors and aliases still give the anchored values, as values and as keys")
    func aliases() throws {
        let yaml = "县: &c 清水县\n码: &code '052'\n列: &l [1, 2]\n同: *c\n又: *l\n*code : 值\n"
        guard case .record(let r) = try YAMLReader.parse(Data(yaml.utf8), file: "d.yaml") else { Issue.record("not a record"); return }
        #expect(r["同"] == .string("清水县"))
        #expect(r["又"] == .list([.number(Number(1)), .number(Number(2))]))
        #expect(r["052"] == .string("值"))
        #expect(r.order == ["县", "码", "列", "同", "又", "052"])
    }

    @Test("YAML: an undefined alias and a second document are syntax errors at their line")
    func yamlMistakes() {
        let alias = firstError { _ = try YAMLReader.parse(Data("a: 1\nb: *none\n".utf8), file: "d.yaml") }
        #expect(alias?.id == "yaml-syntax" && alias?.location?.line == 2 && alias?.message.contains("*none") == true)
        let documents = firstError { _ = try YAMLReader.parse(Data("a: 1\n---\nb: 2\n".utf8), file: "d.yaml") }
        #expect(documents?.id == "yaml-syntax" && documents?.location?.line == 2)
    }
}
