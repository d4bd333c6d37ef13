import Foundation
import GRDB

/// What went wrong with an account, in Chinese for the clerk who typed the command.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case duplicateName(String)
    case unknownName(String)
    case invalidName(String)
    case passwordTooShort(minimum: Int)
    case passwordsDiffer
    case emptyPassword

    public var description: String {
        switch self {
        case .duplicateName(let name): "账户“\(name)”已存在；要改密码请用 gongwen users passwd \(name)"
        case .unknownName(let name): "没有名为“\(name)”的账户（gongwen users list 可列出全部账户）"
        case .invalidName(let name):
            "账户名“\(name)”不可用：须为 1 到 \(Accounts.maxNameLength) 个字符，不含空格、斜杠或控制字符"
        case .passwordTooShort(let minimum): "密码太短：至少 \(minimum) 个字符"
        case .passwordsDiffer: "两次输入的密码不一致"
        case .emptyPassword: "没有读到密码"
        }
    }
}

/// One clerk's account as listed by `gongwen users list`.
public struct Account: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
}

/// The clerks who may sign in: names and bcrypt password hashes in the server's SQLite store.
public struct Accounts: Sendable {
    public static let maxNameLength = 32
    public static let minPasswordLength = 8

    let database: DatabasePool
    /// bcrypt cost of new hashes; `PasswordHasher.cost` except in tests.
    let cost: UInt8

    public init(database: DatabasePool) {
        self.init(database: database, cost: PasswordHasher.cost)
    }

    init(database: DatabasePool, cost: UInt8) {
        self.database = database
        self.cost = cost
    }

    /// The accounts of the store in `dataDirectory` (created if needed).
    public static func open(dataDirectory: String) throws -> Accounts {
        Accounts(database: try ServerDatabase.open(in: dataDirectory))
    }

    public static func validate(name: String) throws {
        let bad = name.unicodeScalars.contains {
            $0.properties.isWhitespace || CharacterSet.controlCharacters.contains($0) || "/\\:\"'<>&".unicodeScalars.contains($0)
        }
        if name.isEmpty || name.count > maxNameLength || bad { throw AccountError.invalidName(name) }
    }

    public static func validate(password: String) throws {
        if password.isEmpty { throw AccountError.emptyPassword }
        if password.count < minPasswordLength { throw AccountError.passwordTooShort(minimum: minPasswordLength) }
    }

    @discardableResult
    public func add(name: String, password: String) throws -> Account {
        try Self.validate(name: name)
        try Self.validate(password: password)
        let hash = PasswordHasher.hash(password, cost: cost)
        let now = Date()
        return try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM auth_clerk WHERE name = ?", arguments: [name]) != nil {
                throw AccountError.duplicateName(name)
            }
            try db.execute(sql: "INSERT INTO auth_clerk (name, passwordHash, createdAt) VALUES (?, ?, ?)",
                           arguments: [name, hash, now.timeIntervalSince1970])
            return Account(id: db.lastInsertedRowID, name: name, createdAt: now)
        }
    }

    public func list() throws -> [Account] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, createdAt FROM auth_clerk ORDER BY name").map {
                Account(id: $0["id"], name: $0["name"], createdAt: Date(timeIntervalSince1970: $0["createdAt"]))
            }
        }
    }

    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auth_clerk") ?? 0 }
    }

    /// Removes the account and signs it out everywhere.
    public func remove(name: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM auth_clerk WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw AccountError.unknownName(name) }
        }
    }

    /// Sets a new password and signs the account out everywhere.
    public func setPassword(name: String, password: String) throws {
        try Self.validate(password: password)
        let hash = PasswordHasher.hash(password, cost: cost)
        try database.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM auth_clerk WHERE name = ?", arguments: [name]) else {
                throw AccountError.unknownName(name)
            }
            try db.execute(sql: "UPDATE auth_clerk SET passwordHash = ? WHERE id = ?", arguments: [hash, id])
            try db.execute(sql: "DELETE FROM auth_session WHERE clerkID = ?", arguments: [id])
        }
    }

    /// The clerk whose password this is, or nil. Takes as long for an unknown name as for a
    /// wrong password.
    func verify(name: String, password: String) async throws -> Clerk? {
        let found = try await database.read { db -> (clerk: Clerk, hash: String)? in
            try Row.fetchOne(db, sql: "SELECT id, name, passwordHash FROM auth_clerk WHERE name = ?", arguments: [name])
                .map { (Clerk(id: $0["id"], name: $0["name"]), $0["passwordHash"]) }
        }
        guard let found else {
            _ = await PasswordHasher.verifyInBackground(password, hash: PasswordHasher.decoy(cost: cost))
            return nil
        }
        guard await PasswordHasher.verifyInBackground(password, hash: found.hash) else { return nil }
        return found.clerk
    }

    /// The stored hash (tests check it is salted and slow).
    func passwordHash(name: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT passwordHash FROM auth_clerk WHERE name = ?", arguments: [name]) }
    }
}
