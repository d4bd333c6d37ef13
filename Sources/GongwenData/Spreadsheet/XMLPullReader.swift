import CLibXML2
import GongwenModel

/// A forward-only reader over one XML part of a spreadsheet, on libxml2's xmlTextReader: the
/// sheet is streamed, never built into a tree. This is the only file of the data module that
/// sees libxml2.
///
/// Safety: network access off (`XML_PARSE_NONET`), no DTD loading, no entity substitution; a
/// DOCTYPE is refused as soon as the reader meets it (spreadsheet parts never have one, so a
/// part that does was made to attack the reader).
final class XMLPullReader {
    enum Event {
        case start(name: String, attributes: [String: String], isEmpty: Bool)
        case end(name: String)
        case text(String)
    }

    private let reader: OpaquePointer
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private let part: String
    private let file: String

    init(_ bytes: [UInt8], part: String, file: String) throws(DiagnosticError) {
        self.part = part
        self.file = file
        if Self.declaresDoctype(bytes) {
            throw DiagnosticError(Diagnostic(
                id: "spreadsheet-doctype",
                message: "表格文件中的 “\(part)” 含有 DOCTYPE（实体或外部引用），出于安全原因拒绝读取 / DOCTYPE in a spreadsheet part refused",
                dataLocation: DataLocation(file: file)))
        }
        buffer = .allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let created = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlReaderForMemory($0, Int32(bytes.count), nil, "UTF-8", options)
        }
        guard let created else {
            buffer.deallocate()
            throw DiagnosticError(Diagnostic(id: "spreadsheet-xml", message: "无法读取 “\(part)” / cannot read part",
                                             dataLocation: DataLocation(file: file)))
        }
        reader = created
        // Errors are reported through our own messages; keep libxml2 from printing to stderr.
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Whether the prolog (before the root element) has a `<!DOCTYPE`: checked on the bytes,
    /// before libxml2 reads any declaration in it.
    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count - i >= prefix.count && bytes[i..<(i + prefix.count)].elementsEqual(prefix) }
        func skip(past end: [UInt8]) {
            while i < bytes.count && !starts(end) { i += 1 }
            i += end.count
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case UInt8(ascii: "<"):
                if starts(Array("<?".utf8)) { skip(past: Array("?>".utf8)) }
                else if starts(Array("<!--".utf8)) { skip(past: Array("-->".utf8)) }
                else { return starts(doctype) || starts(Array("<!doctype".utf8)) }
            default: return false
            }
        }
        return false
    }

    /// The next start tag, end tag or text; nil at the end of the part.
    func next() throws(DiagnosticError) -> Event? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 { throw malformed() }
            switch xmlTextReaderNodeType(reader) {
            case 1:  // element
                let name = localName()
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                var attributes: [String: String] = [:]
                if xmlTextReaderHasAttributes(reader) == 1 {
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[localName()] = string(xmlTextReaderConstValue(reader))
                    }
                    xmlTextReaderMoveToElement(reader)
                }
                return .start(name: name, attributes: attributes, isEmpty: isEmpty)
            case 15:  // end element
                return .end(name: localName())
            case 3, 4, 13, 14:  // text, CDATA, whitespace, significant whitespace
                return .text(string(xmlTextReaderConstValue(reader)))
            case 10:  // document type
                throw DiagnosticError(Diagnostic(
                    id: "spreadsheet-doctype",
                    message: "表格文件中的 “\(part)” 含有 DOCTYPE（实体或外部引用），出于安全原因拒绝读取 / DOCTYPE in a spreadsheet part refused",
                    dataLocation: DataLocation(file: file)))
            case 5:  // entity reference left unexpanded
                throw DiagnosticError(Diagnostic(
                    id: "spreadsheet-entity", message: "表格文件中的 “\(part)” 引用了实体，拒绝读取 / entity reference refused",
                    dataLocation: DataLocation(file: file)))
            default:
                continue
            }
        }
    }

    /// Skips to the end of the element whose start tag was just returned.
    func skipElement() throws(DiagnosticError) {
        if xmlTextReaderIsEmptyElement(reader) == 1 { return }
        var depth = 1
        while depth > 0 {
            guard let event = try next() else { return }
            switch event {
            case .start(_, _, let isEmpty): if !isEmpty { depth += 1 }
            case .end: depth -= 1
            case .text: break
            }
        }
    }

    private func localName() -> String { string(xmlTextReaderConstLocalName(reader)) }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private func malformed() -> DiagnosticError {
        let line = xmlTextReaderGetParserLineNumber(reader)
        return DiagnosticError(Diagnostic(
            id: "spreadsheet-xml",
            message: "表格文件已损坏：“\(part)” 第 \(line) 行不是格式正确的 XML / malformed XML in spreadsheet part",
            dataLocation: DataLocation(file: file)))
    }
}
