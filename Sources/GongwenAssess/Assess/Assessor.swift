import Foundation
import GongwenData
import GongwenFormat
import GongwenModel

/// Applies compiled rules to one period's data: scores, ranks, decisions in the order written (with
/// earlier periods read from the history only where a rule looks back), precedence, 有效期 and
/// 跟踪否决; every decision explained. Conditions are evaluated first without recording anything;
/// only the cases that hold are evaluated again to build their explanations.
public struct Assessor: Sendable {
    public let rules: AssessmentRules

    public init(rules: AssessmentRules) {
        self.rules = rules
    }

    /// Reads `dataFile` (xlsx, ods, csv) and assesses it as `period`. `decisionDate` defaults to the
    /// period's last day.
    public func assess(dataFile: String, period: Period, decisionDate: CivilDate? = nil,
                       history: any AssessmentHistory) throws(DiagnosticError) -> PeriodAssessment {
        let data = try PeriodData.read(path: dataFile, rules: rules)
        return try assess(data, period: period, decisionDate: decisionDate, history: history)
    }

    /// The same for a table already read (the server's upload).
    public func assess(table: GongwenData.Table, dataFile: String, period: Period, decisionDate: CivilDate? = nil,
                       history: any AssessmentHistory) throws(DiagnosticError) -> PeriodAssessment {
        let data = try PeriodData.read(table: table, path: dataFile, rules: rules)
        return try assess(data, period: period, decisionDate: decisionDate, history: history)
    }

    /// Convenience: `Assessor(rules:).assess(dataFile:…)`.
    public static func assess(rules: AssessmentRules, dataFile: String, period: Period, decisionDate: CivilDate? = nil,
                              history: any AssessmentHistory) throws(DiagnosticError) -> PeriodAssessment {
        try Assessor(rules: rules).assess(dataFile: dataFile, period: period, decisionDate: decisionDate, history: history)
    }

    func assess(_ data: PeriodData, period: Period, decisionDate: CivilDate?, history: any AssessmentHistory) throws(DiagnosticError) -> PeriodAssessment {
        let date = decisionDate ?? period.lastDay
        let run = AssessmentRun(rules: rules, data: data, period: period, date: date, history: history)
        try run.scoreAndRank()
        try run.decide()
        return run.result()
    }
}
