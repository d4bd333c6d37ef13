import Foundation
import GongwenModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rows handed out one at a time, from a file streamed from disk or from a table in memory.
public protocol RowSource {
    /// The next row of the table, nil after the last.
    mutating func nextRow() throws(DiagnosticError) -> Table.Row?
}

/// The rows of a table already in memory, each released as it is handed out (when the table
/// was handed over, not shared), so records made from them do not double the memory.
struct TableRows: RowSource {
    private var rows: [Table.Row]
    private var index = 0

    init(_ table: consuming Table) { rows = table.rows }

    mutating func nextRow() throws(DiagnosticError) -> Table.Row? {
        guard index < rows.count else { return nil }
        let row = rows[index]
        rows[index] = Table.Row(number: 0, cells: [])
        index += 1
        return row
    }
}

/// The rows of a CSV file read from disk a block at a time, so a batch of a hundred thousand
/// households is rendered without the file, or its rows, in memory: what is held is one block
/// and the rows parsed from it. Encoding, delimiter, row numbers and messages are those of
/// `CSVReader`, which reads a file whole; a test holds the two to the same result.
public final class CSVFileRows: RowSource {
    public static let defaultBlockSize = 1 << 20
    /// Text the delimiter is detected from, as `CSVReader.detectDelimiter` sees it in a whole file.
    static let delimiterSample = 64 * 1024

    public let file: String
    /// What the file was when opened, so a second pass can tell that it changed in between.
    public let identity: FileIdentity
    /// The encoding read: as forced, or as the BOM or the bytes decided.
    public let encoding: TextEncoding
    private let handle: UnsafeMutablePointer<FILE>
    private let blockSize: Int
    private let decoder: TextStreamDecoder
    private let plan: TextStreamDecoder.Plan
    /// Replaced once the delimiter is known.
    private var parser = CSVParser(delimiter: UInt8(ascii: ","))
    private var ready: [Table.Row] = []
    private var readyIndex = 0
    private var atEnd = false

    /// Opens `path` and reads until the delimiter is known. Without `encoding`, a file with no
    /// BOM is read once first to see whether all of it is UTF-8, as `TextDecoder` decides.
    public init(path: String, encoding: TextEncoding?, blockSize: Int = defaultBlockSize) throws(DiagnosticError) {
        file = path
        let blockSize = max(1, blockSize)
        self.blockSize = blockSize
        try DataReader.checkSize(path)
        guard let handle = fopen(path, "rb") else { throw DataReader.unreadable(path, errno: errno) }
        self.handle = handle
        var status = stat()
        fstat(fileno(handle), &status)
        identity = FileIdentity(status)
        let plan: TextStreamDecoder.Plan
        do {
            let start = Self.read(handle, count: 4)
            plan = TextStreamDecoder.plan(start: start, forced: encoding) {
                rewind(handle)
                return Self.utf8Census(handle, blockSize: blockSize)
            }
            rewind(handle)
            self.encoding = plan.encoding
            self.plan = plan
            decoder = try TextStreamDecoder(plan)
        } catch {
            fclose(handle)
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: error.message, dataLocation: DataLocation(file: path, row: error.line)))
        }
        // The delimiter is chosen from the start of the text, then that text is parsed.
        var text: [UInt8] = []
        while text.count < Self.delimiterSample && !atEnd {
            text += try decodeNextBlock()
        }
        parser = CSVParser(delimiter: CSVReader.detectDelimiter(text))
        try parse(text)
    }

    deinit { fclose(handle) }

    public func nextRow() throws(DiagnosticError) -> Table.Row? {
        while readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if atEnd { return nil }
            try parse(try decodeNextBlock())
        }
        let row = ready[readyIndex]
        ready[readyIndex] = Table.Row(number: 0, cells: [])  // the row's cells are held once
        readyIndex += 1
        if plan.strict && !row.undecodable.isEmpty { throw CSVReader.undecodable(row, plan: plan, file: file) }
        return row
    }

    /// Parses decoded text; after the last block, ends the parse.
    private func parse(_ text: [UInt8]) throws(DiagnosticError) {
        if decoder.damaged { parser.checkUTF8 = true }
        text.withUnsafeBufferPointer { parser.feed($0) { ready.append($0) } }
        if atEnd {
            do {
                try parser.finish { ready.append($0) }
            } catch {
                throw DiagnosticError(Diagnostic(id: "csv-syntax", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
            }
        }
    }

    private func decodeNextBlock() throws(DiagnosticError) -> [UInt8] {
        let block = Self.read(handle, count: blockSize)
        if block.count < blockSize {
            if ferror(handle) != 0 { throw Self.unreadable(file) }
            atEnd = true
        }
        return decoder.decode(block, final: atEnd)
    }

    private static func read(_ handle: UnsafeMutablePointer<FILE>, count: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: count)
        let got = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, handle) }
        block.removeSubrange(got...)
        return block
    }

    /// How the rest of the file from where `handle` stands reads as UTF-8: read through a UTF-8
    /// decoder, keeping one block. Valid characters are counted only when an invalid sequence
    /// was found (a second read), so a clean file is read once, as before.
    private static func utf8Census(_ handle: UnsafeMutablePointer<FILE>, blockSize: Int) -> UTF8Validation.Census {
        let start = ftell(handle)
        var census = UTF8Validation.Census()
        for counting in [false, true] {
            guard let decoder = try? TextStreamDecoder(TextStreamDecoder.Plan(encoding: .utf8, iconvName: nil, skip: 0, detected: false)) else {
                return UTF8Validation.Census(validMultibyte: 0, invalid: 1)
            }
            decoder.countsValid = counting
            fseek(handle, start, SEEK_SET)
            while true {
                let block = read(handle, count: blockSize)
                let atEnd = block.count < blockSize
                _ = decoder.decode(block, final: atEnd)
                if atEnd { break }
            }
            census = decoder.census
            if census.invalid == 0 { break }
        }
        return census
    }

    private static func unreadable(_ path: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "data-not-found", message: "无法读取数据文件 “\(path)” / cannot read data file",
                                   dataLocation: DataLocation(file: path)))
    }
}

/// A file's size and modification time, compared between the two passes over a streamed file.
public struct FileIdentity: Equatable, Sendable {
    public var size: Int
    public var modified: Int

    init(_ status: stat) {
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        #else
        let modified = status.st_mtim
        #endif
        size = Int(status.st_size)
        self.modified = Int(modified.tv_sec) * 1_000_000_000 + Int(modified.tv_nsec)
    }

    static func of(_ path: String) throws(DiagnosticError) -> FileIdentity {
        var status = stat()
        guard stat(path, &status) == 0 else { throw DataReader.unreadable(path, errno: errno) }
        return FileIdentity(status)
    }
}
