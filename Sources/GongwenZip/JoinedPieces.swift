/// Deflated pieces joined in order into one zip entry (`ZipWriter.piece`): their CRC, length
/// and compressed size, wherever the compressed bytes themselves are kept (a combined file's
/// body sits in a temporary file).
package struct JoinedPieces: Sendable {
    package var crc: UInt32 = 0
    package var length = 0
    package var compressedSize = 0

    package init() {}

    /// Adds the next piece (in file order).
    package mutating func append(_ piece: ZipWriter.DeflatedPiece) {
        append(crc: piece.crc, length: piece.length, compressedSize: piece.compressed.count)
    }

    /// Adds pieces joined elsewhere (in file order).
    package mutating func append(_ other: JoinedPieces) {
        append(crc: other.crc, length: other.length, compressedSize: other.compressedSize)
    }

    package mutating func append(crc next: UInt32, length nextLength: Int, compressedSize nextSize: Int) {
        crc = ZipWriter.crc(combining: crc, next, length: nextLength)
        length += nextLength
        compressedSize += nextSize
    }
}
