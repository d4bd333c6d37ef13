import CLibCrypto
import Foundation
import GongwenModel

/// The register of a batch: every file with the record it came from, its size and SHA-256, as
/// CSV (for Excel/WPS) and JSON (for other programs), and the pages of a PDF Gongwen laid out. Written line by line as the files are
/// made, so a batch of a hundred thousand files keeps no list of them in memory. A file that
/// replaced one of the same name (`--overwrite`) says so.
final class Manifest {
    static let csvName = "清单.csv"
    static let jsonName = "清单.json"

    private let paths: [String]
    private let csv: UnsafeMutablePointer<FILE>
    private let json: UnsafeMutablePointer<FILE>
    private var count = 0
    private var failed = false
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Opens the two files at these paths (scratch paths from the output sink).
    init(csvPath: String, jsonPath: String) throws(DiagnosticError) {
        guard let csv = fopen(csvPath, "wb") else { throw Self.writeError() }
        guard let json = fopen(jsonPath, "wb") else {
            fclose(csv)
            throw Self.writeError()
        }
        self.csv = csv
        self.json = json
        paths = [csvPath, jsonPath]
        write("\u{FEFF}序号,数据文件,行,记录,文件,字节数,页数,SHA-256,替换了已有文件\r\n", to: csv)
        write("[", to: json)
    }

    deinit {
        fclose(csv)
        fclose(json)
    }

    /// One more file, numbered in the order added.
    func add(_ entry: OutputEntry) {
        count += 1
        let l = entry.location
        let cells = [String(count), l?.file ?? "", l?.row.map(String.init) ?? "", l?.record.map(String.init) ?? "",
                     entry.file, String(entry.size), entry.pages.map(String.init) ?? "", entry.sha256, entry.replaced ? "是" : ""]
        write(cells.map(SkippedRecords.cell).joined(separator: ",") + "\r\n", to: csv)
        let item = Item(file: entry.file, dataFile: l?.file, row: l?.row, record: l?.record, bytes: entry.size, pages: entry.pages,
                        sha256: entry.sha256, replaced: entry.replaced)
        // The layout JSONEncoder gives a pretty-printed array: each object indented by two spaces.
        let object = String(decoding: (try? encoder.encode(item)) ?? Data("{}".utf8), as: UTF8.self)
        write((count == 1 ? "\n  " : ",\n  ") + object.replacingOccurrences(of: "\n", with: "\n  "), to: json)
    }

    /// Ends the JSON array and closes both files.
    func finish() throws(DiagnosticError) {
        write(count == 0 ? "\n\n]\n" : "\n]\n", to: json)
        if fflush(csv) != 0 || fflush(json) != 0 || failed { throw Self.writeError() }
    }

    /// Removes both files (a failed batch: for a .zip they lie beside it, not in a staging folder).
    func discard() {
        for path in paths {
            unlink(path)
            Interruption.unregister(path)
        }
    }

    private struct Item: Encodable {
        var file: String
        var dataFile: String?
        var row: Int?
        var record: Int?
        var bytes: Int
        /// Pages of a PDF (Gongwen lays them out); absent for HTML and ODF, paged by the program that prints them.
        var pages: Int?
        var sha256: String
        /// A file of the same name was there before and was replaced (`--overwrite`).
        var replaced: Bool
    }

    private func write(_ text: String, to file: UnsafeMutablePointer<FILE>) {
        var text = text
        text.withUTF8 { bytes in
            if !bytes.isEmpty && fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { failed = true }
        }
    }

    private static func writeError() -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "output-write", message: "无法写入清单（磁盘已满？） / cannot write the manifest"))
    }
}

/// SHA-256 from OpenSSL's libcrypto (CLibCrypto; libssl-dev), the same digest as `sha256sum`.
public enum SHA256Digest {
    public static func hex(_ bytes: [UInt8]) -> String {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The size and digest of a file read in pieces (a combined document); nil if unreadable.
    static func file(_ path: String) -> (size: Int, hex: String)? {
        let hasher = SHA256Hasher()
        var size = 0
        guard FileChunks.read(path, { chunk in hasher.update(chunk); size += chunk.count }) else { return nil }
        return (size, hasher.finalizeHex())
    }
}

/// An incremental SHA-256 (an EVP context of libcrypto).
final class SHA256Hasher {
    private let context: UnsafeMutableRawPointer

    init() {
        guard let context = gongwen_sha256_new() else { fatalError("libcrypto: cannot create a SHA-256 context") }
        self.context = context
    }

    deinit { gongwen_sha256_free(context) }

    func update<C: ContiguousBytes>(_ bytes: C) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            precondition(gongwen_sha256_update(context, base.assumingMemoryBound(to: UInt8.self), buffer.count) == 1,
                         "libcrypto: SHA-256 update failed")
        }
    }

    /// The digest as 64 lowercase hex digits; call once, after the last update.
    func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = digest.withUnsafeMutableBufferPointer { gongwen_sha256_finish(context, $0.baseAddress) }
        precondition(ok == 1, "libcrypto: SHA-256 failed")
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
