import Foundation
import GongwenData
import GongwenModel

/// A data set written back as the JSON Gongwen reads (`{共用字段…, "记录": […]}`): the data each
/// assessment document is rendered from is kept beside it, so a clerk can see — and a reviewer
/// check — exactly which figures went into a document, and render it again by hand.
public enum DataSetJSON {
    public static func text(_ data: DataSet) -> String {
        var out = "{"
        var first = true
        for (key, value) in zip(data.shared.order, data.shared.values) {
            out += (first ? "\n  " : ",\n  ") + string(key) + ": "
            write(value, indent: "  ", into: &out)
            first = false
        }
        out += (first ? "\n  " : ",\n  ") + string(DataSet.recordsKey) + ": "
        write(.list(data.records.map(Value.record)), indent: "  ", into: &out)
        out += "\n}\n"
        return out
    }

    static func write(_ value: Value, indent: String, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        // Numbers keep the digits they were given (12.90 stays 12.90 in the document), so they are
        // written as the literal when there is one; JSON numbers would lose trailing zeros.
        case .number(let n): out += n.literal.map(string) ?? "\(n.value)"
        case .string(let s): out += string(s)
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + indent + "  "
                write(item, indent: indent + "  ", into: &out)
            }
            out += "\n" + indent + "]"
        case .record(let record):
            if record.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, item)) in zip(record.order, record.values).enumerated() {
                out += (i == 0 ? "\n" : ",\n") + indent + "  " + string(key) + ": "
                write(item, indent: indent + "  ", into: &out)
            }
            out += "\n" + indent + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escapes; everything else as UTF-8). Also the web page's field
    /// form (FieldForm.json) writes its strings with it.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
