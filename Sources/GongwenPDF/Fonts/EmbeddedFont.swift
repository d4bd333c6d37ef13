/// Everything the PDF writer needs to embed one face as a Type0 font (/Encoding /Identity-H,
/// content-stream codes = original glyph ids): the subset program, widths, ToUnicode map and
/// FontDescriptor values, all metrics in 1/1000 em.
public struct EmbeddedFont: Sendable {
    /// Six-uppercase-letter subset tag + "+" + PostScript name, e.g. "QWERTY+NotoSerifCJKsc-Regular".
    public var baseFontName: String
    public enum Program: Sendable {
        /// FontFile2, CIDFontType2: the whole TrueType subset, glyph ids kept.
        case trueType([UInt8])
        /// FontFile3 /Subtype /CIDFontType0C, CIDFontType0: the bare CFF table. A CID-keyed CFF
        /// maps each CID (= original glyph id) to its glyph through its charset; a name-keyed
        /// one keeps glyph ids, which a CIDFontType0 then uses directly.
        case cff([UInt8])
    }
    public var program: Program
    /// True for CIDFontType2 (write /CIDToGIDMap /Identity).
    public var cidToGIDMapIdentity: Bool
    /// Every used glyph's width in 1/1000 em, sorted by glyph.
    public var widths: [(glyph: UInt16, width: Int)]
    /// /DW: the commonest width among the used glyphs (1000 for CJK text).
    public var defaultWidth: Int
    /// Complete ToUnicode CMap stream content.
    public var toUnicode: [UInt8]
    /// FontDescriptor /Flags: symbolic (4), italic (64) when slanted.
    public var flags: Int
    public var boundingBox: (Int, Int, Int, Int)
    public var ascent: Int, descent: Int, capHeight: Int, italicAngle: Int, stemV: Int

    /// Widths that differ from /DW: the only ones the /W array needs.
    public var nonDefaultWidths: [(glyph: UInt16, width: Int)] {
        widths.filter { $0.width != defaultWidth }
    }
}

extension GlyphUse {
    /// The subset: only the used glyphs (+ .notdef), made with HarfBuzz's hb-subset, such that
    /// content-stream code c (the original glyph id) shows glyph c. Subset programs are cached
    /// per face and exact glyph set, so per-record files with the same glyphs reuse the bytes.
    public func embedded() throws(FontError) -> EmbeddedFont {
        let (glyphs, texts) = snapshot()
        let program = try SubsetCache.shared.program(of: face, glyphs: glyphs)
        let scale = { (value: Int) in Int((Double(value) * 1000 / Double(self.face.unitsPerEm)).rounded()) }
        let widths = glyphs.map { (glyph: $0, width: scale(face.advance(of: $0))) }
        var tally: [Int: Int] = [:]
        for entry in widths { tally[entry.width, default: 0] += 1 }
        let defaultWidth = tally.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 1000
        let box = face.boundingBox
        // No OpenType table stores the dominant stem width; this usual estimate from the weight
        // class (88 for 400, 166 for 700) only guides viewers' substitution, never rendering.
        let stemV = 50 + Int((Double(face.weight) / 65) * (Double(face.weight) / 65))
        return EmbeddedFont(
            baseFontName: program.tag + "+" + face.postScriptName,
            program: program.isCFF ? .cff(program.bytes) : .trueType(program.bytes),
            cidToGIDMapIdentity: !program.isCFF,
            widths: widths,
            defaultWidth: defaultWidth,
            toUnicode: ToUnicodeCMap.make(glyphs: glyphs, texts: texts),
            flags: 4 | (face.italicAngle != 0 ? 64 : 0),
            boundingBox: (scale(box.0), scale(box.1), scale(box.2), scale(box.3)),
            ascent: scale(face.ascender), descent: scale(face.descender), capHeight: scale(face.capHeight),
            italicAngle: face.italicAngle, stemV: stemV
        )
    }
}
