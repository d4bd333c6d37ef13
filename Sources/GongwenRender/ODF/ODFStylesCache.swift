/// The head of a package's `content.xml` (font faces and automatic styles) as bytes, by the
/// styles' key. The forms of a batch nearly always share one set of automatic styles (the same
/// tables, indents and marks), and writing them is as much work as writing a form's body, so
/// each worker writes them once and splices the bytes in. One cache per thread.
public final class ODFStylesCache {
    private var heads: [ODFAutomaticStyles.Key: [UInt8]] = [:]
    /// A template whose tables vary per record gives many keys; past this, new ones are not kept.
    private let limit = 64

    public init() {}

    func head(for styles: ODFAutomaticStyles, _ write: () -> [UInt8]) -> [UInt8] {
        let key = styles.key
        if let bytes = heads[key] { return bytes }
        let bytes = write()
        if heads.count < limit { heads[key] = bytes }
        return bytes
    }
}
