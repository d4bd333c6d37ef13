import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

/// Text that lies: characters that are not seen but change what is seen are removed from the
/// values and reported at their row and column, in every reader.
@Suite("Hostile files: text that lies")
struct ReliabilityTextTests {
    static let rlo = "\u{202E}"

    func write(_ name: String, _ text: String) throws -> (dir: URL, path: String) {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test("a RIGHT-TO-LEFT OVERRIDE in a CSV name is removed and reported with row, column and the character's name")
    func overrideInCSV() throws {
        let (dir, path) = try write("d.csv", "名称,备注\n清水县\(Self.rlo)府政民人,无\n石门县,零\u{200B}宽\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try DataReader.read(path: path)
        #expect(data.records[0]["名称"] == .string("清水县府政民人"))
        #expect(data.records[1]["备注"] == .string("零宽"))
        #expect(data.warnings.map(\.id) == ["data-invisible-character", "data-invisible-character"])
        let first = try #require(data.warnings.first)
        #expect(first.severity == .warning)
        #expect(first.dataLocation == DataLocation(file: path, row: 2, field: "名称"))
        #expect(first.message.contains("U+202E 从右向左覆盖（RIGHT-TO-LEFT OVERRIDE）"))
        #expect(data.warnings[1].message.contains("U+200B 零宽空格"))
        // The streamed reader removes them the same way.
        let streamed = try DataReader.rows(path: path)
        var reader = try TableRecordReader(rows: streamed.rows, file: path, fixedWidth: true, headerRow: nil)
        let entry = try #require(try reader.next())
        #expect(entry.record?["名称"] == .string("清水县府政民人"))
        #expect(entry.warnings.first?.dataLocation?.row == 2)
    }

    @Test("bidi controls, format characters and controls are removed; tab, line breaks and variation selectors are kept",
          arguments: [
            ("\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}e", "abcde"),
            ("\u{2066}a\u{2067}b\u{2068}c\u{2069}d\u{200E}e\u{200F}f\u{061C}g", "abcdefg"),
            ("县\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}名", "县名"),
            ("a\u{0000}b\u{0007}c\u{001B}d\u{007F}e\u{0085}f\u{009F}g", "abcdefg"),
            ("第一行\r\n第二行\t甲", "第一行\r\n第二行\t甲"),
            ("葛\u{E0100}洲坝", "葛\u{E0100}洲坝"),
            ("“引号”—破折号…‰（全角）·间隔号", "“引号”—破折号…‰（全角）·间隔号"),
            ("tag\u{E0001}\u{E0041}s", "tags"),
          ])
    func removal(_ input: String, _ expected: String) {
        #expect(InvisibleCharacters.remove(from: input).text == expected)
        #expect(InvisibleCharacters.contains(input) == (input != expected))
    }

    @Test("the byte scan agrees with Unicode's general categories over every scalar")
    func agreesWithUnicode() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let category = scalar.properties.generalCategory
            let expected = category == .format || (category == .control && value != 0x09 && value != 0x0A && value != 0x0D)
            if expected != InvisibleCharacters.isInvisible(value) {
                Issue.record("U+\(String(value, radix: 16)) is \(category)")
            }
            if value % 97 == 0 || expected {
                #expect(InvisibleCharacters.contains("甲" + String(scalar) + "乙") == expected)
            }
        }
    }

    @Test("a header with a zero-width space still matches; JSON and YAML values, keys and nested lists are cleaned")
    func structured() throws {
        let (dir, csv) = try write("d.csv", "名\u{200B}称,值\n清水县,1\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = try DataReader.read(path: csv)
        #expect(table.records[0].order == ["名称", "值"])
        #expect(table.warnings.first?.dataLocation == DataLocation(file: csv, row: 1, field: "名称"))

        let json = dir.appendingPathComponent("d.json").path
        try Data(#"{"发文机关":"龙溪州\u200b人民政府","记录":[{"名\u202e称":"x","地区":[{"名称":"清水县\u202e府政民人"}]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: json))
        let data = try DataReader.read(path: json)
        #expect(data.shared["发文机关"] == .string("龙溪州人民政府"))
        #expect(data.records[0]["名称"] == .string("x"))
        #expect(data.records[0]["地区"] == .list([.record(Record([("名称", .string("清水县府政民人"))]))]))
        let fields = Set(data.warnings.compactMap { $0.dataLocation?.field })
        #expect(fields == ["发文机关", "名称", "地区[1].名称"])

        let yaml = dir.appendingPathComponent("d.yaml").path
        try Data("- 名称: \"清水县\\u202E府政民人\"\n".utf8).write(to: URL(fileURLWithPath: yaml))
        let y = try DataReader.read(path: yaml)
        #expect(y.records[0]["名称"] == .string("清水县府政民人"))
        #expect(y.warnings.first?.dataLocation == DataLocation(file: yaml, record: 1, field: "名称"))
    }

    @Test("a hundred and fifty rows with a zero-width space give a hundred warnings and a count")
    func capped() throws {
        let rows = (1...150).map { "县\u{200B}\($0),\($0)" }.joined(separator: "\n")
        let (dir, path) = try write("d.csv", "名称,值\n" + rows + "\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try DataReader.read(path: path)
        #expect(data.records.allSatisfy { !InvisibleCharacters.contains($0["名称"]!.text) })
        #expect(data.warnings.count == WarningList.listed + 1)
        #expect(data.warnings.last?.message.contains("另有 50 处") == true)
    }
}
