import Foundation
import GongwenAssess
import GongwenData
import GongwenFormat
import GongwenModel

/// Past periods typed into a spreadsheet (xlsx, ods, csv) by an office that assessed by hand before
/// Gongwen: one row per jurisdiction and period. Columns 期别, 行政区划代码, 名称, 得分, 名次 are
/// required; 所属市州, 参评数, 倒数名次, 结果, 决定日期, 有效期至, 总分, 书记, 行政首长, 分管领导 are read
/// when present; every other column is kept as a figure, so that rules over earlier periods
/// (连续两年 …) can read it. Every error names the file, the row and the column header.
enum PastResults {
    static let spreadsheetExtensions = ["xlsx", "ods", "csv", "tsv", "txt"]

    static func isSpreadsheet(_ path: String) -> Bool {
        spreadsheetExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// Leader columns and the role each stands for (as the rules' <负责人 角色=… 列=…/>).
    static let leaderColumns = [("书记", "党委书记"), ("行政首长", "政府主要负责人"), ("分管领导", "分管负责人")]
    static let required = ["期别", "行政区划代码", "名称", "得分", "名次"]
    static let known: Set<String> = Set(required + ["所属市州", "参评数", "倒数名次", "结果", "决定日期", "有效期至", "总分"]
                                         + leaderColumns.map(\.0))

    /// The periods of the sheet, ascending, one `PeriodAssessment` each.
    static func read(path: String) throws -> [PeriodAssessment] {
        let file = (path as NSString).lastPathComponent
        let table: GongwenData.Table
        do {
            table = try DataReader.table(path: path)
        } catch {
            throw HistoryError(.badImport, "\(file)：\(error.diagnostics.map { $0.message }.joined(separator: "；"))")
        }
        var rows = table.rows.filter { row in row.cells.contains { !text($0).isEmpty } }
        guard !rows.isEmpty else { throw HistoryError(.badImport, "\(file)：没有数据 / empty sheet") }
        let header = rows.removeFirst()
        let headers = header.cells.map { text($0) }
        var column: [String: Int] = [:]
        for (i, h) in headers.enumerated() where !h.isEmpty {
            if let first = column[h] {
                throw HistoryError(.badImport, "\(file): 第\(header.number)行：列名“\(h)”出现两次（第\(first + 1)列和第\(i + 1)列） / duplicate column")
            }
            column[h] = i
        }
        for name in required where column[name] == nil {
            throw HistoryError(.badImport, "\(file): 第\(header.number)行：缺少“\(name)”列（表头：\(headers.filter { !$0.isEmpty }.joined(separator: "、"))） / missing column")
        }

        struct Pending { var rows: [(GongwenData.Table.Row, JurisdictionResult)] = []; var decisionDate: (String, Int)?; var total: Double? }
        var byPeriod: [Period: Pending] = [:]
        for row in rows {
            func cell(_ name: String) -> String {
                guard let i = column[name], i < row.cells.count else { return "" }
                return text(row.cells[i])
            }
            func fail(_ name: String, _ message: String) -> HistoryError {
                HistoryError(.badImport, "\(file): 第\(row.number)行 “\(name)”: \(message)")
            }
            func required(_ name: String) throws -> String {
                let value = cell(name)
                guard !value.isEmpty else { throw fail(name, "不能为空 / required") }
                return value
            }
            func number(_ name: String) throws -> Double? {
                let value = cell(name)
                if value.isEmpty { return nil }
                guard let n = Self.number(value) else { throw fail(name, "不是数字 ‘\(value)’ / not a number") }
                return n
            }
            func integer(_ name: String) throws -> Int? {
                guard let n = try number(name) else { return nil }
                guard n == n.rounded(), n >= 0, n < 1e9 else { throw fail(name, "应为正整数 ‘\(cell(name))’ / not a whole number") }
                return Int(n)
            }
            func date(_ name: String) throws -> String? {
                let value = cell(name)
                if value.isEmpty { return nil }
                do {
                    return iso(try CivilDate(parsing: value))
                } catch {
                    throw fail(name, "无法识别的日期 ‘\(value)’ / not a date")
                }
            }

            let periodText = try required("期别")
            guard let period = Period(parsing: periodText) else { throw fail("期别", "无法识别的期别 ‘\(periodText)’") }
            let code = try required("行政区划代码")
            let name = try required("名称")
            guard let score = try number("得分") else { throw fail("得分", "不能为空 / required") }
            guard let rank = try integer("名次") else { throw fail("名次", "不能为空 / required") }
            var pending = byPeriod[period] ?? Pending()
            if let (other, _) = pending.rows.first(where: { $0.1.code == code }) {
                throw fail("行政区划代码", "\(period.chineseName)的 \(code) 与第\(other.number)行重复 / duplicate jurisdiction")
            }
            let decisionDate = try date("决定日期") ?? iso(period.lastDay)
            if let (first, firstRow) = pending.decisionDate, first != decisionDate {
                throw fail("决定日期", "\(period.chineseName)的决定日期 \(decisionDate) 与第\(firstRow)行的 \(first) 不同 / one date per period")
            }
            pending.decisionDate = (decisionDate, row.number)
            if let total = try number("总分") { pending.total = total }
            let until = try date("有效期至")

            var decisions: [Decision] = []
            let outcomes = cell("结果").split { "、；;，,".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for outcome in outcomes {
                // 有效期至 as given applies to the row's decisions; a 一票否决 without it lasts 12 months (第八条).
                let inForce = until ?? (outcome == "一票否决" ? twelveMonthsAfter(decisionDate) : nil)
                decisions.append(Decision(outcome: outcome, article: "", grounds: [
                    Ground(item: "", summary: "往年结果，录自\(file)第\(row.number)行", condition: "", readings: [], thresholds: []),
                ], inForceUntil: inForce))
            }
            var leaders: [Leader] = []
            for (columnName, role) in leaderColumns {
                let person = cell(columnName)
                if !person.isEmpty { leaders.append(Leader(role: role, name: person)) }
            }
            var figures: [String: Figure] = [:]
            for (i, h) in headers.enumerated() where !h.isEmpty && !known.contains(h) {
                let raw = i < row.cells.count ? text(row.cells[i]) : ""
                var unit = ""
                if raw.hasSuffix("‰") { unit = "‰" } else if raw.hasSuffix("%") { unit = "%" }
                figures[h] = Figure(text: raw, value: Self.number(raw), unit: unit, column: h)
            }
            let result = JurisdictionResult(
                code: code, name: name, group: cell("所属市州"), row: row.number, figures: figures, categoryScores: [],
                score: score, rank: rank, rankFromBottom: try integer("倒数名次") ?? 0, rankedCount: try integer("参评数") ?? 0,
                leaders: leaders, decisions: decisions, excluded: [])
            pending.rows.append((row, result))
            byPeriod[period] = pending
        }

        return byPeriod.keys.sorted().map { period in
            let pending = byPeriod[period]!
            let ranks = pending.rows.map { $0.1.rank }
            let jurisdictions = pending.rows.map { _, j in
                var j = j
                // Competition ranking from the bottom: 1 + how many ranked below (15, 15, 17, 18 → 3, 3, 2, 1).
                if j.rankFromBottom == 0 { j.rankFromBottom = 1 + ranks.count { $0 > j.rank } }
                if j.rankedCount == 0 { j.rankedCount = ranks.count }
                return j
            }
            return PeriodAssessment(period: period, rulesName: "往年结果导入", rulesDigest: "", decisionDate: pending.decisionDate!.0,
                                    dataFile: file, total: pending.total ?? 100, jurisdictions: jurisdictions)
        }
    }

    /// A cell as the clerk sees it: numbers as written, true/false as 是/否.
    static func text(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .string(let s): s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let n): n.literal ?? "\(n.value)"
        case .bool(let b): b ? "是" : "否"
        default: "\(value)"
        }
    }

    /// `12.85`, `12.85‰`, `95%` → the number as written (units are kept on the figure).
    static func number(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("‰") || t.hasSuffix("%") { t.removeLast() }
        guard let n = Number(parsing: t) else { return nil }
        return Double(t) ?? NSDecimalNumber(decimal: n.value).doubleValue
    }

    static func iso(_ d: CivilDate) -> String { String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }

    /// The same date 12 months later (29 February → 28 February).
    static func twelveMonthsAfter(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return isoDate }
        let year = parts[0] + 1, month = parts[1]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let day = month == 2 && parts[2] == 29 && !leap ? 28 : parts[2]
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}

extension SQLiteHistory {
    /// Saves the past periods of a spreadsheet (see `PastResults`) in one transaction, in period
    /// order, applying `HistoryOrder`. Returns the periods saved.
    @discardableResult
    public func importSpreadsheet(path: String, replacing: Bool = false) throws -> [Period] {
        let assessments = try PastResults.read(path: path)
        let file = (path as NSString).lastPathComponent
        do {
            return try saveAll(assessments, replacing: replacing)
        } catch let error as HistoryError where error.kind != .storage {
            throw HistoryError(error.kind, "\(file)：\(error.message)")
        }
    }
}
