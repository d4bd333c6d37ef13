/// One face of a font file (.ttf, .otf, or a face inside .ttc/.otc), read from its OpenType
/// tables in the memory-mapped file. Immutable after init, so layout threads share one instance.
public final class FontFace: @unchecked Sendable {
    public let path: String
    public let index: Int
    public let postScriptName: String
    /// Every family name of the name table (IDs 1 and 16, every language), e.g.
    /// "Noto Serif CJK SC", "仿宋_GB2312".
    public let familyNames: [String]
    /// OS/2 usWeightClass ≥ 600; without a weight class, head.macStyle, fsSelection or a
    /// subfamily name containing "Bold".
    public let isBold: Bool
    /// OS/2 usWeightClass (400 when absent).
    public let weight: Int
    public let unitsPerEm: Int
    /// OS/2 sTypoAscender/sTypoDescender when the face has an OS/2 table, else hhea's. For CJK
    /// faces the typo values are the ideographic em box (Noto: 880 / −120, summing to the em),
    /// which is what placing a character on the GB/T 9704 line grid needs; hhea's (1160 / −288)
    /// add room for Latin accents and are kept in `hheaAscender`/`hheaDescender`.
    public let ascender: Int
    /// Negative, see `ascender`.
    public let descender: Int
    public let hheaAscender: Int
    public let hheaDescender: Int
    public let hheaLineGap: Int
    /// OS/2 sCapHeight (version ≥ 2), else 70 % of the ascender.
    public let capHeight: Int
    /// head xMin, yMin, xMax, yMax.
    public let boundingBox: (Int, Int, Int, Int)
    /// Outlines in a 'CFF ' table (embedded as FontFile3/CIDFontType0C), else TrueType 'glyf'.
    public let isCFF: Bool
    /// post.italicAngle in degrees (rounded).
    public let italicAngle: Int
    /// maxp.numGlyphs.
    public let glyphCount: Int

    let mapped: MappedFile
    let directory: TableDirectory
    /// HarfBuzz's view of the face, made when the first subset is asked for.
    let harfBuzzSource = Locked<SubsetSource?>(nil)
    /// The source CFF's charset, read when the first CFF subset is checked.
    let charsetCache = Locked<SourceCharset?>(nil)
    let file: BigEndianReader
    private let characterMap: CharacterMap
    private let metrics: BigEndianReader
    private let metricCount: Int

    public init(path: String, index: Int = 0) throws(FontError) {
        self.path = path
        self.index = index
        mapped = try MappedFile(path: path)
        file = BigEndianReader(bytes: mapped.bytes)
        let directory = try TableDirectory(file: file, index: index, path: path)
        self.directory = directory
        guard let head = directory.table("head", in: file), head.count >= 54 else {
            throw FontError.malformed(path, "缺少 head 表")
        }
        guard let hhea = directory.table("hhea", in: file), hhea.count >= 36,
              let hmtx = directory.table("hmtx", in: file)
        else {
            throw FontError.malformed(path, "缺少 hhea 或 hmtx 表（字宽）")
        }
        guard directory.has("CFF ") || directory.has("glyf") else {
            throw FontError.malformed(path, directory.has("CFF2") ? "CFF2（可变字体）轮廓暂不支持" : "没有 CFF 或 glyf 轮廓")
        }
        let summary = FaceSummary(file: file, directory: directory, path: path, index: index)
        familyNames = summary.names.families
        postScriptName = Self.postScriptSafe(summary.names.postScriptName ?? summary.names.fullNames.first ?? "Font")
        isBold = summary.isBold
        weight = summary.weight
        let upm = head.uint16(18)
        unitsPerEm = (16...16384).contains(upm) ? upm : 1000
        boundingBox = (head.int16(36), head.int16(38), head.int16(40), head.int16(42))
        isCFF = directory.has("CFF ")
        hheaAscender = hhea.int16(4)
        hheaDescender = hhea.int16(6)
        hheaLineGap = hhea.int16(8)
        let os2 = directory.table("OS/2", in: file)
        if let os2, os2.count >= 78, os2.int16(68) - os2.int16(70) > 0 {
            ascender = os2.int16(68)
            descender = os2.int16(70)
        } else {
            ascender = hheaAscender
            descender = hheaDescender
        }
        if let os2, os2.uint16(0) >= 2, os2.count >= 90, os2.int16(88) > 0 {
            capHeight = os2.int16(88)
        } else {
            capHeight = ascender * 7 / 10
        }
        italicAngle = directory.table("post", in: file).map { Int((Double(Int32(truncatingIfNeeded: $0.uint32(4))) / 65536).rounded()) } ?? 0
        glyphCount = directory.table("maxp", in: file).map { $0.uint16(4) } ?? 0
        metrics = hmtx
        metricCount = min(hhea.uint16(34), hmtx.count / 4)
        guard metricCount > 0 else { throw FontError.malformed(path, "hmtx 表为空") }
        characterMap = CharacterMap(table: directory.table("cmap", in: file))
    }

    /// The glyph for a Unicode scalar, nil when the face has none (glyph 0, .notdef, is "none").
    @inline(__always)
    public func glyph(for scalar: Unicode.Scalar) -> UInt16? {
        characterMap.glyph(for: scalar)
    }

    /// Advance width in font units. Glyphs past numberOfHMetrics share the last entry's width
    /// (monospaced runs at the end of a CJK font are stored once).
    @inline(__always)
    public func advance(of glyph: UInt16) -> Int {
        metrics.uint16(4 * min(Int(glyph), metricCount - 1))
    }

    /// Whether `family` is one of this face's family names (case-insensitive, any language).
    public func hasFamily(_ family: String) -> Bool {
        let wanted = family.lowercased()
        return familyNames.contains { $0.lowercased() == wanted }
    }

    /// A PostScript name is printable ASCII without delimiters or spaces (PDF name syntax).
    private static func postScriptSafe(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"[](){}<>/%#".unicodeScalars.contains(scalar)
        }
        return kept.isEmpty ? "Font" : String(String.UnicodeScalarView(kept))
    }
}

/// How a CID-keyed CFF face numbers its glyphs: identity (CID = glyph id, as in Noto CJK and
/// Source Han) or a table from CID to glyph id.
struct SourceCharset: Sendable {
    var isIdentity: Bool
    var glyphForCID: [Int: Int]
}

extension FontFace {
    func sourceCharset() -> SourceCharset {
        charsetCache.withLock { cached in
            if let cached { return cached }
            var made = SourceCharset(isIdentity: true, glyphForCID: [:])
            if let cff = mappedCFF(), cff.charset != Array(0..<cff.charset.count) {
                made.isIdentity = false
                for (gid, cid) in cff.charset.enumerated() where made.glyphForCID[cid] == nil {
                    made.glyphForCID[cid] = gid
                }
            }
            cached = made
            return made
        }
    }

    /// The face's own 'CFF ' table, parsed (nil for TrueType faces).
    func mappedCFF() -> CompactFontFormat? {
        guard let table = directory.table("CFF ", in: file) else { return nil }
        return CompactFontFormat(table)
    }
}
