import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

@Suite("CSV")
struct CSVReaderTests {
    func read(_ text: String, bom: Bool = false) throws(DiagnosticError) -> DataSet {
        try CSVReader.read(Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)), file: "县级指标.csv")
    }

    @Test("headers name the fields; every cell is text; rows are numbered as the spreadsheet shows them")
    func basic() throws {
        let data = try read("县,出生率,代码\n清水县,12.92,052\n石门县,9.1,053\n", bom: true)
        #expect(data.records.count == 2)
        #expect(data.records[0]["县"] == .string("清水县"))
        #expect(data.records[0]["出生率"] == .string("12.92"))
        #expect(data.records[0]["代码"] == .string("052"))
        #expect(data.locations.map(\.row) == [2, 3])
    }

    @Test("quoted fields hold commas, quotes and line breaks; rows after them keep their numbers")
    func quoting() throws {
        let data = try read("名称,说明\r\n\"甲县\",\"第一行\n第二行，含\"\"引号\"\", 和逗号\"\r\n乙县,普通\r\n")
        #expect(data.records[0]["说明"] == .string("第一行\n第二行，含\"引号\", 和逗号"))
        #expect(data.records[1]["名称"] == .string("乙县"))
        #expect(data.locations.map(\.row) == [2, 4])
    }

    @Test("blank lines are skipped; a missing final newline is fine")
    func blankLines() throws {
        let data = try read("a,b\n1,2\n\n3,4")
        #expect(data.records.map { $0["a"] } == [.string("1"), .string("3")])
    }

    @Test("a ragged row is reported with its row number, together with header problems")
    func raggedRows() {
        #expect {
            _ = try read("县,县,\n清水县,1\n石门县,2,3\n")
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.map(\.id) == ["csv-header", "csv-header", "csv-ragged-row"]
                && ds[2].dataLocation == DataLocation(file: "县级指标.csv", row: 2)
                && ds[2].description.hasPrefix("县级指标.csv: row 2: error:")
        }
    }

    @Test("an unterminated quote names the row where it opened")
    func unterminatedQuote() {
        #expect {
            _ = try read("a\n\"open\nmore\n")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.dataLocation?.row == 2
        }
    }

    @Test("non-UTF-8 bytes are refused with advice, not misread")
    func encoding() {
        #expect {
            _ = try CSVReader.read(Data([0xCF, 0xD8, 0x0A]), file: "gbk.csv")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "data-encoding"
        }
    }
}
