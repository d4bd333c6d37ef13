import CLibXML2
import GongwenModel

/// Writes XML through libxml2's `xmlTextWriter`, so every byte is well-formed and escaped.
/// This is the only file of the render module that sees libxml2. Text is cleaned of characters
/// XML 1.0 forbids before it is handed over (libxml2 would write them as invalid references).
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
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
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        let count = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }
}
