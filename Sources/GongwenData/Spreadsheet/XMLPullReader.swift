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
    /// The bytes libxml2 reads from: a copy of an in-memory part, or nil for a streamed one.
    private let buffer: UnsafeMutableBufferPointer<UInt8>?
    /// What the read callback of a streamed part pulls from (retained here, passed unretained).
    private let input: StreamedInput?
    private let part: String
    private let file: String

    init(_ bytes: [UInt8], part: String, file: String) throws(DiagnosticError) {
        self.part = part
        self.file = file
        if Self.declaresDoctype(bytes) { throw Self.doctypeRefused(part, file) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        let created = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlReaderForMemory($0, Int32(bytes.count), nil, "UTF-8", Self.options)
        }
        guard let created else {
            buffer.deallocate()
            throw Self.unreadable(part, file)
        }
        self.buffer = buffer
        input = nil
        reader = created
        // Errors are reported through our own messages; keep libxml2 from printing to stderr.
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
    }

    /// Reads a part as it is inflated (`PartStream`): its start is checked for a DOCTYPE first,
    /// then libxml2 pulls the rest through a read callback.
    init(stream: PartStream, part: String, file: String) throws(DiagnosticError) {
        self.part = part
        self.file = file
        var head: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let verdict = Self.doctypeVerdict(head, complete: false) {
                if verdict {
                    stream.cancel()
                    throw Self.doctypeRefused(part, file)
                }
                break
            }
            let n = try chunk.withUnsafeMutableBufferPointer { buffer throws(DiagnosticError) in
                try stream.read(into: buffer.baseAddress!, count: buffer.count)
            }
            if n == 0 {
                if Self.declaresDoctype(head) { throw Self.doctypeRefused(part, file) }
                break
            }
            head += chunk[..<n]
            // A prolog of a megabyte of comments is not a spreadsheet's.
            if head.count > 1 << 20 {
                stream.cancel()
                throw Self.doctypeRefused(part, file)
            }
        }
        let input = StreamedInput(head: head, stream: stream)
        let created = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            let input = Unmanaged<StreamedInput>.fromOpaque(context).takeUnretainedValue()
            return input.read(into: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(length))
        }, { _ in 0 }, Unmanaged.passUnretained(input).toOpaque(), nil, "UTF-8", Self.options)
        guard let created else {
            stream.cancel()
            throw Self.unreadable(part, file)
        }
        buffer = nil
        self.input = input
        reader = created
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer?.deallocate()
        input?.stream.cancel()
    }

    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    private static func doctypeRefused(_ part: String, _ file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "spreadsheet-doctype",
            message: "表格文件中的 “\(part)” 含有 DOCTYPE（实体或外部引用），出于安全原因拒绝读取 / DOCTYPE in a spreadsheet part refused",
            dataLocation: DataLocation(file: file)))
    }

    private static func unreadable(_ part: String, _ file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "spreadsheet-xml", message: "无法读取 “\(part)” / cannot read part",
                                   dataLocation: DataLocation(file: file)))
    }

    /// Whether the prolog (before the root element) has a `<!DOCTYPE`: checked on the bytes,
    /// before libxml2 reads any declaration in it.
    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        doctypeVerdict(bytes, complete: true) ?? false
    }

    /// The same on the start of a part: nil when `bytes` end before the answer is known (inside
    /// the prolog) and more may follow (`complete` false).
    static func doctypeVerdict(_ bytes: [UInt8], complete: Bool) -> Bool? {
        let doctype = Array("<!DOCTYPE".utf8), lower = Array("<!doctype".utf8)
        if !complete && bytes.count < 3 { return nil }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count - i >= prefix.count && bytes[i..<(i + prefix.count)].elementsEqual(prefix) }
        /// Moves past `end`; false when the bytes end first.
        func skip(past end: [UInt8]) -> Bool {
            while i < bytes.count && !starts(end) { i += 1 }
            i += end.count
            return i <= bytes.count
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case UInt8(ascii: "<"):
                // Too few bytes to tell a comment or a DOCTYPE from an element: wait for more.
                if !complete && bytes.count - i < doctype.count { return nil }
                if starts(Array("<?".utf8)) {
                    if !skip(past: Array("?>".utf8)) { return complete ? false : nil }
                } else if starts(Array("<!--".utf8)) {
                    if !skip(past: Array("-->".utf8)) { return complete ? false : nil }
                } else {
                    return starts(doctype) || starts(lower)
                }
            default: return false
            }
        }
        return complete ? false : nil
    }

    /// The next start tag, end tag or text; nil at the end of the part.
    func next() throws(DiagnosticError) -> Event? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 { throw input?.failure ?? malformed() }
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

/// What a streamed part's read callback reads: the start already checked for a DOCTYPE, then the
/// rest of the stream. A failure of the stream (a zip bomb, a corrupt archive) is kept for the
/// reader to report instead of libxml2's “malformed”.
private final class StreamedInput {
    let head: [UInt8]
    let stream: PartStream
    private var headOffset = 0
    private(set) var failure: DiagnosticError?

    init(head: [UInt8], stream: PartStream) {
        self.head = head
        self.stream = stream
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int32 {
        if headOffset < head.count {
            let n = min(count, head.count - headOffset)
            head.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + headOffset, count: n) }
            headOffset += n
            return Int32(n)
        }
        do {
            return Int32(try stream.read(into: buffer, count: count))
        } catch {
            failure = error
            return -1
        }
    }
}
