import Foundation
import GongwenAssess
import GRDB

/// The SQL of one period's rows: written with three prepared statements reused for every row
/// (36,000 results a year of monthly periods for 3,000 jurisdictions), read back into the exact
/// `PeriodAssessment` that was saved.
enum HistoryRows {
    static func insert(_ a: PeriodAssessment, _ db: Database) throws {
        let period = a.period.description
        let decisionCount = a.jurisdictions.reduce(0) { $0 + $1.decisions.count }
        let leaderCount = a.jurisdictions.reduce(0) { $0 + $1.leaders.count }
        let assessedAt = ISO8601DateFormatter().string(from: Date())
        var figureColumns = FigureColumns(a.jurisdictions)
        try db.execute(sql: """
            INSERT INTO periods (period, kind, year, idx, rules_name, rules_digest, decision_date, data_file, total,
                assessed_at, jurisdiction_count, decision_count, leader_count, figure_columns)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [period, a.period.kind.rawValue, a.period.year, a.period.index, a.rulesName, a.rulesDigest,
                             a.decisionDate, a.dataFile, a.total, assessedAt, a.jurisdictions.count, decisionCount, leaderCount,
                             String(decoding: figureColumns.json, as: UTF8.self)])
        var result = try RowInserter(db, sql: """
            INSERT INTO results (period, code, position, name, grp, data_row, score, rank, rank_from_bottom, ranked_count,
                leaders, figures, category_scores, decisions, excluded, extra)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var decision = try RowInserter(db, sql: """
            INSERT INTO decisions (period, code, position, outcome, article, in_force_until, decision_date)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, j) in a.jurisdictions.enumerated() {
            result.text(period); result.text(j.code); result.integer(position); result.text(j.name); result.text(j.group)
            result.integer(j.row); result.real(j.score); result.integer(j.rank); result.integer(j.rankFromBottom)
            result.integer(j.rankedCount)
            result.json { $0.leaderList(j.leaders) }
            result.json { figureColumns.encode(j.figures, into: &$0) }
            result.json { $0.compactCategories(j.categoryScores) }
            result.json { $0.decisionList(j.decisions) }
            result.json { $0.decisionList(j.excluded) }
            result.json { $0.extraObject(j) }
            try result.run()
            for (k, d) in j.decisions.enumerated() {
                decision.text(period); decision.text(j.code); decision.integer(k); decision.text(d.outcome); decision.text(d.article)
                decision.text(d.inForceUntil); decision.text(a.decisionDate)
                try decision.run()
            }
        }
    }

    /// The period as saved, or (`outline`) without grounds, excluded decisions and 未报 lists.
    static func assessment(of period: Period, outline: Bool = false, _ db: Database) throws -> PeriodAssessment? {
        guard let head = try Row.fetchOne(db, sql: "SELECT * FROM periods WHERE period = ?", arguments: [period.description]) else {
            return nil
        }
        // Stores before v4 kept each row's figures keyed, and have no figure_columns.
        let figureColumns = try (head["figure_columns"] as String?).map(FigureColumns.init(json:))
        var jurisdictions: [JurisdictionResult] = []
        let sql = outline ? """
            SELECT code, name, grp, data_row, score, rank, rank_from_bottom, ranked_count, leaders, figures, category_scores,
                (SELECT json_group_array(json_remove(d.value, '$.grounds')) FROM json_each(r.decisions) d) AS decisions,
                '[]' AS excluded, json_remove(extra, '$.unreported') AS extra
            FROM results r WHERE period = ? ORDER BY position
            """ : "SELECT * FROM results WHERE period = ? ORDER BY position"
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [period.description])
        while let row = try rows.next() {
            var result = JurisdictionResult(
                code: row["code"], name: row["name"], group: row["grp"], row: row["data_row"],
                figures: try figureColumns.map { try $0.decode(row["figures"]) } ?? ColumnReader.figures(row["figures"] as String), categoryScores: try ColumnReader.categoryScores(row["category_scores"]),
                score: row["score"], rank: row["rank"], rankFromBottom: row["rank_from_bottom"], rankedCount: row["ranked_count"],
                leaders: try ColumnReader.leaders(row["leaders"]), decisions: try ColumnReader.decisions(row["decisions"], outline: outline),
                excluded: try ColumnReader.decisions(row["excluded"]))
            try ColumnReader.extra(try ColumnReader.parse(row["extra"]), into: &result)
            jurisdictions.append(result)
        }
        return PeriodAssessment(period: period, rulesName: head["rules_name"], rulesDigest: head["rules_digest"],
                                decisionDate: head["decision_date"], dataFile: head["data_file"], total: head["total"],
                                jurisdictions: jurisdictions)
    }

    /// An index query on `decisions(outcome, in_force_until)`; the decision itself (only that
    /// element of the row's decisions, cut out by SQLite: decoding the whole array was most of this
    /// read) and the leaders come from the one result row each match belongs to. Ordered as
    /// `MemoryHistory` orders them.
    static func decisionsInForce(outcome: String, on date: String, _ db: Database) throws -> [DecisionInForce] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.kind, p.year, p.idx, d.decision_date, d.position AS k, r.position, r.code, r.name, r.leaders,
                json_extract(r.decisions, '$[' || d.position || ']') AS decision
            FROM decisions d
            JOIN results r ON r.period = d.period AND r.code = d.code
            JOIN periods p ON p.period = d.period
            WHERE d.outcome = ? AND d.in_force_until >= ? AND d.decision_date <= ?
            """, arguments: [outcome, date, date])
        var found: [(period: Period, position: Int, k: Int, value: DecisionInForce)] = []
        for row in rows {
            guard let kind = Period.Kind(rawValue: row["kind"]), let text = row["decision"] as String? else { continue }
            let period = Period(year: row["year"], kind: kind, index: row["idx"])
            guard let decision = try ColumnReader.decisions(ColumnReader.JSON.array([ColumnReader.parse(text)])).first else { continue }
            found.append((period, row["position"], row["k"], DecisionInForce(
                period: period, decisionDate: row["decision_date"], code: row["code"], name: row["name"],
                leaders: try ColumnReader.leaders(row["leaders"]), decision: decision)))
        }
        return found.sorted { ($0.period, $0.position, $0.k) < ($1.period, $1.position, $1.k) }.map(\.value)
    }

    /// Every result whose leaders name this person, through SQLite's JSON functions over
    /// `results.leaders`: an office's occasional question (where has this person served?), so a
    /// scan rather than an index every period's write would pay for (schema v4).
    static func posts(ofLeader name: String, _ db: Database) throws -> [LeaderPost] {
        try Row.fetchAll(db, sql: """
            SELECT p.kind, p.year, p.idx, r.code, r.name AS jurisdiction, json_extract(l.value, '$.role') AS role
            FROM results r JOIN periods p ON p.period = r.period, json_each(r.leaders) l
            WHERE json_extract(l.value, '$.name') = ?
            """, arguments: [name]).compactMap { row in
            Period.Kind(rawValue: row["kind"]).map {
                LeaderPost(period: Period(year: row["year"], kind: $0, index: row["idx"]), code: row["code"],
                           jurisdiction: row["jurisdiction"], role: row["role"], name: name)
            }
        }.sorted { $0.period < $1.period }
    }
}
