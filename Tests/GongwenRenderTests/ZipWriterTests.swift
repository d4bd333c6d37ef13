import Testing
import TestSupport
@testable import GongwenZip

/// The zip writer on igzip: what another reader (ZIPFoundation, which checks each CRC) gets
/// back is what went in, for text, for bytes that do not compress (stored blocks, the output
/// buffer grown) and for a part joined from pieces deflated apart.
@Suite("Zip writer")
struct ZipWriterTests {
    /// Bytes that do not compress: a xorshift sequence (fixed seed, the same every run).
    static func noise(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test("entries read back byte for byte: empty, text, incompressible, very compressible")
    func entries() throws {
        let writer = ZipWriter()
        let parts: [(String, [UInt8])] = [
            ("empty", []),
            ("text.xml", Array(String(repeating: "<text:p>诚信计生双向承诺书</text:p>", count: 500).utf8)),
            ("noise", Self.noise(300_000)),
            ("same", [UInt8](repeating: 0x61, count: 1_000_000)),
        ]
        let archive = ZipWriter.archive(parts.map { writer.entry($0.0, $0.1) })
        let read = try unzip(archive)
        #expect(read.map(\.path) == parts.map(\.0))
        for (entry, part) in zip(read, parts) { #expect(entry.bytes == part.1, "\(part.0)") }
    }

    @Test("pieces deflated by different writers and joined are one valid deflate stream")
    func joinedPieces() throws {
        let pieces: [[UInt8]] = [Array("<office:text>".utf8), Self.noise(70_000), [], Array(String(repeating: "甲乙丙", count: 9_000).utf8),
                                 Array("</office:text>".utf8)]
        let writers = [ZipWriter(), ZipWriter()]
        var joined = JoinedPieces()
        var compressed: [UInt8] = []
        for (i, bytes) in pieces.enumerated() {
            let piece = writers[i % 2].piece(bytes, final: i == pieces.count - 1)
            joined.append(piece)
            compressed += piece.compressed
        }
        let entry = ZipWriter.ZipEntry(path: Array("content.xml".utf8), method: 8, crc: joined.crc, compressed: compressed,
                                       uncompressedSize: joined.length)
        let read = try unzip(ZipWriter.archive([entry]))
        #expect(read.first?.bytes == pieces.flatMap { $0 })
        #expect(joined.crc == ZipWriter.crc(pieces.flatMap { $0 }))
    }

    @Test("the CRC is zip's CRC-32")
    func crc() {
        #expect(ZipWriter.crc(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipWriter.crc([]) == 0)
        #expect(ZipWriter.crc(Array("6789".utf8), continuing: ZipWriter.crc(Array("12345".utf8))) == 0xCBF4_3926)
    }
}
