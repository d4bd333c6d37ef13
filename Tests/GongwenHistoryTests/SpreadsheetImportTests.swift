import Foundation
import GongwenAssess
@testable import GongwenHistory
import Testing

@Suite struct SpreadsheetImportTests {
    let header = "期别,行政区划代码,名称,所属市州,得分,名次,结果,有效期至,书记,行政首长,分管领导,出生率,严重滞后"

    func write(_ rows: [String], in folder: String, _ name: String = "往年结果.csv") throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func pastYearsBecomePeriods() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write([
            "2023,430101,甲县,龙溪州,88.5,1,,,李一,王一,张一,12.5‰,否",
            "2023,430102,乙县,龙溪州,67.2,2,黄牌警告、通报批评,,李二,王二,,14.62‰,党政线",
            "2023,430103,丙县,青山州,67.2,2,一票否决,,李三,王三,,,党政线",
            "2023,430104,丁县,青山州,64.0,4,一票否决；诫勉谈话,2024-06-30,李四,王四,,13,否",
            "2024年,430101,甲县,龙溪州,90,1,,,李三,王一,张一,12.1‰,否",
            "2024,430102,乙县,龙溪州,80,2,,,李二,王二,,12.2‰,否",
        ], in: folder)
        let history = try store(in: folder)
        let saved = try history.import(from: path)
        #expect(saved == [Period(year: 2023, kind: .year), Period(year: 2024, kind: .year)])

        let y2023 = try #require(try history.assessment(of: Period(year: 2023, kind: .year)))
        #expect(y2023.decisionDate == "2023-12-31")
        #expect(y2023.dataFile == "往年结果.csv")
        #expect(y2023.jurisdictions.map(\.code) == ["430101", "430102", "430103", "430104"])
        // 名次 1, 2, 2, 4 → from the bottom 4, 2, 2, 1; 参评数 4.
        #expect(y2023.jurisdictions.map(\.rankFromBottom) == [4, 2, 2, 1])
        #expect(y2023.jurisdictions.allSatisfy { $0.rankedCount == 4 })
        let yi = y2023.jurisdictions[1]
        #expect(yi.decisions.map(\.outcome) == ["黄牌警告", "通报批评"])
        #expect(yi.group == "龙溪州")
        #expect(yi.row == 3)
        #expect(yi.leaders == [Leader(role: "党委书记", name: "李二"), Leader(role: "政府主要负责人", name: "王二")])
        #expect(yi.figures["出生率"] == Figure(text: "14.62‰", value: 14.62, unit: "‰", column: "出生率"))
        #expect(yi.figures["严重滞后"]?.text == "党政线")
        #expect(yi.figures["严重滞后"]?.value == nil)
        #expect(y2023.jurisdictions[2].figures["出生率"]?.isMissing == true)
        // A veto without 有效期至 lasts 12 months from the decision date; one with it, as given.
        #expect(y2023.jurisdictions[2].decisions.first?.inForceUntil == "2024-12-31")
        #expect(y2023.jurisdictions[3].decisions.map(\.inForceUntil) == ["2024-06-30", "2024-06-30"])
        #expect(try history.decisionsInForce(outcome: "一票否决", on: "2024-07-01").map(\.code) == ["430103"])
        #expect(try history.posts(ofLeader: "李三").map(\.code) == ["430103", "430101"])
    }

    @Test func badPeriodIsLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write([
            "2024-12,430101,甲县,龙溪州,88.5,1,,,李一,王一,张一,12.5,否",
            "2024-12,430102,乙县,龙溪州,80,2,,,李二,王二,,12.5,否",
            "2024-12,430103,丙县,龙溪州,80,3,,,李二,王二,,12.5,否",
            "2024-12,430104,丁县,龙溪州,80,4,,,李二,王二,,12.5,否",
            "2024-12,430105,戊县,龙溪州,80,5,,,李二,王二,,12.5,否",
            "2024年13月,430106,己县,龙溪州,80,6,,,李二,王二,,12.5,否",
        ], in: folder)
        let history = try store(in: folder)
        do {
            try history.import(from: path)
            Issue.record("imported a bad 期别")
        } catch let error as HistoryError {
            #expect(error.message == "往年结果.csv: 第7行 “期别”: 无法识别的期别 ‘2024年13月’")
        }
        #expect(try history.allPeriods().isEmpty)
    }

    @Test func otherErrorsAreLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try store(in: folder)
        let notNumber = try write(["2024,430101,甲县,,八十,1,,,,,,,"], in: folder, "a.csv")
        do { try history.import(from: notNumber); Issue.record("imported") } catch let error as HistoryError {
            #expect(error.message == "a.csv: 第2行 “得分”: 不是数字 ‘八十’ / not a number")
        }
        let duplicate = try write(["2024,430101,甲县,,80,1,,,,,,,", "2024,430101,甲县,,80,1,,,,,,,"], in: folder, "b.csv")
        do { try history.import(from: duplicate); Issue.record("imported") } catch let error as HistoryError {
            #expect(error.message.hasPrefix("b.csv: 第3行 “行政区划代码”"))
            #expect(error.message.contains("第2行"))
        }
        let missing = (folder as NSString).appendingPathComponent("c.csv")
        try "期别,名称,得分,名次\n2024,甲县,80,1\n".write(toFile: missing, atomically: true, encoding: .utf8)
        do { try history.import(from: missing); Issue.record("imported") } catch let error as HistoryError {
            #expect(error.message.hasPrefix("c.csv: 第1行：缺少“行政区划代码”列"))
        }
        // A gap between the sheet's periods: the order rule, and nothing saved.
        let gap = try write(["2022,430101,甲县,,80,1,,,,,,,", "2024,430101,甲县,,80,1,,,,,,,"], in: folder, "d.csv")
        do { try history.import(from: gap); Issue.record("imported") } catch let error as HistoryError {
            #expect(error.kind == .outOfOrder)
            #expect(error.message.hasPrefix("d.csv："))
        }
        #expect(try history.allPeriods().isEmpty)
    }
}
