import GongwenRender

/// Per-record PDFs embed each face as two fonts: one with the glyphs of the first record a
/// writer made — the template's own text, common to every record — made once per thread and
/// its objects compressed once (`PreparedFont`); and one with only this record's other glyphs
/// (names, figures), a subset of a few dozen glyphs. An hb-subset of a CJK face costs about
/// 12 µs a glyph, so subsetting 400 glyphs per face per record would cap a batch far below
/// 1,000 files a second; the small remainder costs a tenth of a millisecond.
final class SharedFonts {
    struct Entry {
        let use: GlyphUse
        let prepared: PreparedFont
        /// The glyphs of the shared font as bits, read without a lock for every glyph placed.
        let bits: [UInt64]

        func contains(_ glyph: UInt16) -> Bool { bits[Int(glyph >> 6)] & (UInt64(1) << UInt64(glyph & 63)) != 0 }
    }

    private var entries: [ObjectIdentifier: Entry] = [:]

    /// The shared font of `face`, made from `glyphs` the first time the face is seen.
    func entry(for face: FontFace, glyphs: [UInt16: Unicode.Scalar]) throws(PDFError) -> Entry {
        let id = ObjectIdentifier(face)
        if let known = entries[id] { return known }
        let use = GlyphUse(face: face)
        for (glyph, scalar) in glyphs { use.use(glyph, text: String(Character(scalar))) }
        let font: EmbeddedFont
        do { font = try use.embedded() } catch { throw PDFError(error.description) }
        var bits = [UInt64](repeating: 0, count: 1024)
        for glyph in glyphs.keys { bits[Int(glyph >> 6)] |= UInt64(1) << UInt64(glyph & 63) }
        let entry = Entry(use: use, prepared: PreparedFont(font), bits: bits)
        entries[id] = entry
        return entry
    }
}

/// An embedded font with its streams compressed already, to be written into many files.
struct PreparedFont {
    let font: EmbeddedFont
    let program: (bytes: [UInt8], compressed: Bool)
    let toUnicode: (bytes: [UInt8], compressed: Bool)

    init(_ font: EmbeddedFont, deflater: StreamDeflater? = nil) {
        self.font = font
        let raw: [UInt8]
        switch font.program {
        case .trueType(let b), .cff(let b): raw = b
        }
        program = PDFOutput.deflate(raw, with: deflater).map { ($0, true) } ?? (raw, false)
        toUnicode = PDFOutput.deflate(font.toUnicode, with: deflater).map { ($0, true) } ?? (font.toUnicode, false)
    }
}
