import Foundation
import GongwenModel
import GRDB

/// The kinds of entry in a household's 诚信计生信用记录.
public enum CreditKind: String, CaseIterable, Sendable {
    /// Kept the pledge (守信): counts in the household's favour.
    case kept = "守信"
    /// Broke the pledge (失信): an open breach until a 履约 entry clears it.
    case breach = "失信"
    /// Honoured the pledge after a breach (履约): clears that breach, which stays on record.
    case honoured = "履约"
}

/// A household's record as a department or the certificate rule sees it.
public struct CreditState: Sendable, Equatable {
    public var kept: Int
    public var breaches: Int
    public var openBreaches: Int
    /// 良好 / 有未履约的失信记录: what a query shows instead of the history.
    public var summary: String { openBreaches > 0 ? "有未履约的失信记录（\(openBreaches) 条）" : (breaches > 0 ? "失信已履约" : "守信") }
}

extension SQLiteRegister {
    /// Appends an entry to the record of the household of pledge `number`. A 履约 entry clears
    /// the oldest open breach and is refused when there is none: the record is lifelong and
    /// "只有履约后才能消除" — nothing is edited or deleted (triggers refuse it inside SQLite).
    /// - Returns: the entry's id.
    @discardableResult
    public func addCredit(_ number: String, kind: CreditKind, date: String? = nil, reason: String, evidence: String? = nil,
                          by clerk: String) throws(DiagnosticError) -> Int64 {
        let day = date ?? RegisterDate.today()
        guard let iso = RegisterDate.parse(day) else {
            throw RegisterError.make("register-bad-date", "日期“\(day)”不是有效日期（如 2025-06-30） / bad date")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegisterError.make("register-no-reason", "请写明事由（--reason） / a reason is required")
        }
        return try write { db in
            let household = try Self.household(ofPledge: number, db)
            var clears: Int64?
            if kind == .honoured {
                clears = try Int64.fetchOne(db, sql: """
                    SELECT id FROM credit_entries b WHERE household = ? AND kind = '失信'
                    AND NOT EXISTS (SELECT 1 FROM credit_entries c WHERE c.clears = b.id) ORDER BY id LIMIT 1
                    """, arguments: [household.id])
                guard clears != nil else {
                    throw RegisterError.refused("register-nothing-to-clear", "承诺书 \(number) 的农户没有未履约的失信记录，无需登记履约")
                }
            }
            try db.execute(sql: """
                INSERT INTO credit_entries (household, kind, entry_date, reason, evidence, clears, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [household.id, kind.rawValue, iso, reason, evidence, clears, clerk, RegisterDate.now()])
            let id = db.lastInsertedRowID
            try Self.audit(db, who: clerk, action: "信用记录：\(kind.rawValue)", subject: number, why: reason)
            return id
        }
    }

    static func creditState(household: Int64, _ db: Database) throws -> CreditState {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE kind = '守信') AS kept, count(*) FILTER (WHERE kind = '失信') AS breaches,
                count(*) FILTER (WHERE kind = '失信' AND NOT EXISTS (SELECT 1 FROM credit_entries c WHERE c.clears = b.id)) AS open
            FROM credit_entries b WHERE household = ?
            """, arguments: [household])!
        return CreditState(kept: row["kept"], breaches: row["breaches"], openBreaches: row["open"])
    }

    /// The record state of the household of pledge `number`.
    public func creditState(ofPledge number: String) throws(DiagnosticError) -> CreditState {
        try read { db in try Self.creditState(household: Self.household(ofPledge: number, db).id, db) }
    }
}
