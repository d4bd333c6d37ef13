import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// The shipped 南岭省 rules: they compile, and their categories and decisions are the ones the design lists.
@Suite struct ExampleRulesTests {
    @Test func compiles() throws {
        let rules = try Fixture.rules()
        #expect(rules.total == 100)
        #expect(rules.categories.reduce(0) { $0 + $1.weight } == 100)
        let double = try #require(rules.categories.first { $0.name == "双降" })
        #expect(Set(double.items.map { rules.indicators[$0.indicator].name }) == ["出生率", "出生人口性别比"])
        #expect(rules.outcomes == ["一票否决", "通报批评", "诫勉谈话", "表彰", "重点管理", "黄牌警告", "两年内不得提拔",
                                   "优先提拔", "不予提拔", "流动红旗", "黄牌"])
        let veto = rules.decisions[0]
        #expect(veto.validMonths == 12 && veto.tracksLeaders && veto.kinds == [.year])
        #expect(Set(veto.excludes) == ["通报批评", "诫勉谈话", "表彰", "优先提拔"])
        #expect(rules.documents.map(\.template) == ["一票否决决定", "通报批评", "诫勉谈话通知", "动态综合排名通报", "表彰通报"])
        #expect(rules.documents[3].outcomes == ["流动红旗", "黄牌"])
        #expect(rules.documents[0].fields.first { $0.name == "抄送机关" }?.values.count == 3)
    }

    @Test func fullMarksWhenEveryTargetIsMet() throws {
        let a = try Fixture.assess(try Fixture.rules(), [Fixture.county(1), Fixture.county(2)], "2025", history: MemoryHistory(), save: false)
        #expect(a["县1"].score == 100)
        #expect(a["县1"].outcomes.contains("表彰"))
        #expect(!a["县1"].outcomes.contains("一票否决"))
    }

    @Test func acceptsUnitsInCells() throws {
        let rows = [Fixture.county(1, ["出生率": "12.85‰", "符合政策生育率": "93.5%"])]
        let a = try Fixture.assess(try Fixture.rules(), rows, "2025", history: MemoryHistory(), save: false)
        #expect(a["县1"].figures["出生率"]?.value == 12.85)
        #expect(a["县1"].figures["符合政策生育率"]?.value == 93.5)
    }
}

/// Results stored before `rankings`, `unreported` and `Ground.notes` existed still decode.
@Suite struct CodableCompatibilityTests {
    @Test func decodesResultsWithoutTheNewFields() throws {
        let rows = [Fixture.county(1, ["出生率": "13.50"]), Fixture.county(2)]
        let a = try Fixture.assess(try Fixture.rules(), rows, "2025", history: MemoryHistory(), save: false)
        #expect(!a["县1"].rankings.isEmpty)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(a)) as! [String: Any]
        var jurisdictions = json["jurisdictions"] as! [[String: Any]]
        for k in jurisdictions.indices {
            jurisdictions[k]["rankings"] = nil
            jurisdictions[k]["unreported"] = nil
            var decisions = jurisdictions[k]["decisions"] as! [[String: Any]]
            for d in decisions.indices {
                decisions[d]["grounds"] = (decisions[d]["grounds"] as! [[String: Any]]).map { g in var g = g; g["notes"] = nil; return g }
            }
            jurisdictions[k]["decisions"] = decisions
        }
        json["jurisdictions"] = jurisdictions
        let old = try JSONDecoder().decode(PeriodAssessment.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old["县1"].rankings.isEmpty && old["县1"].unreported.isEmpty)
        #expect(old["县1"].decisions.map(\.outcome) == a["县1"].decisions.map(\.outcome))
        #expect(old["县1"].score == a["县1"].score)
    }
}
