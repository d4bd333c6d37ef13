import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

/// A byte that is not text in the file's encoding is never dropped or replaced: it is an error
/// at the row as Excel numbers it (a quoted cell of several lines is one row) and the column.
@Suite("Hostile files: bytes that are not text")
struct ReliabilityEncodingTests {
    /// A UTF-8 file of Chinese text with a cell of two lines, then one stray byte in row 4.
    static let strayByte: [UInt8] = Array("名称,说明\n清水县,\"第一行\n第二行\"\n石门县,城关镇、坪上乡\n安平县,".utf8) + [0xB3] + Array("乡\n杨䶮县,无\n".utf8)

    func write(_ bytes: [UInt8], _ name: String = "d.csv") throws -> (dir: URL, path: String) {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test("a stray byte in a UTF-8 CSV is an error at its row and column, the file still read as UTF-8", arguments: [nil, TextEncoding.utf8])
    func strayByte(_ encoding: TextEncoding?) throws {
        let (dir, path) = try write(Self.strayByte)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try DataReader.read(path: path, options: ReadOptions(encoding: encoding))
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.count == 1 && ds[0].id == "data-encoding" && ds[0].dataLocation == DataLocation(file: path, row: 4, field: "说明")
        }
        // The other rows are read as the UTF-8 they are.
        let kept = try DataReader.read(path: path, options: ReadOptions(encoding: encoding), keepingBadRows: true)
        #expect(kept.records.map { $0["名称"] } == ["清水县", "石门县", "杨䶮县"].map { .string($0) })
        #expect(kept.locations.map(\.row) == [2, 3, 5])
        #expect(kept.rowProblems.map { $0.dataLocation?.row } == [4])
        // Streamed, at every block size, the same.
        for size in [1, 3, 7, 64, CSVFileRows.defaultBlockSize] {
            var reader = try TableRecordReader(rows: CSVFileRows(path: path, encoding: encoding, blockSize: size), file: path,
                                               fixedWidth: true, headerRow: nil)
            var problems: [Diagnostic] = []
            var names: [Value?] = []
            while let entry = try reader.next() {
                problems += entry.problems
                if let record = entry.record { names.append(record["名称"]) }
            }
            #expect(problems.map(\.dataLocation) == [DataLocation(file: path, row: 4, field: "说明")], "block \(size)")
            #expect(names == ["清水县", "石门县", "杨䶮县"].map { .string($0) }, "block \(size)")
        }
    }

    @Test("GB18030 forced on a file with a byte outside it: an error at that row and column; the rest read")
    func strayGB18030Byte() throws {
        // 名称,值 / 清水县,1 / [FF],2 in GB18030.
        let bytes: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xD6, 0xB5, 0x0A, 0xC7, 0xE5, 0xCB, 0xAE, 0xCF, 0xD8, 0x2C, 0x31, 0x0A, 0xFF, 0x2C, 0x32, 0x0A]
        let (dir, path) = try write(bytes)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try DataReader.read(path: path, options: ReadOptions(encoding: .gb18030), keepingBadRows: true)
        #expect(data.records.map { $0["名称"] } == [.string("清水县")])
        #expect(data.rowProblems.map(\.dataLocation) == [DataLocation(file: path, row: 3, field: "名称")])
    }

    @Test("a GB18030 file forced to UTF-8 stops at its first row with Chinese, as Excel numbers rows")
    func wrongEncodingForced() throws {
        // A quoted two-line cell in ASCII, then GB18030 text in the row after it (Excel's row 3, the file's line 4).
        let bytes = Array("a,b\n1,\"x\ny\"\n".utf8) + [0xC7, 0xE5, 0xCB, 0xAE, 0x2C, 0x31, 0x0A] + [0xC7, 0xE5, 0x2C, 0x31, 0x0A]
        let (dir, path) = try write(bytes)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try DataReader.read(path: path, options: ReadOptions(encoding: .utf8))
        } throws: { error in
            let ds = (error as! DiagnosticError).diagnostics
            return ds.count == 1 && ds[0].dataLocation?.row == 3 && ds[0].dataLocation?.field == "A列" && ds[0].message.contains("--encoding gb18030")
        }
    }

    @Test("the census tells stray bytes from another encoding")
    func census() {
        func verdict(_ bytes: [UInt8]) -> TextStreamDecoder.UTF8Verdict {
            var census = UTF8Validation.Census()
            census.add(bytes)
            return census.verdict
        }
        #expect(verdict(Array("清水县人民政府".utf8)) == .valid)
        #expect(verdict(Array(String(repeating: "清水县人民政府", count: 3).utf8) + [0xFF]) == .damaged)
        #expect(verdict([0xC7, 0xE5, 0xCB, 0xAE, 0xCF, 0xD8]) == .invalid)  // 清水县 in GB18030
        #expect(verdict([0xE4, 0xB8]) == .invalid)   // a character cut short
        #expect(verdict([0xED, 0xA0, 0x80]) == .invalid)  // a surrogate
        #expect(verdict([0xF0, 0x9F, 0x98, 0x80]) == .valid)
    }
}
