/// One call of hb-subset: the glyphs to keep in, a font program out.
enum Subsetter {
    /// Tables no PDF viewer reads from an embedded font: layout (shaping is done), vertical
    /// metrics (the PDF's /W carries widths), signatures and device metrics. Dropping them also
    /// spares hb-subset most of its work on a CJK font, whose GSUB/GPOS are large.
    private static let droppedTables: [StaticString] = [
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG",
        "kern", "hdmx", "LTSH", "VDMX", "PCLT", "morx", "mort", "feat", "STAT", "meta",
    ]

    /// The subset of `face` holding `glyphs` (sorted; .notdef is always kept). For a CFF face
    /// the 'CFF ' table of the result, else the whole TrueType file.
    static func program(of face: FontFace, glyphs: [UInt16], retainGIDs: Bool) throws(FontError) -> [UInt8] {
        let harfBuzz = try HarfBuzz.get()
        let source = try face.subsetSource()
        guard let input = harfBuzz.inputCreate() else { throw FontError("HarfBuzz 无法开始为 \(face.path) 制作子集（内存不足？）") }
        defer { harfBuzz.inputDestroy(input) }
        let glyphSet = harfBuzz.inputGlyphSet(input)
        harfBuzz.setAdd(glyphSet, 0)
        for glyph in glyphs { harfBuzz.setAdd(glyphSet, UInt32(glyph)) }
        let drop = harfBuzz.inputSet(input, HarfBuzz.setsDropTableTag)
        for tag in droppedTables { harfBuzz.setAdd(drop, tableTag(tag)) }
        var flags = HarfBuzz.flagNoLayoutClosure | HarfBuzz.flagNotdefOutline
        if retainGIDs { flags |= HarfBuzz.flagRetainGIDs }
        // A CJK CFF is heavily subroutinized (tens of thousands of subroutines shared by the
        // 65,535 glyphs). Keeping subroutines makes hb-subset track and renumber them; inlining
        // the few a subset needs is faster and, below a few thousand glyphs, smaller once
        // deflated. Noto Serif CJK SC, CPU per subset / deflated bytes:
        //   21 glyphs: 0.59 ms / 5.7 kB with subroutines, 0.16 ms / 4.9 kB without;
        //   401: 5.8 ms / 103 kB → 3.5 ms / 91 kB; 4,001: 61 ms / 1.16 MB → 36 ms / 1.10 MB.
        if face.isCFF { flags |= HarfBuzz.flagDesubroutinize }
        harfBuzz.inputSetFlags(input, flags)
        // The source (and the mapped file its tables point into) outlives the call.
        guard let subset = withExtendedLifetime(source, { harfBuzz.subset(source.face, input) }) else {
            throw FontError("HarfBuzz 无法为字体文件 \(face.path) 制作子集")
        }
        defer { harfBuzz.faceDestroy(subset) }
        let blob = face.isCFF ? harfBuzz.faceReferenceTable(subset, tableTag("CFF ")) : harfBuzz.faceReferenceBlob(subset)
        defer { harfBuzz.blobDestroy(blob) }
        let bytes = harfBuzz.bytes(of: blob)
        guard !bytes.isEmpty else { throw FontError("HarfBuzz 为字体文件 \(face.path) 制作的子集为空") }
        return bytes
    }
}
