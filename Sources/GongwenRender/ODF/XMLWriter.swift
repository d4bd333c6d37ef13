import CLibXML2
import GongwenModel

/// Writes XML through libxml2's `xmlTextWriter`, so every byte is well-formed and escaped.
/// This is the only file of the render module that sees libxml2. Text is cleaned of characters
/// XML 1.0 forbids before it is handed over (libxml2 would write them as invalid references).
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let isFragment: Bool
    /// Bytes of the XML declaration, which a fragment leaves out of its result.
    private var declarationLength = 0

    /// A document (with the XML declaration), or a fragment to be spliced into a document's
    /// bytes (no declaration).
    init(fragment: Bool = false) {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        isFragment = fragment
        // A fragment starts a document too: without one, libxml2 knows no encoding and writes
        // every Chinese character in an attribute as a character reference.
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
        if fragment {
            xmlTextWriterFlush(writer)
            declarationLength = Int(xmlBufferLength(buffer))
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) {
        xmlTextWriterStartElement(writer, name)
    }

    func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, name, XMLCharacters.removingForbidden(value))
    }

    /// `start` plus attributes in order.
    func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
    }

    func text(_ value: String) {
        guard !value.isEmpty else { return }
        xmlTextWriterWriteString(writer, XMLCharacters.removingForbidden(value))
    }

    func end() {
        xmlTextWriterEndElement(writer)
    }

    /// An element with attributes and no content.
    func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        end()
    }

    /// Closes all open elements and returns the document's bytes.
    func finish() -> [UInt8] {
        if isFragment {
            xmlTextWriterFlush(writer)  // a fragment's elements are all closed by its writer
        } else {
            xmlTextWriterEndDocument(writer)
        }
        xmlTextWriterFlush(writer)
        let count = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer), count >= declarationLength else { return [] }
        return Array(UnsafeBufferPointer(start: content + declarationLength, count: count - declarationLength))
    }
}
