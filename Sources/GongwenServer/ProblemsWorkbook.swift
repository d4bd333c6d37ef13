import Foundation
import GongwenModel
import Gongwen

/// The problems of a check as a small .xlsx (one sheet, text cells): 行号, 列, 值, 问题, 编号 —
/// for the clerk to fix the spreadsheet row by row.
enum ProblemsWorkbook {
    static let headers = ["行号", "列", "值", "问题", "编号"]

    /// One row per problem, as the page's table shows it.
    static func rows(_ problems: [Diagnostic]) -> [[String]] {
        problems.map { d in
            let place = d.dataLocation.map { l in l.row.map { "\($0)" } ?? l.record.map { "第\($0)条" } ?? "" } ?? ""
            return [place, d.dataLocation?.field ?? "", ProblemText.value(of: d) ?? "", d.message, d.id]
        }
    }

    static func write(_ problems: [Diagnostic], to path: String) throws {
        let rows = ([headers] + rows(problems)).map { $0.map(Workbook.Cell.text) }
        let bytes = Workbook(sheets: [Workbook.Sheet(name: "问题", rows: rows)]).bytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// The value a problem is about, as its message quotes it (`“1２.3‰” 不是数字`).
enum ProblemText {
    static func value(of diagnostic: Diagnostic) -> String? {
        let message = diagnostic.message
        guard let open = message.firstIndex(of: "“"), let close = message[open...].firstIndex(of: "”") else { return nil }
        let value = String(message[message.index(after: open)..<close])
        return value == diagnostic.dataLocation?.field ? nil : value
    }
}
