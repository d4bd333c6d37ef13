/// Subset programs already made, per face and exact glyph set. Per-record PDFs of one template
/// often use the same glyphs (the same form, names differing only in a few characters), and an
/// hb-subset of a CJK face costs milliseconds; the bytes are immutable, so records share them.
/// The cache is bounded by total bytes and emptied when full (simple, and a batch's working set
/// of glyph sets is small or else never repeats).
final class SubsetCache: @unchecked Sendable {
    static let shared = SubsetCache(limit: 16 << 20)

    struct Program: Sendable {
        let bytes: [UInt8]
        let isCFF: Bool
        /// The subset tag: the same glyph set of the same face always gets the same tag.
        let tag: String
    }

    private struct Key: Hashable {
        let path: String
        let index: Int
        let glyphs: [UInt16]
    }

    private let limit: Int
    private let entries = Locked<(programs: [Key: Program], bytes: Int)>(([:], 0))
    private let counters = Locked<(hits: Int, misses: Int)>((0, 0))

    init(limit: Int) {
        self.limit = limit
    }

    func program(of face: FontFace, glyphs: [UInt16]) throws(FontError) -> Program {
        let key = Key(path: face.path, index: face.index, glyphs: glyphs)
        if let cached = entries.withLock({ $0.programs[key] }) {
            counters.withLock { $0.hits += 1 }
            return cached
        }
        counters.withLock { $0.misses += 1 }
        let made = Program(bytes: try FontProgram.make(face: face, glyphs: glyphs), isCFF: face.isCFF,
                           tag: SubsetTag.make(face: face, glyphs: glyphs))
        entries.withLock { entries in
            if entries.bytes + made.bytes.count > limit { entries = ([:], 0) }
            entries.programs[key] = made
            entries.bytes += made.bytes.count
        }
        return made
    }

    /// Cache hits and misses so far (for benchmarks and the report of a run).
    var statistics: (hits: Int, misses: Int) {
        counters.withLock { $0 }
    }
}

/// The six-letter subset tag of PDF 32000-1 §9.6.4: uppercase letters, here a hash of the face
/// and glyph set, so that equal subsets get equal names and different ones (almost surely) not.
enum SubsetTag {
    static func make(face: FontFace, glyphs: [UInt16]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        for byte in face.path.utf8 { mix(byte) }
        mix(UInt8(truncatingIfNeeded: face.index))
        for glyph in glyphs {
            mix(UInt8(glyph >> 8))
            mix(UInt8(glyph & 0xFF))
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return letters
    }
}
