/// A face as HarfBuzz sees it, made once per `FontFace` and shared by every subset of it
/// (HarfBuzz faces are immutable and may be subset from several threads at once).
///
/// hb_subset_preprocess (HarfBuzz ≥ 6) was measured and is not used: it prepares a face for
/// repeated subsetting (a 400-glyph subset of Noto Serif CJK SC then takes ~1 ms instead of
/// ~3 ms), but the preparation takes ~1.2 s and ~490 MiB (it parses all 65,535 charstrings),
/// three times the memory a whole batch may use.
final class SubsetSource: @unchecked Sendable {
    let face: HarfBuzz.Face
    private let harfBuzz: HarfBuzz
    /// Serves HarfBuzz the face's tables; retained here for as long as the face lives.
    private let tables: SourceTables

    /// Made from the face's mapped file and table directory, not the face itself (which holds
    /// this source: no reference cycle).
    init(face owner: FontFace, harfBuzz: HarfBuzz) throws(FontError) {
        self.harfBuzz = harfBuzz
        tables = SourceTables(face: owner, harfBuzz: harfBuzz)
        let reference: HarfBuzz.ReferenceTable = { _, tag, context in
            guard let context else { return nil }
            return Unmanaged<SourceTables>.fromOpaque(context).takeUnretainedValue().blob(tag: tag)
        }
        guard let face = harfBuzz.faceCreateForTables(reference, Unmanaged.passUnretained(tables).toOpaque(), nil) else {
            throw FontError("HarfBuzz 无法读取字体文件 \(owner.path) 的第 \(owner.index) 个字体")
        }
        self.face = face
    }

    deinit {
        harfBuzz.faceDestroy(face)
    }
}

extension FontFace {
    /// This face's HarfBuzz source, made on first use.
    func subsetSource() throws(FontError) -> SubsetSource {
        let harfBuzz = try HarfBuzz.get()
        return try harfBuzzSource.withLock { (cached: inout SubsetSource?) throws(FontError) -> SubsetSource in
            if let cached { return cached }
            let made = try SubsetSource(face: self, harfBuzz: harfBuzz)
            cached = made
            return made
        }
    }
}

/// The tables HarfBuzz may read from a face, as blobs over the mapped file (no copy; the
/// mapping is retained here). Only those the embedded program is made of are offered: without
/// 'cmap', 'GSUB' and the rest, hb-subset does no work on the 65,000 code points and the layout
/// closure of a CJK face that it would then drop anyway (a 400-glyph subset of Noto Serif CJK
/// SC: ~10 ms → ~4 ms of CPU, before desubroutinizing).
final class SourceTables: @unchecked Sendable {
    private static let cffTables: Set<UInt32> = Set(["CFF ", "head", "maxp"].map(tagNumber))
    private static let trueTypeTables: Set<UInt32> = Set(
        ["glyf", "loca", "head", "hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep", "gasp", "name", "OS/2", "post"].map(tagNumber))

    private let mapped: MappedFile
    private let file: BigEndianReader
    private let directory: TableDirectory
    private let harfBuzz: HarfBuzz
    private let offered: Set<UInt32>

    init(face: FontFace, harfBuzz: HarfBuzz) {
        mapped = face.mapped
        file = face.file
        directory = face.directory
        self.harfBuzz = harfBuzz
        offered = face.isCFF ? Self.cffTables : Self.trueTypeTables
    }

    /// A new blob over table `tag` (HarfBuzz takes ownership), nil for tables not offered.
    func blob(tag: UInt32) -> HarfBuzz.Blob? {
        guard offered.contains(tag), let table = directory.table(tag: tag, in: file),
              let base = table.bytes.baseAddress
        else { return nil }
        return harfBuzz.blobCreate(base.assumingMemoryBound(to: CChar.self), UInt32(table.count),
                                   HarfBuzz.memoryModeReadOnly, nil, nil)
    }

    private static func tagNumber(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
