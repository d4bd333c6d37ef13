import GongwenModel
import GongwenRender

/// Gongwen's own PDF through the writer interface: each record's file laid out and written
/// here, fonts embedded as subsets of the glyphs it uses. One per thread, as every writer.
public final class PDFDocumentWriter: DocumentWriter {
    let made: Result<PDFEngine, PDFError>
    /// This thread's shared fonts: the faces' glyphs of the first record it wrote.
    private let sharedFonts = SharedFonts()
    private let deflater = StreamDeflater()
    /// This thread's typesetter, kept from file to file for what it learnt of the characters.
    private var typesetter: Typesetter?

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
        let typesetter: Typesetter
        if let known = self.typesetter {
            typesetter = known
            typesetter.rebind(slots)
        } else {
            typesetter = Typesetter(fonts: engine.fonts, slots: slots)
            self.typesetter = typesetter
        }
        let laid = engine.layOut(documents, typesetter: typesetter)
        let session = FileSession(engine: engine, output: PDFOutput(), slots: slots, several: documents.count > 1, numbering: typesetter)
        session.merge(laid.report)
        let shown = session.numbers(for: laid.documents.map(\.count))
        let numbers = shown.map { $0.map(session.numberPage) }
        session.flushNumbers()
        // Each face: the shared font (the first record's glyphs) and this file's other glyphs.
        var fonts: [(resource: String, font: PreparedFont)] = []
        var shared: [SharedFonts.Entry] = []
        do throws(PDFError) {
            for (slot, (face, glyphs)) in slots.usage().enumerated() {
                guard let face = face as? FontFace else { throw PDFError("内部错误：字体不是已安装的字体文件") }
                let entry = try sharedFonts.entry(for: face, glyphs: glyphs)
                shared.append(entry)
                fonts.append((FontNames.main(slot), entry.prepared))
                let rest = GlyphUse(face: face)
                for (glyph, scalar) in glyphs where !entry.contains(glyph) { rest.use(glyph, text: String(Character(scalar))) }
                if !rest.isEmpty {
                    do { fonts.append((FontNames.extra(slot), PreparedFont(try rest.embedded(), deflater: deflater))) } catch { throw PDFError(error.description) }
                }
            }
        } catch {
            throw error.diagnostic
        }
        let split: (Int, UInt16) -> String = { face, glyph in
            face < shared.count && !shared[face].contains(glyph) ? FontNames.extra(face) : FontNames.main(face)
        }
        let height = engine.metrics.paperHeight
        for (pages, numbered) in zip(laid.documents, numbers) {
            session.append(document: pages.map { PageContent($0, pageHeight: height, fontName: split, deflater: deflater) },
                           numbers: numbered.map { PageContent($0, pageHeight: height, fontName: split) })
        }
        do { _ = try session.finish(title: title, fonts: fonts) } catch { throw error.diagnostic }
        return WrittenFile(bytes: session.output.bytes, pages: session.file.pageCount)
    }

    public func begin() -> any CombinedWriter { PDFCombinedWriter(made: made) }
}
