import Foundation
import GongwenModel
import GongwenRender

/// Options every PDF of a batch shares.
public struct PDFOptions: Sendable {
    public var profile: LayoutProfile = .gbt9704
    /// In a file of several documents, each starts on a right-hand page (a blank page after a
    /// document with an odd number of pages).
    public var duplex = false
    /// In a file of several documents, each numbers its pages from 1.
    public var restartPageNumbers = false
    public var seal: SealImage?
    /// PDF/A-2b.
    public var archive = false
    /// The file's date; `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    public var date = PDFOptions.defaultDate()

    public init(duplex: Bool = false, restartPageNumbers: Bool = false, seal: SealImage? = nil, archive: Bool = false) {
        self.duplex = duplex
        self.restartPageNumbers = restartPageNumbers
        self.seal = seal
        self.archive = archive
    }

    public static func defaultDate() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) { return Date(timeIntervalSince1970: seconds) }
        return Date()
    }
}

/// What writing PDFs found that the user should hear: the faces embedded, characters shown
/// from another face or from none, words broken inside.
public struct PDFReport: Sendable, Equatable {
    /// PostScript names of the faces embedded.
    public var fonts: Set<String> = []
    /// Characters no face of their role has, shown from another installed face.
    public var substituted: Set<Unicode.Scalar> = []
    /// Characters no installed face has (shown as the empty box of the role's face).
    public var missing: Set<Unicode.Scalar> = []
    /// Words longer than a line, broken inside.
    public var overlongWords = 0

    public init() {}

    public mutating func merge(_ other: PDFReport) {
        fonts.formUnion(other.fonts)
        substituted.formUnion(other.substituted)
        missing.formUnion(other.missing)
        overlongWords += other.overlongWords
    }
}

public struct PDFError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Gongwen's own PDF writer: lays documents out (`DocumentLayout`) and writes the file
/// (`PDFFile`) with subsets of the faces the pages used. `write` makes a file of one record;
/// `combined` a file of a whole batch, laid out on all cores and written as it streams.
public final class PDFWriter: @unchecked Sendable {
    public let options: PDFOptions
    let fonts: SystemFonts
    let layout: DocumentLayout
    let seal: DecodedImage?
    let metrics: PageMetrics

    public init(options: PDFOptions, fonts: SystemFonts) throws(PDFError) {
        self.options = options
        self.fonts = fonts
        metrics = PageMetrics(options.profile)
        if let seal = options.seal {
            guard seal.format == .png else { throw PDFError("PDF 中的电子印章须为 PNG 图片（SVG 印章目前只能用于 HTML 和 ODF 输出）") }
            do { self.seal = try DecodedImage(png: seal.bytes) } catch { throw PDFError(error.description) }
        } else {
            seal = nil
        }
        layout = DocumentLayout(profile: options.profile, seal: options.seal)
    }

    /// Laid-out pages of the documents of one record, compressed, and what laying them out found.
    public struct RecordPages: Sendable {
        var documents: [[PageContent]]
        public var report: PDFReport
        public var pageCount: Int { documents.reduce(0) { $0 + $1.count } }
    }

    /// A layout thread's state: its typesetter (glyph caches) bound to one file's font table.
    public final class Worker {
        let typesetter: Typesetter
        init(_ typesetter: Typesetter) { self.typesetter = typesetter }
    }

    /// Lays out the documents of one record on the calling thread.
    func pages(_ documents: [Document], worker: Worker) -> RecordPages {
        var findings = DocumentLayout.Findings()
        let laid = documents.map { layout.pages($0, typesetter: worker.typesetter, findings: &findings) }
        let (substituted, missing) = worker.typesetter.flush()
        var report = PDFReport()
        report.substituted = Set(substituted.keys)
        report.missing = missing
        report.overlongWords = findings.overlongWords
        let height = metrics.paperHeight
        return RecordPages(documents: laid.map { $0.map { PageContent($0, pageHeight: height) } }, report: report)
    }

    /// One record's documents as a PDF file in memory, and its page count.
    public func write(_ documents: [Document], title: String) throws(PDFError) -> (bytes: [UInt8], pages: Int, report: PDFReport) {
        let session = FileSession(writer: self, output: PDFOutput(), title: title, documents: documents.count)
        let worker = session.makeWorker()
        session.append(pages(documents, worker: worker))
        let report = try session.finish()
        return (session.output.bytes, session.file.pageCount, report)
    }

    /// A file of many records written to `file` as they come (`CombinedPDF`).
    public func combined(file: UnsafeMutablePointer<FILE>, title: String) -> CombinedPDF {
        CombinedPDF(session: FileSession(writer: self, output: PDFOutput(file: file), title: title, documents: Int.max))
    }
}

/// A combined PDF being written: workers lay records out in parallel (`layout`), the caller
/// appends them in record order (`append`), then `finish` writes the fonts and the index.
public final class CombinedPDF: @unchecked Sendable {
    let session: FileSession

    init(session: FileSession) { self.session = session }

    /// A state for one layout thread.
    public func makeWorker() -> PDFWriter.Worker { session.makeWorker() }

    /// Lays out one record's documents (any thread, with its own worker).
    public func layout(_ documents: [Document], worker: PDFWriter.Worker) -> PDFWriter.RecordPages {
        session.writer.pages(documents, worker: worker)
    }

    /// Appends a record's pages, in record order.
    public func append(_ pages: PDFWriter.RecordPages) { session.append(pages) }

    /// Writes fonts, page tree and index; the file's pages and what was found.
    public func finish() throws(PDFError) -> (pages: Int, report: PDFReport) {
        let report = try session.finish()
        return (session.file.pageCount, report)
    }
}

/// One PDF file's state: its font table, page numbering and duplex blanks.
final class FileSession: @unchecked Sendable {
    let writer: PDFWriter
    let output: PDFOutput
    let file: PDFFile
    let slots = FontSlots()
    let title: String
    /// Documents the file will hold (duplex and per-document numbers apply from two on).
    let documents: Int
    private var report = PDFReport()
    private var documentsSeen = 0
    private var numberInDocument = 0
    private let numbering: Typesetter

    init(writer: PDFWriter, output: PDFOutput, title: String, documents: Int) {
        self.writer = writer
        self.output = output
        self.title = title
        self.documents = documents
        file = PDFFile(output: output, paperWidth: writer.metrics.paperWidth, paperHeight: writer.metrics.paperHeight)
        if let seal = writer.seal { file.addSeal(seal) }
        numbering = Typesetter(fonts: writer.fonts, slots: slots)
    }

    func makeWorker() -> PDFWriter.Worker { PDFWriter.Worker(Typesetter(fonts: writer.fonts, slots: slots)) }

    func append(_ record: PDFWriter.RecordPages) {
        report.merge(record.report)
        let several = documents > 1
        for pages in record.documents {
            documentsSeen += 1
            for (i, content) in pages.enumerated() {
                let physical = file.pageCount + 1
                let shown = several && writer.options.restartPageNumbers ? i + 1 : physical
                var number = LaidOutPage()
                writer.layout.number(&number, shown, typesetter: numbering)
                file.add([content, PageContent(number, pageHeight: writer.metrics.paperHeight)])
            }
            // A blank back so the next document starts on a right-hand page.
            if several, writer.options.duplex, file.pageCount % 2 == 1 { file.add([]) }
        }
    }

    func finish() throws(PDFError) -> PDFReport {
        let (substituted, missing) = numbering.flush()
        report.substituted.formUnion(substituted.keys)
        report.missing.formUnion(missing)
        var embedded: [EmbeddedFont] = []
        for (face, glyphs) in slots.usage() {
            let font = try writer.fonts.embed(face, glyphs: glyphs)
            report.fonts.insert(font.baseFontName.split(separator: "+").last.map(String.init) ?? font.baseFontName)
            embedded.append(font)
        }
        let date = writer.options.date
        let metadata = PDFMetadata(date: Self.pdfDate(date), xmpDate: Self.xmpDate(date), id: Self.identifier(title, date, file.pageCount),
                                   archive: writer.options.archive ? PDFArchive() : nil)
        guard file.finish(fonts: embedded, title: title.isEmpty ? "公文" : title, metadata: metadata) else {
            throw PDFError("写入 PDF 失败（磁盘已满或无写权限）")
        }
        return report
    }

    static func pdfDate(_ d: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: d)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 2000, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    static func xmpDate(_ d: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: d)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 2000, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// The file identifier PDF asks for: a hash of what identifies the file (FNV-1a, twice).
    static func identifier(_ title: String, _ date: Date, _ pages: Int) -> String {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        for byte in "\(title)|\(date.timeIntervalSince1970)|\(pages)".utf8 {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte)) &* 0x100000001b3 &+ 1
        }
        return String(a, radix: 16, uppercase: true).leftPadded(16) + String(b, radix: 16, uppercase: true).leftPadded(16)
    }
}
