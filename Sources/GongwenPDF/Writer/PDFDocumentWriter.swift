import GongwenModel
import GongwenRender

/// Gongwen's own PDF through the writer interface: each record's file laid out and written
/// here, fonts embedded as subsets of the glyphs it uses. One per thread, as every writer.
public final class PDFDocumentWriter: DocumentWriter {
    let made: Result<PDFEngine, PDFError>

    /// A writer with the installed fonts (found once per process, `SystemFonts.shared`). When
    /// they or the seal are unusable, every file fails with the reason: `check` says it first.
    public init(_ options: WriterOptions) {
        made = Result { () throws(PDFError) in try PDFEngine(options: options, fonts: SystemFonts.shared.get()) }
    }

    /// Whether PDFs can be written with these options on this machine: a CJK face for every
    /// role, HarfBuzz's subsetter, a PNG seal. Called before a batch starts, so that nothing is
    /// written when they cannot.
    public static func check(_ options: WriterOptions) throws(DiagnosticError) {
        do {
            let engine = try PDFEngine(options: options, fonts: SystemFonts.shared.get())
            try engine.fonts.checkSubsetter()
        } catch {
            throw error.diagnostic
        }
    }

    public var fileExtension: String { "pdf" }
    /// Page contents and fonts are compressed already: a .zip stores them as they are.
    public var isCompressed: Bool { true }

    public func write(_ documents: [Document], title: String) throws(DiagnosticError) -> WrittenFile {
        let engine: PDFEngine
        switch made {
        case .success(let e): engine = e
        case .failure(let error): throw error.diagnostic
        }
        let slots = FontSlots()
        let typesetter = Typesetter(fonts: engine.fonts, slots: slots)
        let session = FileSession(engine: engine, output: PDFOutput(), slots: slots, several: documents.count > 1)
        let laid = engine.pages(documents, typesetter: typesetter)
        session.merge(laid.report)
        for pages in laid.documents { session.append(document: pages) }
        do { _ = try session.finish(title: title) } catch { throw error.diagnostic }
        return WrittenFile(bytes: session.output.bytes, pages: session.file.pageCount)
    }

    public func begin() -> any CombinedWriter { PDFCombinedWriter(made: made) }
}
