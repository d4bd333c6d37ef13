import Foundation
import GongwenModel

/// Reads JSON (RFC 8259) into `Value`, by hand rather than with Foundation's decoder, because a
/// clerk must be told in Chinese where a file is wrong (line and column, never “NSCocoaErrorDomain
/// error 3840”), and because Foundation loses what matters in the data: a key written twice is
/// silently one of the two, and a number may pass through `Double` (an ID number typed as a
/// number, 110101199003074514, would lose its last digits).
///
/// So: every syntax error is a `json-syntax` diagnostic at its line and column, with a hint for
/// the usual slips (Chinese quotes or punctuation, a trailing comma, a code with leading zeros);
/// a key repeated in one object is `json-duplicate-key` at the second one; numbers keep the
/// digits written (`12.90` stays `12.90`) and one that `Decimal` cannot hold exactly is
/// `json-number-precision`, never rounded; nesting deeper than `maximumDepth` is refused before
/// it can exhaust the stack; every value, `{}` and `[]` included, is counted and what it takes is
/// charged to a `ReadBudget` (`structured`), so that a small file of millions of empty objects
/// ends in a located error rather than in gigabytes. Consecutive objects with the same keys (the
/// records of a list) share one table of names, as the rows of a spreadsheet do.
enum JSONReader {
    static let maximumDepth = 256
    /// The file is held while it is read, beside the values made from it (`ReadBudget`): a larger
    /// file of records belongs in a table (CSV, .xlsx), which is streamed.
    static let maximumFileSize = 32 * 1024 * 1024

    static func parse(_ data: Data, file: String, budget: ReadBudget? = nil) throws(DiagnosticError) -> Value {
        guard data.count <= maximumFileSize else {
            throw DiagnosticError(Diagnostic(
                id: "data-too-large",
                message: "JSON 文件过大（超过 \(maximumFileSize / 1024 / 1024) MB）；大量记录请用 Excel 表格（.xlsx）或 CSV / JSON file too large",
                dataLocation: DataLocation(file: file)))
        }
        // The file's bytes as they are, not copied (Foundation's closure is not typed-throws).
        let result: Result<Value, DiagnosticError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self), file: file, budget: budget ?? ReadBudget.structured(file: file))
            return Result { () throws(DiagnosticError) in try parser.document() }
        }
        return try result.get()
    }
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let budget: ReadBudget
    var i = 0
    /// The line being read and the offset where it starts, for line and column.
    var line = 1
    var lineStart = 0
    var depth = 0
    var keys = SharedKeys(maximumDepth: JSONReader.maximumDepth)

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, budget: ReadBudget) {
        self.bytes = bytes
        self.file = file
        self.budget = budget
    }

    mutating func document() throws(DiagnosticError) -> Value {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
        skipSpace()
        guard i < bytes.count else { throw error("文件是空的，没有 JSON 数据", "empty JSON") }
        let value = try parseValue()
        skipSpace()
        if i < bytes.count {
            throw error("JSON 数据在此之前已经结束，后面还有多余的内容\(hint())", "unexpected content after the JSON value")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(DiagnosticError) -> Value {
        guard i < bytes.count else { throw unexpectedEnd() }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let s = try parseString()
            try charge(ReadBudget.cost(of: .string(s)))
            return .string(s)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try literal("true"); try charge(MemoryLayout<Value>.stride); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); try charge(MemoryLayout<Value>.stride); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); try charge(MemoryLayout<Value>.stride); return .null
        default: throw unexpected("此处应为一个值（文本要加英文双引号，如 \"清水县\"）", "expected a value")
        }
    }

    mutating func parseObject() throws(DiagnosticError) -> Value {
        try enter()
        i += 1
        try charge(MemoryLayout<Value>.stride)
        var names: [String] = []
        var values: [Value] = []
        /// Where each key was first written, to name it when it comes again.
        var seen: [String: Mark] = [:]
        /// What the keys read so far were charged, given back when the object is made.
        var open = 0
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            i += 1
            depth -= 1
            return .record(Record())
        }
        while true {
            skipSpace()
            guard i < bytes.count else { throw unexpectedEnd() }
            guard bytes[i] == UInt8(ascii: "\"") else {
                if bytes[i] == UInt8(ascii: "}") && !names.isEmpty {
                    throw error("最后一项后面不能有逗号", "trailing comma in object", at: previousComma())
                }
                throw unexpected("对象的键应为带英文双引号的文本，如 \"名称\"", "expected a quoted key")
            }
            let keyMark = mark()
            let key = try parseString()
            if let firstMark = seen[key] {
                let first = place(firstMark), keyPlace = place(keyMark)
                throw DiagnosticError(Diagnostic(
                    id: "json-duplicate-key",
                    message: "键 “\(key)” 在同一对象中出现了两次（第一次在第 \(first.line) 行第 \(first.column) 列），不知道该用哪一个 / duplicate key",
                    location: SourceLocation(file: file, line: keyPlace.line, column: keyPlace.column)))
            }
            seen[key] = keyMark
            let keyCost = ReadBudget.openField + ReadBudget.cost(of: key)
            try charge(keyCost, nodes: 0)
            open += keyCost
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw unexpected("键后面应为英文冒号 “:”", "expected ':'") }
            i += 1
            skipSpace()
            let value = try parseValue()
            names.append(key)
            values.append(value)
            skipSpace()
            guard i < bytes.count else { throw unexpectedEnd() }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw unexpected("此处应为英文逗号 “,”（对象中的两项之间）或 “}”（对象结束）", "expected ',' or '}'")
        }
        depth -= 1
        let (record, cost) = keys.record(names: names, values: values, depth: depth)
        budget.release(open)
        try charge(cost, nodes: 0)
        return .record(record)
    }

    mutating func parseArray() throws(DiagnosticError) -> Value {
        try enter()
        i += 1
        try charge(MemoryLayout<Value>.stride)
        var items: [Value] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) {
            i += 1
            depth -= 1
            return .list(items)
        }
        while true {
            skipSpace()
            if peek(UInt8(ascii: "]")) && !items.isEmpty {
                throw error("最后一项后面不能有逗号", "trailing comma in array", at: previousComma())
            }
            items.append(try parseValue())
            skipSpace()
            guard i < bytes.count else { throw unexpectedEnd() }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw unexpected("此处应为英文逗号 “,”（列表中的两项之间）或 “]”（列表结束）", "expected ',' or ']'")
        }
        depth -= 1
        try charge(ReadBudget.cost(ofList: items.count), nodes: 0)
        return .list(items)
    }

    /// Counts one value (`nodes`) and `bytes` against the budget; past it, an error here.
    @inline(__always)
    func charge(_ bytes: Int, nodes: Int = 1) throws(DiagnosticError) {
        guard budget.chargeTree(bytes, nodes: nodes) else {
            let p = place()
            throw budget.treeError(kind: "JSON", line: p.line, column: p.column)
        }
    }

    mutating func enter() throws(DiagnosticError) {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw DiagnosticError(Diagnostic(
                id: "json-too-deep", message: "JSON 嵌套超过 \(JSONReader.maximumDepth) 层，不是数据文件的样子 / JSON nested too deeply",
                location: here()))
        }
    }

    /// A string, its escapes decoded; the opening quote at `i`.
    mutating func parseString() throws(DiagnosticError) -> String {
        let startMark = mark()
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else {
                let start = place(startMark)
                throw error("文本没有结束的英文双引号（从第 \(start.line) 行第 \(start.column) 列开始）", "unterminated string")
            }
            guard out.count <= TableRecords.maximumCellBytes else {
                throw error("文本过长（超过 \(TableRecords.maximumCellLength) 个字符）", "string too long", at: place(startMark))
            }
            let b = bytes[i]
            // A run of plain bytes at once.
            if b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b >= 0x20 {
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\"), bytes[j] >= 0x20 { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(j, i + TableRecords.maximumCellBytes + 1)]))
                i = j
                continue
            }
            if b == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if b < 0x20 {
                throw error("文本中不能直接换行或含控制字符（换行请写作 \\n）", "control character in string")
            }
            // An escape.
            guard i + 1 < bytes.count else { throw unexpectedEnd() }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let escapeStart = i
                var scalar = try hex4(at: i + 2)
                i += 6
                if (0xD800...0xDBFF).contains(scalar) {
                    // A surrogate pair: \uD83D\uDE00.
                    let paired = i + 1 < bytes.count && bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "u")
                    let low = paired ? try hex4(at: i + 2) : 0
                    guard (0xDC00...0xDFFF).contains(low) else {
                        i = escapeStart
                        throw error("\\u 转义是不成对的代理项，不是有效的字符", "unpaired surrogate escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    i = escapeStart
                    throw error("\\u 转义是不成对的代理项，不是有效的字符", "unpaired surrogate escape")
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                continue
            default:
                throw error("无效的转义 “\\\(String(decoding: [e], as: UTF8.self))”（文本中的反斜杠请写作 \\\\）", "invalid escape")
            }
            i += 2
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw error("文本中有不是 UTF-8 编码的字节；JSON 文件必须是 UTF-8 编码", "invalid UTF-8 in string", at: place(startMark))
        }
        return text
    }

    mutating func hex4(at offset: Int) throws(DiagnosticError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw unexpectedEnd() }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[offset + k]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - 0x41 + 10)
            default: throw error("\\u 后面应为 4 位十六进制数字", "invalid \\u escape")
            }
            value = value * 16 + digit
        }
        return value
    }

    /// A number as JSON writes it; kept as written (`12.90`), or refused when it cannot be exact.
    mutating func parseNumber() throws(DiagnosticError) -> Value {
        let start = i
        let startMark = mark()
        if peek(UInt8(ascii: "-")) { i += 1 }
        let integerStart = i
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        let integerDigits = i - integerStart
        guard integerDigits > 0 else { throw unexpected("“-” 后面应为数字", "expected a digit") }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
            throw error("数字不能以 0 开头；以 0 开头的代码（如 052）请加英文双引号写作文本 \"052\"", "leading zero in number", at: place(startMark))
        }
        var exponent = false
        if peek(UInt8(ascii: ".")) {
            i += 1
            let fractionStart = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            guard i > fractionStart else { throw unexpected("小数点后面应为数字", "expected a digit after '.'") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            exponent = true
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            guard i > exponentStart else { throw unexpected("指数 e 后面应为数字", "expected exponent digits") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Number.exactDecimal(text) else {
            let shown = text.count > 60 ? String(text.prefix(30)) + "…" : text
            throw DiagnosticError(Diagnostic(
                id: "json-number-precision",
                message: "数字 \(shown) 无法精确表示（最多 \(Number.maximumDigits) 位有效数字，数量级在 10 的 ±127 次方以内），"
                    + "不会四舍五入；若是证件号、代码等，请加英文双引号写作文本 / number cannot be represented exactly",
                location: SourceLocation(file: file, line: place(startMark).line, column: place(startMark).column)))
        }
        try charge(ReadBudget.cost(of: .number(Number(0))))
        // Digits as written; in exponent form, as the value (1.5e3 prints as 1500).
        return .number(Number(value, literal: exponent ? nil : text))
    }

    mutating func literal(_ word: String) throws(DiagnosticError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw unexpected("此处应为一个值（文本要加英文双引号，如 \"清水县\"）", "expected a value")
        }
        i += w.count
    }

    // MARK: Positions and messages

    func peek(_ byte: UInt8) -> Bool { i < bytes.count && bytes[i] == byte }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    /// Where a value starts, kept cheaply for its error: the column is counted only then
    /// (counting it for every string and number made a 10 MB file on one line quadratic).
    struct Mark {
        var line: Int
        var lineStart: Int
        var offset: Int
    }

    func mark() -> Mark { Mark(line: line, lineStart: lineStart, offset: i) }

    /// Line and column (in characters, as an editor counts them) of the byte at `i`.
    func place() -> (line: Int, column: Int) { place(mark()) }

    func place(_ mark: Mark) -> (line: Int, column: Int) {
        let (line, lineStart, i) = (mark.line, mark.lineStart, mark.offset)
        var column = 1
        var k = lineStart
        while k < min(i, bytes.count) {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, column)
    }

    func here() -> SourceLocation {
        let p = place()
        return SourceLocation(file: file, line: p.line, column: p.column)
    }

    /// The comma before a closing bracket at `i` (a trailing comma, perhaps lines above), for its position.
    func previousComma() -> (line: Int, column: Int) {
        var k = i - 1
        while k > 0 && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) { k -= 1 }
        guard k >= 0, bytes[k] == UInt8(ascii: ",") else { return place() }
        // Counted from the start: only for the message of an error.
        var line = 1, start = 0
        for j in 0..<k where bytes[j] == 0x0A {
            line += 1
            start = j + 1
        }
        var column = 1
        for j in start..<k where bytes[j] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    func error(_ chinese: String, _ english: String, at place: (line: Int, column: Int)? = nil) -> DiagnosticError {
        let p = place ?? self.place()
        return DiagnosticError(Diagnostic(id: "json-syntax", message: "JSON 格式错误：\(chinese) / invalid JSON: \(english)",
                                          location: SourceLocation(file: file, line: p.line, column: p.column)))
    }

    func unexpectedEnd() -> DiagnosticError {
        error("文件在此意外结束（缺少 “]”、“}” 或结束的双引号？）", "unexpected end of file")
    }

    /// An unexpected character: what was expected, and a hint when it is a usual slip.
    func unexpected(_ chinese: String, _ english: String) -> DiagnosticError {
        guard i < bytes.count else { return unexpectedEnd() }
        return error("\(chinese)\(hint())", english)
    }

    /// What the character at `i` is, when it is a usual slip.
    func hint() -> String {
        guard i < bytes.count else { return "" }
        var k = i + 1
        while k < bytes.count && bytes[k] & 0xC0 == 0x80 { k += 1 }
        let character = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<k]), as: UTF8.self)
        switch character {
        case "“", "”", "‘", "’": return "；此处是中文引号 \(character)，JSON 要用英文双引号 \""
        case "，", "：", "［", "］", "｛", "｝": return "；此处是中文标点 “\(character)”，JSON 要用英文标点"
        case "'": return "；JSON 的文本要用英文双引号 \"，不能用单引号"
        case "/": return "；JSON 中不能有注释"
        default:
            let shown = character.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? InvisibleCharacters.codePoint($0) : character } ?? character
            return "（此处是 “\(shown)”）"
        }
    }
}
