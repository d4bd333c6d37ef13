import Foundation
import GongwenModel

/// Explanations: the readings of a case that held, with the value as written and its unit, the
/// target, the row, the column header and the file. Built only for cases that hold, so that
/// formatting costs nothing for the thousands of rows no rule touches.
extension AssessmentRun {
    func ground(_ c: CaseRule, _ i: Int, becauseMissing: Bool) -> Ground {
        let readings = readings(of: c.condition, subjects[i], data.rows[i], in: period, file: data.fileName)
        return Ground(item: c.item, summary: c.summary, condition: c.condition.source, readings: readings,
                      thresholds: c.condition.thresholds, becauseMissing: becauseMissing)
    }

    func readings(of condition: Condition, _ subject: Subject, _ row: PeriodData.Row, in period: Period, file: String) -> [Reading] {
        var out: [Reading] = []
        func add(_ r: Reading) { if !out.contains(r) { out.append(r) } }
        _ = condition.evaluate(subject, indicators: rules.indicators) { ref, name, value in
            switch ref {
            case .value(let k), .target(let k), .gap(let k), .met(let k):
                let ind = self.rules.indicators[k]
                if case .target = ref {} else {
                    add(Reading(name: ind.name, shown: self.shown(row.valueTexts[k], ind.unit), period: period, row: row.number, column: ind.column, file: file))
                }
                if case .value = ref {} else {
                    add(Reading(name: "\(ind.name).目标", shown: self.shown(row.targetTexts[k], ind.unit), period: period,
                                row: row.number, column: ind.targetColumn, file: file))
                }
                if case .gap = ref, case .number(let g) = value {
                    add(Reading(name: name, shown: Self.format(g) + (ind.unit == "%" ? "个百分点" : ind.unit), period: period))
                }
                if case .met = ref, case .bool(let b) = value {
                    add(Reading(name: name, shown: b ? "已完成" : "未完成", period: period))
                }
            case .fact(let k):
                add(Reading(name: name, shown: row.texts[k] ?? "未报", period: period, row: row.number, column: self.rules.facts[k].column, file: file))
            default:
                add(Reading(name: name, shown: Self.shown(ref, value), period: period))
            }
        }
        return out
    }

    func shown(_ text: String, _ unit: String) -> String {
        if text.isEmpty { return "未报" }
        if unit.isEmpty || unit == "比值" || text.hasSuffix(unit) { return text }
        return text + unit
    }

    static func shown(_ ref: Condition.Ref, _ value: ConditionValue) -> String {
        switch value {
        case .missing: return "未报"
        case .text(let t): return t
        case .bool(let b): return b ? "是" : "否"
        case .number(let x):
            switch ref {
            case .rank(_, .rank): return "第\(Int(x))名"
            case .rank(_, .fromBottom): return "倒数第\(Int(x))名"
            case .rank(_, .count): return "\(Int(x))个"
            case .rate: return format(x * 100) + "%"
            default: return format(x)
            }
        }
    }

    static func format(_ x: Double) -> String {
        String(format: "%.2f", x)
    }

    /// The column of a figure that was missing (for the 报错 message).
    func column(of ref: Condition.Ref, missingIn row: PeriodData.Row) -> String? {
        switch ref {
        case .value(let k): return rules.indicators[k].column
        case .target(let k): return rules.indicators[k].targetColumn
        case .gap(let k), .met(let k):
            return row.values[k] == nil ? rules.indicators[k].column : rules.indicators[k].targetColumn
        case .fact(let k): return rules.facts[k].column
        default: return nil
        }
    }
}
