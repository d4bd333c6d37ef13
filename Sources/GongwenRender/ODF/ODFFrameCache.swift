/// Frames (the parts of a file around its records) by the key of the automatic styles they
/// hold. The forms of a batch nearly always share one set of automatic styles (the same tables,
/// indents and marks), and the frame is most of a one-record file, so each worker writes it
/// once. One cache per thread.
final class FrameCache<Key: Hashable, Frame> {
    private var frames: [Key: Frame] = [:]
    /// A template whose tables vary per record gives many keys; past this, new ones are not kept.
    private let limit = 64

    func frame(for key: Key, _ make: () -> Frame) -> Frame {
        if let frame = frames[key] { return frame }
        let frame = make()
        if frames.count < limit { frames[key] = frame }
        return frame
    }
}

/// The frame of a flat `.fodt` by the styles' key, split around the title in its meta data:
/// a flat file carries its whole style sheet. One cache per thread.
final class FlatFrameCache {
    struct Parts {
        var beforeTitle: [UInt8]
        var afterTitle: [UInt8]
        var tail: [UInt8]
    }

    private struct Key: Hashable {
        var styles: ODFAutomaticStyles.Key
        var titled: Bool
    }

    /// Written as the title of the cached frame and cut out again; a private-use character
    /// cannot come from a real title, which has been through the merge.
    static let titleMarker = "\u{E000}gongwen-title\u{E000}"

    private let frames = FrameCache<Key, Parts>()

    init() {}

    /// `write` gets the title to write: the marker, or "" for a file without a title (then the
    /// meta data has no `dc:title` and nothing is cut).
    func frame(for styles: ODFAutomaticStyles, titled: Bool, _ write: (String) -> ODFWriter.Frame) -> Parts {
        frames.frame(for: Key(styles: styles.key, titled: titled)) {
            guard titled else {
                let frame = write("")
                return Parts(beforeTitle: frame.head, afterTitle: [], tail: frame.tail)
            }
            let frame = write(Self.titleMarker)
            let head = ODFWriter.split(frame.head, at: Self.titleMarker)
            return Parts(beforeTitle: head.before, afterTitle: head.after, tail: frame.tail)
        }
    }
}
