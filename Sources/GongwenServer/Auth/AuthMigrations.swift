import GRDB

/// Accounts and sessions. Clerk ids start at 1: id 0 is `Clerk.local`, the one clerk of a
/// loopback server without accounts. A removed clerk's sessions go with her.
func registerAuthMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("auth-1-clerks-and-sessions") { db in
        try db.execute(sql: """
            CREATE TABLE auth_clerk (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                passwordHash TEXT NOT NULL,
                createdAt REAL NOT NULL
            );
            CREATE TABLE auth_session (
                selector TEXT PRIMARY KEY NOT NULL,
                verifier TEXT NOT NULL,
                clerkID INTEGER NOT NULL REFERENCES auth_clerk(id) ON DELETE CASCADE,
                csrfToken TEXT NOT NULL,
                createdAt REAL NOT NULL,
                expiresAt REAL NOT NULL
            );
            CREATE INDEX auth_session_clerk ON auth_session(clerkID);
            """)
    }
}
