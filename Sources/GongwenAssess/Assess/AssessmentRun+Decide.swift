import Foundation
import GongwenFormat
import GongwenModel

/// Decisions: each applicable 决定 in the order written, each 情形 evaluated (未报 as the case says,
/// 连续 against earlier periods), then precedence (排除), 有效期 and 跟踪否决.
extension AssessmentRun {
    func decide() throws(DiagnosticError) {
        let applicable = rules.decisions.filter { $0.kinds.contains(period.kind) }
        try loadInForce(for: applicable)
        decisions = Array(repeating: [], count: data.rows.count)
        excluded = Array(repeating: [], count: data.rows.count)
        // Looked up once, not per row and outcome: every read of a stored property of this class is an
        // exclusivity check, and those were 49 M instructions of the 165 M of deciding 3 periods of
        // 3,000 rows (callgrind), most of them in this per-outcome loop.
        let leadersInForce = rules.outcomes.indices.map { inForceLeaders[$0] }
        let codesInForce = rules.outcomes.indices.map { inForceCodes[$0] }
        for i in data.rows.indices {
            decideRow(i, applicable, leadersInForce, codesInForce)
            if bag.diagnostics.count >= 100 { break }
        }
        try bag.throwIfErrors()
    }

    private func decideRow(_ i: Int, _ applicable: [DecisionRule], _ leadersInForce: [[String: String]?], _ codesInForce: [Set<String>?]) {
        let row = data.rows[i]
        // Filled locally and stored once (two writes to `subjects` a row instead of two an outcome).
        var leaderFlags: [Bool?] = []
        var codeFlags: [Bool?] = []
        leaderFlags.reserveCapacity(leadersInForce.count)
        codeFlags.reserveCapacity(codesInForce.count)
        for o in leadersInForce.indices {
            leaderFlags.append(leadersInForce[o].map { leaders in row.leaders.contains { !$0.isEmpty && leaders[$0] != nil } } ?? false)
            codeFlags.append(codesInForce[o]?.contains(row.code) ?? false)
        }
        subjects[i].leaderInForce = leaderFlags
        subjects[i].inForce = codeFlags
        var reached: [(rule: DecisionRule, grounds: [Ground])] = []
        for rule in applicable {
            var grounds: [Ground] = []
            for c in rule.cases {
                if let ground = evaluateCase(c, rule, i) { grounds.append(ground) }
            }
            guard !grounds.isEmpty else { continue }
            reached.append((rule, grounds))
            let o = rule.outcomeIndex
            // Readable by later decisions unless an outcome already reached excludes it.
            let kept = keptOutcomes(reached.map(\.rule.outcomeIndex))
            for r in reached { subjects[i].outcomes[r.rule.outcomeIndex] = kept.contains(r.rule.outcomeIndex) }
            if rule.validMonths != nil, kept.contains(o) { subjects[i].inForce[o] = true }
        }
        let kept = keptOutcomes(reached.map(\.rule.outcomeIndex))
        var done: [Decision] = []
        var dropped: [Decision] = []
        for (rule, grounds) in reached {
            var decision = Decision(outcome: rule.outcome, article: rule.article, grounds: grounds)
            if let months = rule.validMonths { decision.inForceUntil = date.lastDayInForce(months: months).iso }
            if kept.contains(rule.outcomeIndex) {
                if rule.tracksLeaders { decision.trackedLeaders = trackedLeaders(i) }
                if let k = done.firstIndex(where: { $0.outcome == rule.outcome }) {
                    done[k].grounds += grounds
                } else {
                    done.append(decision)
                }
            } else {
                let by = reached.first { kept.contains($0.rule.outcomeIndex) && rules.excludes[$0.rule.outcomeIndex].contains(rule.outcomeIndex) }
                decision.excludedBy = by?.rule.outcome
                decision.inForceUntil = nil
                for k in decision.grounds.indices {
                    decision.grounds[k].notes.append("已因“\(by?.rule.outcome ?? "")”排除（\(by?.rule.article ?? "")）")
                }
                dropped.append(decision)
            }
        }
        decisions[i] = done
        excluded[i] = dropped
    }

    /// The outcomes that stand among `reached`: walking the exclusion graph (acyclic, checked at compile)
    /// from the outcomes nothing reached excludes, an outcome is dropped when a standing one excludes it.
    func keptOutcomes(_ reached: [Int]) -> Set<Int> {
        var kept = Set(reached)
        // Usual case: nothing reached excludes anything reached.
        if !reached.contains(where: { o in rules.excludes[o].contains(where: kept.contains) }) { return kept }
        var changed = true
        var rounds = 0
        while changed && rounds <= rules.outcomes.count {
            changed = false
            rounds += 1
            var next = Set<Int>()
            for o in reached {
                let excludedBy = reached.contains { other in other != o && rules.excludes[other].contains(o) && kept.contains(other) }
                if !excludedBy { next.insert(o) }
            }
            // Outcomes excluded only by dropped ones come back in the next round.
            if next != kept { kept = next; changed = true }
        }
        return kept
    }

    /// One 情形 for row `i`: nil when it does not hold, else the explained ground.
    private func evaluateCase(_ c: CaseRule, _ rule: DecisionRule, _ i: Int) -> Ground? {
        let value = c.condition.evaluate(subjects[i], indicators: rules.indicators)
        var holds = Condition.truth(value)
        var becauseMissing = false
        if holds == nil {
            switch c.missing {
            case .holds:
                holds = true
                becauseMissing = true
            case .notApplicable:
                var g = ground(c, i, becauseMissing: true)
                g.notes.append("未报，本情形不适用（\(rule.outcome)\(rule.article)）")
                unreported[i].append(g)
                return nil
            case .error:
                reportMissing(c, rule, i)
                return nil
            }
        }
        guard holds == true else { return nil }
        var g = ground(c, i, becauseMissing: becauseMissing)
        if becauseMissing { g.notes.append("未报，按规定视为情形") }
        if let cons = c.consecutive, cons.count > 1 {
            let (ok, readings, notes) = earlier(c, cons, i)
            g.readings += readings
            g.notes += notes
            if !ok {
                var missing = g
                missing.notes.append("连续条件不满足，\(rule.outcome)不成立")
                // Listed only when an earlier period had no record or a 未报 figure: a plain “did not
                // hold then” is no finding.
                if notes.contains(where: { !$0.contains("不符合") }) { unreported[i].append(missing) }
                return nil
            }
        }
        return g
    }

    /// The located error of 未报="报错": the row and the column of every missing figure the case read.
    private func reportMissing(_ c: CaseRule, _ rule: DecisionRule, _ i: Int) {
        let row = data.rows[i]
        var columns: [String] = []
        _ = c.condition.evaluate(subjects[i], indicators: rules.indicators) { ref, _, value in
            if value == .missing, let column = self.column(of: ref, missingIn: row), !columns.contains(column) { columns.append(column) }
        }
        for column in columns.isEmpty ? [""] : columns {
            bag.append(Diagnostic(
                id: "data-unreported",
                message: "\(row.name)（\(row.code)）“\(column)”未报；\(rule.outcome)\(rule.article)\(c.item)“\(c.summary)”规定未报时报错（可在考核办法中写 未报=\"视为情形\" 或 \"不适用\"） / missing figure",
                location: c.condition.location,
                dataLocation: DataLocation(file: data.path, row: row.number, field: column.isEmpty ? nil : column)))
        }
    }
}
