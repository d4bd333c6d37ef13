import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// Rules that read the history: 有效期 (第八条: one year from the decision), 跟踪否决 both ways, 连续.
@Suite struct HistoryRuleTests {
    let rules: AssessmentRules

    init() throws { rules = try Fixture.rules() }

    @Test func vetoStaysInForceForTwelveMonthsFromTheDecision() throws {
        let vetoed = Fixture.county(1, ["重大恶性案件": "是"])
        let base = MemoryHistory()
        let decided = try Fixture.assess(rules, [vetoed, Fixture.county(2)], "2024", date: "2025-01-15", history: base)
        #expect(decided["县1"].decision("一票否决")?.inForceUntil == "2026-01-14")

        // The next year县1 meets every target: 表彰 only once the veto has run out.
        let clean = [Fixture.county(1), Fixture.county(2)]
        for (date, inForce) in [("2026-01-14", true), ("2026-01-15", false)] {
            let a = try Fixture.assess(rules, clean, "2025", date: date, history: base, save: false)
            #expect(a["县1"].outcomes.contains("表彰") == !inForce, "decided \(date)")
            #expect(a["县2"].outcomes.contains("表彰"))
        }
    }

    @Test func trackedVetoListsLeadersWhoLeftThePost() throws {
        let history = MemoryHistory()
        // January 2026 (stored before the annual decision of 2025 is made): 书记1 now leads 县2.
        try Fixture.assess(rules, [Fixture.county(1, ["书记": "李四"]), Fixture.county(2, ["书记": "书记1"])], "2026-01", history: history)
        let a = try Fixture.assess(rules, [Fixture.county(1, ["重大恶性案件": "是"]), Fixture.county(2)], "2025", date: "2026-02-10",
                                   history: history, save: false)
        let veto = try #require(a["县1"].decision("一票否决"))
        #expect(veto.inForceUntil == "2027-02-09")
        #expect(veto.trackedLeaders.count == 1)
        let moved = try #require(veto.trackedLeaders.first)
        #expect(moved.role == "党委书记" && moved.name == "书记1")
        #expect(moved.now.contains("县2") && moved.now.contains("党委书记"))
    }

    @Test func trackedVetoFindsTheLeaderInThisPeriodsData() throws {
        // The sheet already lists 县1's 分管 leader as 县2's 行政首长: he has left the post.
        let a = try Fixture.assess(rules, [Fixture.county(1, ["严重弄虚作假": "是"]), Fixture.county(2, ["行政首长": "副县长1"])],
                                   "2025", history: MemoryHistory(), save: false)
        let veto = try #require(a["县1"].decision("一票否决"))
        #expect(veto.grounds.map(\.item) == ["（三）"])
        #expect(veto.trackedLeaders == [TrackedLeader(role: "分管负责人", name: "副县长1", now: "县2政府主要负责人")])
        // Nobody moved: nothing tracked.
        let b = try Fixture.assess(rules, [Fixture.county(1, ["严重弄虚作假": "是"]), Fixture.county(2)], "2025",
                                   history: MemoryHistory(), save: false)
        #expect(b["县1"].decision("一票否决")?.trackedLeaders.isEmpty == true)
    }

    @Test func aLeaderUnderAVetoTakesItToTheNewCounty() throws {
        let history = MemoryHistory()
        try Fixture.assess(rules, [Fixture.county(1, ["重大恶性案件": "是"]), Fixture.county(2), Fixture.county(3)], "2024",
                           date: "2025-02-10", history: history)
        // 2025: 县1's former 书记 now leads 县2; every county meets every target.
        let a = try Fixture.assess(rules, [Fixture.county(1, ["书记": "新书记"]), Fixture.county(2, ["书记": "书记1"]), Fixture.county(3)],
                                   "2025", history: history, save: false)
        #expect(!a["县1"].outcomes.contains("表彰"))  // 在期内
        #expect(!a["县2"].outcomes.contains("表彰"))  // 负责人在期内
        #expect(a["县3"].outcomes.contains("表彰"))
        // Without the move 县2 is commended.
        let b = try Fixture.assess(rules, [Fixture.county(1), Fixture.county(2), Fixture.county(3)], "2025", history: history, save: false)
        #expect(b["县2"].outcomes.contains("表彰"))
    }

    @Test func twoYearsOfYellowCardsAndThreeYearsOfCommendation() throws {
        let history = MemoryHistory()
        // Six counties: 县6 is last every year (yellow card, 后五位 → all but the first get one).
        let rows = (1...6).map { i in Fixture.county(i, ["长效避孕措施落实率": String(85 - Double(i))]) }
        try Fixture.assess(rules, rows, "2023", history: history)
        let y2024 = try Fixture.assess(rules, rows, "2024", history: history)
        #expect(y2024["县6"].outcomes.contains("两年内不得提拔"))
        let y2025 = try Fixture.assess(rules, rows, "2025", history: history, save: false)
        // 后五位 of six: 县2…县6, every year → 两年内不得提拔 for them, not for 县1.
        for i in 2...6 { #expect(y2025["县\(i)"].outcomes.contains("两年内不得提拔")) }
        #expect(!y2025["县1"].outcomes.contains("黄牌警告"))
        // 表彰 needs every target met: 长效 short by i points misses its target for all; so no 优先提拔.
        #expect(!y2025.jurisdictions.contains { $0.outcomes.contains("优先提拔") })

        // Three years of commendation and 前三分之一: 县1 and 县2 of six (名次 ≤ 2).
        let good = MemoryHistory()
        let clean = (1...6).map { i in Fixture.county(i, ["自然增长率": String(format: "%.2f", 6.5 + 0.02 * Double(i))]) }
        try Fixture.assess(rules, clean, "2023", history: good)
        try Fixture.assess(rules, clean, "2024", history: good)
        let c = try Fixture.assess(rules, clean, "2025", history: good, save: false)
        #expect(c.jurisdictions.filter { $0.outcomes.contains("优先提拔") }.map(\.name).sorted()
                == c.jurisdictions.filter { $0.rank <= 2 }.map(\.name).sorted())
        let g = try #require(c["县1"].decision("优先提拔")?.grounds.first)
        #expect(Set(g.readings.map(\.period.year)) == [2023, 2024, 2025])
    }

    @Test func onlyThePeriodsLookedBackToAreRead() throws {
        final class CountingHistory: AssessmentHistory, @unchecked Sendable {
            let base = MemoryHistory()
            var asked: [Period] = []
            func periods(of kind: Period.Kind) throws -> [Period] { try base.periods(of: kind) }
            func assessment(of period: Period) throws -> PeriodAssessment? { asked.append(period); return try base.assessment(of: period) }
            func decisionsInForce(outcome: String, on date: String) throws -> [DecisionInForce] { try base.decisionsInForce(outcome: outcome, on: date) }
            func save(_ assessment: PeriodAssessment, replacing: Bool) throws { try base.save(assessment, replacing: replacing) }
        }
        let h = CountingHistory()
        // 县1 lags (veto （四）, 连续2年); 县2…县6 are commended and the first two are in the top third
        // (优先提拔, 连续3年).
        let rows = [Fixture.county(1, ["严重滞后": "党政线"])]
            + (2...6).map { i in Fixture.county(i, ["自然增长率": String(format: "%.2f", 6.5 + 0.02 * Double(i))]) }
        for p in ["2021", "2022", "2023", "2024"] { try Fixture.assess(rules, rows, p, history: h.base) }
        h.asked = []
        _ = try Fixture.assess(rules, rows, "2025", history: h, save: false)
        // 连续 2年 and 3年 look back to 2024 and 2023 only (never 2021, 2022), each read once.
        #expect(Set(h.asked) == [Period(year: 2024, kind: .year), Period(year: 2023, kind: .year)])
        #expect(h.asked.count == 2)
    }
}
