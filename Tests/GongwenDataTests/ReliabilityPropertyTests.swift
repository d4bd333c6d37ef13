import Foundation
import GongwenModel
import PropertyBased
import Testing
@testable import GongwenData

/// Random cells through every contract type: each ends in a value or a located problem, never
/// a trap, and no value that comes out has a character that hides what it says.
@Suite("Random cells through every field type")
struct ReliabilityPropertyTests {
    /// Pieces of what clerks and attackers put in cells.
    static let fragments: [String] = [
        "0", "1", "5", "9", "00", "052", "12.90", "-", "+", ".", ",", "e", "E", "e999", "e-200", "%", "‰", " ", "\t", "\n", "\r\n",
        "０", "１", "９", "．", "，", "２０２５", "年", "月", "日", "/", "-06-30", "2025", "2025-02-29", "2024-02-29", "13", "32",
        "清水县", "人民政府", "是", "否", "TRUE", "false", "甲", "X", "x", "110101199003074514", "11010119900307451X",
        String(repeating: "9", count: 40), String(repeating: "1", count: 38), "0." + String(repeating: "0", count: 130) + "1",
        "\u{202E}", "\u{202D}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{0000}", "\u{0007}", "\u{0085}",
        "\u{061C}", "\u{E0001}", "\u{FE0F}", "\u{E0100}", "𠮷", "䶮", "é", "e\u{0301}", "\u{FFFD}", "#DIV/0!", "=1+1",
    ]

    /// A random cell: fragments and random scalars (surrogates read as U+FFFD).
    static let cell = Gen<UInt32>.value(in: 0...UInt32.max).array(of: 0...12).map { codes in
        codes.map { code -> String in
            if code % 4 == 0 { return String(Unicode.Scalar((code >> 2) % 0x110000) ?? "\u{FFFD}") }
            return fragments[Int(code >> 2) % fragments.count]
        }.joined()
    }

    static let rules: [FieldRule] = [
        FieldRule(name: "文本", kind: .text, maxLength: 5),
        FieldRule(name: "整数", kind: .integer, minimum: -1000, maximum: 1_000_000),
        FieldRule(name: "小数", kind: .decimal, minimum: 0),
        FieldRule(name: "千分率", kind: .perMille, minimum: 0, maximum: 60),
        FieldRule(name: "百分率", kind: .percent),
        FieldRule(name: "日期", kind: .date),
        FieldRule(name: "代码", kind: .code, lengths: [3, 6]),
        FieldRule(name: "区划代码", kind: .regionCode(level: nil), lengths: [6, 9, 12]),
        FieldRule(name: "选项", kind: .oneOf(["是", "否"])),
        FieldRule(name: "名称", kind: .regionName(codeField: "区划代码"), required: false),
        FieldRule(name: "身份证号", kind: .idNumber),
    ]

    @Test("every field type turns a random cell into a value or a problem in words, without trapping")
    func conversions() async {
        await propertyCheck(count: 1000, input: Self.cell) { text in
            for rule in Self.rules {
                for value in [Value.string(text), Number(parsing: text).map(Value.number)].compactMap({ $0 }) {
                    switch Result(catching: { () throws(FieldValue.Problem) in try FieldValue.convert(value, as: rule) }) {
                    case .success(let converted):
                        if case .number(let n) = converted { #expect(!n.value.isNaN, "\(rule.name): \(text.debugDescription)") }
                    case .failure(let problem):
                        #expect(problem.id.hasPrefix("data-") && problem.message.contains(" / "), "\(rule.name): \(problem.message)")
                    }
                }
            }
        }
    }

    @Test("a row of random cells read as a table and checked: every problem has its row and column; no value hides a character")
    func throughTheChecks() async {
        let header = Table.Row(number: 1, cells: Self.rules.map { .string($0.name) })
        let contract = DataContract(fields: Self.rules)
        await propertyCheck(count: 400, input: Self.cell.array(of: Self.rules.count)) { cells in
            let table = Table(file: "d.csv", rows: [header, Table.Row(number: 7, cells: cells.map(Value.string))], fixedWidth: true)
            let data: DataSet
            do {
                data = try TableRecords.dataSet(table, headerRow: 1, keepingBadRows: true)
            } catch {
                Issue.record("a row of \(cells.count) cells under a header of as many failed: \(error)")
                return
            }
            for problem in data.rowProblems {
                #expect(problem.dataLocation?.row == 7)
            }
            for warning in data.warnings {
                #expect(warning.dataLocation?.row == 7 && warning.dataLocation?.field != nil)
            }
            let result = DataCheck.run(data, contract: contract, regions: nil)
            for problem in result.problems {
                #expect(problem.dataLocation?.row == 7, "\(problem)")
                #expect(problem.dataLocation?.field.map { f in Self.rules.contains { $0.name == f } } == true, "\(problem)")
                #expect(problem.message.contains(" / "))
            }
            for record in result.data.records {
                for value in record.values {
                    #expect(!InvisibleCharacters.contains(value.text), "\(value.text.debugDescription)")
                    if case .number(let n) = value { #expect(!n.value.isNaN) }
                }
            }
        }
    }

    @Test("random text parsed as a number is exact or refused: what is accepted prints as written and means what it says")
    func numbers() async {
        await propertyCheck(count: 2000, input: Self.cell) { text in
            guard let number = Number(parsing: text) else { return }
            #expect(!number.value.isNaN)
            #expect(number.text == text)
            // The value read back from its own shortest form is the same value.
            #expect(Number(parsing: Number.format(number.value))?.value == number.value, "\(text)")
        }
    }

    static let jsonFragments = ["{", "}", "[", "]", ":", ",", "\"", "\"名称\"", "\\", "\\u", "\\ud83d", "\\n", "null", "true", "-", "0", "12.90",
                                "1e999", String(repeating: "9", count: 45), " ", "\n", "“", "，", "'", "/", "\u{0}", "\u{202E}"]

    /// Random JSON-like text.
    static let json = Gen<UInt32>.value(in: 0...UInt32.max).array(of: 0...24).map { codes in
        codes.map { code -> String in
            if code % 5 == 0 { return String(Unicode.Scalar((code >> 3) % 0x110000) ?? "\u{FFFD}") }
            return jsonFragments[Int(code >> 3) % jsonFragments.count]
        }.joined()
    }

    @Test("random JSON-like text ends in a value or a located json diagnostic, never a trap")
    func randomJSON() async {
        await propertyCheck(count: 2000, input: Self.json) { text in
            do {
                _ = try JSONReader.parse(Data(text.utf8), file: "d.json")
            } catch {
                let d = (error as! DiagnosticError).diagnostics[0]
                #expect(d.id.hasPrefix("json-"), "\(d)")
                #expect(d.location?.file == "d.json" && (d.location?.line ?? 0) >= 1 && (d.location?.column ?? 0) >= 1, "\(d)")
                #expect(d.message.contains(" / "))
            }
        }
    }

    @Test("a date of digits beyond Int's range is a problem, not a trap (found by the random cells)")
    func hugeDateDigits() {
        #expect {
            _ = try FieldValue.convert(.string(String(repeating: "9", count: 40) + "-1-1"), as: FieldRule(name: "日期", kind: .date))
        } throws: { ($0 as! FieldValue.Problem).id == "data-not-a-date" }
    }
}
