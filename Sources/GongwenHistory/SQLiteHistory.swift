import Foundation
import GongwenAssess
import GRDB

/// The embedded history: one SQLite file (WAL) per office, e.g. `考核历史.sqlite`.
///
/// Every write is one IMMEDIATE transaction that takes the write lock before it reads the stored
/// periods, so `HistoryOrder.check` sees what the write will land on even with two processes on
/// one file; a process killed mid-write leaves the file as it was before that transaction.
public final class SQLiteHistory: AssessmentHistory, Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens the store, creating it and applying any migration it lacks.
    public init(path: String) throws {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.foreignKeysEnabled = true
            configuration.label = "GongwenHistory"
            // A period of 3,000 jurisdictions is about 3 MB of pages (13 MB before schema v4): with
            // SQLite's default 2 MB cache the write spilled pages to the WAL mid-transaction and wrote
            // them twice. 8 MB holds a period's write; a larger cache only grew the resident memory
            // with every period assessed in one process (32 MB: 57 → 85 MiB over 12 periods).
            // 16 KB pages for a new file (SQLite ignores the pragma for one that exists): a result row
            // of a few KB left most of each 4 KB page empty and took a page of its own.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA cache_size = -8192") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try HistorySchema.migrator.migrate(pool)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError(.storage, "无法打开考核历史 \(path)：\(error) / cannot open the history store")
        }
    }

    public func periods(of kind: Period.Kind) throws -> [Period] {
        try storage { try pool.read { db in try Self.periods(of: kind, db) } }
    }

    public func assessment(of period: Period) throws -> PeriodAssessment? {
        try storage { try pool.read { db in try HistoryRows.assessment(of: period, db) } }
    }

    /// The grounds, excluded decisions and 未报 lists are left out by SQLite's JSON functions before
    /// the rows reach Swift: with every rule monthly, reading earlier periods whole was a third of the CPU.
    public func outline(of period: Period) throws -> PeriodAssessment? {
        try storage { try pool.read { db in try HistoryRows.assessment(of: period, outline: true, db) } }
    }

    public func decisionsInForce(outcome: String, on date: String) throws -> [DecisionInForce] {
        try storage { try pool.read { db in try HistoryRows.decisionsInForce(outcome: outcome, on: date, db) } }
    }

    public func save(_ assessment: PeriodAssessment, replacing: Bool) throws {
        try write { db in try Self.save(assessment, replacing: replacing, db) }
    }

    /// Where a person was recorded as a leader (by name), oldest first: for 跟踪否决.
    public func posts(ofLeader name: String) throws -> [LeaderPost] {
        try storage { try pool.read { db in try HistoryRows.posts(ofLeader: name, db) } }
    }

    /// Every stored period of every kind, in `Period` order.
    public func allPeriods() throws -> [Period] {
        try storage { try pool.read { db in try Self.allPeriods(db) } }
    }

    /// Problems found in the file, none when whole: SQLite's own integrity check, foreign keys, and
    /// each period's rows counted against the counts written with them.
    public func verify() throws -> [String] {
        try storage {
            try pool.read { db in
                var problems: [String] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] { problems += integrity.map { "integrity_check: \($0)" } }
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil { problems.append("foreign_key_check: 有悬空的行 / dangling rows") }
                if try Row.fetchOne(db, sql: """
                    SELECT 1 FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM results r WHERE r.period = d.period AND r.code = d.code)
                    """) != nil {
                    problems.append("决定表中有不属于任何地区结果的行 / decisions without a result")
                }
                // Leaders are counted in `results.leaders` (v4 has no leaders table).
                let rows = try Row.fetchAll(db, sql: """
                    SELECT p.period, p.jurisdiction_count, p.decision_count, p.leader_count,
                        (SELECT count(*) FROM results r WHERE r.period = p.period) AS results,
                        (SELECT count(*) FROM decisions d WHERE d.period = p.period) AS decisions,
                        (SELECT coalesce(sum(json_array_length(r.leaders)), 0) FROM results r WHERE r.period = p.period) AS leaders
                    FROM periods p ORDER BY p.period
                    """)
                for row in rows {
                    let period: String = row["period"]
                    for (expected, found, what) in [("jurisdiction_count", "results", "地区"), ("decision_count", "decisions", "决定"),
                                                    ("leader_count", "leaders", "负责人")] {
                        let e: Int = row[expected], f: Int = row[found]
                        if e != f { problems.append("\(period)：应有\(what) \(e) 行，实有 \(f) 行 / period not whole") }
                    }
                }
                return problems
            }
        }
    }

    // MARK: - Inside a transaction

    static func periods(of kind: Period.Kind, _ db: Database) throws -> [Period] {
        try Int.fetchAll(db, sql: "SELECT year * 100 + idx FROM periods WHERE kind = ? ORDER BY year, idx", arguments: [kind.rawValue])
            .map { Period(year: $0 / 100, kind: kind, index: $0 % 100) }
    }

    static func allPeriods(_ db: Database) throws -> [Period] {
        try Row.fetchAll(db, sql: "SELECT kind, year, idx FROM periods").compactMap { row in
            Period.Kind(rawValue: row["kind"]).map { Period(year: row["year"], kind: $0, index: row["idx"]) }
        }.sorted()
    }

    /// `HistoryOrder.check` against the periods this transaction sees, then the period's rows
    /// replaced by the new ones.
    static func save(_ assessment: PeriodAssessment, replacing: Bool, _ db: Database) throws {
        try HistoryOrder.check(assessment.period, stored: periods(of: assessment.period.kind, db), replacing: replacing)
        // Decisions have no foreign key since v4 (`HistorySchema`): deleted here with their period.
        try db.execute(sql: "DELETE FROM decisions WHERE period = ?; DELETE FROM periods WHERE period = ?",
                       arguments: [assessment.period.description, assessment.period.description])
        try HistoryRows.insert(assessment, db)
    }

    /// One IMMEDIATE transaction; errors other than `HistoryError` reported as storage errors.
    func write<T>(_ body: @escaping (Database) throws -> T) throws -> T {
        try storage {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    private func storage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError(.storage, "考核历史 \(path) 读写失败：\(error) / history store error")
        }
    }
}

/// One post a leader held in a stored period.
public struct LeaderPost: Sendable, Equatable {
    public var period: Period
    public var code: String
    public var jurisdiction: String
    public var role: String
    public var name: String
}
