/// Unicode → glyph from the face's 'cmap'. The full-repertoire subtable (3/10 or 0/4, format 12)
/// is preferred over the BMP one (3/1, format 4). Lookups happen for every character of every
/// document, so the BMP is expanded once into a dense 64 Ki-entry array (128 KiB per face) and
/// the rest is a binary search over the format 12 groups in the mapped table: no allocation and
/// no locking per call.
struct CharacterMap: @unchecked Sendable {
    /// glyph for each BMP scalar, 0 where none.
    private let basic: [UInt16]
    /// The format 12 subtable (for scalars beyond the BMP), when the face has one.
    private let groups: BigEndianReader?
    private let groupCount: Int

    init(table: BigEndianReader?) {
        var basic = [UInt16](repeating: 0, count: 0x1_0000)
        var best: (score: Int, subtable: BigEndianReader)?
        if let table {
            for record in 0..<table.uint16(2) {
                let at = 4 + 8 * record
                let platform = table.uint16(at), encoding = table.uint16(at + 2)
                let offset = table.uint32(at + 4)
                let format = table.uint16(offset)
                let score: Int
                switch (platform, encoding, format) {
                case (3, 10, 12), (0, 4, 12), (0, 6, 12): score = 4
                case (0, _, 12): score = 3
                case (3, 1, 4), (0, _, 4): score = 2
                default: score = 0
                }
                guard score > (best?.score ?? 0) else { continue }
                let length = format == 12 ? table.uint32(offset + 4) : table.uint16(offset + 2)
                guard table.contains(offset, length) else { continue }
                best = (score, table.slice(offset, length))
            }
        }
        if let subtable = best?.subtable, subtable.uint16(0) == 12 {
            let count = min(subtable.uint32(12), max(0, (subtable.count - 16) / 12))
            groups = subtable
            groupCount = count
            // Groups are sorted and disjoint; `filled` also bounds the work on a damaged table
            // whose groups overlap to one pass over the BMP.
            var filled = 0
            for group in 0..<count {
                let at = 16 + 12 * group
                let start = max(subtable.uint32(at), filled), end = min(subtable.uint32(at + 4), 0xFFFF)
                let first = subtable.uint32(at), glyph = subtable.uint32(at + 8)
                guard start <= end else { continue }
                filled = end + 1
                for scalar in start...end {
                    basic[scalar] = UInt16(truncatingIfNeeded: glyph + scalar - first)
                }
            }
        } else {
            groups = nil
            groupCount = 0
            if let subtable = best?.subtable { Self.fill(&basic, format4: subtable) }
        }
        self.basic = basic
    }

    /// Expands a format 4 subtable (segments of start/end code, delta, range offset).
    private static func fill(_ basic: inout [UInt16], format4 table: BigEndianReader) {
        let segments = table.uint16(6) / 2
        let ends = 14, starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments, rangeOffsets = deltas + 2 * segments
        var filled = 0  // segments are sorted by end code; overlaps are not filled twice
        for segment in 0..<segments {
            let end = table.uint16(ends + 2 * segment), start = table.uint16(starts + 2 * segment)
            let delta = table.uint16(deltas + 2 * segment)
            let rangeAt = rangeOffsets + 2 * segment, rangeOffset = table.uint16(rangeAt)
            guard max(start, filled) <= end else { continue }
            defer { filled = end + 1 }
            for code in max(start, filled)...end where code != 0xFFFF {
                var glyph: Int
                if rangeOffset == 0 {
                    glyph = (code + delta) & 0xFFFF
                } else {
                    glyph = table.uint16(rangeAt + rangeOffset + 2 * (code - start))
                    if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                }
                basic[code] = UInt16(glyph)
            }
        }
    }

    func glyph(for scalar: Unicode.Scalar) -> UInt16? {
        let value = Int(scalar.value)
        if value < 0x1_0000 {
            let glyph = basic[value]
            return glyph == 0 ? nil : glyph
        }
        guard let groups else { return nil }
        var low = 0, high = groupCount - 1
        while low <= high {
            let middle = (low + high) / 2, at = 16 + 12 * middle
            if value < groups.uint32(at) {
                high = middle - 1
            } else if value > groups.uint32(at + 4) {
                low = middle + 1
            } else {
                let glyph = groups.uint32(at + 8) + value - groups.uint32(at)
                return glyph == 0 || glyph > 0xFFFF ? nil : UInt16(glyph)
            }
        }
        return nil
    }
}
