import Foundation

/// The central directory of a zip file: each part's name, method, sizes, CRC and where its
/// bytes are. Read by hand (with `pread`, never past the file's end) rather than with
/// ZIPFoundation, because ZIPFoundation's inflate loop on Linux never ends on a deflate stream
/// that stops before its final block (a 300-byte .xlsx hung the fuzzer): `ZipParts` inflates a
/// part itself from exactly its own bytes, and needs to know where they are.
struct ZipDirectory {
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    /// Why a file is not a zip we can read (the caller words the message for the user).
    struct Malformed: Error {}

    /// The central directory of a real workbook is a few KB; more than this is not a spreadsheet.
    static let maximumDirectorySize: UInt64 = 16 * 1024 * 1024

    let file: ZipFile
    private(set) var entries: [String: Entry] = [:]

    init(file: ZipFile) throws(Malformed) {
        self.file = file
        let size = file.size
        guard size >= 22 else { throw Malformed() }
        // The end record is in the last 22 + 65,535 (its comment) bytes.
        let tailLength = min(size, 22 + 65_535)
        let tail = try file.bytes(at: size - tailLength, count: Int(tailLength))
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.uint32(at: $0) == 0x0605_4b50 }) else {
            throw Malformed()
        }
        var count = UInt64(tail.uint16(at: end + 10))
        var directorySize = UInt64(tail.uint32(at: end + 12))
        var directoryOffset = UInt64(tail.uint32(at: end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let locatorAt = size - tailLength + UInt64(end)
            guard locatorAt >= 20 else { throw Malformed() }
            let locator = try file.bytes(at: locatorAt - 20, count: 20)
            guard locator.uint32(at: 0) == 0x0706_4b50 else { throw Malformed() }
            let record = try file.bytes(at: locator.uint64(at: 8), count: 56)
            guard record.uint32(at: 0) == 0x0606_4b50 else { throw Malformed() }
            count = record.uint64(at: 32)
            directorySize = record.uint64(at: 40)
            directoryOffset = record.uint64(at: 48)
        }
        guard directorySize <= Self.maximumDirectorySize, count <= directorySize / 46 + 1 else { throw Malformed() }
        let directory = try file.bytes(at: directoryOffset, count: Int(directorySize))
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.uint32(at: at) == 0x0201_4b50 else { throw Malformed() }
            let nameLength = Int(directory.uint16(at: at + 28)), extraLength = Int(directory.uint16(at: at + 30))
            let commentLength = Int(directory.uint16(at: at + 32))
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw Malformed() }
            let nameBytes = directory[at + 46 ..< at + 46 + nameLength]
            var entry = Entry(
                name: String(validating: nameBytes, as: UTF8.self) ?? String(decoding: nameBytes, as: UTF8.self),
                method: directory.uint16(at: at + 10), flags: directory.uint16(at: at + 8), crc32: directory.uint32(at: at + 16),
                compressedSize: UInt64(directory.uint32(at: at + 20)), uncompressedSize: UInt64(directory.uint32(at: at + 24)),
                localHeaderOffset: UInt64(directory.uint32(at: at + 42)))
            try Self.applyZIP64(directory[at + 46 + nameLength ..< at + 46 + nameLength + extraLength], to: &entry)
            // The first entry of a name wins, as ZIPFoundation's lookup did.
            if entries[entry.name] == nil { entries[entry.name] = entry }
            at = next
        }
    }

    /// The ZIP64 extra field holds, in this order, each size or offset that is 0xFFFFFFFF above.
    private static func applyZIP64(_ extra: ArraySlice<UInt8>, to entry: inout Entry) throws(Malformed) {
        let extra = Array(extra)
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.uint16(at: at), length = Int(extra.uint16(at: at + 2))
            guard at + 4 + length <= extra.count else { return }
            if id == 0x0001 {
                var field = at + 4
                func next() throws(Malformed) -> UInt64 {
                    guard field + 8 <= at + 4 + length else { throw Malformed() }
                    defer { field += 8 }
                    return extra.uint64(at: field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
                return
            }
            at += 4 + length
        }
    }

    /// Where the part's own bytes start: after its local header, whose name and extra field
    /// may differ in length from the central directory's.
    func dataOffset(of entry: Entry) throws(Malformed) -> UInt64 {
        let header = try file.bytes(at: entry.localHeaderOffset, count: 30)
        guard header.uint32(at: 0) == 0x0403_4b50 else { throw Malformed() }
        let start = entry.localHeaderOffset + 30 + UInt64(header.uint16(at: 26)) + UInt64(header.uint16(at: 28))
        guard start <= file.size, entry.compressedSize <= file.size - start else { throw Malformed() }
        return start
    }
}

/// A zip file open for reading at offsets; closed when released.
final class ZipFile: @unchecked Sendable {
    let descriptor: Int32
    let size: UInt64

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & 0o170000 == 0o100000 else {  // a regular file
            close(fd)
            return nil
        }
        descriptor = fd
        size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or `Malformed` when the file is shorter.
    func bytes(at offset: UInt64, count: Int) throws(ZipDirectory.Malformed) -> [UInt8] {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else { throw ZipDirectory.Malformed() }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        defer { buffer.deallocate() }
        try read(into: buffer, at: offset, count: count)
        return Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// Fills `buffer` with exactly `count` bytes at `offset`.
    func read(into buffer: UnsafeMutablePointer<UInt8>, at offset: UInt64, count: Int) throws(ZipDirectory.Malformed) {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else { throw ZipDirectory.Malformed() }
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ZipDirectory.Malformed() }
            done += n
        }
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers, as zip stores them; the caller has checked the range.
    func uint16(at i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func uint32(at i: Int) -> UInt32 { UInt32(uint16(at: i)) | UInt32(uint16(at: i + 2)) << 16 }
    func uint64(at i: Int) -> UInt64 { UInt64(uint32(at: i)) | UInt64(uint32(at: i + 4)) << 32 }
}
