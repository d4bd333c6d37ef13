import GongwenModel
import GongwenPDF
import GongwenRender

/// The one table of writers: each format `gongwen render` offers and the writer that makes
/// it. The renderers take writers from here and know no format; adding one is its folder of
/// sources (a `DocumentWriter`), its case in `OutputFormat` and its line below.
enum WriterRegistry {
    /// A new writer of `format` (one per thread: writers keep caches of their own).
    static func writer(for format: OutputFormat, _ options: WriterOptions) -> any DocumentWriter {
        switch format {
        case .html: HTMLDocumentWriter(options)
        case .odt: ODTDocumentWriter(options)
        case .fodt: FODTDocumentWriter(options)
        case .pdf: PDFDocumentWriter(options)
        }
    }

    /// Throws when `format` cannot be written on this machine with these options (a PDF
    /// without any CJK face): called before a batch starts, so nothing is half-written.
    static func check(_ format: OutputFormat, _ options: WriterOptions) throws(DiagnosticError) {
        switch format {
        case .pdf: try PDFDocumentWriter.check(options)
        case .html, .odt, .fodt: break
        }
    }
}

extension OutputFormat {
    /// Why this machine cannot write the format (a PDF without CJK fonts), or nil: for the web
    /// page, which offers only what can be made.
    public var unavailableReason: String? {
        do throws(DiagnosticError) {
            try WriterRegistry.check(self, WriterOptions())
            return nil
        } catch {
            return error.diagnostics.first?.message ?? "不可用"
        }
    }
}
