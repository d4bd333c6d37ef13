import GongwenModel
import GongwenZip

/// `.odt` through the writer interface: zipped packages. A combined file's records are
/// deflated piece by piece on the workers and joined into `content.xml` at the end.
public final class ODTDocumentWriter: DocumentWriter {
    let odf: ODFWriter
    /// Made on first use: it deflates the parts every package shares.
    private lazy var packager = ODTPackager(writer: odf)

    public init(_ options: WriterOptions) {
        odf = ODFWriter(options)
    }

    public var fileExtension: String { "odt" }
    public var isCompressed: Bool { true }

    public func write(_ documents: [Document], title: String) -> WrittenFile {
        WrittenFile(bytes: packager.package(documents, title: title))
    }

    public func begin() -> any CombinedWriter { ODFCombinedWriter(odf: odf, flat: false) }
}

/// Flat `.fodt` through the writer interface: one XML file.
public final class FODTDocumentWriter: DocumentWriter {
    let odf: ODFWriter
    /// The frame of each set of styles, written once (see `FlatFrameCache`).
    private let frames = FlatFrameCache()
    private let memo = ODFBlockMemo()

    public init(_ options: WriterOptions) {
        odf = ODFWriter(options)
    }

    public var fileExtension: String { "fodt" }
    public var isCompressed: Bool { false }

    public func write(_ documents: [Document], title: String) -> WrittenFile {
        WrittenFile(bytes: odf.flat(documents, title: title, cache: frames, memo: memo))
    }

    public func begin() -> any CombinedWriter { ODFCombinedWriter(odf: odf, flat: true) }
}

extension ODFWriter {
    init(_ options: WriterOptions) {
        self.init(profile: options.profile, duplex: options.duplex, restartPageNumbers: options.restartPageNumbers, seal: options.seal)
    }
}

/// A combined ODF file, flat or zipped: the automatic styles its records used are known only
/// when all are written, so the frame (head and tail) is written last, around the pieces.
final class ODFCombinedWriter: CombinedWriter {
    let odf: ODFWriter
    let flat: Bool
    private var appenders: [ODFAppender] = []
    /// The zipped body's pieces so far: CRC, length, compressed size.
    private var body = JoinedPieces()

    init(odf: ODFWriter, flat: Bool) {
        self.odf = odf
        self.flat = flat
    }

    func appender() -> any CombinedAppender {
        let appender = ODFAppender(odf: odf, flat: flat)
        appenders.append(appender)
        return appender
    }

    func add(_ piece: BodyPiece) {
        if !flat { body.append(crc: piece.crc, length: piece.length, compressedSize: piece.bytes.count) }
    }

    func finish(title: String, copyBody: (@escaping ([UInt8]) -> Void) -> Void,
                to sink: @escaping ([UInt8]) -> Void) throws(DiagnosticError) {
        let documents = appenders.reduce(0) { $0 + $1.documents }
        var styles = ODFWriter.Styles(odf, recordStarts: documents > 1)
        for appender in appenders { styles.formUnion(appender.styles) }
        if flat {
            let frame = odf.frame(flat: true, styles: styles, title: title)
            sink(frame.head)
            copyBody(sink)
            sink(frame.tail)
        } else {
            try ODTPackager(writer: odf).writeCombined(title: title, styles: styles, body: body, copyBody: copyBody, to: sink)
        }
    }
}

/// One worker's records of a combined ODF file: their body XML, deflated as one piece for a
/// package, and the styles they use.
final class ODFAppender: CombinedAppender {
    let odf: ODFWriter
    let flat: Bool
    private let memo = ODFBlockMemo()
    /// This worker's deflate stream (a package only).
    private lazy var zip = ZipWriter()
    private var body: [UInt8] = []
    /// Only the collections are used: the file's own record-start setting is decided when
    /// the appenders' styles are joined (`finish`).
    private(set) var styles: ODFWriter.Styles
    private(set) var documents = 0

    init(odf: ODFWriter, flat: Bool) {
        self.odf = odf
        self.flat = flat
        styles = ODFWriter.Styles(odf, recordStarts: true)
    }

    func append(_ documents: [Document], record: Int) {
        self.documents += documents.count
        styles.collect(documents)
        body += odf.body(documents, flat: flat, continuing: record > 0, record: record + 1, memo: memo)
    }

    func piece() -> BodyPiece {
        let bytes = body
        body = []
        guard !flat else { return BodyPiece(bytes: bytes) }
        let deflated = zip.piece(bytes, final: false)
        return BodyPiece(bytes: deflated.compressed, crc: deflated.crc, length: deflated.length)
    }
}
