import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

@Suite("CSV")
struct CSVReaderTests {
    func read(_ text: String, bom: Bool = false) throws(DiagnosticError) -> DataSet {
        try read(bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
    }

    func read(bytes: [UInt8], encoding: TextEncoding? = nil, headerRow: Int? = nil) throws(DiagnosticError) -> DataSet {
        try TableRecords.dataSet(CSVReader.table(bytes, file: "县级指标.csv", encoding: encoding), headerRow: headerRow)
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

    @Test("quoted fields hold commas, quotes and line breaks; rows are numbered as a spreadsheet shows them")
    func quoting() throws {
        let data = try read("名称,说明\r\n\"甲县\",\"第一行\n第二行，含\"\"引号\"\", 和逗号\"\r\n乙县,普通\r\n")
        #expect(data.records[0]["说明"] == .string("第一行\n第二行，含\"引号\", 和逗号"))
        #expect(data.records[1]["名称"] == .string("乙县"))
        #expect(data.locations.map(\.row) == [2, 3])
    }

    @Test("blank lines are skipped; a missing final newline is fine")
    func blankLines() throws {
        let data = try read("a,b\n1,2\n\n3,4")
        #expect(data.records.map { $0["a"] } == [.string("1"), .string("3")])
    }

    @Test("a ragged row is reported with its row number, together with header problems and cells without a header")
    func raggedRows() {
        #expect {
            _ = try read("县,县,\n清水县,1\n石门县,2,3\n")
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.map(\.id) == ["data-header", "csv-ragged-row", "data-cell-without-header"]
                && ds[1].dataLocation == DataLocation(file: "县级指标.csv", row: 2)
                && ds[1].description.hasPrefix("县级指标.csv: 第2行: error: 此行有 2 个字段，而表头有 3 列")
                && ds[2].description.hasPrefix("县级指标.csv: 第3行: error: 第C列有内容，但没有列名")
        }
    }

    @Test("a duplicate header next to a header that looks like its placeholder (x,x#C,x) is reported, not a trap")
    func duplicateHeaderLikeAPlaceholder() {
        #expect {
            _ = try read("x,x#C,x\n1,2,3\n")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.description)
                == ["县级指标.csv: 第1行 “x”: error: 列名 “x” 重复 / duplicate column header [data-header]"]
        }
        for header in [["x", "x#C", "x"], ["x", "x", "x#B"], ["x", "x", "x#B", "x#B#B", "x"], ["", "", "#B"]] {
            let keys = HeaderKeys.keys(header)
            #expect(Set(keys).count == header.count, "\(header) → \(keys)")
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

    @Test("GB18030 is detected when the bytes are not UTF-8, and can be forced")
    func gb18030() throws {
        // 名称,值 / 杨䶮县,1 / 吴𠮷英,2 in GB18030 (from iconv): 䶮 is FE 9F, 𠮷 the four bytes 95 34 B2 35.
        let bytes: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xD6, 0xB5, 0x0A, 0xD1, 0xEE, 0xFE, 0x9F, 0xCF, 0xD8, 0x2C, 0x31, 0x0A,
                              0xCE, 0xE2, 0x95, 0x34, 0xB2, 0x35, 0xD3, 0xA2, 0x2C, 0x32, 0x0A]
        for encoding in [nil, TextEncoding.gb18030] {
            let data = try read(bytes: bytes, encoding: encoding)
            #expect(data.records.map { $0["名称"] } == [.string("杨䶮县"), .string("吴𠮷英")])
        }
    }

    @Test("UTF-16 with a BOM, tab-separated (Excel's “Unicode text”)")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "名称\t值\r\n清水县\t1\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let data = try read(bytes: bytes)
        #expect(data.records[0]["名称"] == .string("清水县"))
        #expect(data.records[0]["值"] == .string("1"))
    }

    @Test("semicolons are detected as the delimiter")
    func semicolons() throws {
        let data = try read("名称;说明\n清水县;\"a;b\"\n")
        #expect(data.records[0]["说明"] == .string("a;b"))
    }

    @Test("forced UTF-8 names the line of the first bad byte and suggests gb18030")
    func forcedUTF8() {
        #expect {
            _ = try read(bytes: Array("a,b\n1,2\n".utf8) + [0xCF, 0xD8, 0x0A], encoding: .utf8)
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "data-encoding" && d.dataLocation?.row == 3 && d.message.contains("--encoding gb18030")
        }
    }

    @Test("a title row above the header is skipped, or the header row is given")
    func titleRows() throws {
        let text = "2025年县级指标,,\n名称,出生率,备注\n清水县,13.17,\n"
        let auto = try read(text)
        #expect(auto.records[0]["出生率"] == .string("13.17"))
        #expect(auto.locations.map(\.row) == [3])
        let given = try read(bytes: Array(text.utf8), headerRow: 2)
        #expect(given.records.count == 1)
    }
}
