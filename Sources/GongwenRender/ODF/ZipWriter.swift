import CDeflate
#if ISAL
import CISAL
#endif

/// Builds zip archives in memory for `.odt` packages and batch `.zip` files, deflating with
/// zlib (level 1, raw deflate) directly, or with Intel's ISA-L (igzip) when built with the
/// package trait `ISAL` (`swift build --traits ISAL`; apt libisal-dev).
///
/// Why not ZIPFoundation here: a batch writes thousands of small packages whose parts are
/// mostly the same (styles, manifest). Those are deflated once per packager, and one deflate
/// stream is reused for the rest (a reset is far cheaper than a new stream per file), with no
/// file handles or temporary archives. Why igzip and not zlib: deflating was a quarter of the
/// work of a combined batch with zlib at level 1; igzip's level 0 does it in a tenth of the
/// time and, on forms, smaller (8.3 MB of body XML: 19.6 ms → 1.6 ms, 325 → 259 KB; its
/// CRC-32 is nine times faster too). ISA-L is optional (not on a stock Debian image), so zlib is
/// the default; zlib also gives `crc32_combine` either way. Entries follow ODF 1.3 part 2
/// §3.3: `mimetype` first and stored, no extra fields, no data descriptors; a fixed date
/// (1980-01-01) keeps output byte-identical from run to run.
public final class ZipWriter {
    /// An entry whose bytes are already compressed (or stored), with its CRC and sizes.
    public struct ZipEntry: Sendable {
        public var path: [UInt8]
        public var method: UInt16
        public var crc: UInt32
        public var compressed: [UInt8]
        /// `compressed.count`, or the size of data written separately (`ZipStream.add(_:data:)`).
        public var compressedSize: Int
        public var uncompressedSize: Int

        public init(path: [UInt8], method: UInt16, crc: UInt32, compressed: [UInt8], compressedSize: Int? = nil, uncompressedSize: Int) {
            self.path = path
            self.method = method
            self.crc = crc
            self.compressed = compressed
            self.compressedSize = compressedSize ?? compressed.count
            self.uncompressedSize = uncompressedSize
        }
    }

    /// Part of a deflate stream compressed on its own: pieces from any writers, concatenated in
    /// order and followed by a `final` one, make one valid stream (as pigz builds it in parallel).
    public struct DeflatedPiece: Sendable {
        public var compressed: [UInt8]
        public var crc: UInt32
        public var length: Int

        public init(compressed: [UInt8], crc: UInt32, length: Int) {
            self.compressed = compressed
            self.crc = crc
            self.length = length
        }
    }

    /// Deflates `bytes` as a piece: from a reset stream (it refers to nothing before it) and
    /// ended by a sync flush (byte-aligned, not the last block) unless `final`.
    public func piece(_ bytes: [UInt8], final: Bool) -> DeflatedPiece {
        DeflatedPiece(compressed: deflate(bytes, final: final), crc: Self.crc(bytes), length: bytes.count)
    }

    public static func crc(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { Deflater.crc32(crc, $0.baseAddress, $0.count) }
    }

    /// The CRC of `a`'s bytes followed by `b`'s `length` bytes.
    public static func crc(combining a: UInt32, _ b: UInt32, length: Int) -> UInt32 {
        UInt32(crc32_combine(uLong(a), uLong(b), off_t(length)))
    }

    private func deflate(_ bytes: [UInt8], final: Bool) -> [UInt8] {
        // Room for incompressible data (stored blocks) and the flush; doubled if ever short.
        var capacity = bytes.count + bytes.count / 16 + 1024
        while true {
            var compressed = [UInt8](repeating: 0, count: capacity)
            let produced = bytes.withUnsafeBufferPointer { inBuf in
                compressed.withUnsafeMutableBufferPointer { outBuf in
                    Deflater.deflatePiece(stream, inBuf.baseAddress, inBuf.count, outBuf.baseAddress, outBuf.count, final ? 1 : 0)
                }
            }
            if produced >= 0 {
                compressed.removeSubrange(produced...)
                return compressed
            }
            precondition(produced == -1, "\(Deflater.name) failed on a well-formed stream")
            capacity *= 2
        }
    }

    /// The deflater's stream (opaque: see CDeflate/shim.h, CISAL/shim.h).
    private let stream: UnsafeMutableRawPointer

    public init() {
        guard let stream = Deflater.new() else { fatalError("out of memory for a deflate stream") }
        self.stream = stream
    }

    deinit {
        Deflater.free(stream)
    }

    /// Deflates (or stores) `bytes` as an entry, reusing this writer's deflate stream.
    public func entry(_ path: String, _ bytes: [UInt8], store: Bool = false) -> ZipEntry {
        let crc = Self.crc(bytes)
        if store || bytes.isEmpty {
            return ZipEntry(path: Array(path.utf8), method: 0, crc: crc, compressed: bytes, uncompressedSize: bytes.count)
        }
        return ZipEntry(path: Array(path.utf8), method: 8, crc: crc, compressed: deflate(bytes, final: true), uncompressedSize: bytes.count)
    }

    /// The archive of `entries`, in order, in memory (an `.odt` package).
    public static func archive(_ entries: [ZipEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(22) { $0 + 76 + 2 * $1.path.count + $1.compressed.count })
        let stream = ZipStream { out.append(contentsOf: $0) }
        for e in entries { stream.add(e) }
        stream.finish()
        return out
    }

    /// The fields shared by local and central headers, from “version needed” to “extra length”.
    static func header(_ e: ZipEntry, into out: inout [UInt8]) {
        out.u16(20)  // version needed: 2.0 (deflate)
        out.u16(0x0800)  // flags: names are UTF-8
        out.u16(e.method)
        out.u16(0)  // time 00:00
        out.u16(0x21)  // date 1980-01-01
        out.u32(e.crc)
        out.u32(UInt32(e.compressedSize))
        out.u32(UInt32(e.uncompressedSize))
        out.u16(UInt16(e.path.count))
        out.u16(0)  // extra field length
    }
}

/// The deflate implementation chosen at build time: zlib by default, ISA-L with the trait `ISAL`.
public enum Deflater {
    #if ISAL
    public static let name = "ISA-L"
    static func new() -> UnsafeMutableRawPointer? { gongwen_isal_deflater_new() }
    static func free(_ stream: UnsafeMutableRawPointer) { gongwen_isal_deflater_free(stream) }
    static func deflatePiece(_ stream: UnsafeMutableRawPointer, _ input: UnsafePointer<UInt8>?, _ count: Int,
                             _ output: UnsafeMutablePointer<UInt8>?, _ capacity: Int, _ final: Int32) -> Int {
        gongwen_isal_deflate_piece(stream, input, count, output, capacity, final)
    }
    static func crc32(_ crc: UInt32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt32 {
        gongwen_isal_crc32(crc, bytes, count)
    }
    #else
    public static let name = "zlib"
    static func new() -> UnsafeMutableRawPointer? { gongwen_zlib_deflater_new() }
    static func free(_ stream: UnsafeMutableRawPointer) { gongwen_zlib_deflater_free(stream) }
    static func deflatePiece(_ stream: UnsafeMutableRawPointer, _ input: UnsafePointer<UInt8>?, _ count: Int,
                             _ output: UnsafeMutablePointer<UInt8>?, _ capacity: Int, _ final: Int32) -> Int {
        gongwen_zlib_deflate_piece(stream, input, count, output, capacity, final)
    }
    static func crc32(_ crc: UInt32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UInt32 {
        gongwen_zlib_crc32(crc, bytes, count)
    }
    #endif
}

extension UInt32 {
    var littleEndianBytes: [UInt8] { [UInt8(self & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self >> 16 & 0xFF), UInt8(self >> 24)] }
}

extension Array where Element == UInt8 {
    mutating func u16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { append(contentsOf: v.littleEndianBytes) }
    mutating func u64(_ v: UInt64) { u32(UInt32(v & 0xFFFF_FFFF)); u32(UInt32(v >> 32)) }
}

/// Writes a zip archive entry by entry to a sink (a file for a batch `.zip`), keeping only the
/// central directory in memory. More than 65,535 entries (a province's households) get the
/// Zip64 end records; each file and the whole archive must stay under 4 GiB.
public final class ZipStream {
    private let sink: ([UInt8]) -> Void
    private var offset = 0
    private var directory: [UInt8] = []
    private var count = 0

    public init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
    }

    /// Whether another entry of `size` bytes still fits in a zip without Zip64 local headers.
    public func fits(_ size: Int) -> Bool { offset + size + 1024 < 0xFFFF_FFFF }

    public func add(_ e: ZipWriter.ZipEntry) {
        add(e) { sink in sink(e.compressed) }
    }

    /// Adds an entry whose compressed bytes (`e.compressedSize` of them) `data` hands to its
    /// sink, in pieces: a combined document's content is copied from a file, never held whole.
    public func add(_ e: ZipWriter.ZipEntry, data: (@escaping ([UInt8]) -> Void) -> Void) {
        var local: [UInt8] = []
        local.reserveCapacity(30 + e.path.count)
        local.u32(0x0403_4B50)
        ZipWriter.header(e, into: &local)
        local.append(contentsOf: e.path)
        directory.u32(0x0201_4B50)
        // Made by Unix, zip 2.0: unzip then takes the UTF-8 names as they are instead of
        // translating them from an MS-DOS code page.
        directory.u16(0x0314)
        ZipWriter.header(e, into: &directory)
        directory.u16(0)  // comment length
        directory.u16(0)  // disk number
        directory.u16(0)  // internal attributes
        directory.u32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
        directory.u32(UInt32(offset))
        directory.append(contentsOf: e.path)
        sink(local)
        data(sink)
        offset += local.count + e.compressedSize
        count += 1
    }

    public func finish() {
        let directoryStart = offset
        var tail = directory
        let directorySize = directory.count
        if count > 0xFFFF {
            let zip64Start = directoryStart + directorySize
            tail.u32(0x0606_4B50)  // Zip64 end of central directory record
            tail.u64(44)
            tail.u16(45)
            tail.u16(45)
            tail.u32(0)
            tail.u32(0)
            tail.u64(UInt64(count))
            tail.u64(UInt64(count))
            tail.u64(UInt64(directorySize))
            tail.u64(UInt64(directoryStart))
            tail.u32(0x0706_4B50)  // Zip64 end of central directory locator
            tail.u32(0)
            tail.u64(UInt64(zip64Start))
            tail.u32(1)
        }
        tail.u32(0x0605_4B50)
        tail.u16(0)
        tail.u16(0)
        tail.u16(UInt16(min(count, 0xFFFF)))
        tail.u16(UInt16(min(count, 0xFFFF)))
        tail.u32(UInt32(directorySize))
        tail.u32(UInt32(directoryStart))
        tail.u16(0)
        sink(tail)
        directory = []
    }
}
