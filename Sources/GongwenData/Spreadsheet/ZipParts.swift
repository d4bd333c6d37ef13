import Foundation
import GongwenModel
import ZIPFoundation

/// Reads the parts of a zipped spreadsheet (.xlsx, .ods) with limits on what inflating may
/// produce, so a zip bomb posing as a spreadsheet ends in an error after a bounded amount of
/// work instead of filling memory. Parts are looked up by name inside the archive only; no path
/// from the archive ever reaches the file system.
final class ZipParts {
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
        guard let entry = archive[name] else { return nil }
        guard entry.type == .file else { return nil }
        let limit = min(partLimit, budget)
        if entry.uncompressedSize > UInt64(limit) { throw tooLarge(name) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        var exceeded = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size in the header can lie; count what inflating really produces.
                if bytes.count + chunk.count > limit {
                    exceeded = true
                    throw CocoaError(.fileReadTooLarge)
                }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            if exceeded { throw tooLarge(name) }
            throw DiagnosticError(Diagnostic(
                id: "spreadsheet-corrupt", message: "表格文件已损坏：无法解压 “\(name)” / corrupt archive part",
                dataLocation: DataLocation(file: file)))
        }
        budget -= bytes.count
        return bytes
    }

    private func tooLarge(_ name: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "spreadsheet-too-large",
            message: "表格文件解压后过大（“\(name)” 超过 \(min(partLimit, budget) / 1024 / 1024) MB），可能是恶意文件 / archive part inflates too much (zip bomb?)",
            dataLocation: DataLocation(file: file)))
    }
}
