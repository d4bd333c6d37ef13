import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenData

/// The streamed CSV reader must read every file exactly as the whole-file reader does, wherever
/// its blocks happen to cut the bytes: inside a character, a CR LF, a doubled quote.
@Suite("CSV streamed from disk")
struct CSVFileRowsTests {
    /// Block sizes that cut files everywhere, and the real one.
    static let blockSizes = [1, 2, 3, 5, 7, 64, CSVFileRows.defaultBlockSize]

    static func utf16LE(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return bytes
    }

    /// GB18030 bytes, made by the C library's iconv (the converter `TextDecoder` reads them back with).
    static func gb18030(_ text: String) throws -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        let left: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                #expect(inLeft == 0)
                return outLeft
            }
        }
        return Array(output.dropLast(left))
    }

    static let text = "标题行\n县,说明,人口\r\n清水县,\"第一行\r\n第二行，含\"\"引号\"\", 和逗号\",12\r\n\n石门县,𠮷,7\r\n"
        + (1...40).map { "坪上村\($0),\"\"\"\",\($0)" }.joined(separator: "\n") + "\n末行,无换行,1"

    static func samples() throws -> [(String, [UInt8])] {
        [
            ("UTF-8", Array(text.utf8)),
            ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            ("UTF-16 with BOM, tabs", utf16LE(text.replacingOccurrences(of: ",", with: "\t"))),
            ("GB18030", try gb18030(text)),
            ("semicolons", Array(text.replacingOccurrences(of: ",", with: ";").utf8)),
        ]
    }

    func streamed(_ path: String, encoding: TextEncoding? = nil, blockSize: Int) throws(DiagnosticError) -> [GongwenData.Table.Row] {
        let source = try CSVFileRows(path: path, encoding: encoding, blockSize: blockSize)
        var rows: [GongwenData.Table.Row] = []
        while let row = try source.nextRow() { rows.append(row) }
        return rows
    }

    func write(_ bytes: [UInt8], in dir: URL, name: String = "d.csv") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("every encoding and delimiter gives the whole-file reader's rows, at every block size")
    func sameRowsAsWholeFile() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in try Self.samples() {
            let path = try write(bytes, in: dir)
            let whole = try CSVReader.table(bytes, file: path, encoding: nil).rows
            #expect(whole.count == 46, "\(name)")
            for size in Self.blockSizes {
                let rows = try streamed(path, blockSize: size)
                #expect(rows.map(\.number) == whole.map(\.number), "\(name), block \(size)")
                #expect(rows.map(\.cells) == whole.map(\.cells), "\(name), block \(size)")
            }
        }
    }

    @Test("the records and their rows are those of the whole-file reader, title row skipped")
    func sameRecords() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Array(Self.text.utf8), in: dir)
        let whole = try DataReader.read(path: path)
        var reader = try TableRecordReader(rows: CSVFileRows(path: path, encoding: nil, blockSize: 3), file: path,
                                           fixedWidth: true, headerRow: nil)
        var records: [Record] = []
        var locations: [DataLocation] = []
        while let entry = try reader.next() {
            #expect(entry.problems.isEmpty)
            records.append(try #require(entry.record))
            locations.append(entry.location)
        }
        #expect(reader.headerNumber == 2)
        #expect(records == whole.records)
        #expect(locations == whole.locations)
        #expect(records[0]["说明"] == .string("第一行\r\n第二行，含\"引号\", 和逗号"))
    }

    @Test("a file that is UTF-8 until past the first block is still detected as GB18030")
    func lateNonUTF8() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ascii = "a,b\n" + String(repeating: "1,2\n", count: 100)
        let path = try write(Array(ascii.utf8) + (try Self.gb18030("清水县,3\n")), in: dir)
        let rows = try streamed(path, blockSize: 16)
        #expect(rows.last?.cells == [.string("清水县"), .string("3")])
        #expect(try CSVFileRows(path: path, encoding: nil, blockSize: 16).encoding == .gb18030)
    }

    /// The first problem of the whole-file reader, or of its records (a stray byte is a problem of its row).
    func firstProblem(whole bytes: [UInt8], path: String, encoding: TextEncoding?) -> Diagnostic? {
        do throws(DiagnosticError) {
            let data = try TableRecords.dataSet(CSVReader.table(bytes, file: path, encoding: encoding), headerRow: nil, keepingBadRows: true)
            return data.rowProblems.first
        } catch {
            return error.diagnostics.first
        }
    }

    func firstProblem(streamed path: String, encoding: TextEncoding?, blockSize: Int) -> Diagnostic? {
        do throws(DiagnosticError) {
            let rows = try CSVFileRows(path: path, encoding: encoding, blockSize: blockSize)
            var reader = try TableRecordReader(rows: rows, file: path, fixedWidth: true, headerRow: nil)
            while let entry = try reader.next() {
                if let problem = entry.problems.first { return problem }
            }
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test("bad bytes and an open quote are reported at the whole-file reader's row, whatever the blocks")
    func errorsName() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([UInt8], TextEncoding?)] = [
            (Array("a,b\n1,2\n清水县,3\n".utf8) + [0xCF, 0xD8, 0x0A], .utf8),   // GB18030 bytes in a file forced to UTF-8
            (Array("a,b\n1,2\n".utf8) + [0xFF, 0xFF, 0x0A], nil),                   // neither UTF-8 nor GB18030
            (Array("a,b\n1,2\n".utf8) + [0x81, 0x0A], .gb18030),                     // a GB18030 lead byte without its second byte
            (Array("a,b\n1,\"open\n2,3\n".utf8), nil),                               // a quote never closed
        ]
        for (bytes, encoding) in cases {
            let path = try write(bytes, in: dir)
            let wanted = try #require(firstProblem(whole: bytes, path: path, encoding: encoding))
            for size in Self.blockSizes {
                let got = firstProblem(streamed: path, encoding: encoding, blockSize: size)
                #expect(got?.id == wanted.id, "block \(size)")
                #expect(got?.dataLocation == wanted.dataLocation, "block \(size): \(got?.message ?? "")")
                #expect(got?.message == wanted.message, "block \(size)")
            }
        }
    }
}
