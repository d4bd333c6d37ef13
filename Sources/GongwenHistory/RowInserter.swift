import GRDB
import GRDBSQLite

/// One prepared INSERT run for row after row through SQLite's own binding calls. GRDB's
/// `StatementArguments` boxes every value in an existential: for the 150,000 rows of a year of
/// monthly periods of 3,000 jurisdictions that was a large share of the write. The statement
/// still comes from GRDB (`cachedStatement`), inside GRDB's transaction; errors become
/// `DatabaseError`s as GRDB's own would.
///
/// A row's texts are gathered into one buffer and bound in place (SQLITE_STATIC) when the row
/// runs: bound as copies (SQLITE_TRANSIENT), SQLite allocated and copied each of the 220,000 texts
/// of three such periods, about a tenth of the write's instructions.
struct RowInserter {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private var index: Int32 = 0
    /// This row's text bytes, and where each bound text lies in them.
    private var arena: [UInt8] = []
    private var texts: [(index: Int32, start: Int, count: Int)] = []

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
        arena.reserveCapacity(4096)
        texts.reserveCapacity(16)
    }

    mutating func text(_ s: String) {
        index += 1
        let start = arena.count
        arena.append(contentsOf: s.utf8)
        texts.append((index, start, arena.count - start))
    }

    mutating func text(_ s: String?) {
        guard let s else { index += 1; sqlite3_bind_null(handle, index); return }
        text(s)
    }

    mutating func json(_ bytes: [UInt8]) {
        index += 1
        let start = arena.count
        arena.append(contentsOf: bytes)
        texts.append((index, start, bytes.count))
    }

    /// A JSON text written straight into this row's buffer.
    mutating func json(_ write: (inout ColumnJSON) -> Void) {
        index += 1
        let start = arena.count
        var w = ColumnJSON(appendingTo: arena)
        arena = []
        write(&w)
        arena = w.take()
        texts.append((index, start, arena.count - start))
    }

    mutating func integer(_ n: Int) { index += 1; sqlite3_bind_int64(handle, index, Int64(n)) }
    mutating func real(_ d: Double) { index += 1; sqlite3_bind_double(handle, index, d) }

    /// Binds the row's texts where they lie and runs the statement; SQLite reads them during the
    /// step, and the bindings are cleared before the buffer is reused.
    mutating func run() throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
            arena.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
        }
        let code = arena.withUnsafeBufferPointer { buffer -> Int32 in
            // An empty text needs a pointer too: a NULL pointer would bind SQL NULL.
            let base = buffer.baseAddress ?? ("" as StaticString).utf8Start
            for t in texts {
                let bytes = UnsafeRawPointer(base + t.start).assumingMemoryBound(to: CChar.self)
                _ = sqlite3_bind_text(handle, t.index, bytes, Int32(t.count), nil)
            }
            return sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }
}
