import GongwenModel

/// The list of records `--skip-bad-records` left out, written beside the documents so the office
/// knows which households or counties still need a document.
enum SkippedRecords {
    static let fileName = "跳过的记录.csv"

    /// UTF-8 with a BOM so Excel and WPS open it with the right encoding; cells that a
    /// spreadsheet would run as a formula are prefixed with an apostrophe.
    static func csv(_ problems: [Diagnostic]) -> String {
        var lines = ["文件,行,记录,列,问题,代码"]
        for p in problems {
            let l = p.dataLocation
            let cells = [l?.file ?? "", l?.row.map(String.init) ?? "", l?.record.map(String.init) ?? "", l?.field ?? "", p.message, p.id]
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        var t = text
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { t = "'" + t }
        if t.contains(where: { ",\"\r\n".contains($0) }) { t = "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return t
    }
}
