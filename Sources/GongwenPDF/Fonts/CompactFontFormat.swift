/// Just enough of a CFF table (Adobe TN 5176) to check a subset: whether it is CID-keyed (a
/// ROS operator in the Top DICT), how many glyphs it has, and its charset, which for a CID-keyed
/// font maps each glyph to its CID. In a PDF, a CIDFontType0 shows code (CID) c with the glyph
/// whose charset entry is c; a name-keyed CFF has no CIDs and the code is the glyph index.
struct CompactFontFormat {
    let isCIDKeyed: Bool
    let glyphCount: Int
    /// charset[gid] = CID (or SID for a name-keyed font); charset[0] = 0 (.notdef).
    let charset: [Int]
    /// Where the Top DICT's charset operand starts and how long it is (to patch it in place).
    let charsetOperand: (offset: Int, length: Int)?

    init?(_ bytes: BigEndianReader) {
        guard bytes.count > 4, bytes.uint8(0) == 1 else { return nil }
        let names = bytes.uint8(2)
        guard let nameIndex = Self.index(bytes, at: names),
              let topIndex = Self.index(bytes, at: nameIndex.end),
              let top = topIndex.items.first
        else { return nil }
        var cidKeyed = false
        var charsetOffset = 0, charStringsOffset = 0
        var charsetOperand: (Int, Int)?
        Self.dict(bytes, from: top.start, to: top.end) { op, operands, operandStart, operandEnd in
            switch op {
            case 0x0C1E: cidKeyed = true
            case 15:
                charsetOffset = Int(operands.last ?? 0)
                charsetOperand = (operandStart, operandEnd - operandStart)
            case 17: charStringsOffset = Int(operands.last ?? 0)
            default: break
            }
        }
        guard let charStrings = Self.index(bytes, at: charStringsOffset) else { return nil }
        isCIDKeyed = cidKeyed
        glyphCount = charStrings.items.count
        self.charsetOperand = charsetOperand
        charset = Self.charset(bytes, at: charsetOffset, glyphs: glyphCount)
    }

    /// An INDEX: count, offSize, offsets (1-based from the byte before the data), data.
    static func index(_ bytes: BigEndianReader, at offset: Int) -> (items: [(start: Int, end: Int)], end: Int)? {
        let count = bytes.uint16(offset)
        if count == 0 { return ([], offset + 2) }
        let offSize = bytes.uint8(offset + 2)
        guard (1...4).contains(offSize), bytes.contains(offset + 3, (count + 1) * offSize) else { return nil }
        let base = offset + 3 + (count + 1) * offSize - 1
        func read(_ at: Int) -> Int {
            var value = 0
            for byte in 0..<offSize { value = value << 8 | bytes.uint8(at + byte) }
            return value
        }
        var items: [(Int, Int)] = []
        items.reserveCapacity(count)
        var previous = read(offset + 3)
        for item in 1...count {
            let next = read(offset + 3 + item * offSize)
            items.append((base + previous, base + next))
            previous = next
        }
        guard bytes.contains(base + 1, previous - 1) else { return nil }
        return (items, base + previous)
    }

    /// Walks a DICT, calling `visit` with each operator (escaped ones as 0x0C00 | b1), its
    /// operands and the byte range the operands take.
    static func dict(_ bytes: BigEndianReader, from start: Int, to end: Int,
                     visit: (Int, [Double], Int, Int) -> Void) {
        var at = start, operands: [Double] = [], operandStart = start
        while at < end {
            let b0 = bytes.uint8(at)
            switch b0 {
            case 0...21:
                let op = b0 == 12 ? 0x0C00 | bytes.uint8(at + 1) : b0
                visit(op, operands, operandStart, at)
                at += b0 == 12 ? 2 : 1
                operands = []
                operandStart = at
            case 28: operands.append(Double(bytes.int16(at + 1))); at += 3
            case 29: operands.append(Double(Int32(truncatingIfNeeded: bytes.uint32(at + 1)))); at += 5
            case 30:
                at += 1
                while at < end, bytes.uint8(at) & 0x0F != 0x0F, bytes.uint8(at) >> 4 != 0x0F { at += 1 }
                at += 1
                operands.append(0)  // reals are never offsets; their value is not needed here
            case 32...246: operands.append(Double(b0 - 139)); at += 1
            case 247...250: operands.append(Double((b0 - 247) * 256 + bytes.uint8(at + 1) + 108)); at += 2
            case 251...254: operands.append(Double(-(b0 - 251) * 256 - bytes.uint8(at + 1) - 108)); at += 2
            default: at += 1
            }
        }
    }

    /// The charset (formats 0, 1, 2) as an array; offsets 0–2 are the predefined ISO/Expert
    /// charsets, which only name-keyed fonts use.
    private static func charset(_ bytes: BigEndianReader, at offset: Int, glyphs: Int) -> [Int] {
        var result = [0]
        guard glyphs > 1, offset > 2 else { return Array(0..<max(glyphs, 1)) }
        result.reserveCapacity(glyphs)
        var at = offset + 1
        switch bytes.uint8(offset) {
        case 0:
            while result.count < glyphs, at + 2 <= bytes.count { result.append(bytes.uint16(at)); at += 2 }
        case 1, 2:
            let wide = bytes.uint8(offset) == 2
            while result.count < glyphs, at + (wide ? 4 : 3) <= bytes.count {
                let first = bytes.uint16(at), left = wide ? bytes.uint16(at + 2) : bytes.uint8(at + 2)
                for cid in first...(first + left) where result.count < glyphs { result.append(cid) }
                at += wide ? 4 : 3
            }
        default: break
        }
        return result
    }
}
