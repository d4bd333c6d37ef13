import Foundation
import GongwenAssess
@testable import GongwenHistory

/// A fresh folder per test, removed by the caller's `defer`.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-history-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func store(in folder: String, _ name: String = "考核历史.sqlite") throws -> SQLiteHistory {
    try SQLiteHistory(path: (folder as NSString).appendingPathComponent(name))
}

/// One period's assessment with everything a real one carries: figures with targets and units,
/// category scores, leaders, decisions with grounds and readings of earlier periods, an excluded
/// decision, a veto in force for 12 months. `variant` changes names and decisions so that a
/// replacement is distinguishable from what it replaced.
func sample(_ period: Period, count: Int = 5, variant: Int = 0, decisionDate: String? = nil) -> PeriodAssessment {
    let date = decisionDate ?? PastResults.iso(period.lastDay)
    let jurisdictions = (0..<count).map { i -> JurisdictionResult in
        let code = String(format: "43%04d", i)
        var decisions: [Decision] = []
        var excluded: [Decision] = []
        if (i + variant) % 3 == 0 {
            decisions.append(Decision(outcome: "一票否决", article: "第五条", grounds: [
                Ground(item: "（一）", summary: "未完成上级下达的人口计划", condition: "出生率 gt 出生率.目标",
                       readings: [Reading(name: "出生率", shown: "14.62‰", period: period, row: i + 2, column: "出生率", file: "指标.xlsx"),
                                  Reading(name: "严重滞后", shown: "党政线", period: period.previous)],
                       thresholds: ["3"], becauseMissing: i % 2 == 0),
            ], inForceUntil: PastResults.twelveMonthsAfter(date),
               trackedLeaders: [TrackedLeader(role: "党委书记", name: "李\(i)", now: "东山县 政府主要负责人")]))
            excluded.append(Decision(outcome: "通报批评", article: "第六条", grounds: [], excludedBy: "一票否决"))
        }
        if (i + variant) % 2 == 1 {
            decisions.append(Decision(outcome: "黄牌", article: "第二条", grounds: [
                Ground(item: "", summary: "后三名", condition: "倒数名次 le 3", readings: [], thresholds: ["3"]),
            ]))
        }
        return JurisdictionResult(
            code: code, name: "县\(i)-\(variant)", group: i % 2 == 0 ? "龙溪州" : "", row: i + 2,
            figures: ["出生率": Figure(text: "\(12 + Double(i) / 100)‰", value: 12 + Double(i) / 100, target: 13, unit: "‰",
                                    column: "出生率", targetColumn: "出生率目标"),
                      "重大恶性案件": Figure(text: i % 4 == 0 ? "是" : "否", value: nil, column: "重大恶性案件"),
                      "漏报率": Figure(text: "", value: nil, unit: "%", column: "漏报率")],
            categoryScores: [CategoryScore(name: "人口计划", score: 38.25 - Double(i) * 0.1, weight: 40),
                             CategoryScore(name: "基础工作", score: 1.0 / 3.0, weight: 60)],
            score: 90.1 - Double(i) * 0.7 + Double(variant), rank: i + 1, rankFromBottom: count - i, rankedCount: count,
            leaders: [Leader(role: "党委书记", name: "李\(i)"), Leader(role: "政府主要负责人", name: "王\(i + variant)")],
            decisions: decisions, excluded: excluded)
    }
    return PeriodAssessment(period: period, rulesName: "南岭省人口和计划生育责任目标考核", rulesDigest: "sha256:ab12",
                            decisionDate: date, dataFile: "\(period).xlsx", total: 100, jurisdictions: jurisdictions)
}

func month(_ year: Int, _ m: Int) -> Period { Period(year: year, kind: .month, index: m) }
