import GongwenModel

/// HTML through the writer interface: one self-contained page per file; a combined file is
/// the head, the records' articles, and the tail (with the pagination script when a record
/// needs it).
public final class HTMLDocumentWriter: DocumentWriter {
    let html: HTMLWriter
    /// The blocks of the last record written (see `BlockMemo`).
    private let memo = HTMLBlockMemo()

    public init(_ options: WriterOptions) {
        html = HTMLWriter(profile: options.profile, duplex: options.duplex, restartPageNumbers: options.restartPageNumbers,
                          seal: options.seal)
    }

    public var fileExtension: String { "html" }
    public var isCompressed: Bool { false }

    public func write(_ documents: [Document], title: String) -> WrittenFile {
        WrittenFile(bytes: Array(html.write(documents, title: title, memo: memo).utf8))
    }

    public func begin() -> any CombinedWriter { HTMLCombinedWriter(html: html) }
}

/// A combined HTML file: the pieces are the articles as they are.
final class HTMLCombinedWriter: CombinedWriter {
    let html: HTMLWriter
    private var appenders: [HTMLAppender] = []

    init(html: HTMLWriter) { self.html = html }

    func appender() -> any CombinedAppender {
        let appender = HTMLAppender(html: html)
        appenders.append(appender)
        return appender
    }

    func add(_ piece: BodyPiece) {}

    func finish(title: String, copyBody: (@escaping ([UInt8]) -> Void) -> Void,
                to sink: @escaping ([UInt8]) -> Void) throws(DiagnosticError) {
        sink(Array(html.head(title: title).utf8))
        copyBody(sink)
        let documents = appenders.reduce(0) { $0 + $1.documents }
        sink(Array(html.tail(paginate: appenders.contains(where: \.paginate), documents: documents).utf8))
    }
}

/// One worker's articles.
final class HTMLAppender: CombinedAppender {
    let html: HTMLWriter
    private let memo = HTMLBlockMemo()
    private var body: [UInt8] = []
    /// Documents appended, for the tail (duplex and page numbers apply from two on).
    private(set) var documents = 0
    /// Whether a document needs the pagination script.
    private(set) var paginate = false

    init(html: HTMLWriter) { self.html = html }

    func append(_ documents: [Document], record: Int) {
        self.documents += documents.count
        body += html.articles(documents, memo: memo).utf8
        if !paginate, documents.contains(where: HTMLWriter.needsPagination) { paginate = true }
    }

    func piece() -> BodyPiece {
        defer { body = [] }
        return BodyPiece(bytes: body)
    }
}
