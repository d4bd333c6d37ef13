/// The glyphs used from one face while documents are laid out, and the text each one shows.
/// Layout threads add concurrently, once per glyph occurrence, so `use` is a lock and a bit
/// test (64 Ki bits per face); a glyph's text is stored only the first time it is seen.
public final class GlyphUse: @unchecked Sendable {
    public let face: FontFace

    struct State {
        var bits = [UInt64](repeating: 0, count: 1024)
        var texts: [UInt16: String] = [:]
        var count = 0

        @inline(__always)
        mutating func add(_ glyph: UInt16, _ text: String) {
            let word = Int(glyph) >> 6, mask = UInt64(1) << UInt64(glyph & 63)
            guard bits[word] & mask == 0 else { return }
            bits[word] |= mask
            texts[glyph] = text
            count += 1
        }
    }

    private let state = Locked(State())

    public init(face: FontFace) {
        self.face = face
    }

    /// Records that `glyph` shows `text` (one or more scalars). The first text recorded for a
    /// glyph wins: it is what the ToUnicode map gives back when the PDF's text is copied, so it
    /// must be the laid-out text, not a reverse cmap lookup (Noto maps both 人 and ⼈ to one glyph).
    @inline(__always)
    public func use(_ glyph: UInt16, text: String) {
        state.withLock { $0.add(glyph, text) }
    }

    /// `use` for a run of glyphs under one lock; `texts[i]` is the text of `glyphs[i]`.
    public func use(_ glyphs: [UInt16], texts: [String]) {
        state.withLock { state in
            for (glyph, text) in zip(glyphs, texts) { state.add(glyph, text) }
        }
    }

    public var isEmpty: Bool {
        state.withLock { $0.count == 0 }
    }

    /// Number of distinct glyphs used.
    public var count: Int {
        state.withLock { $0.count }
    }

    /// Whether `glyph` has been recorded.
    public func contains(_ glyph: UInt16) -> Bool {
        state.withLock { $0.bits[Int(glyph) >> 6] & (UInt64(1) << UInt64(glyph & 63)) != 0 }
    }

    /// The glyphs recorded here that `shared` lacks, with their texts. For per-record files:
    /// an hb-subset costs about 12 µs per glyph of a CJK face, so rather than one subset per
    /// record, a face can be embedded as two fonts, one holding the glyphs every record of the
    /// template uses (`shared.embedded()`, the same bytes and name for every record: made once,
    /// and its compressed stream can be cached by `baseFontName` too), the other only this
    /// record's other glyphs (names, addresses: a few dozen, ~0.5 ms). Glyph codes stay the
    /// original glyph ids in both; the writer picks the font by `shared.contains(glyph)`.
    public func subtracting(_ shared: GlyphUse) -> GlyphUse {
        let sharedBits = shared.state.withLock { $0.bits }
        let rest = GlyphUse(face: face)
        let (bits, texts) = state.withLock { ($0.bits, $0.texts) }
        rest.state.withLock { state in
            for word in 0..<bits.count {
                let kept = bits[word] & ~sharedBits[word]
                guard kept != 0 else { continue }
                state.bits[word] = kept
                state.count += kept.nonzeroBitCount
                var remaining = kept
                while remaining != 0 {
                    let glyph = UInt16(word << 6 | remaining.trailingZeroBitCount)
                    state.texts[glyph] = texts[glyph]
                    remaining &= remaining - 1
                }
            }
        }
        return rest
    }

    /// The used glyphs in ascending order, with their texts.
    func snapshot() -> (glyphs: [UInt16], texts: [UInt16: String]) {
        state.withLock { state in
            var glyphs: [UInt16] = []
            glyphs.reserveCapacity(state.count)
            for (word, bits) in state.bits.enumerated() where bits != 0 {
                var rest = bits
                while rest != 0 {
                    glyphs.append(UInt16(word << 6 | rest.trailingZeroBitCount))
                    rest &= rest - 1
                }
            }
            return (glyphs, state.texts)
        }
    }
}
