import Foundation

/// The store of past assessments that rules read (连续两年, 连续两期, 一年有效, 跟踪否决, 连续三年).
/// One interface, so that the embedded SQLite store (GongwenHistory) and a province-wide shared
/// database can serve the same rules; nothing in GongwenAssess knows how it is kept.
public protocol AssessmentHistory: Sendable {
    /// The stored periods of one kind, oldest first.
    func periods(of kind: Period.Kind) throws -> [Period]
    /// One stored period, or nil.
    func assessment(of period: Period) throws -> PeriodAssessment?
    /// Decisions with this outcome and an `inForceUntil` on or after `date`, decided on or before it,
    /// from any period kind, with the jurisdiction and leaders they were about.
    func decisionsInForce(outcome: String, on date: String) throws -> [DecisionInForce]
    /// Stores one period in one transaction. A period already stored is replaced only when `replacing`
    /// and when no later period of its kind is stored; a new period must follow the latest stored one
    /// of its kind (no gaps). Violations throw `HistoryError`.
    func save(_ assessment: PeriodAssessment, replacing: Bool) throws
    /// One stored period as the rules read it: every figure, score, ranking, leader and outcome,
    /// but decisions without their grounds, and neither excluded decisions nor 未报 lists — the
    /// explanations of an earlier period, most of its bytes, are never read by a later one.
    func outline(of period: Period) throws -> PeriodAssessment?
}

extension AssessmentHistory {
    /// The whole period: a store that cannot leave parts out gives everything.
    public func outline(of period: Period) throws -> PeriodAssessment? { try assessment(of: period) }
}

/// A decision still in force, as the history returns it.
public struct DecisionInForce: Sendable, Codable, Equatable {
    public var period: Period
    public var decisionDate: String
    public var code: String
    public var name: String
    public var leaders: [Leader]
    public var decision: Decision

    public init(period: Period, decisionDate: String, code: String, name: String, leaders: [Leader], decision: Decision) {
        self.period = period
        self.decisionDate = decisionDate
        self.code = code
        self.name = name
        self.leaders = leaders
        self.decision = decision
    }
}

/// Why the history refused a write or a read, in words a clerk can act on.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case alreadyAssessed, laterPeriodExists, outOfOrder, storage, badImport }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// The ordering rules every store applies before writing (shared so that every store agrees).
public enum HistoryOrder {
    /// Checks that `period` may be written given the periods of its kind already stored.
    public static func check(_ period: Period, stored: [Period], replacing: Bool) throws(HistoryError) {
        if stored.contains(period) {
            guard replacing else {
                throw HistoryError(.alreadyAssessed, "\(period.chineseName)已考核并已存入历史；要重新考核并替换，请加 --replace / period already assessed")
            }
            if let later = stored.last, later > period {
                throw HistoryError(.laterPeriodExists, "\(period.chineseName)之后已有\(later.chineseName)的考核，后者依据了前者，不能替换 / a later period depends on it")
            }
            return
        }
        if let latest = stored.last {
            guard period > latest else {
                throw HistoryError(.outOfOrder, "期别不连续：历史中已有\(latest.chineseName)，不能再考核更早的\(period.chineseName) / period out of order")
            }
            guard period.previous == latest else {
                throw HistoryError(.outOfOrder, "期别不连续：历史中最近一期是\(latest.chineseName)，下一期应为\(latest.back(-1).chineseName)，不能跳到\(period.chineseName) / period out of order")
            }
        }
    }
}

/// An in-memory history: for tests and for a run without `--history`.
public final class MemoryHistory: AssessmentHistory, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Period: PeriodAssessment] = [:]

    public init(_ assessments: [PeriodAssessment] = []) {
        for a in assessments { stored[a.period] = a }
    }

    public func periods(of kind: Period.Kind) throws -> [Period] {
        lock.withLock { stored.keys.filter { $0.kind == kind }.sorted() }
    }

    public func assessment(of period: Period) throws -> PeriodAssessment? {
        lock.withLock { stored[period] }
    }

    public func decisionsInForce(outcome: String, on date: String) throws -> [DecisionInForce] {
        lock.withLock {
            stored.values.sorted { $0.period < $1.period }.flatMap { a in
                a.jurisdictions.flatMap { j in
                    j.decisions.filter { d in
                        d.outcome == outcome && a.decisionDate <= date && (d.inForceUntil.map { $0 >= date } ?? false)
                    }.map { DecisionInForce(period: a.period, decisionDate: a.decisionDate, code: j.code, name: j.name, leaders: j.leaders, decision: $0) }
                }
            }
        }
    }

    public func save(_ assessment: PeriodAssessment, replacing: Bool) throws {
        try lock.withLock {
            try HistoryOrder.check(assessment.period, stored: stored.keys.filter { $0.kind == assessment.period.kind }.sorted(),
                                   replacing: replacing)
            stored[assessment.period] = assessment
        }
    }
}
