import Foundation
import GongwenFormat
import GongwenModel

/// The state of one assessment: the period's rows as subjects, their scores and places, the decisions
/// reached so far, and the history read (cached per period; only periods a rule looks back to).
final class AssessmentRun {
    let rules: AssessmentRules
    let data: PeriodData
    let period: Period
    let date: CivilDate
    let history: any AssessmentHistory

    var subjects: [Subject] = []
    var categoryScores: [[Double]] = []
    var unreported: [[Ground]] = []
    var rankResults: [[RankingResult]] = []
    /// Per row: decision index → grounds; and the final decisions / excluded after precedence.
    var decisions: [[Decision]] = []
    var excluded: [[Decision]] = []
    var bag = DiagnosticBag()

    /// Earlier periods read, by period (nil: not stored).
    var stored: [Period: StoredPeriod?] = [:]
    /// Per outcome: codes under a decision in force, and leader names → where they were decided.
    var inForceCodes: [Int: Set<String>] = [:]
    var inForceLeaders: [Int: [String: String]] = [:]
    /// The stored period after this one that 跟踪否决 reads (looked up once).
    var laterCache: StoredPeriod?? = nil
    /// Leader name → (row, leader column), built when 跟踪否决 first asks.
    var leaderIndex: [String: [(Int, Int)]]?

    struct StoredPeriod {
        var assessment: PeriodAssessment
        var index: [String: Int]
    }

    init(rules: AssessmentRules, data: PeriodData, period: Period, date: CivilDate, history: any AssessmentHistory) {
        self.rules = rules
        self.data = data
        self.period = period
        self.date = date
        self.history = history
    }

    func historyError(_ error: any Error) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "history-read", message: "读取考核历史失败：\(error) / cannot read the history"))
    }

    // MARK: scores and ranks

    func scoreAndRank() throws(DiagnosticError) {
        let outcomeCount = rules.outcomes.count
        subjects.reserveCapacity(data.rows.count)
        let directions = rules.indicators.map(\.direction)
        // One array of flags shared by every subject (copied on a row's first write): three arrays
        // allocated per row were 20 M instructions of 3 periods of 3,000 rows (callgrind).
        let noOutcomes = Array(repeating: false, count: outcomeCount)
        let notInForce: [Bool?] = Array(repeating: false, count: outcomeCount)
        for row in data.rows {
            var scores: [Double] = []
            scores.reserveCapacity(rules.categories.count)
            var missing: [Ground] = []
            var total = 0.0
            for category in rules.categories {
                var sum = 0.0
                for item in category.items {
                    let v = row.values[item.indicator], t = row.targets[item.indicator]
                    sum += item.score(value: v, target: t, direction: directions[item.indicator])
                    if v == nil || t == nil {
                        let ind = rules.indicators[item.indicator]
                        let what = v == nil ? ind.column : (ind.targetColumn ?? ind.name)
                        missing.append(Ground(item: "", summary: "评分：\(category.name)·\(ind.name)",
                                              condition: "按目标", readings: [Reading(name: v == nil ? ind.name : "\(ind.name).目标", shown: "未报",
                                                                                  period: period, row: row.number, column: what, file: data.fileName)],
                                              thresholds: [], becauseMissing: true,
                                              notes: ["未报，按最低分 \(Compilation.show(item.floor)) 计"]))
                    }
                }
                scores.append(sum)
                total += sum
            }
            categoryScores.append(scores)
            unreported.append(missing)
            subjects.append(Subject(values: row.values, targets: row.targets, texts: row.texts,
                                    score: rules.categories.isEmpty ? nil : total, total: rules.total,
                                    categories: scores.map { $0 }, ranks: [],
                                    outcomes: noOutcomes, inForce: notInForce, leaderInForce: notInForce))
        }
        rankResults = Array(repeating: [], count: data.rows.count)
        // Sized once per row rather than grown ranking by ranking (16 M instructions, callgrind).
        for i in rankResults.indices { rankResults[i].reserveCapacity(rules.rankings.count) }
        var places: [[RankPlace?]] = []
        for ranking in rules.rankings {
            let values: [Double?] = subjects.map { s in
                if case .number(let x) = ranking.basis.evaluate(s, indicators: rules.indicators) { return x }
                return nil
            }
            let groups = data.rows.map { $0.groups[places.count] }
            let p = RankingPlaces.places(values: values, groups: groups, precision: ranking.precision)
            for i in data.rows.indices {
                rankResults[i].append(RankingResult(name: ranking.name, group: groups[i], value: values[i], rank: p[i]?.rank ?? 0,
                                                    rankFromBottom: p[i]?.fromBottom ?? 0, rankedCount: p[i]?.count ?? 0))
            }
            places.append(p)
        }
        for i in subjects.indices { subjects[i].ranks = places.map { $0[i] } }
    }

    // MARK: result

    func result() -> PeriodAssessment {
        var jurisdictions: [JurisdictionResult] = []
        jurisdictions.reserveCapacity(data.rows.count)
        // One dictionary of every name, copied for each row and filled through its indices (a copy
        // keeps the buckets, so the indices stay valid): hashing a Chinese key normalises it, and
        // 13 keys a row for 3,000 rows was a large part of building the results.
        var prototype: [String: Figure] = Dictionary(minimumCapacity: rules.indicators.count + rules.facts.count)
        let blank = Figure(text: "", value: nil, column: "")
        for name in rules.indicators.map(\.name) + rules.facts.map(\.name) { prototype[name] = blank }
        let indicatorSlots = rules.indicators.map { prototype.index(forKey: $0.name)! }
        let factSlots = rules.facts.map { prototype.index(forKey: $0.name)! }
        for (i, row) in data.rows.enumerated() {
            var figures = prototype
            for (k, ind) in rules.indicators.enumerated() {
                figures.values[indicatorSlots[k]] = Figure(text: row.valueTexts[k], value: row.values[k], target: row.targets[k],
                                                           unit: ind.unit, column: ind.column, targetColumn: ind.targetColumn)
            }
            for (k, fact) in rules.facts.enumerated() {
                figures.values[factSlots[k]] = Figure(text: row.texts[k] ?? "", value: nil, column: fact.column)
            }
            let first = rankResults[i].first
            // Built at their final size: `zip.filter.map` and `enumerated().map` grow their arrays
            // (15 M instructions for 3 periods of 3,000 rows, callgrind).
            var leaders: [Leader] = []
            leaders.reserveCapacity(min(rules.leaders.count, row.leaders.count))
            for k in 0..<min(rules.leaders.count, row.leaders.count) where !row.leaders[k].isEmpty {
                leaders.append(Leader(role: rules.leaders[k].role, name: row.leaders[k]))
            }
            var j = JurisdictionResult(
                code: row.code, name: row.name, group: first?.group ?? "", row: row.number, figures: figures,
                categoryScores: rules.categories.indices.map { k in
                    CategoryScore(name: rules.categories[k].name, score: categoryScores[i][k], weight: rules.categories[k].weight)
                },
                score: subjects[i].score ?? 0, rank: first?.rank ?? 0, rankFromBottom: first?.rankFromBottom ?? 0,
                rankedCount: first?.rankedCount ?? 0,
                leaders: leaders,
                decisions: decisions[i], excluded: excluded[i])
            j.parent = row.parent
            j.rankings = rankResults[i]
            j.unreported = unreported[i]
            jurisdictions.append(j)
        }
        return PeriodAssessment(period: period, rulesName: rules.name, rulesDigest: rules.digest, decisionDate: date.iso,
                                dataFile: data.fileName, total: rules.total, jurisdictions: jurisdictions)
    }
}
