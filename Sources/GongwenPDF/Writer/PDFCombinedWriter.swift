import GongwenModel
import GongwenRender

/// A combined PDF: workers lay out their runs of records in parallel into pieces of compressed
/// page contents (`PageRecords`); the file's objects are numbered only when `finish` reads the
/// pieces back in order, numbers the pages and writes the fonts — subsets of the glyphs every
/// worker used, collected in one font table as the batch streamed.
final class PDFCombinedWriter: CombinedWriter {
    let made: Result<PDFEngine, PDFError>
    let slots = FontSlots()
    private var appenders: [PDFAppender] = []
    private(set) var pageCount: Int?

    init(made: Result<PDFEngine, PDFError>) { self.made = made }

    func appender() -> any CombinedAppender {
        let engine = try? made.get()
        let appender = PDFAppender(engine: engine, typesetter: engine.map { Typesetter(fonts: $0.fonts, slots: slots) })
        appenders.append(appender)
        return appender
    }

    func add(_ piece: BodyPiece) {}

    func finish(title: String, copyBody: (@escaping ([UInt8]) -> Void) -> Void,
                to sink: @escaping ([UInt8]) -> Void) throws(DiagnosticError) {
        let engine: PDFEngine
        switch made {
        case .success(let e): engine = e
        case .failure(let error): throw error.diagnostic
        }
        let session = FileSession(engine: engine, output: PDFOutput(sink: sink), slots: slots, several: true)
        for appender in appenders { session.merge(appender.report) }
        var reader = PageRecords.Reader()
        copyBody { bytes in
            reader.feed(bytes) { session.append(document: $0) }
        }
        guard reader.isComplete else {
            throw DiagnosticError(Diagnostic(id: "pdf-failed", message: "内部错误：合并 PDF 的页面数据不完整"))
        }
        do { _ = try session.finish(title: title) } catch { throw error.diagnostic }
        pageCount = session.file.pageCount
    }
}

/// One worker's run of records: their pages laid out and compressed.
final class PDFAppender: CombinedAppender {
    /// nil when the engine could not be made: nothing is laid out, `finish` says why.
    let engine: PDFEngine?
    let typesetter: Typesetter?
    private var body: [UInt8] = []
    private(set) var report = PDFReport()
    private let deflater = StreamDeflater()

    init(engine: PDFEngine?, typesetter: Typesetter?) {
        self.engine = engine
        self.typesetter = typesetter
    }

    func append(_ documents: [Document], record: Int) {
        guard let engine, let typesetter else { return }
        let laid = engine.pages(documents, typesetter: typesetter, deflater: deflater)
        report.merge(laid.report)
        for pages in laid.documents { PageRecords.write(pages, into: &body) }
    }

    func piece() -> BodyPiece {
        defer { body = [] }
        return BodyPiece(bytes: body)
    }
}

/// Laid-out documents as bytes in the body of a combined file, read back in order by `finish`:
/// per document its page count, then per page its content stream's length, whether it is
/// compressed, and the bytes.
enum PageRecords {
    static func write(_ pages: [PageContent], into out: inout [UInt8]) {
        u32(UInt32(pages.count), &out)
        for page in pages {
            u32(UInt32(page.bytes.count) | (page.compressed ? 0x8000_0000 : 0), &out)
            out += page.bytes
        }
    }

    private static func u32(_ v: UInt32, _ out: inout [UInt8]) {
        out += [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)]
    }

    /// Parses the body as it streams in, whatever the size of the chunks it comes in.
    struct Reader {
        private var buffer: [UInt8] = []
        private var position = 0

        var isComplete: Bool { position == buffer.count }

        mutating func feed(_ bytes: [UInt8], document: ([PageContent]) -> Void) {
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            buffer += bytes
            while let pages = next() { document(pages) }
        }

        private func u32(at i: Int) -> UInt32 {
            UInt32(buffer[i]) << 24 | UInt32(buffer[i + 1]) << 16 | UInt32(buffer[i + 2]) << 8 | UInt32(buffer[i + 3])
        }

        /// The next whole document, or nil until more bytes come.
        private mutating func next() -> [PageContent]? {
            var i = position
            guard i + 4 <= buffer.count else { return nil }
            let count = Int(u32(at: i))
            i += 4
            var pages: [PageContent] = []
            pages.reserveCapacity(count)
            for _ in 0..<count {
                guard i + 4 <= buffer.count else { return nil }
                let word = u32(at: i)
                let length = Int(word & 0x7FFF_FFFF)
                i += 4
                guard i + length <= buffer.count else { return nil }
                pages.append(PageContent(bytes: Array(buffer[i..<(i + length)]), compressed: word & 0x8000_0000 != 0))
                i += length
            }
            position = i
            return pages
        }
    }
}
