import Foundation
import GongwenAssess
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Export and import as JSON Lines: a header line `{"格式":"gongwen-history","版本":1}`, then one
/// `PeriodAssessment` per line in period order. One line per period keeps memory to one period
/// on both sides and lets an error name the line.
extension SQLiteHistory {
    public static let exportFormat = "gongwen-history"
    public static let exportVersion = 1

    /// Writes every stored period to `path`, read from one snapshot. The lines go to a hidden file
    /// beside the target, flushed to disk and renamed into place, so the target is either the
    /// complete backup or untouched. An existing target is refused unless `overwrite`.
    /// Returns the periods written.
    @discardableResult
    public func export(to path: String, overwrite: Bool = false) throws -> [Period] {
        let name = (path as NSString).lastPathComponent
        if !overwrite, FileManager.default.fileExists(atPath: path) {
            throw HistoryError(.storage, "\(name) 已存在；要覆盖请加 --overwrite / the target exists")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = Self.temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw HistoryError(.storage, "无法写入 \(temporary)：\(String(cString: strerror(errno))) / cannot write")
        }
        var closed = false
        defer {
            if !closed { close(descriptor) }
            unlink(temporary)
        }
        func put(_ bytes: Data) throws {
            if let failure = writeAll(descriptor, bytes) {
                throw HistoryError(.storage, "写入 \(name) 失败：\(failure) / write failed")
            }
        }
        let periods: [Period] = try storageRead { db in
            try put(Data("{\"格式\":\"\(Self.exportFormat)\",\"版本\":\(Self.exportVersion)}\n".utf8))
            let periods = try Self.allPeriods(db)
            for period in periods {
                guard let a = try HistoryRows.assessment(of: period, db) else { continue }
                var line = ColumnJSON.line(a)
                line.append(0x0A)
                try put(Data(line))
            }
            return periods
        }
        guard fsync(descriptor) == 0 else { throw HistoryError(.storage, "写入 \(name) 失败：\(String(cString: strerror(errno)))") }
        close(descriptor)
        closed = true
        if !overwrite {
            // link() fails when the target appeared meanwhile: never replace what was not asked.
            guard link(temporary, path) == 0 else {
                throw HistoryError(.storage, errno == EEXIST ? "\(name) 已存在；要覆盖请加 --overwrite / the target exists"
                                                               : "无法写入 \(name)：\(String(cString: strerror(errno)))")
            }
        } else if rename(temporary, path) != 0 {
            throw HistoryError(.storage, "无法写入 \(name)：\(String(cString: strerror(errno)))")
        }
        let dir = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)
        if dir >= 0 { fsync(dir); close(dir) }
        return periods
    }

    /// The hidden file an export to `path` writes before renaming it into place: known in advance,
    /// so that a signal handler (the command line's Ctrl-C) can remove it without reading Swift state.
    public static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\((path as NSString).lastPathComponent).gongwen-tmp-\(getpid())")
    }

    /// Saves the periods of a JSON Lines export (or, by extension, a spreadsheet of past results:
    /// `.xlsx`, `.ods`, `.csv`) in file order, in ONE transaction: all of them or, on any error —
    /// a malformed line, a period out of order — none. Returns the periods saved.
    @discardableResult
    public func `import`(from path: String, replacing: Bool = false) throws -> [Period] {
        if PastResults.isSpreadsheet(path) { return try importSpreadsheet(path: path, replacing: replacing) }
        let name = (path as NSString).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HistoryError(.badImport, "无法读取 \(name) / cannot read the file")
        }
        defer { try? handle.close() }
        return try write { db in
            var lines = LineReader(handle)
            var saved: [Period] = []
            var number = 0
            while let line = try lines.next() {
                number += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                if number == 1 {
                    try Self.checkHeader(line, file: name)
                    continue
                }
                let a: PeriodAssessment
                do {
                    a = try ColumnReader.line(line)
                } catch let error as ColumnReader.Malformed {
                    throw HistoryError(.badImport, "\(name): 第\(number)行：不是一期考核结果（\(error.what)） / malformed line")
                } catch {
                    throw HistoryError(.badImport, "\(name): 第\(number)行：不是一期考核结果（\(Self.reason(error))） / malformed line")
                }
                do {
                    try Self.save(a, replacing: replacing, db)
                } catch let error as HistoryError {
                    throw HistoryError(error.kind, "\(name): 第\(number)行：\(error.message)")
                } catch {
                    // A constraint the JSON broke (the same jurisdiction code twice in one period).
                    throw HistoryError(.badImport, "\(name): 第\(number)行：\(a.period.chineseName)无法存入（\(error)） / cannot be stored")
                }
                saved.append(a.period)
            }
            if number == 0 { throw HistoryError(.badImport, "\(name): 文件是空的 / empty file") }
            return saved
        }
    }

    /// Saves assessments built elsewhere (a spreadsheet) in one transaction.
    func saveAll(_ assessments: [PeriodAssessment], replacing: Bool) throws -> [Period] {
        try write { db in
            for a in assessments { try Self.save(a, replacing: replacing, db) }
            return assessments.map(\.period)
        }
    }

    func storageRead<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError(.storage, "考核历史 \(path) 读取失败：\(error) / history store error")
        }
    }

    static func checkHeader(_ line: Data, file: String) throws {
        let header = try? JSONSerialization.jsonObject(with: line) as? [String: Any]
        guard let header, header["格式"] as? String == exportFormat else {
            throw HistoryError(.badImport, "\(file): 第1行：不是 Gongwen 考核历史的导出文件（应以 {\"格式\":\"\(exportFormat)\",\"版本\":1} 开头） / not a history export")
        }
        guard let version = header["版本"] as? Int, version == exportVersion else {
            throw HistoryError(.badImport, "\(file): 第1行：不支持的版本 \(header["版本"].map { "\($0)" } ?? "（无）")，本程序读版本 \(exportVersion) / unsupported version")
        }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "缺少“\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))”"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "“\(context.codingPath.map(\.stringValue).joined(separator: "."))”类型不对"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "不是有效的 JSON" : "“\(context.codingPath.map(\.stringValue).joined(separator: "."))”无效"
        default:
            return "\(error)"
        }
    }
}

/// Lines of a file read a block at a time (a year of 3,000 jurisdictions is tens of megabytes, a
/// line several). Newlines are found with memchr over the bytes not yet searched: searching
/// `Data` element by element, from the start at every block, took seconds for one long line.
struct LineReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    /// Bytes of `buffer` already searched for a newline.
    var searched = 0
    var atEnd = false

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() throws -> Data? {
        while true {
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard searched < b.count, let p = memchr(b.baseAddress! + searched, 0x0A, b.count - searched) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                searched = 0
                return line
            }
            searched = buffer.count
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = []; searched = 0 }
                return Data(buffer)
            }
            let block = try handle.read(upToCount: 1 << 20) ?? Data()
            if block.isEmpty { atEnd = true } else { buffer.append(contentsOf: block) }
        }
    }
}

/// Writes all of `bytes` to the descriptor; the error text, nil on success.
private func writeAll(_ descriptor: Int32, _ bytes: Data) -> String? {
    bytes.withUnsafeBytes { buffer -> String? in
        var offset = 0
        while offset < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }
}
