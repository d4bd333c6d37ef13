import GRDB

/// The register's schema, grown only by appending named migrations (as `HistorySchema`): a store
/// written by an older Gongwen opens in a newer one, and a migration that has shipped is never
/// edited.
///
/// The scheme says the 诚信计生信用记录 is lifelong and cleared only by honouring the pledge, and that
/// every department's query is on record: so `credit_entries`, `certificates` and `audit_log` are
/// append-only, enforced by triggers inside SQLite rather than by the application alone — a
/// correction is a new entry, never an edit.
enum RegisterSchema {
    static let v1 = "register-1-households-pledges-credit-certificates-audit"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            try db.execute(sql: """
                CREATE TABLE households (
                    id INTEGER PRIMARY KEY,
                    village TEXT NOT NULL,                 -- 12-digit 村 code
                    township TEXT NOT NULL,                -- 9-digit 乡镇 code, from the region list at import
                    county TEXT NOT NULL,                  -- 6-digit 县 code
                    head TEXT NOT NULL,                    -- 户主
                    members INTEGER NOT NULL,              -- 家庭人口
                    category TEXT NOT NULL,                -- one of the six target groups
                    id_mac BLOB UNIQUE,                    -- HMAC-SHA256 of the normalised ID number; NULL when not given
                    id_sealed BLOB,                        -- AES-256-GCM: nonce ‖ ciphertext ‖ tag
                    phone_sealed BLOB,
                    source TEXT NOT NULL,                  -- file and row it was imported from
                    imported_at TEXT NOT NULL,
                    imported_by TEXT NOT NULL
                );
                CREATE INDEX households_region ON households(county, township, village);
                CREATE TABLE pledges (
                    number TEXT PRIMARY KEY NOT NULL,      -- 承诺书编号
                    household INTEGER NOT NULL UNIQUE REFERENCES households(id),
                    copies INTEGER,                        -- files printed for it (the batch's 清单); NULL when unknown
                    printed_file TEXT,
                    signed_on TEXT,                        -- ISO date; NULL until signed
                    recorded_by TEXT,
                    recorded_at TEXT
                );
                CREATE INDEX pledges_signed ON pledges(household, signed_on);
                CREATE TABLE credit_entries (
                    id INTEGER PRIMARY KEY,
                    household INTEGER NOT NULL REFERENCES households(id),
                    kind TEXT NOT NULL CHECK (kind IN ('守信', '失信', '履约')),
                    entry_date TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    evidence TEXT,
                    clears INTEGER REFERENCES credit_entries(id),  -- a 履约 entry: the 失信 entry it clears
                    recorded_by TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    CHECK ((kind = '履约') = (clears IS NOT NULL))
                );
                CREATE INDEX credit_household ON credit_entries(household, kind);
                CREATE UNIQUE INDEX credit_clears ON credit_entries(clears);
                CREATE TABLE certificates (
                    number TEXT PRIMARY KEY NOT NULL,      -- 履约证明编号
                    household INTEGER NOT NULL REFERENCES households(id),
                    village TEXT NOT NULL,                 -- issuing 村
                    issued_on TEXT NOT NULL,
                    issued_by TEXT NOT NULL,
                    check_code TEXT NOT NULL,              -- truncated HMAC of the number: what the QR code carries
                    after_entry INTEGER NOT NULL           -- the last credit entry when issued: a later 失信 revokes it
                );
                CREATE INDEX certificates_household ON certificates(household);
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    who TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    why TEXT NOT NULL
                );
                """)
            for (table, name) in [("credit_entries", "信用记录"), ("certificates", "履约证明"), ("audit_log", "操作日志")] {
                for verb in ["UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_no_\(verb.lowercased()) BEFORE \(verb) ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(name)只能追加，不能修改或删除 / \(table) is append-only'); END;
                        """)
                }
            }
        }
        return migrator
    }
}
