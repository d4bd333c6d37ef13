import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// Each rule of the 南岭省 file at its boundary, read as the law reads it: 以上/以下 include the number,
/// 高于/低于 exclude it.
@Suite struct RuleBoundaryTests {
    let rules: AssessmentRules

    init() throws { rules = try Fixture.rules() }

    func assess(_ rows: [[String: String]], _ period: String = "2025", date: String? = nil,
                history: MemoryHistory = MemoryHistory()) throws -> PeriodAssessment {
        try Fixture.assess(rules, rows, period, date: date, history: history, save: false)
    }

    @Test func vetoAtExactlyThreePointsBelowTarget() throws {
        let a = try assess([
            Fixture.county(1, ["符合政策生育率": "87.00", "符合政策生育率目标": "90.00"]),
            Fixture.county(2, ["符合政策生育率": "87.01", "符合政策生育率目标": "90.00"]),
        ])
        let veto = try #require(a["县1"].decision("一票否决"))
        #expect(veto.article == "第五条")
        let ground = try #require(veto.grounds.first)
        #expect(ground.item == "（一）" && ground.summary.contains("3个百分点以上"))
        #expect(ground.thresholds == ["3"])
        let value = try #require(ground.readings.first { $0.name == "符合政策生育率" })
        #expect(value.shown == "87.00%" && value.row == 2 && value.column == "符合政策生育率" && value.file == "2025.csv")
        #expect(ground.readings.contains { $0.name == "符合政策生育率.目标" && $0.shown == "90.00%" && $0.column == "符合政策生育率目标" })
        #expect(ground.readings.contains { $0.name == "符合政策生育率.差距" && $0.shown == "3.00个百分点" })
        #expect(!a["县2"].outcomes.contains("一票否决"))
    }

    @Test func criticismAboveFivePercentOnly() throws {
        let a = try assess([Fixture.county(1, ["漏报率": "5.00"]), Fixture.county(2, ["漏报率": "5.01"])])
        #expect(!a["县1"].outcomes.contains("通报批评"))
        let d = try #require(a["县2"].decision("通报批评"))
        #expect(d.grounds.map(\.item) == ["（一）"])
        #expect(d.grounds[0].readings.first?.shown == "5.01%")
    }

    /// 综合得分低于总分的80%且连续两年排名末位 → 不予提拔: exactly 80 is not below.
    @Test func noPromotionBelowEightyPercentForTwoYears() throws {
        // 长效 and 社会抚养费 each 10 points short (each item floors at 0) → 80; 自然增长率 0.001 above its
        // target of 7 costs 0.01 more (1 point per 0.1) → 79.99.
        func last(_ growth: String) -> [String: String] {
            Fixture.county(9, ["长效避孕措施落实率": "75", "长效避孕措施落实率目标": "85", "社会抚养费征收到位率": "80",
                               "社会抚养费征收到位率目标": "90", "自然增长率": growth])
        }
        for (long, expected) in [("7.000", false), ("7.001", true)] {
            let history = MemoryHistory()
            try Fixture.assess(rules, [Fixture.county(1), Fixture.county(2), last("70")], "2024", history: history)
            let a = try Fixture.assess(rules, [Fixture.county(1), Fixture.county(2), last(long)], "2025", history: history, save: false)
            let county = a["县9"]
            #expect(abs(county.score - (expected ? 79.99 : 80)) < 1e-9)
            #expect(county.rankFromBottom == 1)
            #expect(county.outcomes.contains("不予提拔") == expected, "score \(county.score)")
            if expected {
                let g = try #require(county.decision("不予提拔")?.grounds.first)
                #expect(g.readings.contains { $0.period == Period(year: 2024, kind: .year) && $0.name == "得分" })
            }
        }
    }

    @Test func twoPeriodsAreNotTwoYears() throws {
        let xml = """
        <考核办法 名称="测试" 总分="100">
          <地区 代码="行政区划代码" 名称="名称"/>
          <情况 名称="严重滞后"/>
          <决定 结果="连续两期滞后" 条件="严重滞后 != '否'" 连续="2期"/>
          <决定 结果="连续两年滞后" 条件="严重滞后 != '否'" 连续="2年"/>
        </考核办法>
        """
        let rules = try Fixture.compile(xml)
        let late = [Fixture.county(1, ["严重滞后": "党政线"]), Fixture.county(2)]
        let history = MemoryHistory()
        try Fixture.assess(rules, late, "2025-05", history: history)
        let june = try Fixture.assess(rules, late, "2025-06", history: history, save: false)
        #expect(june["县1"].outcomes == ["连续两期滞后"])
        #expect(june["县2"].outcomes.isEmpty)
        let g = try #require(june["县1"].decision("连续两期滞后")?.grounds.first)
        #expect(g.readings.contains { $0.period == Period(year: 2025, kind: .month, index: 5) && $0.shown == "党政线" })
        // The year condition is explained: no annual record for 2024 (monthly ones do not count).
        #expect(june["县1"].unreported.contains { $0.notes.contains("2024年无考核记录") })

        // With the annual 2024 stored, 2025 (annual) holds for both.
        let years = MemoryHistory()
        try Fixture.assess(rules, late, "2024", history: years)
        let year = try Fixture.assess(rules, late, "2025", history: years, save: false)
        #expect(year["县1"].outcomes == ["连续两期滞后", "连续两年滞后"])

        // The example's veto (四) needs two annual records: monthly 2024-12 does not count.
        let monthly = MemoryHistory()
        let example = try Fixture.rules()
        try Fixture.assess(example, late, "2024-12", history: monthly)
        let noVeto = try Fixture.assess(example, late, "2025", history: monthly, save: false)
        #expect(!noVeto["县1"].outcomes.contains("一票否决"))
        #expect(noVeto["县1"].outcomes.contains("诫勉谈话"))
    }

    /// Reference competition ranking from the bottom, written out plainly.
    func fromBottom(_ scores: [Double]) -> [Int] {
        scores.map { s in scores.filter { $0 < s - 1e-9 }.count + 1 + 0 }.enumerated().map { i, _ in
            scores.count - scores.filter { $0 > scores[i] + 1e-9 }.count - scores.filter { abs($0 - scores[i]) < 1e-9 }.count + 1
        }
    }

    @Test func tiesAtTheYellowCardBoundaryBothGetIt() throws {
        // Deductions on 长效 then 社会抚养费 (1 point per point short, each at most 10) give scores
        // 100, 98, 96, 94, 90, 90, 85, 80.
        let shortfalls = [0.0, 2, 4, 6, 10, 10, 15, 20]
        var rows = shortfalls.enumerated().map { i, s in
            Fixture.county(i + 1, ["长效避孕措施落实率": String(85 - min(s, 10)), "社会抚养费征收到位率": String(90 - (s - min(s, 10)))])
        }
        rows.append(Fixture.county(20, group: "安平市", ["长效避孕措施落实率": "50"]))
        let a = try assess(rows, "2025-06")
        let scores = shortfalls.map { 100 - $0 }
        let bottom = fromBottom(scores)
        #expect(bottom[4] == 3 && bottom[5] == 3)
        for (i, s) in scores.enumerated() {
            let county = a["县\(i + 1)"]
            #expect(county.score == s)
            let place = try #require(county.rankings.first { $0.name == "州内排名" })
            #expect(place.rankFromBottom == bottom[i])
            #expect(place.rankedCount == 8)
            #expect(county.outcomes.contains("黄牌") == (bottom[i] <= 3), "\(county.name) \(s)")
            #expect(county.outcomes.contains("流动红旗") == (scores.filter { $0 > s }.count + 1 <= 3))
        }
        #expect(a["县5"].rankings.first { $0.name == "州内排名" }?.rank == 5)
        #expect(a["县20"].rankings.first { $0.name == "州内排名" }?.rankedCount == 1)
        // Annual decisions do not apply to a month.
        #expect(!a.jurisdictions.contains { $0.outcomes.contains("表彰") || $0.outcomes.contains("黄牌警告") })
    }

    @Test func precedenceDropsCriticismAndAdmonitionUnderAVeto() throws {
        let a = try assess([Fixture.county(1, ["出生率": "13.50", "漏报率": "6", "严重滞后": "党政线"]),
                            Fixture.county(2, ["漏报率": "6", "严重滞后": "党政线"])])
        let vetoed = a["县1"]
        #expect(vetoed.outcomes.contains("一票否决"))
        #expect(!vetoed.outcomes.contains("通报批评") && !vetoed.outcomes.contains("诫勉谈话"))
        #expect(Set(vetoed.excluded.map(\.outcome)) == ["通报批评", "诫勉谈话"])
        for d in vetoed.excluded {
            #expect(d.excludedBy == "一票否决")
            #expect(d.explanation.contains("已因“一票否决”排除"))
        }
        #expect(a["县2"].outcomes.contains("通报批评") && a["县2"].outcomes.contains("诫勉谈话"))
        #expect(a["县2"].excluded.isEmpty)
    }

    @Test func missingFigureInEachMode() throws {
        // 视为情形: the veto's （一） holds because 符合政策生育率 is 未报.
        let a = try assess([Fixture.county(1, ["符合政策生育率": ""]), Fixture.county(2, ["长效避孕措施落实率": ""])])
        let g = try #require(a["县1"].decision("一票否决")?.grounds.first)
        #expect(g.becauseMissing)
        #expect(g.readings.contains { $0.name == "符合政策生育率" && $0.shown == "未报" && $0.row == 2 })
        // 不适用: 表彰 is not given and the case is listed as 未报; scoring gives the item its 最低 (0 of 10).
        let b = a["县2"]
        #expect(!b.outcomes.contains("表彰"))
        #expect(b.unreported.contains { $0.summary.contains("完成人口和计划生育责任目标") && $0.notes.contains { $0.contains("不适用") } })
        #expect(b.unreported.contains { $0.summary.contains("长效避孕措施落实率") })
        #expect(b.score == 90)
        // 报错 (the default): 漏报率 empty stops the run at its row and column.
        do {
            _ = try assess([Fixture.county(1), Fixture.county(2, ["漏报率": ""])])
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            let d = try #require(error.diagnostics.first)
            #expect(d.id == "data-unreported")
            #expect(d.dataLocation?.row == 3 && d.dataLocation?.field == "漏报率")
            #expect(d.message.contains("县2") && d.message.contains("第六条"))
        }
    }

    @Test func comparisonsTolerateBinaryRounding() throws {
        let xml = """
        <考核办法 名称="测试" 总分="100">
          <地区 代码="行政区划代码" 名称="名称"/>
          <指标 名称="漏报率"/>
          <决定 结果="差三" 条件="90.00 - 87.00 ge 3 and 0.1 + 0.2 == 0.3"/>
          <决定 结果="高于五" 条件="漏报率 gt 5"/>
        </考核办法>
        """
        let rules = try Fixture.compile(xml)
        let a = try Fixture.assess(rules, [Fixture.county(1, ["漏报率": "5.00"]), Fixture.county(2, ["漏报率": "5.01"])], "2025",
                                   history: MemoryHistory(), save: false)
        #expect(a["县1"].outcomes == ["差三"])
        #expect(a["县2"].outcomes == ["差三", "高于五"])
    }
}
