/// The frame of a package's `content.xml` (font faces, automatic styles, closing tags),
/// deflated as pieces, by the styles' key. The forms of a batch nearly always share one set of
/// automatic styles (the same tables, indents and marks), and the frame is most of a form's
/// content.xml, so each worker writes and deflates it once. One cache per packager (thread).
final class ODFFrameCache {
    typealias Pieces = (head: ZipWriter.DeflatedPiece, tail: ZipWriter.DeflatedPiece)
    private var frames: [ODFAutomaticStyles.Key: Pieces] = [:]
    /// A template whose tables vary per record gives many keys; past this, new ones are not kept.
    private let limit = 64

    func frame(for styles: ODFAutomaticStyles, _ make: () -> Pieces) -> Pieces {
        let key = styles.key
        if let pieces = frames[key] { return pieces }
        let pieces = make()
        if frames.count < limit { frames[key] = pieces }
        return pieces
    }
}
