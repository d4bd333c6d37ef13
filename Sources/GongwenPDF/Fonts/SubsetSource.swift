/// A face as HarfBuzz sees it, made once per `FontFace`. Per-record PDFs subset the same face
/// thousands of times, and hb_subset_preprocess (HarfBuzz ≥ 6) prepares a face for that: on
/// Noto Serif CJK SC it costs about 1.2 s once and then makes each 400-glyph subset 1 ms
/// instead of 10 ms. A one-document run must not pay the 1.2 s, so the face is prepared only
/// after `preparationThreshold` subsets (or at once when the caller says a batch is coming:
/// `FontFace.prepareForRepeatedSubsets()`); until it is ready, subsets use the plain face.
/// HarfBuzz faces are immutable and may be subset from several threads at once.
final class SubsetSource: @unchecked Sendable {
    /// Plain subsets made before the face is prepared: 32 × 10 ms, about a quarter of the
    /// preparation's cost, so a short batch wastes little and a long one soon gains.
    static let preparationThreshold = 32

    private let harfBuzz: HarfBuzz
    private let blob: HarfBuzz.Blob
    private let plain: HarfBuzz.Face
    private struct State {
        var subsets = 0
        var preparing = false
        var prepared: HarfBuzz.Face?
    }
    private let state = Locked(State())
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
        self.plain = plain
    }

    deinit {
        if let prepared = state.withLock({ $0.prepared }) { harfBuzz.faceDestroy(prepared) }
        harfBuzz.faceDestroy(plain)
        harfBuzz.blobDestroy(blob)
    }

    /// The face to subset now: the prepared one when ready, else the plain one (preparing it
    /// on this thread when the threshold is reached; the other threads go on meanwhile).
    func faceForSubset() -> HarfBuzz.Face {
        let (ready, shouldPrepare) = state.withLock { state -> (HarfBuzz.Face?, Bool) in
            if let prepared = state.prepared { return (prepared, false) }
            state.subsets += 1
            guard state.subsets >= Self.preparationThreshold, !state.preparing, harfBuzz.preprocess != nil else {
                return (nil, false)
            }
            state.preparing = true
            return (nil, true)
        }
        if let ready { return ready }
        if shouldPrepare { return prepare() ?? plain }
        return plain
    }

    /// Prepares the face now (once); nil when this HarfBuzz cannot.
    @discardableResult
    func prepare() -> HarfBuzz.Face? {
        if let prepared = state.withLock({ $0.prepared }) { return prepared }
        guard let preprocess = harfBuzz.preprocess, let made = preprocess(plain) else { return nil }
        return state.withLock { state in
            if let existing = state.prepared {
                harfBuzz.faceDestroy(made)
                return existing
            }
            state.prepared = made
            return made
        }
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

    /// Prepares HarfBuzz for many subsets of this face (about 1 s for a CJK face, then each
    /// subset is ~10× faster). Call it when a batch of per-record PDFs starts, e.g. on a
    /// background thread; without it the face is prepared after a few dozen subsets anyway.
    public func prepareForRepeatedSubsets() throws(FontError) {
        try subsetSource().prepare()
    }
}
