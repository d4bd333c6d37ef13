import Foundation
import GongwenModel
import Testing
import ZIPFoundation
import TestSupport
@testable import GongwenData

/// The fixtures in Tests/Fixtures/data were made by LibreOffice from 县级指标.fods
/// (make-fixtures.py); the same sheet must read the same from every format.
@Suite("Spreadsheets made by LibreOffice")
struct SpreadsheetReaderTests {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/data/\(name)") }

    func read(_ name: String, _ options: ReadOptions = ReadOptions()) throws(DiagnosticError) -> DataSet {
        try DataReader.read(path: Self.fixture(name), options: options)
    }

    @Test("the title row is skipped and rows keep the numbers the user sees", arguments: ["县级指标.xlsx", "县级指标.ods", "县级指标-utf8.csv", "县级指标-gb18030.csv", "县级指标-tab.csv", "县级指标-utf16.txt"])
    func sameRecords(_ name: String) throws {
        let data = try read(name)
        #expect(data.records.count == 4)
        #expect(data.locations.map(\.row) == [3, 4, 5, 6])
        #expect(data.records[0].order == ["行政区划代码", "名称", "常住人口", "出生数", "出生率（‰）", "符合政策生育率", "考核日期", "达标", "备注"])
        let first = data.records[0]
        #expect(first["行政区划代码"]?.text == "660203")
        #expect(first["名称"] == .string("清水县"))
        #expect(first["常住人口"]?.text == "412345")
        // The formula's cached value, with the two decimals the cell shows.
        #expect(first["出生率（‰）"]?.text == "13.17")
        #expect(data.records[3]["出生率（‰）"]?.text == "12.00")
        #expect(first["符合政策生育率"]?.text == "93.12%")
        #expect(data.records[1]["备注"] == .string("备注含逗号,和\"引号\""))
        #expect(data.records[2]["备注"] == .string("第一行\n第二行"))
        #expect(data.records[3]["名称"] == .string("杨䶮县"))
        #expect(data.records[3]["备注"] == .string("=HYPERLINK(\"http://x.example\",\"点我\") <b>粗</b>"))
        // An empty cell is empty, in every format.
        #expect(FieldValueDisplay.of(data.records[2]["出生数"]) == "")
    }

    @Test("dates stored as serial numbers under a date format are dates", arguments: ["县级指标.xlsx", "县级指标.ods"])
    func dates(_ name: String) throws {
        let data = try read(name)
        #expect(data.records.map { $0["考核日期"] } == ["2025-06-30", "2025-07-01", "2025-12-31", "2026-01-15"].map { .string($0) })
        #expect(data.records[0]["常住人口"] == .number(Number(412345)))
    }

    @Test("booleans are booleans", arguments: ["县级指标.xlsx", "县级指标.ods"])
    func booleans(_ name: String) throws {
        #expect(try read(name).records.map { $0["达标"] } == [.bool(true), .bool(false), .bool(true), .bool(true)])
    }

    @Test("a named sheet is read; an unknown one lists the sheets there are", arguments: ["县级指标.xlsx", "县级指标.ods"])
    func namedSheet(_ name: String) throws {
        let data = try read(name, ReadOptions(sheet: "有错误"))
        #expect(data.records.count == 3)
        #expect(data.records[0]["出生率（‰）"] == .string("1２.3‰"))
        #expect {
            _ = try read(name, ReadOptions(sheet: "县级"))
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "data-sheet-not-found" && d.message.contains("“县级指标”、“有错误”")
        }
    }

    @Test("--header-row picks the header; a blank header row is refused")
    func headerRow() throws {
        let data = try read("县级指标.xlsx", ReadOptions(headerRow: 2))
        #expect(data.records.count == 4)
        #expect {
            _ = try read("县级指标.xlsx", ReadOptions(headerRow: 40))
        } throws: { error in
            (error as! DiagnosticError).diagnostics[0].id == "data-header-row"
        }
    }

    @Test("inline strings, rich-text runs, booleans, formula errors and skipped rows (hand-made .xlsx)")
    func inlineStrings() throws {
        let data = try read("inline-strings.xlsx")
        #expect(data.records.map { $0["名称"] } == [.string("清水县"), .string(" 石门县 ")])
        #expect(data.records[0]["出生率"]?.text == "13.17")
        #expect(data.records.map { $0["达标"] } == [.bool(true), .bool(false)])
        #expect(data.records[1]["出生率"] == .string("#DIV/0!"))
        #expect(data.locations.map(\.row) == [2, 4])
    }
}

@Suite("Hostile spreadsheets")
struct HostileSpreadsheetTests {
    @Test("a cell longer than Excel allows is reported with its row and column")
    func longCell() throws {
        let table = Table(file: "d.csv", rows: [
            Table.Row(number: 1, cells: [.string("名称"), .string("说明")]),
            Table.Row(number: 2, cells: [.string("清水县"), .string(String(repeating: "长", count: 40_000))]),
        ], fixedWidth: true)
        #expect {
            _ = try TableRecords.dataSet(table, headerRow: nil)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.description)
                == ["d.csv: 第2行 “说明”: error: 内容过长（40000 个字符，最多 32767 个） / cell text too long [data-cell-too-long]"]
        }
    }

    func error(_ name: String) -> Diagnostic? {
        do {
            _ = try DataReader.read(path: SpreadsheetReaderTests.fixture(name))
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test("a zip bomb is stopped by the inflated-size limit")
    func zipBomb() {
        #expect(error("bomb.xlsx")?.id == "spreadsheet-too-large")
    }

    @Test("a deflate stream that never reaches its last block is a corrupt part, not a hang")
    func deflateThatNeverEnds() throws {
        // An empty stored block that is not the last one: zlib wants more, the part has no more.
        // ZIPFoundation's inflate loop on Linux asked for more forever.
        let neverEnds: [UInt8] = [0x00, 0x00, 0x00, 0xFF, 0xFF]
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("不会结束.xlsx").path
        try Data(Self.zip(name: "_rels/.rels", method: 8, data: neverEnds, size: 100)).write(to: URL(fileURLWithPath: path))
        let zip = try ZipParts(path: path, file: "不会结束.xlsx")
        #expect { _ = try zip.read("_rels/.rels") } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.description)
                == ["不会结束.xlsx: error: 表格文件已损坏：无法解压 “_rels/.rels” / corrupt archive part [spreadsheet-corrupt]"]
        }
        #expect { _ = try DataReader.read(path: path) } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.id) == ["spreadsheet-corrupt"]
        }
        // A stored part is its bytes; a stream cut short inside a block is corrupt too.
        try Data(Self.zip(name: "a.txt", method: 0, data: Array("甲乙".utf8), crc: 0x3B41_CB35)).write(to: URL(fileURLWithPath: path))
        #expect(try ZipParts(path: path, file: "x").read("a.txt").map { String(decoding: $0, as: UTF8.self) } == "甲乙")
        try Data(Self.zip(name: "a.txt", method: 8, data: [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61], size: 5)).write(to: URL(fileURLWithPath: path))
        #expect(throws: DiagnosticError.self) { _ = try ZipParts(path: path, file: "x").read("a.txt") }
    }

    /// A zip of one part whose bytes are given as they are stored (`method` 0 stored, 8 deflated).
    static func zip(name: String, method: UInt16, data: [UInt8], size: Int? = nil, crc: UInt32 = 0) -> [UInt8] {
        func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let nameBytes = Array(name.utf8)
        let common = le(20, 2) + le(0, 2) + le(Int(method), 2) + le(0, 4) + le(Int(crc), 4) + le(data.count, 4)
            + le(size ?? data.count, 4) + le(nameBytes.count, 2) + le(0, 2)
        let local = le(0x0403_4b50, 4) + common + nameBytes + data
        let central = le(0x0201_4b50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + nameBytes
        return local + central + le(0x0605_4b50, 4) + le(0, 4) + le(1, 2) + le(1, 2) + le(central.count, 4) + le(local.count, 4) + le(0, 2)
    }

    @Test("a lying size header does not get past the limit")
    func lyingSize() throws {
        let zip = try ZipParts(path: SpreadsheetReaderTests.fixture("bomb.xlsx"), file: "bomb.xlsx", partLimit: 1 << 30, totalLimit: 1 << 30)
        let small = try ZipParts(path: SpreadsheetReaderTests.fixture("县级指标.xlsx"), file: "x.xlsx", partLimit: 1000, totalLimit: 1000)
        #expect(throws: DiagnosticError.self) { _ = try small.read("xl/worksheets/sheet1.xml") }
        #expect(try zip.read("xl/workbook.xml") != nil)
    }

    @Test("entity declarations (billion laughs) are refused, not expanded")
    func entities() {
        #expect(error("entities.xlsx")?.id == "spreadsheet-doctype")
    }

    @Test("an external entity and relationships pointing outside the archive read nothing from disk")
    func external() {
        let d = error("external.xlsx")
        #expect(d?.id == "spreadsheet-doctype")
        #expect(d?.message.contains("root:") == false)
    }

    @Test("a file that is not a zip, and an old .xls, get clear errors")
    func notZip() throws {
        let dir = temporaryDirectory()
        let fake = dir.appendingPathComponent("假的.xlsx").path
        try Data("名称,值\n".utf8).write(to: URL(fileURLWithPath: fake))
        let xls = dir.appendingPathComponent("旧.xls").path
        try Data([0xD0, 0xCF, 0x11, 0xE0]).write(to: URL(fileURLWithPath: xls))
        #expect {
            _ = try DataReader.read(path: fake)
        } throws: { ($0 as! DiagnosticError).diagnostics[0].id == "spreadsheet-not-zip" }
        #expect {
            _ = try DataReader.read(path: xls)
        } throws: { ($0 as! DiagnosticError).diagnostics[0].message.contains("另存为") }
    }

    /// An .xlsx with `rows` data rows (名称 = 县N, 值 = N) in inline strings: a sheet part of
    /// many inflated pieces. The deflated bytes of the sheet are returned too, to corrupt them.
    static func largeWorkbook(rows: Int, in dir: URL) throws -> (path: String, sheetData: Range<Int>) {
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        sheet += "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>值</t></is></c></row>"
        for n in 1...rows {
            sheet += "<row r=\"\(n + 1)\"><c r=\"A\(n + 1)\" t=\"inlineStr\"><is><t>县\(n)</t></is></c><c r=\"B\(n + 1)\"><v>\(n * 7919 % 100_003)</v></c></row>"
        }
        sheet += "</sheetData></worksheet>"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"s1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        let url = dir.appendingPathComponent("大表.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        var sheetStart = 0
        for (name, text) in parts {
            let bytes = Data(text.utf8)
            if name.hasPrefix("xl/worksheets") { sheetStart = Int(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0) }
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        let end = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        return (url.path, sheetStart..<end)
    }

    @Test("a sheet of many inflated pieces streams every row; one stopped midway by the size limit is reported as too large, not as bad XML or a hang")
    func largeSheetStreams() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (path, sheet) = try Self.largeWorkbook(rows: 20_000, in: dir)
        let data = try DataReader.read(path: path)
        #expect(data.records.count == 20_000)
        #expect(data.records[19_999]["名称"] == .string("县20000"))
        #expect(data.records[12_345]["值"]?.text == String(12_346 * 7919 % 100_003))
        #expect(data.locations.last?.row == 20_001)
        // A central directory that understates the sheet's size gets past the check made before
        // inflating; the limit then stops the inflating thread midway, after the XML reader has
        // parsed the first pieces, and the reader reports that, not “malformed XML”.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        func isSheetEntry(_ i: Int) -> Bool {
            guard bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 1, bytes[i + 3] == 2 else { return false }
            let length = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
            return length == name.count && Array(bytes[(i + 46)..<(i + 46 + length)]) == name
        }
        let entry = try #require((sheet.upperBound - 200..<(bytes.count - 64)).first(where: isSheetEntry))
        bytes.replaceSubrange((entry + 24)..<(entry + 28), with: [0x50, 0xC3, 0, 0])  // 50,000 bytes
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let zip = try ZipParts(path: path, file: path, partLimit: 200_000, totalLimit: 1 << 30)
        let reader = try XMLPullReader(stream: PartStream(zip: zip, name: "xl/worksheets/sheet1.xml", file: path), part: "sheet1.xml", file: path)
        var events = 0
        #expect {
            while try reader.next() != nil { events += 1 }
        } throws: { ($0 as! DiagnosticError).diagnostics[0].id == "spreadsheet-too-large" }
        #expect(events > 1000)
    }

    @Test("a sheet read partly and dropped stops its inflating thread; the DOCTYPE check waits for enough of the part")
    func abandonedStream() throws {
        for _ in 0..<20 {
            let (rows, _) = try XLSXReader.rows(path: SpreadsheetReaderTests.fixture("县级指标.xlsx"), file: "x.xlsx", sheet: nil)
            #expect(try rows.nextRow() != nil)
        }
        #expect(XMLPullReader.doctypeVerdict(Array("<?xml version=\"1.0\"".utf8), complete: false) == nil)
        #expect(XMLPullReader.doctypeVerdict(Array("<?xml version=\"1.0\"?>\n<!-- a long".utf8), complete: false) == nil)
        #expect(XMLPullReader.doctypeVerdict(Array("<?xml version=\"1.0\"?>\n<!DOCTYPE x [".utf8), complete: false) == true)
        #expect(XMLPullReader.doctypeVerdict(Array("<?xml version=\"1.0\"?>\n<worksheet xmlns=".utf8), complete: false) == false)
        #expect(XMLPullReader.doctypeVerdict(Array("<!-- c -->\n<!DOC".utf8), complete: false) == nil)
        #expect(XMLPullReader.doctypeVerdict(Array("<!-- c -->\n<!DOC".utf8), complete: true) == false)
    }

    @Test("archive paths stay inside the archive")
    func partPaths() {
        #expect(PartPath.join("xl", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartPath.join("xl", "/xl/sharedStrings.xml") == "xl/sharedStrings.xml")
        #expect(PartPath.join("xl", "../../../../etc/passwd") == "etc/passwd")
    }
}

/// How a cell looks, for assertions that do not care whether it is null or "".
enum FieldValueDisplay {
    static func of(_ value: Value?) -> String { FieldValue.display(value ?? .null) }
}
