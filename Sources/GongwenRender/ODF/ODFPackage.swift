import Foundation
import ZIPFoundation

/// Zips ODF parts with ZIPFoundation. `mimetype` must be the first entry, stored (not
/// compressed) and without extra fields (ODF 1.3 part 2, §3.3); all entries carry one fixed
/// date so packages are byte-identical from run to run.
enum ODFPackage {
    /// 1980-01-01, the earliest date a zip can hold: a constant, not the time of writing.
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    static func zip(_ parts: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                compressionMethod: path == "mimetype" ? .none : .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }
}
