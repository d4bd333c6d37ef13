import Foundation
import Testing
import GongwenData
import GongwenModel
@testable import Gongwen

/// The reports' .xlsx and .csv: what Gongwen writes must read back, cell for cell, through the same
/// spreadsheet reader the office's data goes through — and data stays text, never a formula or markup.
@Suite struct WorkbookTests {
    @Test func workbookReadsBackCellForCell() throws {
        let rows: [[Workbook.Cell]] = [
            [.text("名称"), .text("得分"), .text("说明")],
            [.text("清水县"), .number(79.25), .text("<b>&amp; \"引号\"</b>")],
            [.text("=SUM(A1)"), .number(-3), .empty, .text("第四列")],
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("结果.xlsx").path
        try Data(Workbook(sheets: [Workbook.Sheet(name: "考核结果", rows: rows), Workbook.Sheet(name: "决定", rows: [[.text("空")]])]).bytes())
            .write(to: URL(fileURLWithPath: path))
        let table = try DataReader.table(path: path)
        #expect(table.rows.count == 3)
        #expect(table.rows[1].cells[0] == .string("清水县"))
        #expect(table.rows[1].cells[1].text == "79.25")
        #expect(table.rows[1].cells[2] == .string("<b>&amp; \"引号\"</b>"))
        #expect(table.rows[2].cells[0] == .string("=SUM(A1)"))
        #expect(table.rows[2].cells.count == 4)
        #expect(table.rows[2].cells[3] == .string("第四列"))
        var options = ReadOptions()
        options.sheet = "决定"
        #expect(try DataReader.table(path: path, options: options).rows[0].cells[0] == .string("空"))
    }

    @Test func columnNamesGoPastZ() {
        #expect(Workbook.columnName(0) == "A")
        #expect(Workbook.columnName(25) == "Z")
        #expect(Workbook.columnName(26) == "AA")
        #expect(Workbook.columnName(701) == "ZZ")
        #expect(Workbook.columnName(702) == "AAA")
    }

    @Test func csvQuotesAndDisarmsFormulas() {
        let text = String(decoding: CSVText.bytes([[.text("a,b"), .text("说\"明"), .text("=1+1"), .text("-5"), .number(2.5), .empty]]), as: UTF8.self)
        #expect(text == "\u{FEFF}\"a,b\",\"说\"\"明\",'=1+1,-5,2.5,\r\n")
    }
}

/// The data of an assessment document, written as JSON, reads back as the same data set.
@Suite struct DataSetJSONTests {
    @Test func roundTripsThroughTheJSONReader() throws {
        let shared = Record([("发文机关", .string("南岭省人口和计划生育领导小组")), ("抄送机关", .list([.string("省委办公厅"), .string("引号\"与\\")]))])
        let record = Record([("发文序号", .number(Number(17))), ("漏报率", .number(Number(Decimal(string: "5.10")!, literal: "5.10"))),
                             ("连续两年", .bool(false)), ("空", .null), ("地区", .list([.record(Record([("名称", .string("清水县\n"))]))]))])
        let data = DataSet(file: "x.json", shared: shared, records: [record])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dsjson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("d.json").path
        try DataSetJSON.text(data).write(toFile: path, atomically: true, encoding: .utf8)
        let back = try DataReader.read(path: path)
        #expect(back.shared == shared)
        #expect(back.records.count == 1)
        #expect(back.records[0]["漏报率"]?.text == "5.10")
        #expect(back.records[0]["发文序号"]?.text == "17")
        #expect(back.records[0]["连续两年"] == .bool(false))
        #expect(back.records[0]["地区"] == record["地区"])
    }
}
