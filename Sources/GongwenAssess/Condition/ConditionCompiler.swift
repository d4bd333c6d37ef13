import Foundation
import GongwenModel
import GongwenTemplate

/// The names a condition may use at one place in the rules file, and the turning of a parsed
/// template expression into a `Condition` whose names are positions. Unknown names, outcomes of
/// decisions written later and template features conditions do not have (filters, indexing) are
/// located errors pointing at the name.
struct ConditionScope {
    var indicators: [String: Int]
    var facts: [String: Int]
    var categories: [String: Int]
    var rankings: [String: Int]
    /// Every outcome of the rules → its index.
    var outcomes: [String: Int]
    /// Outcomes whose decision is written before the current one (readable as booleans).
    var earlier: Set<String>
    /// Outcomes with an 有效期 (readable through 在期内 / 负责人在期内).
    var lasting: Set<String>

    func compile(_ attribute: XMLAttribute, into bag: inout DiagnosticBag) -> Condition? {
        let expression: GongwenTemplate.Expression
        do {
            expression = try ExpressionSyntax.parse(attribute)
        } catch {
            bag.append(contentsOf: error.diagnostics)
            return nil
        }
        var thresholds: [String] = []
        var ok = true
        let root = node(expression, &thresholds, &bag, &ok)
        guard ok, let root else { return nil }
        return Condition(source: attribute.value, root: root, thresholds: thresholds, location: attribute.location)
    }

    private func error(_ id: String, _ message: String, _ at: SourceLocation, _ bag: inout DiagnosticBag, _ ok: inout Bool) {
        bag.append(Diagnostic(id: id, message: message, location: at))
        ok = false
    }

    private func node(_ e: GongwenTemplate.Expression, _ th: inout [String], _ bag: inout DiagnosticBag, _ ok: inout Bool) -> Condition.Node? {
        switch e.kind {
        case .literal(let value):
            switch value {
            case .number(let n):
                th.append(n.literal ?? n.text)
                return .number(NSDecimalNumber(decimal: n.value).doubleValue)
            case .string(let s): return .text(s)
            case .bool(let b): return .bool(b)
            default:
                error("condition-literal", "条件中不能使用 \(value.kindName) / this literal is not allowed in a condition", e.location, &bag, &ok)
                return nil
            }
        case .name(let name):
            return resolve(name, e.location, [], &bag, &ok)
        case .unary(let op, let operand):
            guard let inner = node(operand, &th, &bag, &ok) else { return nil }
            return op == .not ? .not(inner) : .negate(inner)
        case .chain(let head, var steps):
            var current: Condition.Node?
            if case .name(let name) = head.kind {
                var members: [(String, SourceLocation)] = []
                while let first = steps.first, case .member(let m) = first.kind {
                    members.append((m, first.location))
                    steps.removeFirst()
                }
                current = resolve(name, head.location, members, &bag, &ok)
            } else {
                current = node(head, &th, &bag, &ok)
            }
            for step in steps {
                switch step.kind {
                case .binary(let op, let right):
                    let r = node(right, &th, &bag, &ok)
                    if let l = current, let r { current = .binary(op, l, r) } else { current = nil }
                case .member(let m):
                    error("condition-member", "此处不能读取“.\(m)” / '.\(m)' cannot be read here", step.location, &bag, &ok)
                    return nil
                case .index:
                    error("condition-index", "条件中不能使用下标 / indexing is not allowed in a condition", step.location, &bag, &ok)
                    return nil
                case .filter(let name, _):
                    error("condition-filter", "条件中不能使用过滤器“\(name)” / filters are not allowed in a condition", step.location, &bag, &ok)
                    return nil
                }
            }
            return current
        }
    }

    /// `name` followed by `.member`s: 出生率, 出生率.目标, 类别.人口计划, 全省排名.名次, 在期内.一票否决 ….
    private func resolve(_ name: String, _ at: SourceLocation, _ members: [(String, SourceLocation)],
                         _ bag: inout DiagnosticBag, _ ok: inout Bool) -> Condition.Node? {
        let written = ([name] + members.map(\.0)).joined(separator: ".")
        func ref(_ r: Condition.Ref) -> Condition.Node { .ref(r, name: written) }
        func tooMany(_ expected: Int) -> Bool {
            if members.count > expected {
                let extra = members[expected]
                error("condition-member", "“\(written)”中的“.\(extra.0)”无法读取 / '.\(extra.0)' cannot be read here", extra.1, &bag, &ok)
                return true
            }
            return false
        }
        if let i = indicators[name] {
            guard let (member, place) = members.first else { return ref(.value(i)) }
            if tooMany(1) { return nil }
            switch member {
            case "目标": return ref(.target(i))
            case "差距": return ref(.gap(i))
            case "完成": return ref(.met(i))
            default:
                error("unknown-name", "指标“\(name)”没有“\(member)”（可用：目标、差距、完成） / indicator has no '\(member)'", place, &bag, &ok)
                return nil
            }
        }
        if let f = facts[name] {
            if tooMany(0) { return nil }
            return ref(.fact(f))
        }
        switch name {
        case "得分": if tooMany(0) { return nil }; return ref(.score)
        case "总分": if tooMany(0) { return nil }; return ref(.total)
        case "得分率": if tooMany(0) { return nil }; return ref(.rate)
        case "类别":
            guard let (member, place) = members.first else {
                error("unknown-name", "“类别”后应写类别名称，如 类别.人口计划 / write 类别.<name>", at, &bag, &ok)
                return nil
            }
            if tooMany(1) { return nil }
            guard let c = categories[member] else {
                error("unknown-name", "未定义的类别“\(member)” / unknown category '\(member)'", place, &bag, &ok)
                return nil
            }
            return ref(.category(c))
        case "在期内", "负责人在期内":
            guard let (member, place) = members.first else {
                error("unknown-name", "“\(name)”后应写决定结果，如 \(name).一票否决 / write \(name).<outcome>", at, &bag, &ok)
                return nil
            }
            if tooMany(1) { return nil }
            guard let o = outcomes[member] else {
                error("unknown-name", "未定义的决定结果“\(member)” / unknown outcome '\(member)'", place, &bag, &ok)
                return nil
            }
            guard lasting.contains(member) else {
                error("not-lasting", "决定“\(member)”没有有效期，不能用“\(name)”读取 / '\(member)' has no 有效期", place, &bag, &ok)
                return nil
            }
            return ref(name == "在期内" ? .inForce(o) : .leaderInForce(o))
        default:
            break
        }
        if let field = Condition.RankField(rawValue: name) {
            if tooMany(0) { return nil }
            guard !rankings.isEmpty else {
                error("unknown-name", "未定义排名，不能读取“\(name)” / no 排名 is defined", at, &bag, &ok)
                return nil
            }
            return ref(.rank(0, field))
        }
        if let r = rankings[name] {
            guard let (member, place) = members.first, let field = Condition.RankField(rawValue: member) else {
                error("unknown-name", "排名“\(name)”后应写 名次、倒数名次、参评数 或 末位 / write \(name).名次 …",
                      members.first?.1 ?? at, &bag, &ok)
                return nil
            }
            _ = place
            if tooMany(1) { return nil }
            return ref(.rank(r, field))
        }
        if let o = outcomes[name] {
            if tooMany(0) { return nil }
            guard earlier.contains(name) else {
                error("later-decision", "决定“\(name)”写在本决定之后（或就是本决定），不能读取其结果；请把它移到前面 / '\(name)' is decided later",
                      at, &bag, &ok)
                return nil
            }
            return ref(.outcome(o))
        }
        error("unknown-name", "未定义的名称“\(name)”（不是指标、情况、类别、排名或已写出的决定） / unknown name '\(name)'", at, &bag, &ok)
        return nil
    }
}
