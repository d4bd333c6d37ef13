/// The ToUnicode CMap of a subset: glyph id (the 2-byte Identity-H code) → the text laid out
/// with it, UTF-16BE (non-BMP characters as surrogate pairs, several characters for one glyph
/// allowed). It is what makes the PDF's text copy and search exactly. Written straight into
/// bytes: per-record files make one per face per record.
enum ToUnicodeCMap {
    private static let header = Array("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """.utf8)
    private static let trailer = Array("""
        endcmap
        CMapName currentdict /CMap defineresource pop
        end
        end

        """.utf8)

    static func make(glyphs: [UInt16], texts: [UInt16: String]) -> [UInt8] {
        var entries: [(UInt16, String)] = []
        entries.reserveCapacity(glyphs.count)
        for glyph in glyphs {
            if let text = texts[glyph], !text.isEmpty { entries.append((glyph, text)) }
        }
        var bytes = header
        bytes.reserveCapacity(header.count + entries.count * 16 + (entries.count / 100 + 1) * 32 + trailer.count)
        // A bfchar block holds at most 100 entries (Adobe TN 5014).
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            bytes += Array("\(block.count) beginbfchar\n".utf8)
            for (glyph, text) in block {
                bytes.append(UInt8(ascii: "<"))
                appendHex(glyph, to: &bytes)
                bytes += [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "<")]
                for unit in text.utf16 { appendHex(unit, to: &bytes) }
                bytes += [UInt8(ascii: ">"), UInt8(ascii: "\n")]
            }
            bytes += Array("endbfchar\n".utf8)
        }
        return bytes + trailer
    }

    /// Four uppercase hex digits.
    @inline(__always)
    private static func appendHex(_ value: UInt16, to bytes: inout [UInt8]) {
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8(value >> UInt16(shift) & 15)
            bytes.append(digit < 10 ? 48 + digit : 55 + digit)
        }
    }
}
