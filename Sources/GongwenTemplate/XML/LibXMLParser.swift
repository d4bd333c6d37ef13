import CLibXML2
import GongwenModel

/// Parses a template file with libxml2's SAX2 interface into an `XMLElement` tree with source
/// positions. This is the only file of the template module that sees libxml2.
///
/// Safety: network access is off (`XML_PARSE_NONET`), entities are not substituted, and any
/// DOCTYPE is refused before its internal subset is read, so no entity can be declared, expanded
/// or fetched. Only UTF-8 templates are accepted (byte offsets must match the file).
enum LibXMLParser {
    static let maximumSize = Limits.templateBytes

    static func parse(_ source: SourceText) throws(DiagnosticError) -> XMLElement {
        guard source.bytes.count <= maximumSize else {
            throw DiagnosticError(Diagnostic(
                id: "template-too-large",
                message: "模板文件过大（超过 \(maximumSize / 1024 / 1024) MB） / template file is too large",
                location: SourceLocation(file: source.path, line: 1, column: 1)))
        }
        if let problem = encodingProblem(source) { throw DiagnosticError(problem) }

        let builder = TreeBuilder(source: source)
        let parsed: Bool = source.bytes.withUnsafeBufferPointer { buffer -> Bool in
            let count = Int32(buffer.count)
            guard let ctxt = buffer.baseAddress.map({ base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCreateMemoryParserCtxt($0, count)
                }
            }) ?? xmlCreateMemoryParserCtxt("", 0) else { return false }
            defer { xmlFreeParserCtxt(ctxt) }
            ctxt.pointee.sax.pointee = TreeBuilder.handler
            ctxt.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
            _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOXINCNODE.rawValue))
            builder.context = ctxt
            _ = xmlParseDocument(ctxt)
            builder.context = nil
            return ctxt.pointee.wellFormed != 0
        }
        if !builder.diagnostics.isEmpty { throw DiagnosticError(builder.diagnostics) }
        guard parsed, let root = builder.root else {
            throw DiagnosticError(Diagnostic(
                id: "xml-malformed", message: "模板不是格式正确的 XML / template is not well-formed XML",
                location: SourceLocation(file: source.path, line: 1, column: 1)))
        }
        return root
    }

    /// Refuses byte-order marks of UTF-16/32 and declarations of another encoding.
    private static func encodingProblem(_ source: SourceText) -> Diagnostic? {
        let head = String(decoding: source.bytes.prefix(200), as: UTF8.self)
        let bad = source.bytes.starts(with: [0xFF, 0xFE]) || source.bytes.starts(with: [0xFE, 0xFF])
        var declared: String?
        if head.hasPrefix("<?xml"), let end = head.range(of: "?>") {
            let decl = head[..<end.lowerBound]
            if let r = decl.range(of: "encoding") {
                let rest = decl[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                declared = String(rest.prefix { $0 != "\"" && $0 != "'" })
            }
        }
        if bad || (declared.map { $0.lowercased() != "utf-8" } ?? false) {
            return Diagnostic(
                id: "template-encoding",
                message: "模板必须以 UTF-8 编码保存\(declared.map { "（声明的编码为 \($0)）" } ?? "") / templates must be UTF-8",
                location: SourceLocation(file: source.path, line: 1, column: 1))
        }
        return nil
    }
}

/// Receives SAX events and builds the tree, keeping a cursor into the raw bytes in step with
/// the parser so every element, attribute and text node gets its exact position.
private final class TreeBuilder {
    let source: SourceText
    var context: xmlParserCtxtPtr?
    var root: XMLElement?
    var diagnostics: [Diagnostic] = []
    /// Elements opened and not yet closed.
    private var stack: [XMLElement] = []
    /// Raw byte offset up to which the source has been accounted for.
    private var cursor = 0
    /// Text collected since the last element boundary.
    private var pendingText: [UInt8] = []
    private var pendingTextStart = 0

    init(source: SourceText) {
        self.source = source
    }

    static func from(_ ctx: UnsafeMutableRawPointer?) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
    }

    nonisolated(unsafe) static let handler: xmlSAXHandler = {
        var h = xmlSAXHandler()
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, localname, prefix, _, _, _, nbAttributes, _, attributes in
            TreeBuilder.from(ctx).startElement(localname: localname, prefix: prefix, count: Int(nbAttributes), attributes: attributes)
        }
        h.endElementNs = { ctx, _, _, _ in TreeBuilder.from(ctx).endElement() }
        h.characters = { ctx, chars, len in TreeBuilder.from(ctx).characters(chars, Int(len), cdata: false) }
        h.ignorableWhitespace = { ctx, chars, len in TreeBuilder.from(ctx).characters(chars, Int(len), cdata: false) }
        h.cdataBlock = { ctx, chars, len in TreeBuilder.from(ctx).characters(chars, Int(len), cdata: true) }
        h.comment = { ctx, _ in TreeBuilder.from(ctx).skipMarkup(open: "<!--", close: "-->") }
        h.processingInstruction = { ctx, _, _ in TreeBuilder.from(ctx).skipMarkup(open: "<?", close: "?>") }
        h.internalSubset = { ctx, _, _, _ in TreeBuilder.from(ctx).refuseDoctype() }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            TreeBuilder.from(ctx).libxmlError(error.pointee)
        }
        return h
    }()

    // MARK: events

    func startElement(localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
                      count: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        skipProlog()
        let tagStart = cursor
        let tagEnd = endOfTag(from: tagStart)
        var name = localname.map { String(cString: $0) } ?? ""
        if let prefix { name = String(cString: prefix) + ":" + name }
        // By name (the first of a name): a tag with a hundred thousand attributes is not quadratic.
        var rawAttributes: [String: (nameStart: Int, valueStart: Int)] = [:]
        for raw in attributePositions(inTagFrom: tagStart, to: tagEnd) where rawAttributes[raw.name] == nil {
            rawAttributes[raw.name] = (raw.nameStart, raw.valueStart)
        }
        var parsed: [XMLAttribute] = []
        for i in 0..<count {
            guard let attributes, let local = attributes[i * 5], let begin = attributes[i * 5 + 3],
                  let end = attributes[i * 5 + 4] else { continue }
            var attrName = String(cString: local)
            if let p = attributes[i * 5 + 1] { attrName = String(cString: p) + ":" + attrName }
            let length = end - begin
            let bytes = UnsafeBufferPointer(start: begin, count: max(0, length))
            // Without entity substitution libxml2 hands over `&` as `&#38;`; decode it.
            let value = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "&#38;", with: "&")
            let raw = rawAttributes[attrName]
            parsed.append(XMLAttribute(
                name: attrName, value: value,
                location: source.location(ofByte: raw?.nameStart ?? tagStart),
                positions: PositionMap(source: source, rawStart: raw?.valueStart ?? tagStart)))
        }
        cursor = tagEnd
        stack.append(XMLElement(name: name, attributes: parsed, children: [], location: source.location(ofByte: tagStart)))
    }

    func endElement() {
        flushText()
        // A `</name>` follows unless the element was self-closing (then the cursor is past `/>`).
        if cursor < source.bytes.count, source.bytes[cursor] == UInt8(ascii: "<"),
           cursor + 1 < source.bytes.count, source.bytes[cursor + 1] == UInt8(ascii: "/") {
            cursor = endOfTag(from: cursor)
        }
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    func characters(_ chars: UnsafePointer<xmlChar>?, _ length: Int, cdata: Bool) {
        guard let chars, length > 0, !stack.isEmpty else { return }
        if pendingText.isEmpty { pendingTextStart = cursor }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: chars, count: length))
        var walker = RawTextWalker(bytes: source.bytes, offset: cursor)
        walker.consume(decodedBytes: length)
        if cdata, walker.offset + 3 <= source.bytes.count,
           source.bytes[walker.offset..<walker.offset + 3].elementsEqual(Array("]]>".utf8)) {
            walker.offset += 3
        }
        cursor = walker.offset
    }

    func skipMarkup(open: String, close: String) {
        flushText()
        guard let start = find(open, from: cursor), let end = find(close, from: start + open.utf8.count) else { return }
        cursor = end + close.utf8.count
    }

    func refuseDoctype() {
        diagnostics.append(Diagnostic(
            id: "xml-doctype",
            message: "模板不允许包含 DOCTYPE（实体声明可被用来读取文件） / DOCTYPE is not allowed in templates",
            location: source.location(ofByte: find("<!DOCTYPE", from: 0) ?? 0)))
        if let context { xmlStopParser(context) }
    }

    func libxmlError(_ error: xmlError) {
        // After a refused DOCTYPE, libxml2 reports the stop itself; one message is enough.
        guard !diagnostics.contains(where: { $0.id == "xml-doctype" }) else { return }
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error"
        while message.hasSuffix("\n") { message.removeLast() }
        let line = Int(error.line)
        let column = Int(error.int2)
        diagnostics.append(Diagnostic(
            id: "xml-malformed",
            message: "XML 格式错误：\(message)",
            location: SourceLocation(file: source.path, line: max(line, 1), column: max(column, 1))))
    }

    // MARK: raw scanning

    private func flushText() {
        guard !pendingText.isEmpty, !stack.isEmpty else {
            pendingText.removeAll(keepingCapacity: true)
            return
        }
        let text = XMLText(value: String(decoding: pendingText, as: UTF8.self),
                           positions: PositionMap(source: source, rawStart: pendingTextStart))
        stack[stack.count - 1].children.append(.text(text))
        pendingText.removeAll(keepingCapacity: true)
    }

    /// Moves the cursor over the XML declaration, comments, PIs and white space before the root.
    private func skipProlog() {
        let bytes = source.bytes
        while cursor < bytes.count {
            let b = bytes[cursor]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xEF || b == 0xBB || b == 0xBF {
                cursor += 1
            } else if hasPrefix("<?", at: cursor), let end = find("?>", from: cursor) {
                cursor = end + 2
            } else if hasPrefix("<!--", at: cursor), let end = find("-->", from: cursor + 4) {
                cursor = end + 3
            } else {
                return
            }
        }
    }

    /// The offset just past the `>` that ends the tag starting at `start`, skipping quoted values.
    private func endOfTag(from start: Int) -> Int {
        let bytes = source.bytes
        var i = start
        var quote: UInt8?
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }

    /// Names and value offsets of the attributes written in a start tag.
    private func attributePositions(inTagFrom start: Int, to end: Int) -> [(name: String, nameStart: Int, valueStart: Int)] {
        let bytes = source.bytes
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var i = start + 1
        while i < end, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
        var result: [(String, Int, Int)] = []
        while i < end {
            while i < end, isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            while i < end, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"),
                  bytes[i] != UInt8(ascii: "/") { i += 1 }
            guard i > nameStart else { break }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            while i < end, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") { i += 1 }
            guard i < end else { break }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < end, bytes[i] != quote { i += 1 }
            i += 1
            result.append((name, nameStart, valueStart))
        }
        return result
    }

    private func hasPrefix(_ ascii: String, at position: Int) -> Bool {
        let p = Array(ascii.utf8)
        guard position + p.count <= source.bytes.count else { return false }
        return source.bytes[position..<position + p.count].elementsEqual(p)
    }

    private func find(_ ascii: String, from position: Int) -> Int? {
        var i = position
        while i < source.bytes.count {
            if hasPrefix(ascii, at: i) { return i }
            i += 1
        }
        return nil
    }
}
