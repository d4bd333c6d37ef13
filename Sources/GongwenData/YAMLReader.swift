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

    static func parse(_ data: Data, file: String) throws(DiagnosticError) -> Value {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: "YAML 文件必须是 UTF-8 编码 / YAML must be UTF-8",
                                             dataLocation: DataLocation(file: file)))
        }
        let node: Node?
        do {
            // Our own scalar typing replaces YAML's regex-based tag resolution (and is far cheaper).
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw DiagnosticError(Diagnostic(id: "yaml-syntax", message: "YAML 格式错误：\(error) / invalid YAML",
                                             dataLocation: DataLocation(file: file)))
        } catch {
            throw DiagnosticError(Diagnostic(id: "yaml-syntax", message: "YAML 格式错误 / invalid YAML", dataLocation: DataLocation(file: file)))
        }
        guard let node else { return .null }
        var budget = maximumNodes
        guard let value = convert(node, budget: &budget) else {
            throw DiagnosticError(Diagnostic(id: "data-too-large", message: "YAML 展开后过大（别名过多） / YAML expands too much",
                                             dataLocation: DataLocation(file: file)))
        }
        return value
    }

    private static func convert(_ node: Node, budget: inout Int) -> Value? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [Value] = []
            for child in sequence {
                guard let v = convert(child, budget: &budget) else { return nil }
                items.append(v)
            }
            return .list(items)
        case .mapping(let mapping):
            var record = Record()
            for (key, child) in mapping {
                guard let v = convert(child, budget: &budget) else { return nil }
                record[key.string ?? ""] = v
            }
            return .record(record)
        case .alias:
            return .null
        }
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
