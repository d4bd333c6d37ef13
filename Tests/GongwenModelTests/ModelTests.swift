import Foundation
import GongwenModel
import Testing

@Suite("Model")
struct ModelTests {
    @Test("names compare as Swift's strings do: CJK by their bytes, accented text canonically")
    func names() {
        #expect("户主".isSameName(as: "户主") && !"户主".isSameName(as: "户名") && !"户主".isSameName(as: "户"))
        #expect("caf\u{E9}".isSameName(as: "cafe\u{301}") && !"cafe".isSameName(as: "caf\u{E9}"))
        #expect("が".isSameName(as: "か\u{3099}"))
        // Every scalar taken as having one form has no canonical decomposition; U+2000 (which
        // decomposes to U+2002) and kana are not taken.
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x2010...0x2027, 0x2030...0x203E, 0x3000...0x3029, 0x3030...0x303F,
                                             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E]
        for value in ranges.joined() {
            let text = String(Character(Unicode.Scalar(value)!))
            #expect(text.hasSingleUnicodeForm)
            #expect(text.decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) == [value], "U+\(String(value, radix: 16))")
        }
        #expect(!"\u{2000}".hasSingleUnicodeForm && !"\u{3099}".hasSingleUnicodeForm && !"か".hasSingleUnicodeForm)
        #expect("已婚育龄夫妇“三代”人员家庭".isSameName(as: "已婚育龄夫妇“三代”人员家庭"))
        let record = Record([("户主", .string("付花")), ("caf\u{E9}", .string("x")), ("Name", .string("n"))])
        #expect(record["户主"] == .string("付花") && record["cafe\u{301}"] == .string("x") && record["Name"] == .string("n"))
        #expect(record["户"] == nil && record["name"] == nil && record["联系电话"] == nil)
        let cjk = Record([("户主", .string("付花"))])
        #expect(cjk["户主"] == .string("付花") && cjk["户"] == nil && cjk["cafe\u{301}"] == nil)
    }

    @Test("numbers parse only plain decimal notation", arguments: [
        ("12.92", true), ("-1.37", true), ("+5", true), ("0.05", true), ("1e3", true), (".5", true),
        ("1２.3", false), ("12.3‰", false), ("1,000", false), ("", false), ("-", false), ("1.2.3", false), ("nan", false),
    ])
    func numberParsing(_ text: String, _ valid: Bool) {
        #expect((Number(parsing: text) != nil) == valid)
    }

    @Test("a number keeps its literal; arithmetic results print exactly")
    func numberText() {
        #expect(Number(parsing: "12.90")?.text == "12.90")
        #expect(Number(Decimal(string: "0.1")! + Decimal(string: "0.2")!).text == "0.3")
        #expect(Number(parsing: "12.90") == Number(parsing: "12.9"))
    }

    @Test("XML-forbidden characters are removed, everything else kept")
    func xmlCharacters() {
        #expect(XMLCharacters.removingForbidden("a\u{0}b\u{8}c\u{B}\u{C}d\u{1F}e\u{FFFE}\u{FFFF}f\t\n𠮷") == "abcdef\t\n𠮷")
        #expect(!XMLCharacters.containsForbidden("正常文字 & <>"))
    }

    @Test("the dump escapes invisible characters so a golden file shows them")
    func dumpQuoting() {
        let d = Document(title: [.text("a\"b\\c\n\u{1}")])
        #expect(DocumentDump.dump(d).contains(#"Title ["a\"b\\c\n\u{1}"]"#))
    }

    @Test("diagnostics print compiler-style with a caret under wide characters")
    func caret() {
        let d = Diagnostic(id: "x", message: "m", location: SourceLocation(file: "f.xml", line: 1, column: 3))
        let out = DiagnosticFormatter { _ in ["中文x"] }.format(d)
        #expect(out == "f.xml:1:3: error: m [x]\n 1 | 中文x\n   |     ^\n")
    }

    @Test("a line of megabytes (a JSON file on one line) is shown as 100 characters around the column, not whole")
    func longLineCaret() {
        let line = String(repeating: "{},", count: 1_000_000)
        let d = Diagnostic(id: "x", message: "m", location: SourceLocation(file: "d.json", line: 1, column: 2_000_001))
        let out = DiagnosticFormatter { _ in [Substring(line)] }.format(d)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == " 1 | …" + String(repeating: "{},", count: 100).prefix(100) + "…")
        // The caret under the column: after "…" and the 50 characters before it.
        #expect(lines[2] == "   | " + String(repeating: " ", count: 1 + 50) + "^")
        let short = DiagnosticFormatter { _ in ["{}]"] }.format(Diagnostic(id: "x", message: "m", location: SourceLocation(file: "d.json", line: 1, column: 3)))
        #expect(short.hasSuffix(" 1 | {}]\n   |   ^\n"))
    }

    @Test("a record's field order is the data's order")
    func recordOrder() {
        var r = Record([("b", .null), ("a", .null)])
        r["c"] = .bool(true)
        r["b"] = nil
        #expect(r.order == ["a", "c"])
    }
}
