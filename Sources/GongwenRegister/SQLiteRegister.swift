import Foundation
import GongwenModel
import GRDB

/// The 双诚信双承诺 register: one SQLite file (WAL) per office, e.g. `承诺登记.sqlite`, with its key
/// beside it (`承诺登记.key`, see `RegisterKey`).
///
/// This class is the facade the command line and, later, `gongwen serve` both use: every rule of
/// the scheme is checked here, not in a caller. Every write is one IMMEDIATE transaction that takes
/// the write lock before it reads what it checks (so two clerks signing at once cannot both pass a
/// check the other invalidates), and writes its `audit_log` line in the same transaction; a
/// refusal or a killed process leaves the file as it was.
public final class SQLiteRegister: Sendable {
    let pool: DatabasePool
    let key: RegisterKey
    public let path: String

    /// Opens the store, creating it (and its key file) and applying any migration it lacks.
    public init(path: String, keyPath: String? = nil) throws(DiagnosticError) {
        self.path = path
        key = try RegisterKey.load(path: keyPath ?? Self.keyPath(for: path))
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.foreignKeysEnabled = true
            configuration.label = "GongwenRegister"
            // A prefecture's import is one transaction of ~100 MB of pages: a larger cache keeps
            // SQLite from spilling them to the WAL twice mid-transaction.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 8192; PRAGMA cache_size = -65536") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try RegisterSchema.migrator.migrate(pool)
        } catch {
            throw RegisterError.make("register-storage", "无法打开承诺登记 \(path)：\(error) / cannot open the register")
        }
    }

    /// `承诺登记.sqlite` → `承诺登记.key`, in the same folder.
    public static func keyPath(for store: String) -> String {
        ((store as NSString).deletingPathExtension) + ".key"
    }

    /// Problems found in the file, none when whole: SQLite's integrity and foreign-key checks.
    public func verifyFile() throws(DiagnosticError) -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil { problems.append("foreign_key_check: 有悬空的行 / dangling rows") }
            return problems
        }
    }

    // MARK: - Transactions

    /// One IMMEDIATE transaction; a `DiagnosticError` thrown inside rolls it back and is passed on,
    /// anything else is reported as a storage error.
    func write<T>(_ body: @escaping (Database) throws -> T) throws(DiagnosticError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw RegisterError.storage(path, error)
        }
    }

    func read<T>(_ body: @escaping (Database) throws -> T) throws(DiagnosticError) -> T {
        do {
            return try pool.read(body)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw RegisterError.storage(path, error)
        }
    }

    /// One line of the append-only audit log, inside the caller's transaction.
    static func audit(_ db: Database, who: String, action: String, subject: String, why: String = "") throws {
        try db.execute(sql: "INSERT INTO audit_log (at, who, action, subject, why) VALUES (?, ?, ?, ?, ?)",
                       arguments: [RegisterDate.now(), who, action, subject, why])
    }

    /// The audit log, oldest first: (at, who, action, subject, why).
    public func auditLog() throws(DiagnosticError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, who, action, subject, why FROM audit_log ORDER BY id").map {
                AuditEntry(at: $0["at"], who: $0["who"], action: $0["action"], subject: $0["subject"], why: $0["why"])
            }
        }
    }

    /// The household id of a 承诺书编号, or a refusal naming it.
    static func household(ofPledge number: String, _ db: Database) throws -> (id: Int64, village: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT h.id, h.village FROM pledges p JOIN households h ON h.id = p.household WHERE p.number = ?",
                                         arguments: [number]) else {
            throw RegisterError.refused("register-unknown-pledge", "登记中没有承诺书编号 \(number) / no such pledge")
        }
        return (row["id"], row["village"])
    }
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public var at: String
    public var who: String
    public var action: String
    public var subject: String
    public var why: String
}
