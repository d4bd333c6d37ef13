import GRDB

/// The history's schema, grown only by appending named migrations: a store written by an older
/// Gongwen opens in a newer one, and a migration that has shipped is never edited.
///
/// Plain SQL types (TEXT, INTEGER, REAL) and no SQLite-only constructs in the tables, so that a
/// PostgreSQL store can keep the same shape. Whole values a rule reads back (figures, decisions
/// with their grounds) are JSON columns; what the assessment searches (decisions by outcome and
/// date) has its own indexed table, so that lookup never scans JSON.
enum HistorySchema {
    static let v1 = "history-1-periods-results-decisions-leaders"
    static let v2 = "history-2-period-counts"
    static let v3 = "history-3-result-extra"
    static let v4 = "history-4-figure-columns"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            try db.execute(sql: """
                CREATE TABLE periods (
                    period TEXT PRIMARY KEY NOT NULL,      -- 2025-06, 2025-Q2, 2025-H1, 2025
                    kind TEXT NOT NULL,                    -- 月 季 半年 年
                    year INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    rules_name TEXT NOT NULL,
                    rules_digest TEXT NOT NULL,
                    decision_date TEXT NOT NULL,           -- ISO 2025-06-30
                    data_file TEXT NOT NULL,
                    total REAL NOT NULL,
                    assessed_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX periods_kind ON periods(kind, year, idx);
                CREATE TABLE results (
                    period TEXT NOT NULL REFERENCES periods(period) ON DELETE CASCADE,
                    code TEXT NOT NULL,
                    position INTEGER NOT NULL,             -- order in the assessment
                    name TEXT NOT NULL,
                    grp TEXT NOT NULL,
                    data_row INTEGER NOT NULL,
                    score REAL NOT NULL,
                    rank INTEGER NOT NULL,
                    rank_from_bottom INTEGER NOT NULL,
                    ranked_count INTEGER NOT NULL,
                    leaders TEXT NOT NULL,                 -- JSON
                    figures TEXT NOT NULL,
                    category_scores TEXT NOT NULL,
                    decisions TEXT NOT NULL,
                    excluded TEXT NOT NULL,
                    PRIMARY KEY (period, code)
                );
                CREATE TABLE decisions (
                    period TEXT NOT NULL,
                    code TEXT NOT NULL,
                    position INTEGER NOT NULL,             -- index in results.decisions
                    outcome TEXT NOT NULL,
                    article TEXT NOT NULL,
                    in_force_until TEXT,
                    decision_date TEXT NOT NULL,
                    PRIMARY KEY (period, code, position),
                    FOREIGN KEY (period, code) REFERENCES results(period, code) ON DELETE CASCADE
                );
                CREATE INDEX decisions_in_force ON decisions(outcome, in_force_until);
                CREATE TABLE leaders (
                    period TEXT NOT NULL,
                    code TEXT NOT NULL,
                    role TEXT NOT NULL,
                    name TEXT NOT NULL,
                    FOREIGN KEY (period, code) REFERENCES results(period, code) ON DELETE CASCADE
                );
                CREATE INDEX leaders_name ON leaders(name);
                CREATE INDEX leaders_result ON leaders(period, code);
                """)
        }
        // How many rows each part of a period has, written in the same transaction as the rows:
        // `SQLiteHistory.verify()` holds the tables to them, so a period that is not whole shows.
        migrator.registerMigration(v2) { db in
            try db.execute(sql: """
                ALTER TABLE periods ADD COLUMN jurisdiction_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE periods ADD COLUMN decision_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE periods ADD COLUMN leader_count INTEGER NOT NULL DEFAULT 0;
                UPDATE periods SET
                    jurisdiction_count = (SELECT count(*) FROM results r WHERE r.period = periods.period),
                    decision_count = (SELECT count(*) FROM decisions d WHERE d.period = periods.period),
                    leader_count = (SELECT count(*) FROM leaders l WHERE l.period = periods.period);
                """)
        }
        // What the assessor added after v2: the jurisdiction's 上级 (所属市州), every ranking's places, and
        // the 未报 it listed — one JSON column, so that a result read back equals the one saved.
        migrator.registerMigration(v3) { db in
            try db.execute(sql: "ALTER TABLE results ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
        }
        // Cheaper writes for a period (a year of monthly periods of 3,000 jurisdictions wrote 150 MB
        // and took 1.3 s of CPU to store):
        // - the figures as values only (`FigureColumns`): what every row of a period shares — column
        //   header, unit, target column — once per period. Rows stored before keep the keyed form and
        //   a NULL here, and read as they did;
        // - no `leaders` table: three rows a jurisdiction, most of the rows written and a fifth of the
        //   write's CPU, for a lookup the assessment never makes (跟踪否决 reads this period's data,
        //   the later period and `decisionsInForce`). The leaders stay in `results.leaders`, where
        //   `posts(ofLeader:)` finds them, and `verify()` counts them against `leader_count`;
        // - `decisions` keyed by (period, code, position) in one b-tree, without a foreign key check per
        //   row, and its index for `decisionsInForce` only over decisions with a 有效期 (the query's
        //   `in_force_until >= ?` implies it): the table, its key index, that index and the check cost
        //   20,000 instructions a decision. `SQLiteHistory.save` deletes a replaced period's decisions,
        //   and `verify()` finds any without a result.
        migrator.registerMigration(v4) { db in
            try db.execute(sql: """
                ALTER TABLE periods ADD COLUMN figure_columns TEXT;
                DROP TABLE leaders;
                CREATE TABLE decisions_v4 (
                    period TEXT NOT NULL,
                    code TEXT NOT NULL,
                    position INTEGER NOT NULL,             -- index in results.decisions
                    outcome TEXT NOT NULL,
                    article TEXT NOT NULL,
                    in_force_until TEXT,
                    decision_date TEXT NOT NULL,
                    PRIMARY KEY (period, code, position)
                ) WITHOUT ROWID;
                INSERT INTO decisions_v4 (period, code, position, outcome, article, in_force_until, decision_date)
                    SELECT period, code, position, outcome, article, in_force_until, decision_date FROM decisions;
                DROP TABLE decisions;
                ALTER TABLE decisions_v4 RENAME TO decisions;
                CREATE INDEX decisions_in_force ON decisions(outcome, in_force_until) WHERE in_force_until IS NOT NULL;
                """)
        }
        return migrator
    }
}
