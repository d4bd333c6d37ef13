import GongwenModel

/// Writes XML as bytes: elements, attributes and text, escaped, every element closed.
///
/// Why not libxml2's `xmlTextWriter`, which this replaced: a batch writes a hundred thousand
/// forms, and the writer was a third of the instructions of writing one (C-string conversion
/// of every name and value, an allocation per escaped string, a buffer check per byte);
/// appending UTF-8 to one array is a fraction of that (counted with `Benchmarks/instructions.sh`).
/// The output is byte for byte what xmlTextWriter wrote (the golden files are unchanged):
/// the same declaration, `<a/>` for empty elements, `&lt; &gt; &amp; &quot;` and `&#13;` in
/// text, and additionally `&#10; &#9;` in attribute values, which a parser would otherwise
/// normalise to spaces. Characters XML 1.0 forbids are removed before anything is written.
final class XMLWriter {
    // One writer is used by one thread at a time and never re-entered, so the run-time checks
    // of exclusive access to these properties (a tenth of a batch's instructions) are off.
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    /// Open elements, innermost last. Names are literals (`StaticString`): appending one is a
    /// copy from the binary, and the stack holds no references to count.
    @exclusivity(unchecked) private var open: [StaticString] = []
    /// The last start tag still lacks its `>` (it may yet become `<a/>` or get attributes).
    @exclusivity(unchecked) private var startPending = false
    private let isFragment: Bool

    /// A document (with the XML declaration), or a fragment to be spliced into a document's
    /// bytes (no declaration).
    init(fragment: Bool = false) {
        isFragment = fragment
        bytes.reserveCapacity(16 * 1024)
        if !fragment { bytes.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8"?>"#.utf8 + [0x0A]) }
    }

    func start(_ name: StaticString) {
        closeStartTag()
        bytes.append(0x3C)  // <
        append(name)
        open.append(name)
        startPending = true
    }

    func attribute(_ name: StaticString, _ value: String) {
        precondition(startPending, "attributes belong to a start tag")
        bytes.append(0x20)
        append(name)
        bytes.append(0x3D)  // =
        bytes.append(0x22)  // "
        escape(value, inAttribute: true)
        bytes.append(0x22)
    }

    /// An attribute whose name is not a literal (style properties from a table).
    func attribute(named name: String, _ value: String) {
        precondition(startPending, "attributes belong to a start tag")
        bytes.append(0x20)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3D)
        bytes.append(0x22)
        escape(value, inAttribute: true)
        bytes.append(0x22)
    }

    private func append(_ name: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    /// `start` plus attributes in order.
    func start(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
    }

    func text(_ value: String) {
        guard !value.isEmpty else { return }
        closeStartTag()
        escape(value, inAttribute: false)
    }

    func end() {
        let name = open.removeLast()
        if startPending {
            bytes.append(0x2F)  // /
            bytes.append(0x3E)  // >
            startPending = false
        } else {
            bytes.append(0x3C)  // <
            bytes.append(0x2F)  // /
            append(name)
            bytes.append(0x3E)
        }
    }

    /// An element with attributes and no content.
    func empty(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        start(name, attributes)
        end()
    }

    // MARK: replaying bytes (BlockMemo)

    /// Nothing is open and no start tag waits for its `>`: what is written from here is a
    /// complete run of elements that can be replayed as it is.
    var isAtTopLevel: Bool { open.isEmpty && !startPending }

    /// How many bytes are written, to cut out what follows with `bytes(since:)`.
    var byteCount: Int { bytes.count }

    func bytes(since mark: Int) -> [UInt8] { Array(bytes[mark...]) }

    /// Bytes this writer wrote before (at the top level), written again.
    func replay(_ run: [UInt8]) {
        precondition(isAtTopLevel, "runs are replayed between complete elements")
        bytes.append(contentsOf: run)
    }

    /// Closes all open elements and returns the bytes (a document ends with a line break).
    func finish() -> [UInt8] {
        while !open.isEmpty { end() }
        if !isFragment { bytes.append(0x0A) }
        return bytes
    }

    private func closeStartTag() {
        if startPending {
            bytes.append(0x3E)
            startPending = false
        }
    }

    /// Appends `value` escaped, without the characters XML forbids
    /// (`XMLCharacters.forbiddenLength`), in one pass over its bytes: every text of every form
    /// goes through here.
    private func escape(_ value: String, inAttribute: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let n = utf8.count
            var runStart = 0
            var i = 0
            func flush(to end: Int, skipping: Int) {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: end - runStart))
                runStart = end + skipping
            }
            while i < n {
                let byte = base[i]
                // Everything to escape or drop is below "?" or the lead byte EF.
                guard byte < 0x3F || byte == 0xEF else {
                    i += 1
                    continue
                }
                let replacement: StaticString
                switch byte {
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09 where inAttribute: replacement = "&#9;"
                default:
                    let forbidden = XMLCharacters.forbiddenLength(utf8, at: i)
                    if forbidden > 0 { flush(to: i, skipping: forbidden) }
                    i += max(forbidden, 1)
                    continue
                }
                flush(to: i, skipping: 1)
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                i += 1
            }
            flush(to: n, skipping: 0)
        }
    }
}
