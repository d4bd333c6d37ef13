import Crypto
import Foundation
import GongwenModel

/// The register of a batch: every file with the record it came from, its size and SHA-256, as
/// CSV (for Excel/WPS) and JSON (for other programs).
enum Manifest {
    static let csvName = "清单.csv"
    static let jsonName = "清单.json"

    static func csv(_ entries: [OutputEntry]) -> String {
        var lines = ["序号,数据文件,行,记录,文件,字节数,SHA-256"]
        for (i, e) in entries.enumerated() {
            let l = e.location
            let cells = [String(i + 1), l?.file ?? "", l?.row.map(String.init) ?? "", l?.record.map(String.init) ?? "",
                         e.file, String(e.size), e.sha256]
            lines.append(cells.map(SkippedRecords.cell).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ entries: [OutputEntry]) -> String {
        struct Item: Encodable {
            var file: String
            var dataFile: String?
            var row: Int?
            var record: Int?
            var bytes: Int
            var sha256: String
        }
        let items = entries.map { Item(file: $0.file, dataFile: $0.location?.file, row: $0.location?.row,
                                       record: $0.location?.record, bytes: $0.size, sha256: $0.sha256) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(items)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}

/// SHA-256 from swift-crypto (BoringSSL's implementation on Linux).
enum SHA256Digest {
    static func hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The size and digest of a file read in pieces (a combined document); nil if unreadable.
    static func file(_ path: String) -> (size: Int, hex: String)? {
        var hasher = SHA256()
        var size = 0
        guard FileChunks.read(path, { chunk in hasher.update(data: chunk); size += chunk.count }) else { return nil }
        return (size, hex(hasher.finalize()))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
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
