import CDeflate

extension ZipWriter {
    /// Part of a deflate stream compressed on its own: pieces from any writers, concatenated in
    /// order and followed by a `final` one, make one valid stream (as pigz builds it in parallel).
    package struct DeflatedPiece: Sendable {
        package var compressed: [UInt8]
        package var crc: UInt32
        package var length: Int

        package init(compressed: [UInt8], crc: UInt32, length: Int) {
            self.compressed = compressed
            self.crc = crc
            self.length = length
        }
    }

    /// Deflates `bytes` as a piece: from a reset stream (it refers to nothing before it) and
    /// ended by a sync flush (byte-aligned, not the last block) unless `final`.
    package func piece(_ bytes: [UInt8], final: Bool) -> DeflatedPiece {
        DeflatedPiece(compressed: deflate(bytes, final: final), crc: Self.crc(bytes), length: bytes.count)
    }

    /// The CRC of `a`'s bytes followed by `b`'s `length` bytes.
    package static func crc(combining a: UInt32, _ b: UInt32, length: Int) -> UInt32 {
        UInt32(crc32_combine(uLong(a), uLong(b), off_t(length)))
    }
}
