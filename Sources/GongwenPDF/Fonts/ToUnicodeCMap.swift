/// The ToUnicode CMap of a subset: glyph id (the 2-byte Identity-H code) → the text laid out
/// with it, UTF-16BE (non-BMP characters as surrogate pairs, several characters for one glyph
/// allowed). It is what makes the PDF's text copy and search exactly.
enum ToUnicodeCMap {
    static func make(glyphs: [UInt16], texts: [UInt16: String]) -> [UInt8] {
        var entries: [(UInt16, String)] = []
        entries.reserveCapacity(glyphs.count)
        for glyph in glyphs {
            if let text = texts[glyph], !text.isEmpty { entries.append((glyph, text)) }
        }
        var out = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        var start = 0
        // A bfchar block holds at most 100 entries (Adobe TN 5014).
        while start < entries.count {
            let block = entries[start..<min(start + 100, entries.count)]
            out += "\(block.count) beginbfchar\n"
            for (glyph, text) in block {
                out += "<" + hex(glyph) + "> <"
                for unit in text.utf16 { out += hex(unit) }
                out += ">\n"
            }
            out += "endbfchar\n"
            start += 100
        }
        out += """
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
        return Array(out.utf8)
    }

    private static let digits = Array("0123456789ABCDEF")

    private static func hex(_ value: UInt16) -> String {
        String([digits[Int(value >> 12)], digits[Int(value >> 8 & 15)], digits[Int(value >> 4 & 15)], digits[Int(value & 15)]])
    }
}
