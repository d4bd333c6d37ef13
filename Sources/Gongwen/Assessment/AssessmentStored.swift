import Foundation
import GongwenAssess
import GongwenModel

extension AssessmentService {
    /// An assessment kept earlier (the web page keeps each run's `PeriodAssessment`) as an outcome
    /// again, so its documents can be rendered later — after a restart too. Nothing is stored by
    /// `save` on it (no history).
    public static func stored(_ assessment: PeriodAssessment, previous: PeriodAssessment?,
                              rulesPath: String) throws(DiagnosticError) -> AssessmentOutcome {
        let rules = try RulesCompiler.compile(path: rulesPath)
        return AssessmentOutcome(assessment: assessment, rules: rules, previous: previous, history: MemoryHistory(),
                                 historyPath: nil, replace: false)
    }

    /// Every period stored in the history (all kinds, each kind ascending); none when the store
    /// does not exist yet.
    public static func storedPeriods(historyPath: String) throws(DiagnosticError) -> [Period] {
        guard FileManager.default.fileExists(atPath: historyPath) else { return [] }
        let history = try openHistory(historyPath)
        return try historyCall(historyPath) { () throws -> [Period] in
            try Period.Kind.allCases.flatMap { try history.periods(of: $0) }
        }
    }
}
