import Foundation
import GongwenAssess
import GongwenData
import GongwenFormat
import GongwenHistory
import GongwenModel

/// What `gongwen assess` and the web page's 考核 page ask for.
public struct AssessmentRequest: Sendable {
    public var rulesPath: String
    public var dataPath: String
    /// As the clerk wrote it: 2025-06, 2025年6月, 2025-Q2, 2025-H1, 2025.
    public var period: String
    /// The history store (SQLite); nil assesses against an empty history and keeps nothing.
    public var historyPath: String?
    /// Re-assess a period already stored (only the latest of its kind).
    public var replace = false
    /// The date of the decisions (ISO); the period's last day when nil.
    public var date: String?
    /// The name the data file is shown under in explanations (the upload's original name); the file's
    /// own name when nil.
    public var dataName: String?

    public init(rulesPath: String, dataPath: String, period: String, historyPath: String? = nil) {
        self.rulesPath = rulesPath
        self.dataPath = dataPath
        self.period = period
        self.historyPath = historyPath
    }
}

/// One period assessed: the decisions, the rules that made them and the previous period of the same
/// kind (the documents say 连续两年 and 上期黄牌 from it).
public struct AssessmentOutcome: Sendable {
    public var assessment: PeriodAssessment
    public var rules: AssessmentRules
    public var previous: PeriodAssessment?
    /// Where `save` stores it.
    var history: any AssessmentHistory
    public var historyPath: String?
    var replace: Bool
}

/// Assessment for the CLI and the server: compile the rules, read the data, decide against the
/// history, store the period (one transaction), and produce the reports and the documents. The only
/// place that ties the rules engine, the store and the writers together.
public enum AssessmentService {
    public static func run(_ request: AssessmentRequest) throws(DiagnosticError) -> AssessmentOutcome {
        guard let period = Period(parsing: request.period) else {
            throw DiagnosticError(Diagnostic(id: "assess-period", message:
                "无法识别的考核期别 “\(request.period)”：请写作 2025-06、2025年6月、2025-Q2、2025-H1 或 2025 / unrecognised period"))
        }
        let date = try decisionDate(request.date, period: period)
        let rules = try RulesCompiler.compile(path: request.rulesPath)
        let history = try openHistory(request.historyPath)
        // The order is checked before any work, so a period out of order costs nothing and says so first.
        try historyCall(request.historyPath) { () throws -> Void in
            try HistoryOrder.check(period, stored: try history.periods(of: period.kind), replacing: request.replace)
        }
        var assessment = try Assessor(rules: rules).assess(dataFile: request.dataPath, period: period, decisionDate: date, history: history)
        if let name = request.dataName { assessment.dataFile = name }
        let previous = try historyCall(request.historyPath) { try history.assessment(of: period.previous) }
        return AssessmentOutcome(assessment: assessment, rules: rules, previous: previous, history: history,
                                 historyPath: request.historyPath, replace: request.replace)
    }

    /// Stores the period in the history (one transaction); nothing when no history was given.
    /// Called after the reports and documents are staged and before they are moved into place.
    public static func save(_ outcome: AssessmentOutcome) throws(DiagnosticError) {
        guard outcome.historyPath != nil else { return }
        try historyCall(outcome.historyPath) { try outcome.history.save(outcome.assessment, replacing: outcome.replace) }
    }

    /// Stages the three reports in `output`.
    public static func stageReports(_ outcome: AssessmentOutcome, into output: StagedOutput) throws(DiagnosticError) -> [String] {
        var names: [String] = []
        for (name, bytes) in reports(outcome) {
            _ = try output.write(name, bytes)
            names.append(name)
        }
        return names
    }

    /// The reports of a period: 考核结果-2025-06.xlsx (two sheets), .csv (the decisions) and .html.
    public static func reports(_ outcome: AssessmentOutcome) -> [(name: String, bytes: [UInt8])] {
        let a = outcome.assessment
        let base = "考核结果-\(a.period)"
        let workbook = Workbook(sheets: [
            Workbook.Sheet(name: "决定", rows: AssessmentTables.decisions(a, order: outcome.rules.outcomes), widths: [12, 12, 10, 10, 10, 30, 80, 12, 30, 10, 6]),
            Workbook.Sheet(name: "得分与排名", rows: AssessmentTables.results(a)),
        ])
        return [
            (base + ".xlsx", workbook.bytes()),
            (base + ".csv", CSVText.bytes(AssessmentTables.decisions(a, order: outcome.rules.outcomes))),
            (base + ".html", Array(AssessmentReportPage.html(a, order: outcome.rules.outcomes).utf8)),
        ]
    }

    /// The data of the documents that announce the period's decisions, one data set per template.
    public static func documents(_ outcome: AssessmentOutcome, numberFrom: Int = 1) -> AssessmentDocuments.Result {
        let date = try? CivilDate(parsing: outcome.assessment.decisionDate)
        let bindings = outcome.rules.documents.map { spec in
            AssessmentDocuments.Binding(template: spec.template, outcomes: spec.outcomes, fields: fixedFields(spec, decisionDate: date))
        }
        return AssessmentDocuments.build(outcome.assessment, previous: outcome.previous,
                                         bindings: bindings.isEmpty ? AssessmentDocuments.bindings(fields: [:]) : bindings,
                                         numberFrom: numberFrom)
    }

    /// A 文书 section's fields as data: one value is text, several of one name a list (抄送机关).
    /// A deadline written relative to the decision — `决定后1个月`, `决定后30日` — becomes that date,
    /// so the rules file need not be edited every period.
    static func fixedFields(_ spec: DocumentSpec, decisionDate: CivilDate?) -> [String: Value] {
        var fields: [String: Value] = [:]
        for (name, values) in spec.fields {
            let resolved = values.map { text in decisionDate.flatMap { RelativeDate.resolve(text, from: $0) } ?? text }
            fields[name] = resolved.count == 1 && !listFields.contains(name) ? .string(resolved[0]) : .list(resolved.map(Value.string))
        }
        return fields
    }

    /// Fields the templates read as lists even when the rules give one item.
    static let listFields: Set<String> = ["抄送机关", "要求", "整改要求"]

    static func decisionDate(_ text: String?, period: Period) throws(DiagnosticError) -> CivilDate? {
        guard let text else { return nil }
        do {
            return try CivilDate(parsing: text)
        } catch {
            throw DiagnosticError(Diagnostic(id: "assess-date", message: "--date “\(text)” 不是日期：\(error.message)，请写作 2025-07-05 / not a date"))
        }
    }

    static func openHistory(_ path: String?) throws(DiagnosticError) -> any AssessmentHistory {
        guard let path else { return MemoryHistory() }
        return try historyCall(path) { try SQLiteHistory(path: path) }
    }

    /// Runs a store operation, turning its errors into a located diagnostic (the store's file).
    static func historyCall<T>(_ path: String?, _ body: () throws -> T) throws(DiagnosticError) -> T {
        do {
            return try body()
        } catch let error as DiagnosticError {
            throw error
        } catch let error as HistoryError {
            throw DiagnosticError(Diagnostic(id: "history-\(error.kind.rawValue)", message: error.message,
                                             dataLocation: path.map { DataLocation(file: $0) }))
        } catch {
            throw DiagnosticError(Diagnostic(id: "history-storage", message: "考核历史库 \(path ?? "") 读写失败：\(error) / history store failed",
                                             dataLocation: path.map { DataLocation(file: $0) }))
        }
    }
}
