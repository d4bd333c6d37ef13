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
            if let first = t.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40, Double(t) == nil { t = "'" + t }
            if t.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return t
        }
    }
}
