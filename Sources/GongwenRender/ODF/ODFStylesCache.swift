/// The frame of a package's `content.xml` (font faces, automatic styles, closing tags) by the
/// styles' key. The forms of a batch nearly always share one set of automatic styles (the same
/// tables, indents and marks), and writing them is as much work as writing a form's body, so
/// each worker writes them once. One cache per thread.
public final class ODFStylesCache {
    private var frames: [ODFAutomaticStyles.Key: ODFWriter.Frame] = [:]
    /// A template whose tables vary per record gives many keys; past this, new ones are not kept.
    private let limit = 64

    public init() {}

    func frame(for styles: ODFAutomaticStyles, _ write: () -> ODFWriter.Frame) -> ODFWriter.Frame {
        let key = styles.key
        if let frame = frames[key] { return frame }
        let frame = write()
        if frames.count < limit { frames[key] = frame }
        return frame
    }
}
