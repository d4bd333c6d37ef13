import Foundation
import GongwenFormat
import GongwenModel

/// What the rules read from earlier periods: the periods a 连续 case looks back to (loaded once each,
/// and only those), the decisions in force (在期内, 负责人在期内) and, for 跟踪否决, where a leader is now.
extension AssessmentRun {
    /// Asks the history once per outcome some applicable condition reads through 在期内 / 负责人在期内.
    func loadInForce(for applicable: [DecisionRule]) throws(DiagnosticError) {
        var wanted = Set<Int>()
        for rule in applicable {
            for c in rule.cases {
                for ref in c.condition.refs {
                    switch ref {
                    case .inForce(let o), .leaderInForce(let o): wanted.insert(o)
                    default: break
                    }
                }
            }
        }
        for o in wanted.sorted() {
            let entries: [DecisionInForce]
            do {
                entries = try history.decisionsInForce(outcome: rules.outcomes[o], on: date.iso)
            } catch {
                throw historyError(error)
            }
            var codes = Set<String>()
            var leaders: [String: String] = [:]
            for entry in entries where entry.period != period {
                codes.insert(entry.code)
                let place = "\(entry.name)\(entry.period.chineseName)\(entry.decision.outcome)，至\(entry.decision.inForceUntil ?? "")"
                for leader in entry.leaders where !leader.name.isEmpty { leaders[leader.name] = place }
                for leader in entry.decision.trackedLeaders where !leader.name.isEmpty { leaders[leader.name] = place }
            }
            inForceCodes[o] = codes
            inForceLeaders[o] = leaders
        }
    }

    /// One earlier period, loaded at most once per run, as an outline (no grounds: never read here).
    func storedPeriod(_ p: Period) throws(DiagnosticError) -> StoredPeriod? {
        if let cached = stored[p] { return cached }
        let a: PeriodAssessment?
        do {
            a = try history.outline(of: p)
        } catch {
            throw historyError(error)
        }
        let entry = a.map { a in
            StoredPeriod(assessment: a, index: Dictionary(a.jurisdictions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { x, _ in x }))
        }
        stored[p] = .some(entry)
        return entry
    }

    /// Checks a 连续 case in the N−1 periods before this one: (holds in all, readings there, notes).
    func earlier(_ c: CaseRule, _ cons: Consecutive, _ i: Int) -> (Bool, [Reading], [String]) {
        let code = data.rows[i].code
        var readings: [Reading] = []
        for k in 1..<cons.count {
            let p: Period
            switch cons {
            case .years: p = Period(year: period.year - k, kind: .year)
            case .periods: p = period.back(k)
            }
            let sp: StoredPeriod?
            do {
                sp = try storedPeriod(p)
            } catch {
                bag.append(contentsOf: error.diagnostics)
                return (false, readings, [])
            }
            guard let sp else { return (false, readings, ["\(p.chineseName)无考核记录"]) }
            guard let index = sp.index[code] else {
                return (false, readings, ["\(p.chineseName)考核记录中无本地区（\(code)）"])
            }
            let (row, subject) = storedSubject(sp.assessment.jurisdictions[index])
            let truth = Condition.truth(c.condition.evaluate(subject, indicators: rules.indicators))
            readings += self.readings(of: c.condition, subject, row, in: p, file: sp.assessment.dataFile)
            if truth != true {
                return (false, readings, ["\(p.chineseName)\(truth == nil ? "未报" : "不符合")“\(c.condition.source)”"])
            }
        }
        return (true, readings, [])
    }

    /// A stored jurisdiction seen through the current rules' positions (figures by name).
    func storedSubject(_ j: JurisdictionResult) -> (PeriodData.Row, Subject) {
        var row = PeriodData.Row(number: j.row, code: j.code, name: j.name, parent: j.group, values: [], valueTexts: [],
                                 targets: [], targetTexts: [], texts: [], leaders: [], groups: [])
        for ind in rules.indicators {
            let f = j.figures[ind.name]
            row.values.append(f?.value)
            row.valueTexts.append(f?.text ?? "")
            row.targets.append(f?.target)
            row.targetTexts.append(f?.target.map { Self.format($0) } ?? "")
        }
        for fact in rules.facts {
            let t = j.figures[fact.name]?.text ?? ""
            row.texts.append(t.isEmpty ? nil : t)
        }
        let ranks: [RankPlace?] = rules.rankings.enumerated().map { n, r in
            if let found = j.rankings.first(where: { $0.name == r.name }) {
                return found.rank > 0 ? RankPlace(rank: found.rank, fromBottom: found.rankFromBottom, count: found.rankedCount) : nil
            }
            return n == 0 && j.rank > 0 ? RankPlace(rank: j.rank, fromBottom: j.rankFromBottom, count: j.rankedCount) : nil
        }
        let categories: [Double?] = rules.categories.map { c in j.categoryScores.first { $0.name == c.name }?.score }
        let subject = Subject(values: row.values, targets: row.targets, texts: row.texts, score: j.categoryScores.isEmpty && rules.categories.isEmpty ? nil : j.score,
                              total: rules.total, categories: categories, ranks: ranks,
                              outcomes: rules.outcomes.map { j.has($0) },
                              inForce: rules.outcomes.map { o in j.has(o) ? true : nil },
                              leaderInForce: rules.outcomes.map { _ in nil })
        return (row, subject)
    }

    /// 跟踪否决: leaders of row `i` no longer in that post when decided — this period's data shows them under
    /// another jurisdiction, or the latest stored period after this one shows another name for the role.
    func trackedLeaders(_ i: Int) -> [TrackedLeader] {
        let row = data.rows[i]
        var out: [TrackedLeader] = []
        let later = laterPeriod()
        let laterIndex = later.flatMap { $0.index[row.code] }.map { later!.assessment.jurisdictions[$0] }
        for (k, column) in rules.leaders.enumerated() {
            let name = row.leaders[k]
            guard !name.isEmpty else { continue }
            // The same name under another jurisdiction in this period's data.
            if let (other, role) = whereIs(name, excluding: row.code) {
                out.append(TrackedLeader(role: column.role, name: name, now: "\(other)\(role)"))
                continue
            }
            if let j = laterIndex, let now = j.leaders.first(where: { $0.role == column.role }), now.name != name {
                var place = ""
                if let l = later {
                    for other in l.assessment.jurisdictions {
                        if let role = other.leaders.first(where: { $0.name == name }) {
                            place = "\(other.name)\(role.role)（\(l.assessment.period.chineseName)）"
                            break
                        }
                    }
                }
                out.append(TrackedLeader(role: column.role, name: name, now: place))
            }
        }
        return out
    }

    private func whereIs(_ name: String, excluding code: String) -> (String, String)? {
        if leaderIndex == nil {
            var index: [String: [(Int, Int)]] = [:]
            for (r, row) in data.rows.enumerated() {
                for (k, n) in row.leaders.enumerated() where !n.isEmpty { index[n, default: []].append((r, k)) }
            }
            leaderIndex = index
        }
        guard let (r, k) = leaderIndex?[name]?.first(where: { data.rows[$0.0].code != code }) else { return nil }
        return (data.rows[r].name, rules.leaders[k].role)
    }

    /// The latest stored period (any kind) that began after this one ended and by the decision date.
    private func laterPeriod() -> StoredPeriod? {
        if let cached = laterCache { return cached }
        var best: Period?
        for kind in Period.Kind.allCases {
            guard let periods = try? history.periods(of: kind) else { continue }
            for p in periods where p.firstDay > period.lastDay && p.firstDay <= date {
                if best == nil || p.lastDay > best!.lastDay { best = p }
            }
        }
        let sp = best.flatMap { try? storedPeriod($0) }
        laterCache = .some(sp)
        return sp
    }
}
