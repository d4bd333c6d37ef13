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
        }
    }
}
