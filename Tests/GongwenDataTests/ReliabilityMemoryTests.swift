import Foundation
import GongwenModel
import Testing
import ZIPFoundation
import TestSupport
@testable import GongwenData

/// Small files that cost a reader far more than their size (Tests/Fixtures/data/make-hostile.py
/// and files built here): each must end in a located error after bounded memory and time, never
/// in running out of memory or a crash.
@Suite("Hostile files: memory and arithmetic")
struct ReliabilityMemoryTests {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/data/\(name)") }

    func firstError(_ path: String) -> Diagnostic? {
        do {
            _ = try DataReader.read(path: path)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test("26 million empty shared strings (190 KB on disk, 816 MB before) end in a memory-limit error naming the part")
    func sharedStrings() {
        let d = firstError(Self.fixture("hostile-shared-strings.xlsx"))
        #expect(d?.id == "data-memory-limit")
        #expect(d?.message.contains("xl/sharedStrings.xml") == true)
        #expect(d?.dataLocation?.file == Self.fixture("hostile-shared-strings.xlsx"))
    }

    @Test("25 million cell formats end in a memory-limit error naming styles.xml")
    func styles() {
        let d = firstError(Self.fixture("hostile-styles.xlsx"))
        #expect(d?.id == "data-memory-limit")
        #expect(d?.message.contains("xl/styles.xml") == true)
    }

    @Test("rows of one cell in column XFD: read whole, a memory-limit error with the row; streamed, too many cells")
    func wideRows() throws {
        let path = Self.fixture("hostile-wide-rows.xlsx")
        let d = firstError(path)
        #expect(d?.id == "data-memory-limit")
        #expect(d?.dataLocation?.row != nil)
        #expect(d?.message.contains("sheet1.xml") == true)
        // Streamed (a batch of one document per row), rows are not kept, but laying each out
        // 16,384 cells wide is work: the empty cells count towards the sheet's cell limit.
        var streamed = try DataReader.rows(path: path)
        #expect {
            while try streamed.rows.nextRow() != nil {}
        } throws: { ($0 as! DiagnosticError).diagnostics[0].id == "spreadsheet-too-large" }
    }

    @Test("an .ods row repeated a million times, twenty times over, stops at the memory limit")
    func repeatedRows() {
        let d = firstError(Self.fixture("hostile-repeated-rows.ods"))
        #expect(d?.id == "data-memory-limit")
        #expect(d?.message.contains("content.xml") == true)
        #expect(d?.dataLocation?.row != nil)
    }

    @Test("a cell of a hundred thousand `text:s` of a thousand spaces is refused while it is read, at its row and column")
    func repeatedSpaces() {
        let d = firstError(Self.fixture("hostile-spaces.ods"))
        #expect(d?.id == "data-cell-too-long")
        #expect(d?.dataLocation?.row == 2)
        #expect(d?.dataLocation?.field == "B列")
    }

    @Test("repeat counts and row numbers near Int.max do not overflow")
    func hugeCounts() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = "9223372036854775807"
        let ods = try HostileFiles.ods(rows:
            "<table:table-row>\(HostileFiles.odsCell("名称"))\(HostileFiles.odsCell("值"))</table:table-row>"
            + "<table:table-row table:number-rows-repeated=\"\(big)\"><table:table-cell table:number-columns-repeated=\"\(big)\"/></table:table-row>"
            + "<table:table-row table:number-rows-repeated=\"\(big)\"><table:table-cell table:number-columns-repeated=\"\(big)\"/></table:table-row>"
            + "<table:table-row>\(HostileFiles.odsCell("清水县"))\(HostileFiles.odsCell("1"))</table:table-row>", in: dir)
        let data = try DataReader.read(path: ods)
        #expect(data.records.count == 1)
        #expect(data.records[0]["名称"] == .string("清水县"))
        let xlsx = try HostileFiles.xlsx(sheet:
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>值</t></is></c></row>"
            + "<row r=\"\(big)\"><c t=\"inlineStr\"><is><t>清水县</t></is></c><c><v>1</v></c></row>"
            + "<row><c t=\"inlineStr\"><is><t>石门县</t></is></c><c><v>2</v></c></row>", in: dir)
        let rows = try DataReader.read(path: xlsx)
        #expect(rows.records.count == 2)
    }

    @Test("a CSV header wider than a sheet can be is refused, not read with its columns cut off")
    func wideCSV() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("宽.csv").path
        let header = (0..<20_000).map { "列\($0)" }.joined(separator: ",")
        let row = (0..<20_000).map { _ in "1" }.joined(separator: ",")
        try Data((header + "\n" + row + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(firstError(path)?.id == "data-too-many-columns")
        var rows = try DataReader.rows(path: path)
        #expect(try rows.rows.nextRow()?.cells.count == CSVParser.maximumFields + 1)
    }

    @Test("a quoted CSV field of 8 MB is cut while it is read and reported as too long at its row and column")
    func longCSVField() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("长.csv").path
        let text = "名称,说明\n清水县,\"" + String(repeating: "x\"\"", count: 1 << 21) + "\"\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var rows = try DataReader.rows(path: path)
        _ = try rows.rows.nextRow()
        let cell = try #require(try rows.rows.nextRow()?.cells[1])
        #expect(cell.text.utf8.count == CSVParser.maximumFieldBytes + 1)
        let d = firstError(path)
        #expect(d?.id == "data-cell-too-long")
        #expect(d?.dataLocation?.row == 2)
        #expect(d?.dataLocation?.field == "说明")
    }

    @Test("rows of one filled cell held while the header is looked for are bounded")
    func pendingRows() {
        let wide = Table.Row(number: 0, cells: [Value](repeating: .null, count: 16_383) + [.string("x")])
        let rows = (1...100).map { Table.Row(number: $0, cells: wide.cells) }
        let table = Table(file: "t.xlsx", rows: rows, fixedWidth: false)
        #expect {
            _ = try TableRecords.dataSet(table, headerRow: nil)
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "data-header-row" && d.message.contains("--header-row") && d.dataLocation?.row != nil
        }
    }
}
