/// The font program of a subset, made so that content-stream code c (an original glyph id,
/// Identity-H) shows original glyph c:
///
/// - TrueType (CIDFontType2, /CIDToGIDMap /Identity): hb-subset keeps glyph ids (RETAIN_GIDS);
///   unused glyphs become empty entries in loca/hmtx, which deflate to almost nothing.
/// - CID-keyed CFF (CIDFontType0, e.g. Noto CJK): a CIDFontType0 finds the glyph for CID c
///   through the CFF charset, so glyph ids need not be kept: the subset is packed (no empty
///   charstrings for the 60,000 unused glyphs of a CJK face) and its charset must map each
///   packed glyph to its original glyph id. hb-subset keeps each glyph's original CID, which is
///   the original glyph id when the source charset is the identity (Noto, Source Han); when it
///   is not, the charset is rewritten to the original glyph ids.
/// - Name-keyed CFF: a CIDFontType0 uses the CID as the glyph index, so glyph ids are kept.
enum FontProgram {
    static func make(face: FontFace, glyphs: [UInt16]) throws(FontError) -> [UInt8] {
        guard face.isCFF else {
            return try Subsetter.program(of: face, glyphs: glyphs, retainGIDs: true)
        }
        let packed = try Subsetter.program(of: face, glyphs: glyphs, retainGIDs: false)
        let parsed = packed.withUnsafeBytes { CompactFontFormat(BigEndianReader(bytes: $0)) }
        guard let cff = parsed else {
            throw FontError("HarfBuzz 为字体文件 \(face.path) 制作的 CFF 子集无法解析")
        }
        guard cff.isCIDKeyed else {
            return try Subsetter.program(of: face, glyphs: glyphs, retainGIDs: true)
        }
        // hb-subset may add a few glyphs beyond those asked for (its closure), so the packed
        // glyphs are identified by their CIDs, which it copies from the source charset.
        let sourceCIDs = face.sourceCharset()
        var gids: [Int] = []
        gids.reserveCapacity(cff.charset.count)
        var identity = true
        for cid in cff.charset {
            let gid = sourceCIDs.isIdentity ? cid : (sourceCIDs.glyphForCID[cid] ?? -1)
            guard gid >= 0 else {
                throw FontError("字体文件 \(face.path) 的 CFF 子集含有源字体中没有的 CID \(cid)")
            }
            identity = identity && gid == cid
            gids.append(gid)
        }
        let present = Set(gids)
        if let lost = glyphs.first(where: { !present.contains(Int($0)) }) {
            throw FontError("HarfBuzz 为字体文件 \(face.path) 制作的子集缺少字形 \(lost)")
        }
        if identity { return packed }
        return try rewriteCharset(packed, cff: cff, to: gids, path: face.path)
    }

    /// Appends a format 0 charset (glyph → original glyph id as CID) to the CFF data and points
    /// the Top DICT at it. The Top DICT's charset operand is overwritten in place, so this works
    /// when it was written as a 5-byte integer (hb-subset writes offsets so); else an error.
    static func rewriteCharset(_ bytes: [UInt8], cff: CompactFontFormat, to cids: [Int], path: String) throws(FontError) -> [UInt8] {
        guard let operand = cff.charsetOperand, operand.length == 5, bytes[operand.offset] == 29 else {
            throw FontError("字体文件 \(path) 的 CFF 子集字符集无法改写（CID 与字形号不一致）")
        }
        var out = bytes
        let offset = out.count
        out[operand.offset + 1] = UInt8(truncatingIfNeeded: offset >> 24)
        out[operand.offset + 2] = UInt8(truncatingIfNeeded: offset >> 16)
        out[operand.offset + 3] = UInt8(truncatingIfNeeded: offset >> 8)
        out[operand.offset + 4] = UInt8(truncatingIfNeeded: offset)
        out.append(0)
        for cid in cids.dropFirst() {
            out.append(UInt8(cid >> 8))
            out.append(UInt8(cid & 0xFF))
        }
        return out
    }
}
