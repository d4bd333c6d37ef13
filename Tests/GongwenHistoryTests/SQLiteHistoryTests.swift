import Foundation
import GongwenAssess
import GRDB
@testable import GongwenHistory
import Testing

@Suite struct SQLiteHistoryTests {
    @Test func roundTripGivesEqualValues() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let a = sample(month(2025, 1), count: 7)
        try history.save(a, replacing: false)
        #expect(try history.assessment(of: month(2025, 1)) == a)
        #expect(try history.assessment(of: month(2025, 2)) == nil)
        #expect(try history.periods(of: .month) == [month(2025, 1)])
        #expect(try history.periods(of: .year) == [])
        // Reopened from the file, not from a cache.
        let reopened = try store(in: folder)
        #expect(try reopened.assessment(of: month(2025, 1)) == a)
        #expect(try reopened.verify() == [])
    }

    @Test func periodsOfEachKindInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        for m in [11, 12] { try history.save(sample(month(2024, m)), replacing: false) }
        for m in 1...3 { try history.save(sample(month(2025, m)), replacing: false) }
        try history.save(sample(Period(year: 2024, kind: .year)), replacing: false)
        #expect(try history.periods(of: .month) == [month(2024, 11), month(2024, 12), month(2025, 1), month(2025, 2), month(2025, 3)])
        #expect(try history.periods(of: .year) == [Period(year: 2024, kind: .year)])
        #expect(try history.allPeriods().count == 6)
    }

    @Test func historyOrderIsEnforced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        try history.save(sample(month(2025, 5)), replacing: false)
        try history.save(sample(month(2025, 6)), replacing: false)
        // A gap.
        do { try history.save(sample(month(2025, 8)), replacing: false); Issue.record("saved across a gap") } catch let e as HistoryError {
            #expect(e.kind == .outOfOrder)
            #expect(e.message.contains("2025年7月"))
        }
        // An earlier period.
        do { try history.save(sample(month(2025, 3)), replacing: true); Issue.record("saved an earlier period") } catch let e as HistoryError {
            #expect(e.kind == .outOfOrder)
        }
        // The same period again without --replace.
        do { try history.save(sample(month(2025, 6), variant: 1), replacing: false); Issue.record("replaced without the flag") } catch let e as HistoryError {
            #expect(e.kind == .alreadyAssessed)
        }
        // Replacing a period a later one depends on.
        do { try history.save(sample(month(2025, 5), variant: 1), replacing: true); Issue.record("replaced under a later period") } catch let e as HistoryError {
            #expect(e.kind == .laterPeriodExists)
        }
        // Nothing of the refused writes is there.
        #expect(try history.assessment(of: month(2025, 5)) == sample(month(2025, 5)))
        #expect(try history.assessment(of: month(2025, 6)) == sample(month(2025, 6)))
        #expect(try history.periods(of: .month) == [month(2025, 5), month(2025, 6)])
        #expect(try history.verify() == [])
        // Another kind has its own sequence.
        try history.save(sample(Period(year: 2020, kind: .year)), replacing: false)
        try history.save(sample(month(2025, 7)), replacing: false)
    }

    @Test func replaceReallyReplaces() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        try history.save(sample(month(2025, 6), count: 9), replacing: false)
        let replacement = sample(month(2025, 6), count: 4, variant: 1, decisionDate: "2025-07-05")
        try history.save(replacement, replacing: true)
        #expect(try history.assessment(of: month(2025, 6)) == replacement)
        #expect(try history.verify() == [])
        let counts = try history.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM results")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions")!,
             try Int.fetchOne(db, sql: "SELECT sum(json_array_length(leaders)) FROM results")!)
        }
        #expect(counts.0 == 4)
        #expect(counts.1 == replacement.jurisdictions.reduce(0) { $0 + $1.decisions.count })
        #expect(counts.2 == 8)
        // The old vetoes (variant 0: jurisdictions 0, 3, 6) are gone; the new one (2) is there.
        let vetoes = try history.decisionsInForce(outcome: "一票否决", on: "2025-08-01")
        #expect(vetoes.map(\.code) == ["430002"])
        #expect(vetoes.first?.decisionDate == "2025-07-05")
        #expect(try history.posts(ofLeader: "李6").isEmpty)
        #expect(try history.posts(ofLeader: "王2").map(\.code) == ["430001"])
    }

    /// The outline the rules read is the period saved less the grounds, excluded decisions and 未报.
    @Test func outlineIsThePeriodWithoutExplanations() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        var a = sample(month(2025, 3), count: 7)
        a.jurisdictions[2].unreported = [Ground(item: "", summary: "未报", condition: "漏报率", readings: [], thresholds: [], becauseMissing: true)]
        try history.save(a, replacing: false)
        var expected = a
        for j in expected.jurisdictions.indices {
            expected.jurisdictions[j].excluded = []
            expected.jurisdictions[j].unreported = []
            for d in expected.jurisdictions[j].decisions.indices { expected.jurisdictions[j].decisions[d].grounds = [] }
        }
        #expect(a.jurisdictions.contains { !$0.excluded.isEmpty })
        #expect(try history.outline(of: month(2025, 3)) == expected)
        #expect(try history.outline(of: month(2025, 4)) == nil)
        // MemoryHistory, which keeps no separate outline, gives the whole period.
        let memory = MemoryHistory()
        try memory.save(a, replacing: false)
        #expect(try memory.outline(of: month(2025, 3)) == a)
    }

    @Test func decisionsInForceBoundaries() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let year = Period(year: 2024, kind: .year)
        // Decided 2025-01-15, in force until 2026-01-15.
        try history.save(sample(year, count: 4, decisionDate: "2025-01-15"), replacing: false)
        let memory = MemoryHistory([sample(year, count: 4, decisionDate: "2025-01-15")])
        for (date, count) in [("2025-01-14", 0), ("2025-01-15", 2), ("2025-06-30", 2), ("2026-01-15", 2), ("2026-01-16", 0)] {
            let found = try history.decisionsInForce(outcome: "一票否决", on: date)
            #expect(found.count == count, "on \(date)")
            #expect(found == (try memory.decisionsInForce(outcome: "一票否决", on: date)), "same as MemoryHistory on \(date)")
        }
        let found = try history.decisionsInForce(outcome: "一票否决", on: "2025-03-01")
        #expect(found.map(\.code) == ["430000", "430003"])
        #expect(found.first?.leaders == [Leader(role: "党委书记", name: "李0"), Leader(role: "政府主要负责人", name: "王0")])
        #expect(found.first?.decision.inForceUntil == "2026-01-15")
        #expect(found.first?.period == year)
        // Decisions without an 有效期 are never in force.
        #expect(try history.decisionsInForce(outcome: "黄牌", on: "2025-03-01").isEmpty)
        // The lookup is an index search, not a scan of the JSON.
        let plan = try history.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM decisions WHERE outcome = ? AND in_force_until >= ?",
                             arguments: ["一票否决", "2025-01-01"]).map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("decisions_in_force"))
    }

    @Test func leadersByName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        try history.save(sample(month(2025, 1), count: 3), replacing: false)
        try history.save(sample(month(2025, 2), count: 3, variant: 1), replacing: false)
        let posts = try history.posts(ofLeader: "王1")
        #expect(posts.map(\.period) == [month(2025, 1), month(2025, 2)])
        #expect(posts.map(\.code) == ["430001", "430000"])
        #expect(posts.allSatisfy { $0.role == "政府主要负责人" })
        #expect(posts.map(\.jurisdiction) == ["县1-0", "县0-1"])
        #expect(try history.posts(ofLeader: "无此人").isEmpty)
    }

    /// A file written by the first schema (before the row counts of v2) opens, migrates and reads.
    @Test func migratesAFileCreatedByV1() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("v1.sqlite")
        let a = sample(month(2024, 12), count: 3)
        do {
            let queue = try DatabaseQueue(path: path)
            try HistorySchema.migrator.migrate(queue, upTo: HistorySchema.v1)
            try queue.write { db in
                // As v1 wrote it: the same statements without the v2 columns.
                try db.execute(sql: """
                    INSERT INTO periods (period, kind, year, idx, rules_name, rules_digest, decision_date, data_file, total, assessed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [a.period.description, "月", 2024, 12, a.rulesName, a.rulesDigest, a.decisionDate, a.dataFile, a.total, "2025-01-01T00:00:00Z"])
                let encoder = HistoryJSON.encoder()
                for (p, j) in a.jurisdictions.enumerated() {
                    try db.execute(sql: "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [a.period.description, j.code, p, j.name, j.group, j.row, j.score, j.rank, j.rankFromBottom, j.rankedCount,
                                               try HistoryJSON.text(j.leaders, encoder), try HistoryJSON.text(j.figures, encoder),
                                               try HistoryJSON.text(j.categoryScores, encoder), try HistoryJSON.text(j.decisions, encoder),
                                               try HistoryJSON.text(j.excluded, encoder)])
                    for (k, d) in j.decisions.enumerated() {
                        try db.execute(sql: "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       arguments: [a.period.description, j.code, k, d.outcome, d.article, d.inForceUntil, a.decisionDate])
                    }
                    for l in j.leaders {
                        try db.execute(sql: "INSERT INTO leaders VALUES (?, ?, ?, ?)", arguments: [a.period.description, j.code, l.role, l.name])
                    }
                }
            }
            #expect(try queue.read { db in try HistorySchema.migrator.appliedIdentifiers(db) } == [HistorySchema.v1])
        }
        let history = try SQLiteHistory(path: path)
        #expect(try history.pool.read { db in try HistorySchema.migrator.appliedIdentifiers(db) } == [HistorySchema.v1, HistorySchema.v2, HistorySchema.v3, HistorySchema.v4])
        #expect(try history.assessment(of: month(2024, 12)) == a)
        // v2's counts were filled from the rows v1 wrote.
        #expect(try history.verify() == [])
        try history.save(sample(month(2025, 1)), replacing: false)
        #expect(try history.periods(of: .month) == [month(2024, 12), month(2025, 1)])
    }

    @Test func walAndForeignKeys() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let (mode, keys) = try history.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode")!, try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!)
        }
        #expect(mode == "wal")
        #expect(keys == 1)
    }

    /// Measured only when asked (GONGWEN_HISTORY_BENCH=3000): saving 12 monthly periods.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GONGWEN_HISTORY_BENCH"] != nil))
    func saveSpeed() throws {
        let count = Int(ProcessInfo.processInfo.environment["GONGWEN_HISTORY_BENCH"] ?? "") ?? 3000
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let periods = (1...12).map { sample(month(2025, $0), count: count, variant: $0) }
        let start = cpuSeconds()
        for p in periods { try history.save(p, replacing: false) }
        let cpu = cpuSeconds() - start
        print("saved 12 × \(count) jurisdictions: \(String(format: "%.3f", cpu)) s CPU")
    }
}

/// CPU time of the process (user + system), all threads.
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

@Suite struct ColumnJSONTests {
    /// The hand-written columns read back equal, and are JSONEncoder's bytes for the same values.
    @Test func sameAsJSONEncoder() throws {
        var a = sample(month(2025, 3), count: 7)
        a.jurisdictions[1].figures["引号\"与\\反斜杠\n"] = Figure(text: "tab\there \u{1}", value: -0.1, target: .infinity, column: "a/b")
        a.jurisdictions[2].categoryScores.append(CategoryScore(name: "大", score: 1e21, weight: 1e-7))
        let encoder = HistoryJSON.encoder(), decoder = HistoryJSON.decoder()
        for j in a.jurisdictions {
            let pairs: [(String, String)] = [
                (String(decoding: ColumnJSON.leaders(j.leaders), as: UTF8.self), try HistoryJSON.text(j.leaders, encoder)),
                (String(decoding: ColumnJSON.figures(j.figures), as: UTF8.self), try HistoryJSON.text(j.figures, encoder)),
                (String(decoding: ColumnJSON.categoryScores(j.categoryScores), as: UTF8.self), try HistoryJSON.text(j.categoryScores, encoder)),
                (String(decoding: ColumnJSON.decisions(j.decisions), as: UTF8.self), try HistoryJSON.text(j.decisions, encoder)),
                (String(decoding: ColumnJSON.decisions(j.excluded), as: UTF8.self), try HistoryJSON.text(j.excluded, encoder)),
            ]
            for (ours, foundation) in pairs { #expect(ours == foundation) }
            // Read back by hand, from our bytes and from JSONEncoder's (escapes, non-finite numbers, \u).
            #expect(try ColumnReader.figures(try HistoryJSON.text(j.figures, encoder)) == j.figures)
            #expect(try ColumnReader.decisions(try HistoryJSON.text(j.decisions, encoder)) == j.decisions)
            #expect(try ColumnReader.decisions(try HistoryJSON.text(j.excluded, encoder)) == j.excluded)
            #expect(try ColumnReader.leaders(try HistoryJSON.text(j.leaders, encoder)) == j.leaders)
            #expect(try ColumnReader.categoryScores(try HistoryJSON.text(j.categoryScores, encoder)) == j.categoryScores)
            #expect(try decoder.decode([String: Figure].self, from: Data(String(decoding: ColumnJSON.figures(j.figures), as: UTF8.self).utf8)) == j.figures)
            #expect(try decoder.decode([Decision].self, from: Data(String(decoding: ColumnJSON.decisions(j.decisions), as: UTF8.self).utf8)) == j.decisions)
            #expect(try decoder.decode([CategoryScore].self, from: Data(String(decoding: ColumnJSON.categoryScores(j.categoryScores), as: UTF8.self).utf8)) == j.categoryScores)
        }
    }

    /// Escapes (\u with a surrogate pair, \/), and a missing key or a cut array refused.
    @Test func readerOfOtherWritings() throws {
        #expect(try ColumnReader.figures(#"{"\u4e2d\ud83d\ude00":{"column":"a\/b","text":"x\"y","unit":""}}"#)
                == ["中😀": Figure(text: "x\"y", value: nil, column: "a/b")])
        #expect(throws: ColumnReader.Malformed.self) { try ColumnReader.figures(#"{"a":{"column":"c","text":"t"}}"#) }
        #expect(throws: ColumnReader.Malformed.self) { try ColumnReader.leaders("[{\"name\":\"x\",\"role\":\"y\"}") }
    }
}
