import Foundation
import GongwenModel
import GRDB

/// Backup as JSON Lines, like the history's: one object per stored row, `{"表": table, …columns}`,
/// tables in the order their foreign keys need. Ciphertexts and HMACs are written as they are
/// stored (base64), so a backup holds no plain ID number either — and restoring it needs the same
/// key file (`承诺登记.key`), which must be kept with it.
extension SQLiteRegister {
    static let tables = ["households", "pledges", "credit_entries", "certificates", "audit_log"]
    static let blobColumns: Set<String> = ["id_mac", "id_sealed", "phone_sealed"]
    static let tableKey = "表"

    /// Writes every row to `file` (through a hidden file renamed at the end). Returns the count.
    @discardableResult
    public func export(to file: String, overwrite: Bool = false) throws(DiagnosticError) -> Int {
        if !overwrite, FileManager.default.fileExists(atPath: file) {
            throw RegisterError.make("register-export-exists", "备份文件 \(file) 已存在（加 --overwrite 覆盖） / backup exists")
        }
        let temporary = Self.temporaryPath(for: file)
        FileManager.default.createFile(atPath: temporary, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: temporary) else {
            throw RegisterError.make("register-export", "无法写入 \(file) / cannot write the backup")
        }
        defer { try? handle.close() }
        let count = try read { db in
            var count = 0
            var buffer = Data()
            for table in Self.tables {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                while let row = try rows.next() {
                    var object: [String: Any] = [Self.tableKey: table]
                    for (column, value) in row {
                        switch value.storage {
                        case .null: object[column] = NSNull()
                        case .int64(let n): object[column] = n
                        case .double(let d): object[column] = d
                        case .string(let s): object[column] = s
                        case .blob(let b): object[column] = b.base64EncodedString()
                        }
                    }
                    buffer.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                    buffer.append(0x0A)
                    count += 1
                    if buffer.count > 1 << 20 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
                }
            }
            handle.write(buffer)
            return count
        }
        do {
            try handle.synchronize()
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
            try FileManager.default.moveItem(atPath: temporary, toPath: file)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RegisterError.make("register-export", "无法写入 \(file)：\(error) / cannot write the backup")
        }
        return count
    }

    public static func temporaryPath(for file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return (folder as NSString).appendingPathComponent("." + (file as NSString).lastPathComponent + ".tmp")
    }

    /// Restores a backup into an empty store, all rows in one transaction: a bad line (located by
    /// its line number) or a store that already holds households writes nothing.
    @discardableResult
    public func importBackup(from file: String) throws(DiagnosticError) -> Int {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw RegisterError.make("register-import", "无法读取备份文件 \(file) / cannot read the backup")
        }
        let key = self.key
        return try write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM households") ?? 0 > 0 {
                throw RegisterError.refused("register-import-not-empty", "承诺登记已有数据：备份只能导入到新的空登记 / the store is not empty")
            }
            var count = 0
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                let location = DataLocation(file: file, row: index + 1)
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                      let table = object[Self.tableKey] as? String, Self.tables.contains(table) else {
                    throw RegisterError.make("register-import", "备份文件此行不是登记数据 / not a register row", at: location)
                }
                let columns = object.keys.filter { $0 != Self.tableKey }.sorted()
                guard columns.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "_" } }) else {
                    throw RegisterError.make("register-import", "备份文件此行的列名无效 / bad column", at: location)
                }
                let values: [DatabaseValueConvertible?] = columns.map { column in
                    let value = object[column]
                    if Self.blobColumns.contains(column), let text = value as? String { return Data(base64Encoded: text) }
                    switch value {
                    case let n as Int: return Int64(n)
                    case let n as Int64: return n
                    case let d as Double: return d
                    case let n as NSNumber: return n.int64Value
                    case let s as String: return s
                    default: return nil
                    }
                }
                do {
                    try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                                   arguments: StatementArguments(values))
                } catch {
                    throw RegisterError.make("register-import", "备份文件此行无法写入：\(error)", at: location)
                }
                count += 1
            }
            try Self.checkKey(key, db)
            try Self.audit(db, who: "导入备份", action: "导入备份", subject: "\((file as NSString).lastPathComponent)：\(count) 行")
            return count
        }
    }

    /// A backup restored beside a different key would hold ciphertexts nobody can open and check
    /// codes that never verify: refused, naming the key file to copy.
    static func checkKey(_ key: RegisterKey, _ db: Database) throws {
        let sealed = try Data.fetchOne(db, sql: "SELECT coalesce(id_sealed, phone_sealed) FROM households WHERE coalesce(id_sealed, phone_sealed) IS NOT NULL LIMIT 1")
        let certificate = try Row.fetchOne(db, sql: "SELECT number, check_code FROM certificates LIMIT 1")
        let sealedOpens = sealed.map { key.unseal([UInt8]($0)) != nil } ?? true
        let codeMatches = certificate.map { checkCode($0["number"], key: key) == ($0["check_code"] as String) } ?? true
        guard sealedOpens, codeMatches else {
            throw RegisterError.refused("register-import-key", "备份不是用这个登记的密钥文件加密的：请先把原登记的密钥文件（.key）复制为新登记旁的同名 .key 文件 / the backup needs its key file")
        }
    }
}
