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

/// The frame of a flat `.fodt` by the styles' key, split around the title in its meta data:
/// a flat file carries its whole style sheet, which is most of a one-record file. One cache per
/// thread.
public final class FlatFrameCache {
    struct Parts {
        var beforeTitle: [UInt8]
        var afterTitle: [UInt8]
        var tail: [UInt8]
    }

    /// Written as the title of the cached frame and cut out again; a private-use character
    /// cannot come from a real title, which has been through the merge.
    static let titleMarker = "\u{E000}gongwen-title\u{E000}"

    private struct Key: Hashable {
        var styles: ODFAutomaticStyles.Key
        var titled: Bool
    }

    private var frames: [Key: Parts] = [:]
    private let limit = 64

    public init() {}

    /// `write` gets the title to write: the marker, or "" for a file without a title (then the
    /// meta data has no `dc:title` and nothing is cut).
    func frame(for styles: ODFAutomaticStyles, titled: Bool, _ write: (String) -> ODFWriter.Frame) -> Parts {
        let key = Key(styles: styles.key, titled: titled)
        if let parts = frames[key] { return parts }
        let parts: Parts
        if titled {
            let frame = write(Self.titleMarker)
            let marker = Array(Self.titleMarker.utf8)
            var at = 0
            while at + marker.count <= frame.head.count, !frame.head[at..<at + marker.count].elementsEqual(marker) { at += 1 }
            precondition(at + marker.count <= frame.head.count, "the frame holds the title marker")
            parts = Parts(beforeTitle: Array(frame.head[..<at]), afterTitle: Array(frame.head[(at + marker.count)...]), tail: frame.tail)
        } else {
            let frame = write("")
            parts = Parts(beforeTitle: frame.head, afterTitle: [], tail: frame.tail)
        }
        if frames.count < limit { frames[key] = parts }
        return parts
    }
}
