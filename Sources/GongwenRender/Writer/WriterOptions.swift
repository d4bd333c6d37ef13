/// The settings every writer takes, so that the table of writers makes any format from them.
public struct WriterOptions: Sendable {
    /// In a combined file, every record starts on a right-hand page (double-sided printing).
    public var duplex: Bool
    /// In a combined file, every record numbers its pages from 1.
    public var restartPageNumbers: Bool
    /// The office's electronic seal, placed where a document has `<印章/>`.
    public var seal: SealImage?
    public var profile: LayoutProfile
    /// PDF only: write PDF/A-2b (`--pdfa`).
    public var pdfArchive: Bool
    /// Where writers note what the user should hear once per batch (the faces a PDF embedded,
    /// a character no face has); nil: nobody listens.
    public var notes: WriterNotes?

    public init(duplex: Bool = false, restartPageNumbers: Bool = false, seal: SealImage? = nil, profile: LayoutProfile = .gbt9704,
                pdfArchive: Bool = false, notes: WriterNotes? = nil) {
        self.duplex = duplex
        self.restartPageNumbers = restartPageNumbers
        self.seal = seal
        self.profile = profile
        self.pdfArchive = pdfArchive
        self.notes = notes
    }
}
