import CYaml
import Foundation
import GongwenModel

/// Reads YAML with libyaml's events (the parser Yams wraps). Plain scalars are typed by our own
/// rules, not YAML 1.1's: decimal numbers become exact decimals that remember how they were
/// written; `true`/`false` are booleans; `null`, `~` and empty are null; everything else,
/// including numbers with leading zeros such as codes (`052`), stays text. Quoted scalars are
/// always text.
///
/// Why events rather than `Yams.compose`: Yams first builds a tree of its own nodes, a tag
/// object each, which took hundreds of megabytes for a few megabytes of `- {}`; and an alias
/// there is the anchored node itself, so "billion laughs" (anchors of ten aliases of the anchor
/// before) costs nothing until it is walked. Here values are made as the events come, each is
/// counted against a `ReadBudget` (`structured`), an alias counts every value it repeats, and
/// the error is at the line and column reached.
enum YAMLReader {
    /// Nesting is refused deeper than JSON allows: values are released, compared and merged by
    /// recursion.
    static let maximumDepth = JSONReader.maximumDepth
    /// The file is held while it is read, beside the values: a larger file of records belongs
    /// in a table (CSV, .xlsx), which is streamed.
    static let maximumFileSize = 16 * 1024 * 1024

    static func parse(_ data: Data, file: String, budget: ReadBudget? = nil) throws(DiagnosticError) -> Value {
        guard data.count <= maximumFileSize else {
            throw DiagnosticError(Diagnostic(
                id: "data-too-large",
                message: "YAML 文件过大（超过 \(maximumFileSize / 1024 / 1024) MB）；大量记录请用 Excel 表格（.xlsx）或 CSV / YAML file too large",
                dataLocation: DataLocation(file: file)))
        }
        let valid = data.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
        guard valid else {
            let (line, column) = firstInvalidUTF8(Array(data))
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: "YAML 文件必须是 UTF-8 编码，此处的字节不是 / YAML must be UTF-8",
                                             location: SourceLocation(file: file, line: line, column: column)))
        }
        let composer = YAMLComposer(file: file, budget: budget ?? ReadBudget.structured(file: file))
        let result: Result<Value, DiagnosticError> = data.withUnsafeBytes { raw in
            Result { () throws(DiagnosticError) in try composer.document(raw.bindMemory(to: UInt8.self)) }
        }
        return try result.get()
    }

    static func duplicate(_ key: String, line: Int, column: Int, file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "yaml-duplicate-key", message: "键 “\(key)” 在同一对象中出现了多次，不知道该用哪一个 / duplicate key",
            location: SourceLocation(file: file, line: line, column: column)))
    }

    /// libyaml's usual complaints, in a clerk's words.
    static func explain(_ problem: String) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "此处不能有冒号（文字中含有 “: ” 时请整段加英文引号）"),
            ("found character that cannot start any token", "此处的字符不能出现在这里（缩进不能用制表符；以 @ 或 ` 开头的文字请加引号）"),
            ("did not find expected key", "缩进不一致，或少了冒号"),
            ("could not find expected ':'", "缺少冒号 “:”"),
            ("did not find expected '-' indicator", "列表项（以 - 开头）的缩进不一致"),
            ("found unexpected end of stream", "文件意外结束（引号没有闭合？）"),
            ("found a tab character", "缩进中不能用制表符，请用空格"),
            ("did not find expected node content", "此处应有内容"),
            ("found undefined tag handle", "无法识别以 ! 开头的标记（文字请加引号）"),
            ("found unknown escape character", "引号中有无效的反斜杠转义（反斜杠请写作 \\\\，或改用单引号）"),
            ("found unexpected ':'", "此处不应有冒号"),
            ("did not find expected ',' or ']'", "列表中缺少逗号或 “]”"),
            ("did not find expected ',' or '}'", "缺少逗号或 “}”"),
            ("Maximum nesting level reached", "嵌套层数过多（libyaml 最多允许 1000 层），不是数据文件的样子"),
        ]
        for (english, chinese) in known where problem.contains(english) { return chinese }
        return "无法解析"
    }

    /// The line and column (in characters) of the first byte that is not UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 || i + length > bytes.count || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { break }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column)
    }

    static func scalarValue(_ s: String, plain: Bool) -> Value {
        guard plain else { return .string(s) }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let digits = s.hasPrefix("-") || s.hasPrefix("+") ? String(s.dropFirst()) : s
        let leadingZero = digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0.")
        if !leadingZero, let number = Number(parsing: s) { return .number(number) }
        return .string(s)
    }
}
