#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A face as HarfBuzz sees it, made once per `FontFace` and prepared with hb_subset_preprocess
/// (HarfBuzz ≥ 6), which builds the glyph closure and table accelerators that every later
/// subset of the same face reuses: per-record PDFs subset the same face thousands of times.
/// HarfBuzz faces are immutable and safe to subset from several threads at once.
final class SubsetSource: @unchecked Sendable {
    let face: HarfBuzz.Face
    private let harfBuzz: HarfBuzz
    private let blob: HarfBuzz.Blob
    /// Keeps the mapped file alive while HarfBuzz reads it (the blob does not copy it).
    private let owner: FontFace

    init(face owner: FontFace, harfBuzz: HarfBuzz) throws(FontError) {
        self.owner = owner
        self.harfBuzz = harfBuzz
        let bytes = owner.mapped.bytes
        guard let base = bytes.baseAddress,
              let blob = harfBuzz.blobCreate(base.assumingMemoryBound(to: CChar.self), UInt32(clamping: bytes.count),
                                             HarfBuzz.memoryModeReadOnly, nil, nil)
        else { throw FontError("HarfBuzz 无法读取字体文件 \(owner.path)") }
        self.blob = blob
        guard let plain = harfBuzz.faceCreate(blob, UInt32(owner.index)) else {
            harfBuzz.blobDestroy(blob)
            throw FontError("HarfBuzz 无法读取字体文件 \(owner.path) 的第 \(owner.index) 个字体")
        }
        if getenv("GONGWEN_HB_NO_PREPROCESS") == nil, let preprocess = harfBuzz.preprocess, let prepared = preprocess(plain) {
            harfBuzz.faceDestroy(plain)
            face = prepared
        } else {
            face = plain
        }
    }

    deinit {
        harfBuzz.faceDestroy(face)
        harfBuzz.blobDestroy(blob)
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
