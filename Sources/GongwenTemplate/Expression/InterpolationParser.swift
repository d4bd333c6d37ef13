import GongwenModel

/// Splits text into literal parts and `{{ expression }}` holes.
enum InterpolationParser {
    struct Problem: Error {
        var message: String
        /// UTF-8 offset in the text where the problem is.
        var offset: Int
        var id = "expression-syntax"
    }

    /// Parses `text`; `locate` maps UTF-8 offsets in `text` to source locations.
    static func parse(_ text: String, locate: @escaping @Sendable (Int) -> SourceLocation) throws(Problem) -> Interpolation {
        var segments: [Interpolation.Segment] = []
        let utf8 = text.utf8
        var literalStart = utf8.startIndex
        var i = utf8.startIndex
        func offset(_ index: String.Index) -> Int { utf8.distance(from: utf8.startIndex, to: index) }

        while i < utf8.endIndex {
            let next = utf8.index(after: i)
            if utf8[i] == UInt8(ascii: "{"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "{") {
                if literalStart < i { segments.append(.literal(String(text[literalStart..<i]))) }
                let bodyStart = utf8.index(after: next)
                guard let close = findClose(in: text, from: bodyStart) else {
                    throw Problem(message: "'{{' 缺少对应的 '}}' / unclosed '{{'", offset: offset(i))
                }
                let body = text[bodyStart..<close]
                let base = offset(bodyStart)
                do {
                    let expression = try ExpressionParser.parse(body) { locate(base + $0) }
                    segments.append(.expression(expression))
                } catch {
                    throw Problem(message: error.message, offset: base + error.offset, id: error.id)
                }
                i = utf8.index(close, offsetBy: 2)
                literalStart = i
            } else if utf8[i] == UInt8(ascii: "}"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "}") {
                throw Problem(message: "多余的 '}}' / '}}' without '{{'", offset: offset(i))
            } else {
                i = next
            }
        }
        if literalStart < utf8.endIndex { segments.append(.literal(String(text[literalStart...]))) }
        return Interpolation(segments: segments)
    }

    /// The index of the `}}` closing a hole, skipping `}}` inside quoted strings.
    private static func findClose(in text: String, from start: String.Index) -> String.Index? {
        let utf8 = text.utf8
        var quote: UInt8?
        var i = start
        while i < utf8.endIndex {
            let b = utf8[i]
            let next = utf8.index(after: i)
            if let q = quote {
                if b == UInt8(ascii: "\\") { i = next < utf8.endIndex ? utf8.index(after: next) : next; continue }
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "}"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "}") {
                return i
            }
            i = next
        }
        return nil
    }
}
