import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

/// JSON and YAML that would be read wrong or explained in a foreign language: duplicate keys,
/// numbers beyond Decimal, syntax errors at their line and column, in Chinese.
@Suite("Hostile files: JSON, YAML and numbers")
struct ReliabilityStructuredTests {
    func jsonError(_ text: String) -> Diagnostic? {
        do {
            _ = try JSONReader.parse(Data(text.utf8), file: "d.json")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test("JSON syntax errors are in Chinese at their line and column, with a hint for the usual slips",
          arguments: [
            ("{\"a\": 1,}", 1, 8, "最后一项后面不能有逗号"),
            ("[1, 2,\n]", 1, 6, "最后一项后面不能有逗号"),
            ("{“名称”: 1}", 1, 2, "中文引号"),
            ("{\"a\"：1}", 1, 5, "中文标点"),
            ("[1, 2", 1, 6, "意外结束"),
            ("{\"代码\": 052}", 1, 8, "以 0 开头的代码"),
            ("{'a': 1}", 1, 2, "单引号"),
            ("[\n  {\"县\": \"清水县\"},\n  {\"县\" \"石门县\"}\n]", 3, 8, "冒号"),
            ("{\"a\": \"第一行\n第二行\"}", 1, 11, "换行"),
            ("{\"a\": tru}", 1, 7, "应为一个值"),
            ("{\"a\": 1} x", 1, 10, "多余的内容"),
            ("{\"a\": \"\\x\"}", 1, 8, "无效的转义"),
            ("{\"a\": \"\\ud800\"}", 1, 8, "代理项"),
            ("", 1, 1, "空的"),
          ])
    func syntaxErrors(_ text: String, _ line: Int, _ column: Int, _ words: String) throws {
        let d = try #require(jsonError(text))
        #expect(d.id == "json-syntax")
        #expect(d.location == SourceLocation(file: "d.json", line: line, column: column), "\(d.message)")
        #expect(d.message.hasPrefix("JSON 格式错误：") && d.message.contains(words), "\(d.message)")
        #expect(!d.message.contains("NSCocoaErrorDomain") && !d.message.contains("The data"))
    }

    @Test("a key written twice in one JSON object is an error at the second, naming the first")
    func duplicateKeys() throws {
        let d = try #require(jsonError("[{\"名称\": \"甲\", \"值\": 1},\n {\"名称\": \"乙\",\n  \"名称\": \"丙\"}]"))
        #expect(d.id == "json-duplicate-key")
        #expect(d.location == SourceLocation(file: "d.json", line: 3, column: 3))
        #expect(d.message.contains("“名称”") && d.message.contains("第 2 行第 3 列"))
    }

    @Test("JSON numbers keep every digit written; one Decimal cannot hold exactly is an error, never rounded")
    func exactNumbers() throws {
        let value = try JSONReader.parse(Data(#"{"身份证号": 110101199003074514, "大": 12345678901234567890123456789012345678, "率": 12.90, "指数": 1.5e3, "负零": -0}"#.utf8),
                                         file: "d.json")
        guard case .record(let r) = value else { Issue.record("not a record"); return }
        #expect(r["身份证号"]?.text == "110101199003074514")
        #expect(r["大"]?.text == "12345678901234567890123456789012345678")
        #expect(r["大"]?.asNumber?.value == Decimal(string: "12345678901234567890123456789012345678"))
        #expect(r["率"]?.text == "12.90")
        #expect(r["指数"]?.text == "1500")
        #expect(r["负零"]?.asNumber?.value == 0)
        for text in ["123456789012345678901234567890123456789", "0.1234567890123456789012345678901234567891", "1e400", "-2.5E-200"] {
            let d = jsonError("{\"a\": \(text)}")
            #expect(d?.id == "json-number-precision", "\(text)")
            #expect(d?.location == SourceLocation(file: "d.json", line: 1, column: 7))
        }
    }

    @Test("nesting deep enough to exhaust the stack is refused")
    func deepNesting() {
        let d = jsonError(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(d?.id == "json-too-deep")
    }

    @Test("YAML: a key written twice is an error at its line; syntax errors are in Chinese at their line and column")
    func yaml() throws {
        #expect {
            _ = try YAMLReader.parse(Data("- 名称: 甲\n  值: 1\n  名称: 乙\n".utf8), file: "d.yaml")
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "yaml-duplicate-key" && d.message.contains("“名称”") && d.location?.file == "d.yaml" && d.location?.line != nil
        }
        #expect {
            _ = try YAMLReader.parse(Data("名称: 甲\n说明: 时间: 上午\n".utf8), file: "d.yaml")
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "yaml-syntax" && d.location?.line == 2 && d.message.hasPrefix("YAML 格式错误：此处不能有冒号")
        }
        #expect {
            _ = try YAMLReader.parse(Data(Array("名称: 甲\n说明: ".utf8) + [0xB3, 0x0A]), file: "d.yaml")
        } throws: { error in
            (error as! DiagnosticError).diagnostics[0].location == SourceLocation(file: "d.yaml", line: 2, column: 5)
        }
    }

    @Test("Number(parsing:) takes what Decimal holds exactly and nothing else", arguments: [
        ("12345678901234567890123456789012345678", true),   // 38 digits
        ("123456789012345678901234567890123456789", false), // 39
        ("1000000000000000000000000000000000000000000", true),  // one digit and zeros: 1e42
        ("0.00000000000000000000000000000000000000000001", true),
        ("1e127", true), ("12e126", true), ("1e128", false), ("1e165", false),
        ("1e-128", true), ("1e-129", false), ("1e999999", false), ("1e9999999", false),
        ("-0", true), ("+1.5", true), ("1.", true), (".5", true), ("1,000", false), ("１２", false), ("", false), ("e5", false),
    ])
    func precision(_ text: String, _ accepted: Bool) {
        let number = Number(parsing: text)
        #expect((number != nil) == accepted)
        if let number {
            #expect(!number.value.isNaN)
            #expect(number.text == text)
        }
    }

    @Test("a figure with more digits than Decimal holds is reported as such in a number field")
    func tooManyDigits() {
        let rule = FieldRule(name: "金额", kind: .decimal)
        #expect {
            _ = try FieldValue.convert(.string("1234567890123456789012345678901234567890"), as: rule)
        } throws: { error in
            let p = error as! FieldValue.Problem
            return p.id == "data-not-a-number" && p.message.contains("位数过多")
        }
    }

    @Test("a data file that is missing, a folder or not a file is named in Chinese with its path, on every reading path",
          arguments: ["csv", "xlsx", "ods", "json", "yaml"])
    func unreadableFiles(_ ext: String) throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("没有.\(ext)").path
        let folder = dir.appendingPathComponent("文件夹.\(ext)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func first(_ body: () throws -> Void) -> Diagnostic? {
            do { try body(); return nil } catch { return (error as? DiagnosticError)?.diagnostics.first }
        }
        for read in [{ (p: String) in _ = try DataReader.read(path: p) },
                     { (p: String) in _ = try DataReader.readShared(path: p) }] {
            let gone = first { try read(missing) }
            #expect(gone?.id == "data-not-found")
            #expect(gone?.message.hasPrefix("找不到数据文件 “\(missing)”") == true, "\(gone?.message ?? "")")
            let isFolder = first { try read(folder) }
            #expect(isFolder?.id == "data-unreadable")
            #expect(isFolder?.message.hasPrefix("“\(folder)” 是文件夹") == true, "\(isFolder?.message ?? "")")
        }
        if DataReader.canStream(missing) {
            #expect(first { _ = try DataReader.rows(path: missing) }?.id == "data-not-found")
            #expect(first { _ = try DataReader.rows(path: folder) }?.id == "data-unreadable")
        }
    }
}
