import Foundation

/// Rows as CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel reads Chinese as
/// GBK), RFC 4180 quoting, CRLF line ends. A text cell that a spreadsheet would run as a formula
/// (starting with = + - @ and not a number) gets a leading apostrophe: data is text, never a formula.
public enum CSVText {
    public static func bytes(_ rows: [[Workbook.Cell]]) -> [UInt8] {
        var out = "\u{FEFF}"
        for row in rows {
            out += row.map(field).joined(separator: ",")
            out += "\r\n"
        }
        return Array(out.utf8)
    }

    static func field(_ cell: Workbook.Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let n): return n.isFinite ? Workbook.number(n) : ""
        case .text(var t):
            if let first = t.unicodeScalars.first, "=+-@".unicodeScalars.contains(first), Double(t) == nil { t = "'" + t }
            if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return t
        }
    }
}
