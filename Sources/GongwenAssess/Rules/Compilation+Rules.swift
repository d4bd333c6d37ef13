import Foundation
import GongwenModel
import GongwenTemplate

/// The walk over 考核办法.xml: declarations first (地区, 负责人, 指标, 情况, 评分, 排名), then the decisions
/// in the order written — so a condition can name every indicator wherever it is declared, but an
/// outcome only of a decision written before it — then precedence and documents.
extension Compilation {
    mutating func run(_ root: XMLElement, digest: String) -> AssessmentRules? {
        guard root.name == "考核办法" else {
            report("unknown-element", "根元素应为 <考核办法>，而不是 <\(root.name)> / the root must be <考核办法>", root.location)
            return nil
        }
        checkAttributes(root)
        let name = required(root, "名称")?.value ?? ""
        let total = number(root, "总分", default: 100) ?? 100
        var region: RegionColumns?
        var leaders: [LeaderColumn] = []
        var indicators: [Indicator] = []
        var facts: [Fact] = []
        var scoring: XMLElement?
        var rankingElements: [XMLElement] = []
        var decisionElements: [XMLElement] = []
        var documentElements: [XMLElement] = []
        var declared: [String: SourceLocation] = [:]

        for e in children(root) {
            checkAttributes(e)
            switch e.name {
            case "地区":
                if let code = required(e, "代码"), let n = required(e, "名称") {
                    region = RegionColumns(code: code.value, name: n.value, parent: e.attribute("上级")?.value)
                }
            case "负责人":
                if let role = required(e, "角色"), let column = required(e, "列") {
                    // A role names one post: the history keys a leader by (name, period, jurisdiction, role).
                    if leaders.contains(where: { $0.role == role.value }) {
                        report("duplicate-name", "负责人角色“\(role.value)”重复 / leader role '\(role.value)' declared twice", valueLocation(role))
                        continue
                    }
                    leaders.append(LeaderColumn(role: role.value, column: column.value))
                }
            case "指标", "情况":
                guard let n = required(e, "名称") else { continue }
                if let first = declared[n.value] {
                    report("duplicate-name", "名称“\(n.value)”重复（首次定义于 \(first)） / '\(n.value)' declared twice", valueLocation(n))
                    continue
                }
                declared[n.value] = valueLocation(n)
                let column = e.attribute("列")?.value ?? n.value
                if e.name == "情况" {
                    let allowed = e.attribute("取值").map { words($0).map(\.0) } ?? []
                    facts.append(Fact(name: n.value, column: column, allowed: allowed, location: e.location))
                    continue
                }
                var direction = Direction.higherIsBetter
                if let d = e.attribute("方向") {
                    if let parsed = Direction(rawValue: d.value) { direction = parsed } else {
                        report("bad-direction", "方向应为“越高越好”或“越低越好”，而不是“\(d.value)” / bad 方向", valueLocation(d))
                    }
                }
                indicators.append(Indicator(name: n.value, column: column, unit: e.attribute("单位")?.value ?? "",
                                            direction: direction, targetColumn: e.attribute("目标列")?.value, location: e.location))
            case "评分":
                scoring = e
            case "排名":
                rankingElements.append(e)
            case "决定":
                decisionElements.append(e)
            case "文书":
                documentElements.append(e)
            default:
                report("unknown-element", "<考核办法> 中没有元素 <\(e.name)>（可用：地区、负责人、指标、情况、评分、排名、决定、文书） / unknown element <\(e.name)>", e.location)
            }
        }
        if region == nil {
            report("missing-element", "缺少 <地区 代码=\"…\" 名称=\"…\"/>，无法识别各地区 / <地区> is required", root.location)
        }

        var scope = ConditionScope(
            indicators: Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1.name, $0) }),
            facts: Dictionary(uniqueKeysWithValues: facts.enumerated().map { ($1.name, $0) }),
            categories: [:], rankings: [:], outcomes: [:], earlier: [], lasting: [])

        let categories = scoring.map { compileScoring($0, total: total, indicators: indicators, scope: scope) } ?? []
        scope.categories = Dictionary(categories.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })

        var rankings: [Ranking] = []
        for e in rankingElements {
            if let r = compileRanking(e, index: rankings.count, scope: scope) {
                if rankings.contains(where: { $0.name == r.name }) {
                    report("duplicate-name", "排名名称“\(r.name)”重复 / ranking '\(r.name)' declared twice", e.location)
                }
                rankings.append(r)
            }
        }
        scope.rankings = Dictionary(rankings.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })

        var outcomes: [String] = []
        for e in decisionElements {
            if let o = e.attribute("结果")?.value, !outcomes.contains(o) { outcomes.append(o) }
        }
        scope.outcomes = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        scope.lasting = Set(decisionElements.filter { $0.attribute("有效期") != nil }.compactMap { $0.attribute("结果")?.value })

        var decisions: [DecisionRule] = []
        for e in decisionElements {
            if let d = compileDecision(e, scope: scope) { decisions.append(d) }
            if let o = e.attribute("结果")?.value { scope.earlier.insert(o) }
        }
        let excludes = compilePrecedence(decisionElements, outcomes: outcomes)
        let documents = documentElements.compactMap { compileDocument($0, outcomes: Set(outcomes)) }

        guard let region else { return nil }
        return AssessmentRules(name: name, basis: root.attribute("依据")?.value ?? "", total: total, file: file, digest: digest,
                               region: region, leaders: leaders, indicators: indicators, facts: facts,
                               categories: categories, rankings: rankings, decisions: decisions, outcomes: outcomes,
                               excludes: excludes, documents: documents)
    }

    /// 评分: 类别 weights must add up to 总分, and each 类别's items (满分) to its 权重.
    mutating func compileScoring(_ e: XMLElement, total: Double, indicators: [Indicator], scope: ConditionScope) -> [Category] {
        var categories: [Category] = []
        for c in children(e) {
            checkAttributes(c)
            guard c.name == "类别" else {
                report("unknown-element", "<评分> 中只能有 <类别>，而不是 <\(c.name)> / unknown element <\(c.name)>", c.location)
                continue
            }
            let name = required(c, "名称")?.value ?? ""
            let weight = number(c, "权重") ?? 0
            var items: [ScoreItem] = []
            var sum = 0.0
            for item in children(c) {
                checkAttributes(item)
                guard item.name == "按目标" else {
                    report("unknown-element", "<类别> 中只能有 <按目标>，而不是 <\(item.name)> / unknown element <\(item.name)>", item.location)
                    continue
                }
                let full = number(item, "满分") ?? 0
                sum += full
                guard let ia = required(item, "指标") else { continue }
                guard let i = scope.indicators[ia.value] else {
                    report("unknown-name", "未定义的指标“\(ia.value)” / unknown indicator '\(ia.value)'", valueLocation(ia))
                    continue
                }
                if indicators[i].targetColumn == nil {
                    report("no-target", "指标“\(ia.value)”没有目标列，不能按目标评分 / indicator has no 目标列", valueLocation(ia))
                }
                guard let per = number(item, "每差"), let deduct = number(item, "扣"), let floor = number(item, "最低", default: 0) else { continue }
                if per == 0 { report("bad-number", "“每差”不能为 0 / '每差' must not be 0", valueLocation(item.attribute("每差")!)) }
                items.append(ScoreItem(indicator: i, full: full, per: per == 0 ? 1 : per, deduct: deduct, floor: floor))
            }
            if abs(sum - weight) > 1e-6 {
                report("weights-mismatch", "类别“\(name)”各项满分之和为 \(Self.show(sum))，与权重 \(Self.show(weight)) 不符 / items add up to \(Self.show(sum)), not \(Self.show(weight))", c.location)
            }
            categories.append(Category(name: name, weight: weight, items: items))
        }
        let weights = categories.reduce(0) { $0 + $1.weight }
        if abs(weights - total) > 1e-6 {
            report("weights-mismatch", "各类别权重之和为 \(Self.show(weights))，与总分 \(Self.show(total)) 不符 / category weights add up to \(Self.show(weights)), not \(Self.show(total))", e.location)
        }
        return categories
    }

    static func show(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%g", x)
    }

    mutating func compileRanking(_ e: XMLElement, index: Int, scope: ConditionScope) -> Ranking? {
        let name = e.attribute("名称")?.value ?? (index == 0 ? "排名" : "排名\(index + 1)")
        var basis = Condition(source: "得分", root: .ref(.score, name: "得分"), thresholds: [], location: e.location)
        if let a = e.attribute("依据") {
            guard let c = scope.compile(a, into: &bag) else { return nil }
            basis = c
        }
        var group: String?
        if let a = e.attribute("范围"), a.value != "全部" { group = a.value }
        var precision = 2
        if let a = e.attribute("精度") {
            if let p = Int(a.value), (0...9).contains(p) { precision = p } else {
                report("bad-number", "精度应为 0–9 的整数，而不是“\(a.value)” / bad 精度", valueLocation(a))
            }
        }
        return Ranking(name: name, basis: basis, groupColumn: group, precision: precision)
    }

    mutating func compileDecision(_ e: XMLElement, scope: ConditionScope) -> DecisionRule? {
        guard let outcomeAttribute = required(e, "结果") else { return nil }
        let outcome = outcomeAttribute.value
        var kinds = Set(Period.Kind.allCases)
        if let a = e.attribute("周期") {
            kinds = []
            for (w, at) in words(a) {
                if let k = Period.Kind(rawValue: w) { kinds.insert(k) } else {
                    report("bad-period-kind", "周期应为 月、季、半年、年，而不是“\(w)” / bad 周期 '\(w)'", at)
                }
            }
        }
        var months: Int?
        if let a = e.attribute("有效期") {
            let v = a.value.trimmingCharacters(in: .whitespaces)
            if v.hasSuffix("个月"), let n = Int(v.dropLast(2)), n > 0 { months = n }
            else if v.hasSuffix("年"), let n = Int(v.dropLast()), n > 0 { months = n * 12 }
            else { report("bad-duration", "有效期应写作“12个月”或“1年”，而不是“\(a.value)” / bad 有效期", valueLocation(a)) }
        }
        var tracks = false
        if let a = e.attribute("跟踪否决") {
            switch a.value {
            case "是": tracks = true
            case "否": tracks = false
            default: report("bad-value", "跟踪否决应为“是”或“否”，而不是“\(a.value)” / bad 跟踪否决", valueLocation(a))
            }
            if tracks && months == nil {
                report("bad-value", "跟踪否决的决定须有有效期 / 跟踪否决 needs 有效期", valueLocation(a))
            }
        }
        let defaultConsecutive = e.attribute("连续").flatMap { consecutive($0) }
        let defaultMissing = e.attribute("未报").flatMap { missingRule($0) } ?? .error
        var cases: [CaseRule] = []
        let caseElements = children(e)
        if let a = e.attribute("条件") {
            if let first = caseElements.first {
                report("condition-and-cases", "<决定> 不能同时有“条件”属性和 <情形> / use 条件 or <情形>, not both", first.location)
            }
            if let c = scope.compile(a, into: &bag) {
                cases.append(CaseRule(item: e.attribute("项")?.value ?? "", summary: e.attribute("说明")?.value ?? "", condition: c,
                                      consecutive: defaultConsecutive, missing: defaultMissing, location: e.location))
            }
        } else if caseElements.isEmpty {
            report("missing-attribute", "<决定> 需要“条件”属性或至少一个 <情形> / a decision needs 条件 or <情形>", e.location)
        }
        for c in caseElements {
            checkAttributes(c)
            guard c.name == "情形" else {
                report("unknown-element", "<决定> 中只能有 <情形>，而不是 <\(c.name)> / unknown element <\(c.name)>", c.location)
                continue
            }
            guard let a = required(c, "条件"), let condition = scope.compile(a, into: &bag) else { continue }
            let cons = c.attribute("连续").map { consecutive($0) } ?? defaultConsecutive
            let missing = c.attribute("未报").map { missingRule($0) ?? .error } ?? defaultMissing
            cases.append(CaseRule(item: c.attribute("项")?.value ?? "", summary: c.attribute("说明")?.value ?? "", condition: condition,
                                  consecutive: cons, missing: missing, location: c.location))
        }
        return DecisionRule(outcome: outcome, outcomeIndex: scope.outcomes[outcome] ?? 0, article: e.attribute("条款")?.value ?? "",
                            kinds: kinds, cases: cases, excludes: e.attribute("排除").map { words($0).map(\.0) } ?? [],
                            validMonths: months, tracksLeaders: tracks, location: e.location)
    }

    mutating func consecutive(_ a: XMLAttribute) -> Consecutive? {
        let v = a.value.trimmingCharacters(in: .whitespaces)
        if v.hasSuffix("年"), let n = Int(v.dropLast()), n >= 1 { return .years(n) }
        if v.hasSuffix("期"), let n = Int(v.dropLast()), n >= 1 { return .periods(n) }
        report("bad-consecutive", "连续应写作“2年”或“2期”，而不是“\(a.value)” / bad 连续", valueLocation(a))
        return nil
    }

    mutating func missingRule(_ a: XMLAttribute) -> MissingRule? {
        if let m = MissingRule(rawValue: a.value) { return m }
        report("bad-missing-rule", "未报应为“视为情形”“不适用”或“报错”，而不是“\(a.value)” / bad 未报", valueLocation(a))
        return nil
    }

    /// 排除 edges between outcomes; unknown outcomes and cycles are errors (the cycle is named).
    mutating func compilePrecedence(_ elements: [XMLElement], outcomes: [String]) -> [[Int]] {
        let index = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        var edges = Array(repeating: [Int](), count: outcomes.count)
        var edgeLocation: [Int: SourceLocation] = [:]
        for e in elements {
            guard let o = e.attribute("结果")?.value, let from = index[o], let a = e.attribute("排除") else { continue }
            edgeLocation[from] = edgeLocation[from] ?? valueLocation(a)
            for (w, at) in words(a) {
                guard let to = index[w] else {
                    report("unknown-name", "排除中的“\(w)”不是任何决定的结果 / unknown outcome '\(w)'", at)
                    continue
                }
                if to == from {
                    report("precedence-cycle", "决定“\(o)”不能排除自身 / an outcome cannot exclude itself", at)
                    continue
                }
                if !edges[from].contains(to) { edges[from].append(to) }
            }
        }
        // Depth-first search; a back edge closes a cycle, reported once with its outcomes in order.
        var state = Array(repeating: 0, count: outcomes.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        var reported = false
        func visit(_ n: Int, _ this: inout Compilation) {
            state[n] = 1
            path.append(n)
            for m in edges[n] {
                if state[m] == 1, !reported, let start = path.firstIndex(of: m) {
                    reported = true
                    let cycle = (path[start...] + [m]).map { outcomes[$0] }.joined(separator: " → ")
                    this.report("precedence-cycle", "排除关系成环：\(cycle) / circular precedence: \(cycle)",
                                edgeLocation[m] ?? this.bag.diagnostics.first?.location ?? SourceLocation(file: this.file, line: 1, column: 1))
                } else if state[m] == 0 {
                    visit(m, &this)
                }
            }
            path.removeLast()
            state[n] = 2
        }
        for n in outcomes.indices where state[n] == 0 { visit(n, &self) }
        return edges
    }

    mutating func compileDocument(_ e: XMLElement, outcomes: Set<String>) -> DocumentSpec? {
        guard let o = required(e, "结果"), let t = required(e, "模板") else { return nil }
        for (w, at) in words(o) where !outcomes.contains(w) {
            report("unknown-name", "文书的结果“\(w)”不是任何决定的结果 / unknown outcome '\(w)'", at)
        }
        var fields: [(name: String, values: [String])] = []
        for f in children(e) {
            checkAttributes(f)
            guard f.name == "字段" else {
                report("unknown-element", "<文书> 中只能有 <字段>，而不是 <\(f.name)> / unknown element <\(f.name)>", f.location)
                continue
            }
            guard let n = required(f, "名") else { continue }
            let text = f.children.compactMap { if case .text(let t) = $0 { t.value } else { nil } }.joined()
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let i = fields.firstIndex(where: { $0.name == n.value }) { fields[i].values.append(text) } else {
                fields.append((n.value, [text]))
            }
        }
        return DocumentSpec(outcomes: words(o).map(\.0), template: t.value, fields: fields)
    }
}
