/// Builds zip archives for `.odt` packages and batch `.zip` files (the module's one concern:
/// packaging, shared by the ODF writers and the batch output), deflating with
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

    public static func crc(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { Deflater.crc32(crc, $0.baseAddress, $0.count) }
    }

    func deflate(_ bytes: [UInt8], final: Bool) -> [UInt8] {
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
    package static func archive(_ entries: [ZipEntry]) -> [UInt8] {
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

