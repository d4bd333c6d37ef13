/// The five objects of an embedded CID font (PDF 9.7): the Type 0 font the pages name
/// (Identity-H: each 2-byte code is a glyph id), its descendant CIDFont with the widths of the
/// glyphs used, the font descriptor, the font program (a subset) and the ToUnicode map that
/// makes copied and searched text exact.
enum FontObjects {
    /// Writes a font whose streams are compressed already (shared by many per-record files).
    static func write(_ prepared: PreparedFont, to output: PDFOutput) -> Int {
        let font = prepared.font
        let type0 = output.reserve(), cidFont = output.reserve(), descriptor = output.reserve()
        let program = output.reserve(), toUnicode = output.reserve()
        let name = "/" + font.baseFontName
        let isTrueType: Bool
        switch font.program {
        case .trueType(let bytes):
            isTrueType = true
            output.stream(program, dictionary: "/Length1 \(bytes.count)", packed: prepared.program)
        case .cff:
            isTrueType = false
            output.stream(program, dictionary: "/Subtype /CIDFontType0C", packed: prepared.program)
        }
        output.stream(toUnicode, packed: prepared.toUnicode)
        let b = font.boundingBox
        output.begin(descriptor)
        output.write("<< /Type /FontDescriptor /FontName \(name) /Flags \(font.flags) /FontBBox [\(b.0) \(b.1) \(b.2) \(b.3)] /ItalicAngle \(font.italicAngle) "
                     + "/Ascent \(font.ascent) /Descent \(font.descent) /CapHeight \(font.capHeight) /StemV \(font.stemV) "
                     + "/\(isTrueType ? "FontFile2" : "FontFile3") \(program) 0 R >>")
        output.end()
        output.begin(cidFont)
        output.write("<< /Type /Font /Subtype /\(isTrueType ? "CIDFontType2" : "CIDFontType0") /BaseFont \(name) "
                     + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R "
                     + "/DW \(font.defaultWidth) /W [\(widths(font.nonDefaultWidths))]\(font.cidToGIDMapIdentity ? " /CIDToGIDMap /Identity" : "") >>")
        output.end()
        output.begin(type0)
        output.write("<< /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        output.end()
        return type0
    }

    /// `/W` in its compact form: a first glyph and the widths of consecutive glyphs from it.
    static func widths(_ widths: [(glyph: UInt16, width: Int)]) -> String {
        var out = ""
        var i = 0
        while i < widths.count {
            var j = i + 1
            while j < widths.count, widths[j].glyph == widths[j - 1].glyph + 1 { j += 1 }
            out += "\(widths[i].glyph) [" + widths[i..<j].map { String($0.width) }.joined(separator: " ") + "] "
            i = j
        }
        return out
    }
}
