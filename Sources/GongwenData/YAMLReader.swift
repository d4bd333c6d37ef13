import Foundation
import GongwenModel
import Yams

/// Reads YAML with Yams (libyaml). Plain scalars are typed by our own rules, not YAML 1.1's:
/// decimal numbers become exact decimals that remember how they were written; `true`/`false`
/// are booleans; `null`, `~` and empty are null; everything else, including numbers with leading
/// zeros such as codes (`052`), stays text. Quoted scalars are always text.
enum YAMLReader {
    /// Aliases can make a small file expand into a huge tree (the "billion laughs"); stop early.
    static let maximumNodes = 2_000_000
    /// libyaml's tree of a YAML file takes many times the file: a larger file of records belongs
    /// in a table (CSV, .xlsx), which is streamed.
    static let maximumFileSize = 16 * 1024 * 1024

    static func parse(_ data: Data, file: String) throws(DiagnosticError) -> Value {
        guard data.count <= maximumFileSize else {
            throw DiagnosticError(Diagnostic(
                id: "data-too-large",
                message: "YAML 文件过大（超过 \(maximumFileSize / 1024 / 1024) MB）；大量记录请用 Excel 表格（.xlsx）或 CSV / YAML file too large",
                dataLocation: DataLocation(file: file)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(Array(data))
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: "YAML 文件必须是 UTF-8 编码，此处的字节不是 / YAML must be UTF-8",
                                             location: SourceLocation(file: file, line: line, column: column)))
        }
        let node: Node?
        do {
            // Our own scalar typing replaces YAML's regex-based tag resolution (and is far cheaper).
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(error, file: file))
        } catch {
            throw DiagnosticError(Diagnostic(id: "yaml-syntax", message: "YAML 格式错误 / invalid YAML", dataLocation: DataLocation(file: file)))
        }
        guard let node else { return .null }
        var budget = maximumNodes
        return try convert(node, budget: &budget, file: file)
    }

    private static func convert(_ node: Node, budget: inout Int, file: String) throws(DiagnosticError) -> Value {
        budget -= 1
        guard budget >= 0 else {
            throw DiagnosticError(Diagnostic(id: "data-too-large", message: "YAML 展开后过大（别名过多） / YAML expands too much",
                                             dataLocation: DataLocation(file: file)))
        }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [Value] = []
            for child in sequence {
                items.append(try convert(child, budget: &budget, file: file))
            }
            return .list(items)
        case .mapping(let mapping):
            var record = Record()
            for (key, child) in mapping {
                let name = key.string ?? ""
                // libyaml's check compares keys with their tags; two keys that are the same text
                // for us (名称 and "名称") would silently be one.
                if record[name] != nil {
                    throw duplicate(name, at: key.mark, file: file)
                }
                record[name] = try convert(child, budget: &budget, file: file)
            }
            return .record(record)
        case .alias:
            return .null
        }
    }

    private static func duplicate(_ key: String, at mark: Mark?, file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "yaml-duplicate-key", message: "键 “\(key)” 在同一对象中出现了多次，不知道该用哪一个 / duplicate key",
            location: mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) },
            dataLocation: mark == nil ? DataLocation(file: file) : nil))
    }

    /// libyaml's error, in Chinese first, at its line and column.
    static func diagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(id: "yaml-syntax", message: "YAML 格式错误：\(explain(problem)) / invalid YAML: \(problem)",
                              location: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicate(duplicates.joined(separator: "”、“"), at: context.mark, file: file).diagnostics[0]
        default:
            return Diagnostic(id: "yaml-syntax", message: "YAML 格式错误 / invalid YAML", dataLocation: DataLocation(file: file))
        }
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

    static func scalarValue(_ scalar: Node.Scalar) -> Value {
        guard scalar.style == .plain else { return .string(scalar.string) }
        let s = scalar.string
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
