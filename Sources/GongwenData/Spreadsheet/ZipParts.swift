import Foundation
import GongwenModel
import ZIPFoundation

/// Reads the parts of a zipped spreadsheet (.xlsx, .ods) with limits on what inflating may
/// produce, so a zip bomb posing as a spreadsheet ends in an error after a bounded amount of
/// work instead of filling memory. Parts are looked up by name inside the archive only; no path
/// from the archive ever reaches the file system.
/// Used by one thread at a time (a `PartStream` takes it over while it inflates a sheet), hence
/// `@unchecked Sendable`.
final class ZipParts: @unchecked Sendable {
    /// No single part of a real workbook comes near this; a 100,000-row sheet is about 30 MB.
    static let maximumPartSize = 128 * 1024 * 1024
    /// All parts read from one file together.
    static let maximumTotalSize = 256 * 1024 * 1024

    private let archive: Archive
    private let file: String
    private let partLimit: Int
    private var budget: Int

    init(path: String, file: String, partLimit: Int = ZipParts.maximumPartSize, totalLimit: Int = ZipParts.maximumTotalSize) throws(DiagnosticError) {
        self.file = file
        self.partLimit = partLimit
        self.budget = totalLimit
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw DiagnosticError(Diagnostic(
                id: "spreadsheet-not-zip",
                message: "不是有效的表格文件（无法作为 zip 打开；文件可能已损坏，或扩展名与内容不符） / not a valid spreadsheet (not a zip archive)",
                dataLocation: DataLocation(file: file)))
        }
    }

    func contains(_ name: String) -> Bool { archive[name] != nil }

    /// The inflated bytes of a part, or nil when the archive has no such part.
    func read(_ name: String) throws(DiagnosticError) -> [UInt8]? {
        guard let entry = archive[name], entry.type == .file else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(min(partLimit, budget)))))
        try extract(name) { chunk in bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Inflates a part piece by piece into `consumer` (which may throw to stop), counting what
    /// inflating really produces against the limits; false when the archive has no such part.
    @discardableResult
    func extract(_ name: String, into consumer: ([UInt8]) throws -> Void) throws(DiagnosticError) -> Bool {
        guard let entry = archive[name], entry.type == .file else { return false }
        let limit = min(partLimit, budget)
        if entry.uncompressedSize > UInt64(limit) { throw tooLarge(name) }
        var produced = 0
        var exceeded = false
        var stopped: Error?
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size in the header can lie; count what inflating really produces.
                if produced + chunk.count > limit {
                    exceeded = true
                    throw CocoaError(.fileReadTooLarge)
                }
                produced += chunk.count
                do {
                    try consumer([UInt8](chunk))
                } catch {
                    stopped = error
                    throw error
                }
            }
        } catch {
            if exceeded { throw tooLarge(name) }
            if let stopped { throw (stopped as? DiagnosticError) ?? Self.stoppedError }
            throw DiagnosticError(Diagnostic(
                id: "spreadsheet-corrupt", message: "表格文件已损坏：无法解压 “\(name)” / corrupt archive part",
                dataLocation: DataLocation(file: file)))
        }
        budget -= produced
        return true
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
