import Foundation
import GongwenAssess
@testable import GongwenHistory
import GRDB
import Testing

/// The figures stored as values only (schema v4) read back as exactly the figures saved, whatever
/// a row holds: a key another row lacks, a figure described differently from the period's column,
/// a value that is not its text's number, non-finite values.
@Suite struct FigureColumnsTests {
    static let rows: [[String: Figure]] = [
        ["出生率": Figure(text: "14.64", value: 14.64, target: 13, unit: "‰", column: "出生率", targetColumn: "出生率目标"),
         "重大恶性案件": Figure(text: "否", value: nil, column: "重大恶性案件")],
        // The value is not the text's own number ("87.0%" reads as nil), and the target is nil.
        ["出生率": Figure(text: "87.0%", value: 87, target: nil, unit: "‰", column: "出生率", targetColumn: "出生率目标"),
         "漏报率": Figure(text: "", value: nil, unit: "%", column: "漏报率")],
        // Described differently (another header), a text that reads as a number but has no value,
        // non-finite values, and text that must be escaped.
        ["出生率": Figure(text: "13", value: 13, target: 13, unit: "‰", column: "出生率（‰）", targetColumn: "出生率目标"),
         "漏报率": Figure(text: "5", value: nil, unit: "%", column: "漏报率"),
         "重大恶性案件": Figure(text: "\"是\"\n", value: .infinity, target: -.infinity, column: "重大恶性案件")],
    ]

    @Test func rowsReadBackAsSaved() throws {
        let jurisdictions = Self.rows.enumerated().map { i, figures in
            JurisdictionResult(code: "43000\(i)", name: "县\(i)", group: "", row: i + 2, figures: figures, categoryScores: [],
                               score: 0, rank: 0, rankFromBottom: 0, rankedCount: 0, leaders: [], decisions: [], excluded: [])
        }
        var columns = FigureColumns(jurisdictions)
        #expect(columns.columns.map(\.key) == ["出生率", "漏报率", "重大恶性案件"])
        // Described by the first row that has each key.
        #expect(columns.columns[0] == .init(key: "出生率", column: "出生率", unit: "‰", targetColumn: "出生率目标"))
        let reread = try FigureColumns(json: String(decoding: columns.json, as: UTF8.self))
        #expect(reread == columns)
        for figures in Self.rows {
            let text = String(decoding: columns.encode(figures), as: UTF8.self)
            #expect(try reread.decode(text) == figures)
        }
        // The common case is values only: no header, unit or target column in the row.
        let first = String(decoding: columns.encode(Self.rows[0]), as: UTF8.self)
        #expect(first == #"[["14.64",13],null,["否"]]"#)
        // A NaN value survives as NaN (Figure's == cannot say so).
        let nan = ["出生率": Figure(text: "x", value: .nan, unit: "‰", column: "出生率", targetColumn: "出生率目标")]
        #expect(try reread.decode(String(decoding: columns.encode(nan), as: UTF8.self))["出生率"]?.value?.isNaN == true)
    }

    /// Rankings are stored as arrays since v4 and read back as saved; the keyed form of older stores
    /// still reads; a malformed one is refused.
    @Test func compactRankingsReadBack() throws {
        var j = JurisdictionResult(code: "430001", name: "县", group: "", row: 2, figures: [:], categoryScores: [], score: 0, rank: 0,
                                   rankFromBottom: 0, rankedCount: 0, leaders: [], decisions: [], excluded: [])
        j.parent = "龙溪州"
        j.rankings = [RankingResult(name: "全省排名", group: "", value: 61.629999999999995, rank: 2880, rankFromBottom: 121, rankedCount: 3000),
                      RankingResult(name: "州内\"排名\"", group: "第1州", value: nil, rank: 0, rankFromBottom: 0, rankedCount: 0)]
        let text = String(decoding: ColumnJSON.extra(j), as: UTF8.self)
        #expect(text.hasPrefix(#"{"parent":"龙溪州","rankings":[["全省排名","",2880,121,3000,61.629999999999995],"#))
        var back = JurisdictionResult(code: "430001", name: "县", group: "", row: 2, figures: [:], categoryScores: [], score: 0, rank: 0,
                                      rankFromBottom: 0, rankedCount: 0, leaders: [], decisions: [], excluded: [])
        try ColumnReader.extra(ColumnReader.parse(text), into: &back)
        #expect(back == j)
        let keyed = #"{"parent":"","rankings":[{"group":"","name":"全省排名","rank":3,"rankFromBottom":1,"rankedCount":3,"value":9.5}],"unreported":[]}"#
        try ColumnReader.extra(ColumnReader.parse(keyed), into: &back)
        #expect(back.rankings == [RankingResult(name: "全省排名", group: "", value: 9.5, rank: 3, rankFromBottom: 1, rankedCount: 3)])
        for bad in [#"[["a","",1,1,1]]"#, #"[["a","",1.5,1,1,null]]"#, #"[["a","",1e300,1,1,null]]"#, #"[[1,"",1,1,1,null]]"#] {
            #expect(throws: ColumnReader.Malformed.self) {
                try ColumnReader.extra(ColumnReader.parse(#"{"rankings":"# + bad + "}"), into: &back)
            }
        }
    }

    /// Category scores are stored as `[name, score, weight]` since v4, non-finite scores included.
    @Test func compactCategoryScoresReadBack() throws {
        let scores = [CategoryScore(name: "双降", score: 10.599999999999994, weight: 30), CategoryScore(name: "人口计划", score: .infinity, weight: 70)]
        let text = String(decoding: ColumnJSON.compactCategoryScores(scores), as: UTF8.self)
        #expect(text == #"[["双降",10.599999999999994,30],["人口计划","inf",70]]"#)
        #expect(try ColumnReader.categoryScores(text) == scores)
        #expect(try ColumnReader.categoryScores(#"[{"name":"双降","score":1.5,"weight":30}]"#) == [CategoryScore(name: "双降", score: 1.5, weight: 30)])
        for bad in [#"[["双降",1]]"#, #"[["双降",null,30]]"#, #"[[1,2,3]]"#, #"[["双降","x",30]]"#] {
            #expect(throws: ColumnReader.Malformed.self) { try ColumnReader.categoryScores(bad) }
        }
    }

    /// The learnt order is only a first guess: keys in another order, a key of no column, a key in
    /// another Unicode normal form each find their place.
    @Test func keySlotsFollowEachRow() {
        var slots = KeySlots(keys: ["出生率", "漏报率", "人均计生事业费"])
        #expect(slots.slot(of: "出生率", at: 0) == 0)
        #expect(slots.slot(of: "漏报率", at: 1) == 1)
        #expect(slots.slot(of: "漏报率", at: 0) == 1)          // another row, another order
        #expect(slots.slot(of: "出生率", at: 1) == 0)
        #expect(slots.slot(of: "人均计生事业费", at: 2) == 2)
        #expect(slots.slot(of: "死亡率", at: 2) == nil)
        #expect(slots.slot(of: "人均计生事业费", at: 2) == 2)
        let decomposed = "e\u{301}"                           // é as e + combining acute
        #expect(slots.slot(of: decomposed, at: 0) == nil)
        slots.add(decomposed, at: 0)
        #expect(slots.slot(of: decomposed, at: 0) == 3)
        // The guess compares as Swift's dictionaries do (canonical equivalence), so the composed form
        // finds the column of the decomposed one: one key to a dictionary either way.
        #expect(slots.slot(of: "\u{e9}", at: 0) == 3)
        #expect(slots.slot(of: "\u{e9}", at: 1) == nil)         // no guess there: the bytes differ
    }

    @Test func malformedRowsAreRefused() throws {
        let columns = FigureColumns(columns: [.init(key: "出生率", column: "出生率", unit: "‰", targetColumn: nil)])
        for bad in [#"[]"#, #"[["a"],["b"]]"#, #"[[1]]"#, #"[["a",1,2,3]]"#, #"[["a","x"]]"#, #"[true]"#] {
            #expect(throws: ColumnReader.Malformed.self) { try columns.decode(bad) }
        }
    }

    /// A period saved by v4 stores values only, and the period read back is the one saved.
    @Test func storeKeepsColumnsOncePerPeriod() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let a = sample(month(2025, 1), count: 4)
        try history.save(a, replacing: false)
        #expect(try history.assessment(of: month(2025, 1)) == a)
        let (columns, row) = try history.pool.read { db in
            (try String.fetchOne(db, sql: "SELECT figure_columns FROM periods")!,
             try String.fetchOne(db, sql: "SELECT figures FROM results WHERE code = '430001'")!)
        }
        #expect(columns == #"[["出生率","出生率","‰","出生率目标"],["漏报率","漏报率","%",null],["重大恶性案件","重大恶性案件","",null]]"#)
        #expect(row == #"[["12.01‰",13,12.01],[""],["否"]]"#)
        // Leaders are counted in results.leaders since v4 (no leaders table): a row that lost one shows.
        #expect(try history.verify() == [])
        try history.pool.write { db in try db.execute(sql: "UPDATE results SET leaders = '[]' WHERE code = '430001'") }
        #expect(try history.verify() == ["2025-01：应有负责人 8 行，实有 6 行 / period not whole"])
        // Decisions have no foreign key since v4: one without its result shows too.
        try history.pool.write { db in
            try db.execute(sql: "INSERT INTO decisions VALUES ('2025-01', '439999', 0, '黄牌', '第二条', NULL, '2025-01-31')")
        }
        #expect(try history.verify().contains("决定表中有不属于任何地区结果的行 / decisions without a result"))
        // The index for decisionsInForce holds only decisions with a 有效期, and the query uses it.
        let plan = try history.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM decisions d WHERE d.outcome = ? AND d.in_force_until >= ?",
                             arguments: ["一票否决", "2025-06-01"]).map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("decisions_in_force"))
    }
}
