import Foundation
import Gongwen
import GRDB

/// A signed-in browser: the clerk and the CSRF token its forms carry.
struct Session: Sendable, Equatable {
    var clerk: Clerk
    var csrfToken: String
}

/// Sessions in SQLite. The cookie holds `selector.verifier`: the selector finds the row, the
/// verifier is compared in constant time, so a lookup's timing tells nothing about a guess.
/// Only the verifier's SHA-256 is stored: a copy of the database file (a backup) cannot be
/// turned back into a cookie. Sessions end 12 hours after sign-in.
struct SessionStore: Sendable {
    static let lifetime: TimeInterval = 12 * 3600

    let database: DatabasePool
    let now: @Sendable () -> Date

    /// A new session for `clerk`; returns the cookie value and the session.
    func create(for clerk: Clerk) throws -> (cookieValue: String, session: Session) {
        let selector = RandomToken.hex(bytes: 16), verifier = RandomToken.hex(bytes: 32), csrf = RandomToken.hex(bytes: 32)
        let created = now().timeIntervalSince1970
        try database.write { db in
            try db.execute(sql: "DELETE FROM auth_session WHERE expiresAt <= ?", arguments: [created])
            try db.execute(sql: """
                INSERT INTO auth_session (selector, verifier, clerkID, csrfToken, createdAt, expiresAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [selector, Self.digest(verifier), clerk.id, csrf, created, created + Self.lifetime])
        }
        return ("\(selector).\(verifier)", Session(clerk: clerk, csrfToken: csrf))
    }

    /// The live session of a cookie value, or nil (malformed, unknown, wrong verifier, expired).
    func session(cookieValue: String) throws -> Session? {
        guard let (selector, verifier) = Self.split(cookieValue) else { return nil }
        let row = try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.verifier, s.csrfToken, s.expiresAt, c.id, c.name FROM auth_session s
                JOIN auth_clerk c ON c.id = s.clerkID WHERE s.selector = ?
                """, arguments: [selector])
        }
        guard let row, RandomToken.constantTimeEquals(row["verifier"] as String, Self.digest(verifier)) else { return nil }
        guard (row["expiresAt"] as Double) > now().timeIntervalSince1970 else { return nil }
        return Session(clerk: Clerk(id: row["id"], name: row["name"]), csrfToken: row["csrfToken"])
    }

    /// Ends the session of a cookie value (sign-out).
    func delete(cookieValue: String) throws {
        guard let (selector, _) = Self.split(cookieValue) else { return }
        try database.write { db in try db.execute(sql: "DELETE FROM auth_session WHERE selector = ?", arguments: [selector]) }
    }

    /// What is stored of a verifier.
    static func digest(_ verifier: String) -> String { SHA256Digest.hex(Array(verifier.utf8)) }

    static func split(_ value: String) -> (String, String)? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, RandomToken.isHex(parts[0], bytes: 16), RandomToken.isHex(parts[1], bytes: 32) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
