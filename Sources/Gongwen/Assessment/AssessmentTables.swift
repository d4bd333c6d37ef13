import Foundation
import GongwenAssess

/// A period's assessment as the two tables an office reads: one row per jurisdiction (scores, rank,
/// decisions) and one row per decision with its explanation. The .xlsx, the .csv and the HTML report
/// all show these same rows, so the three never disagree.
public enum AssessmentTables {
    /// 考核结果: 名次 first, as a ranking is read; jurisdictions in rank order, ties in data order.
    public static func results(_ a: PeriodAssessment) -> [[Workbook.Cell]] {
        let categories = a.jurisdictions.first?.categoryScores.map(\.name) ?? []
        var rows: [[Workbook.Cell]] = [
            (["名次", "倒数名次", "参评数", "行政区划代码", "名称", "所属"] + categories.map { "\($0)得分" }
                + ["综合得分", "决定", "未适用的决定", "未报", "数据行"]).map(Workbook.Cell.text)
        ]
        for j in ranked(a) {
            var row: [Workbook.Cell] = [.number(Double(j.rank)), .number(Double(j.rankFromBottom)), .number(Double(j.rankedCount)),
                                        .text(j.code), .text(j.name), .text(j.prefecture)]
            for name in categories {
                row.append(j.categoryScores.first { $0.name == name }.map { .number(rounded($0.score)) } ?? .empty)
            }
            row.append(.number(rounded(j.score)))
            row.append(.text(j.decisions.map(\.outcome).joined(separator: "、")))
            row.append(.text(j.excluded.map { "\($0.outcome)（因\($0.excludedBy ?? "")不适用）" }.joined(separator: "、")))
            // 未报 is never silent: what was missing and what it cost (an item scored at its 最低, a case not applied).
            row.append(.text(j.unreported.map(\.explanation).joined(separator: "；")))
            row.append(.number(Double(j.row)))
            rows.append(row)
        }
        return rows
    }

    /// 决定: one row per decision reached, with the article, what held and the figures read.
    public static let decisionHeaders = ["行政区划代码", "名称", "所属", "决定", "条款", "情形", "依据（指标、数值、目标、阈值、数据位置）",
                                         "有效期至", "跟踪否决", "综合得分", "名次"]

    public static func decisions(_ a: PeriodAssessment, order: [String] = []) -> [[Workbook.Cell]] {
        var rows: [[Workbook.Cell]] = [decisionHeaders.map(Workbook.Cell.text)]
        // Grouped by outcome, in the rules' order (一票否决 first), jurisdictions in data order within each.
        for outcome in outcomeOrder(a, rules: order) {
            for index in a.jurisdictions.indices where a.jurisdictions[index].has(outcome) {
                let j = a.jurisdictions[index]
                for d in j.decisions where d.outcome == outcome {
                rows.append([
                    .text(j.code), .text(j.name), .text(j.prefecture), .text(d.outcome), .text(d.article),
                    .text(d.grounds.map { [$0.item, $0.summary].joined() }.joined(separator: "；")),
                    .text(d.grounds.map(basis).joined(separator: "；")),
                    d.inForceUntil.map(Workbook.Cell.text) ?? .empty,
                    .text(d.trackedLeaders.map { "\($0.role)\($0.name)（现\($0.now.isEmpty ? "不在本期数据中" : $0.now)）" }.joined(separator: "；")),
                    .number(rounded(j.score)), .number(Double(j.rank)),
                ])
                }
            }
        }
        return rows
    }

    /// What a case read, without repeating its words (the 情形 column has them): `（一）出生率 13.90‰（目标 13.50‰）（2024.xlsx 第16行）`.
    static func basis(_ ground: Ground) -> String {
        ground.item + ExplanationText.detail(ground)
    }

    /// Jurisdictions by rank, ties in the order of the data.
    static func ranked(_ a: PeriodAssessment) -> [JurisdictionResult] {
        a.jurisdictions.enumerated().sorted { ($0.element.group, $0.element.rank, $0.offset) < ($1.element.group, $1.element.rank, $1.offset) }
            .map(\.element)
    }

    /// Scores as the office reads them: two decimals.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Counts of each outcome, in the rules' order: the summary line of the report.
    public static func outcomeCounts(_ a: PeriodAssessment, order: [String] = []) -> [(outcome: String, count: Int)] {
        var counts: [String: Int] = [:]
        for j in a.jurisdictions { for d in j.decisions { counts[d.outcome, default: 0] += 1 } }
        return outcomeOrder(a, rules: order).map { ($0, counts[$0]!) }
    }

    /// The outcomes reached: in the rules' order (`rules`, AssessmentRules.outcomes) when given, then any
    /// other in the order first met.
    static func outcomeOrder(_ a: PeriodAssessment, rules: [String]) -> [String] {
        var reached: [String] = []
        for j in a.jurisdictions { for d in j.decisions where !reached.contains(d.outcome) { reached.append(d.outcome) } }
        return rules.filter(reached.contains) + reached.filter { !rules.contains($0) }
    }
}
