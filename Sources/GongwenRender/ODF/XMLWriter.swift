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
    /// Open elements, innermost last.
    @exclusivity(unchecked) private var open: [String] = []
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

    func start(_ name: String) {
        closeStartTag()
        bytes.append(0x3C)  // <
        bytes.append(contentsOf: name.utf8)
        open.append(name)
        startPending = true
    }

    func attribute(_ name: String, _ value: String) {
        precondition(startPending, "attributes belong to a start tag")
        bytes.append(0x20)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [0x3D, 0x22])  // ="
        escape(XMLCharacters.removingForbidden(value), inAttribute: true)
        bytes.append(0x22)
    }

    /// `start` plus attributes in order.
    func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
    }

    func text(_ value: String) {
        guard !value.isEmpty else { return }
        closeStartTag()
        escape(XMLCharacters.removingForbidden(value), inAttribute: false)
    }

    func end() {
        let name = open.removeLast()
        if startPending {
            bytes.append(contentsOf: [0x2F, 0x3E])  // />
            startPending = false
        } else {
            bytes.append(contentsOf: [0x3C, 0x2F])  // </
            bytes.append(contentsOf: name.utf8)
            bytes.append(0x3E)
        }
    }

    /// An element with attributes and no content.
    func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        end()
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

    private func escape(_ value: String, inAttribute: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (i, byte) in utf8.enumerated() {
                let replacement: StaticString
                switch byte {
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09 where inAttribute: replacement = "&#9;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }
}
