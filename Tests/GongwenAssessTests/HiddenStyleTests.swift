import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// A second, differently written rules file over the same kind of data: the decisions are those its text
/// implies, computed here from the data by hand (not copied from a run).
@Suite struct HiddenStyleTests {
    /// Ten counties around every threshold of 另一省考核办法.xml.
    static let rows: [[String: String]] = [
        Fixture.county(1),                                                         // all met
        Fixture.county(2, ["符合政策生育率": "89.99"]),                              // 0.01 short → veto here, not in 南岭
        Fixture.county(3, ["符合政策生育率": "90.00", "漏报率": "4.00"]),            // met exactly; 4.00 not above 4
        Fixture.county(4, ["漏报率": "4.01"]),                                      // criticism
        Fixture.county(5, ["出生率": "13.00", "流动人口信息反馈率": "86"]),           // birth rate at target; 反馈 4 short
        Fixture.county(6, ["出生率": "13.40", "漏报率": "6"]),                      // veto drops criticism
        Fixture.county(7, ["人均计生事业费": "12", "流动人口信息反馈率": "80"]),       // low score, 事业费 floor 5
        Fixture.county(8, ["人均计生事业费": "12", "流动人口信息反馈率": "80"]),       // tied with 7
        Fixture.county(9, ["流动人口信息反馈率": "88.5"]),
        Fixture.county(10, ["出生率": "14.5", "符合政策生育率": "85"]),             // both vetoes, floors
    ]

    static func number(_ row: [String: String], _ column: String) -> Double { Double(row[column]!)! }

    /// The score the file's text gives (each item: full at target, else 扣 per 每差 short, not below 最低).
    static func score(_ r: [String: String]) -> Double {
        func item(_ gap: Double, full: Double, per: Double, deduct: Double, floor: Double = 0) -> Double {
            gap <= 1e-9 ? full : max(floor, full - deduct * gap / per)
        }
        let feedback = item(max(0, number(r, "反馈率目标") - number(r, "流动人口信息反馈率")), full: 25, per: 1, deduct: 2.5)
        let money = item(max(0, number(r, "人均计生事业费目标") - number(r, "人均计生事业费")), full: 25, per: 2, deduct: 5, floor: 5)
        let birth = item(max(0, number(r, "出生率") - number(r, "出生率目标")), full: 40, per: 0.2, deduct: 2, floor: 10)
        let policy = item(max(0, number(r, "符合政策生育率目标") - number(r, "符合政策生育率")), full: 30, per: 0.5, deduct: 3)
        return feedback + money + birth + policy
    }

    @Test func decisionsAreTheOnesTheTextImplies() throws {
        let rules = try Fixture.rules(Fixture.otherRules)
        let a = try Fixture.assess(rules, Self.rows, "2025", history: MemoryHistory(), save: false)
        let scores = Self.rows.map(Self.score)
        let rounded = scores.map { ($0 * 100).rounded() }
        for (i, r) in Self.rows.enumerated() {
            let name = r["名称"]!
            let j = a[name]
            #expect(abs(j.score - scores[i]) < 1e-9, "\(name)")
            let veto = Self.number(r, "出生率") > Self.number(r, "出生率目标") + 1e-9
                || Self.number(r, "符合政策生育率") < Self.number(r, "符合政策生育率目标") - 1e-9
            let criticism = Self.number(r, "漏报率") > 4 + 1e-9
            let fromBottom = Self.rows.count - rounded.filter { $0 > rounded[i] }.count - rounded.filter { $0 == rounded[i] }.count + 1
            let yellow = fromBottom <= 2
            let commended = scores[i] / 120 >= 0.9 - 1e-9 && !veto
            var expected: [String] = []
            if veto { expected.append("一票否决") }
            if criticism && !veto { expected.append("通报批评") }
            if yellow { expected.append("黄牌") }
            if commended { expected.append("表彰") }
            #expect(j.outcomes == expected, "\(name): score \(scores[i]), from bottom \(fromBottom)")
            #expect(j.excluded.map(\.outcome) == (criticism && veto ? ["通报批评"] : []), "\(name)")
        }
        // The two rule files disagree where their texts do: 0.01 short is a veto here, not under the 3-point margin.
        let south = try Fixture.assess(try Fixture.rules(), Self.rows, "2025", history: MemoryHistory(), save: false)
        #expect(a["县2"].outcomes.contains("一票否决") && !south["县2"].outcomes.contains("一票否决"))
        #expect(a["县4"].outcomes.contains("通报批评") && !south["县4"].outcomes.contains("通报批评"))
        // Ties at the 后二名 boundary: 县7 and 县8 share the bottom and both get the card.
        #expect(a["县7"].rankFromBottom == a["县8"].rankFromBottom)
    }
}
