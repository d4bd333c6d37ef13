import CDeflate
import Foundation
import GongwenModel

/// Reads the parts of a zipped spreadsheet (.xlsx, .ods) with limits on what inflating may
/// produce, so a zip bomb posing as a spreadsheet ends in an error after a bounded amount of
/// work instead of filling memory. Parts are looked up by name inside the archive only; no path
/// from the archive ever reaches the file system.
/// Parts are inflated here with zlib from exactly their own bytes (`ZipDirectory`): a deflate
/// stream that ends before its last block is a corrupt part, never a loop waiting for more.
/// Used by one thread at a time (a `PartStream` takes it over while it inflates a sheet), hence
/// `@unchecked Sendable`.
final class ZipParts: @unchecked Sendable {
    /// No single part of a real workbook comes near this; a 100,000-row sheet is about 30 MB.
    static let maximumPartSize = 128 * 1024 * 1024
    /// All parts read from one file together.
    static let maximumTotalSize = 256 * 1024 * 1024
    /// Bytes read from the file, and inflated, at a time.
    static let pieceSize = 64 * 1024

    private let directory: ZipDirectory
    private let file: String
    private let partLimit: Int
    private var budget: Int

    init(path: String, file: String, partLimit: Int = ZipParts.maximumPartSize, totalLimit: Int = ZipParts.maximumTotalSize) throws(DiagnosticError) {
        self.file = file
        self.partLimit = partLimit
        self.budget = totalLimit
        do throws(ZipDirectory.Malformed) {
            guard let zipFile = ZipFile(path: path) else { throw ZipDirectory.Malformed() }
            directory = try ZipDirectory(file: zipFile)
        } catch {
            throw DiagnosticError(Diagnostic(
                id: "spreadsheet-not-zip",
                message: "不是有效的表格文件（无法作为 zip 打开；文件可能已损坏，或扩展名与内容不符） / not a valid spreadsheet (not a zip archive)",
                dataLocation: DataLocation(file: file)))
        }
    }

    func contains(_ name: String) -> Bool { directory.entries[name] != nil }

    /// The inflated bytes of a part, or nil when the archive has no such part.
    func read(_ name: String) throws(DiagnosticError) -> [UInt8]? {
        guard let entry = directory.entries[name], !entry.isDirectory else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(min(partLimit, budget)))))
        try extract(name) { chunk in bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Inflates a part piece by piece into `consumer` (which may throw to stop), counting what
    /// inflating really produces against the limits; false when the archive has no such part.
    @discardableResult
    func extract(_ name: String, into consumer: ([UInt8]) throws -> Void) throws(DiagnosticError) -> Bool {
        guard let entry = directory.entries[name], !entry.isDirectory else { return false }
        let limit = min(partLimit, budget)
        if entry.uncompressedSize > UInt64(limit) { throw tooLarge(name) }
        var produced = 0
        var crc = crc32(0, nil, 0)
        // The size in the directory can lie; count what inflating really produces.
        let deliver = { (piece: [UInt8]) throws(DiagnosticError) in
            if produced + piece.count > limit { throw self.tooLarge(name) }
            produced += piece.count
            crc = piece.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
            do {
                try consumer(piece)
            } catch {
                throw (error as? DiagnosticError) ?? Self.stoppedError
            }
        }
        do throws(Failure) {
            let start: UInt64
            do { start = try directory.dataOffset(of: entry) } catch { throw .corrupt }
            switch entry.method {
            case 0: try copy(entry, from: start, deliver)
            case 8: try inflate(entry, from: start, deliver)
            default: throw .corrupt
            }
            if crc != UInt(entry.crc32) || UInt64(produced) != entry.uncompressedSize { throw .corrupt }
        } catch {
            switch error {
            case .stopped(let stop): throw stop
            case .corrupt: throw corrupt(name)
            }
        }
        budget -= produced
        return true
    }

    private enum Failure: Error {
        case corrupt
        /// The limits or the consumer stopped the part.
        case stopped(DiagnosticError)
    }

    /// A stored part: its bytes as they are.
    private func copy(_ entry: ZipDirectory.Entry, from start: UInt64, _ deliver: ([UInt8]) throws(DiagnosticError) -> Void) throws(Failure) {
        var offset: UInt64 = 0
        while offset < entry.compressedSize {
            let count = Int(min(UInt64(Self.pieceSize), entry.compressedSize - offset))
            let piece: [UInt8]
            do { piece = try directory.file.bytes(at: start + offset, count: count) } catch { throw .corrupt }
            do { try deliver(piece) } catch { throw .stopped(error) }
            offset += UInt64(count)
        }
    }

    /// A deflated part: raw deflate of exactly `compressedSize` bytes. Every call to zlib either
    /// takes input or gives output (bounded by the limits), or the part is corrupt: this ends
    /// whatever the bytes are.
    private func inflate(_ entry: ZipDirectory.Entry, from start: UInt64, _ deliver: ([UInt8]) throws(DiagnosticError) -> Void) throws(Failure) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.pieceSize)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.pieceSize)
        defer {
            inflateEnd(&stream)
            input.deallocate()
            output.deallocate()
        }
        var offset: UInt64 = 0
        while true {
            // The stream stops before its last block: corrupt, not a wait for bytes that never come.
            guard offset < entry.compressedSize else { throw .corrupt }
            let count = Int(min(UInt64(Self.pieceSize), entry.compressedSize - offset))
            do { try directory.file.read(into: input, at: start + offset, count: count) } catch { throw .corrupt }
            offset += UInt64(count)
            stream.next_in = input
            stream.avail_in = uInt(count)
            repeat {
                stream.next_out = output
                stream.avail_out = uInt(Self.pieceSize)
                let result = CDeflate.inflate(&stream, Z_NO_FLUSH)
                let made = Self.pieceSize - Int(stream.avail_out)
                if made > 0 {
                    do { try deliver(Array(UnsafeBufferPointer(start: output, count: made))) } catch { throw .stopped(error) }
                }
                switch result {
                case Z_STREAM_END: return
                case Z_OK: break
                // No progress: with input left, the stream cannot go on; without, read more.
                case Z_BUF_ERROR where stream.avail_in == 0: break
                default: throw .corrupt
                }
            } while stream.avail_in > 0 || stream.avail_out == 0
        }
    }

    private func corrupt(_ name: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "spreadsheet-corrupt", message: "表格文件已损坏：无法解压 “\(name)” / corrupt archive part",
            dataLocation: DataLocation(file: file)))
    }

    /// What `extract` throws when its consumer stopped it with an error of its own.
    static let stoppedError = DiagnosticError(Diagnostic(id: "spreadsheet-stopped", message: "读取已停止 / reading stopped"))

    private func tooLarge(_ name: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "spreadsheet-too-large",
            message: "表格文件解压后过大（“\(name)” 超过 \(min(partLimit, budget) / 1024 / 1024) MB），可能是恶意文件 / archive part inflates too much (zip bomb?)",
            dataLocation: DataLocation(file: file)))
    }
}

extension ZipParts {
    /// Reads the part `name` as XML while it inflates, so no part, however large, is ever held
    /// whole (a 128 MB part read into memory and copied for libxml2 took 256 MB before anything
    /// was built from it). Waits for the inflating thread before returning: the archive is then
    /// free for the next part. Nil when the archive has no such part.
    func withXML<T>(_ name: String, file: String, _ body: (XMLPullReader) throws(DiagnosticError) -> T) throws(DiagnosticError) -> T? {
        guard contains(name) else { return nil }
        let stream = PartStream(zip: self, name: name, file: file)
        defer {
            stream.cancel()
            stream.waitUntilFinished()
        }
        let reader = try XMLPullReader(stream: stream, part: name, file: file)
        return try body(reader)
    }
}
