import GRDB
import GRDBSQLite

/// One prepared INSERT run for row after row through SQLite's own binding calls. GRDB's
/// `StatementArguments` boxes every value in an existential: for the 150,000 rows of a year of
/// monthly periods of 3,000 jurisdictions that was a large share of the write. The statement
/// still comes from GRDB (`cachedStatement`), inside GRDB's transaction; errors become
/// `DatabaseError`s as GRDB's own would.
struct RowInserter {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private var index: Int32 = 0

    /// SQLite copies the bytes bound (SQLITE_TRANSIENT), so buffers need not outlive a call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    mutating func text(_ s: String) {
        index += 1
        var s = s
        s.withUTF8 { _ = sqlite3_bind_text(handle, index, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), Self.transient) }
    }

    mutating func text(_ s: String?) {
        guard let s else { index += 1; sqlite3_bind_null(handle, index); return }
        text(s)
    }

    mutating func json(_ bytes: [UInt8]) {
        index += 1
        bytes.withUnsafeBufferPointer { _ = sqlite3_bind_text(handle, index, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), Self.transient) }
    }

    mutating func integer(_ n: Int) { index += 1; sqlite3_bind_int64(handle, index, Int64(n)) }
    mutating func real(_ d: Double) { index += 1; sqlite3_bind_double(handle, index, d) }

    /// Runs the statement with the values bound since the last run.
    mutating func run() throws {
        defer {
            sqlite3_reset(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }
}
