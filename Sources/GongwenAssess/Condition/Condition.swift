import Foundation
import GongwenModel
import GongwenTemplate

/// A condition of the rules compiled once into a small tree whose names are already positions
/// (indicator 3, outcome 1 …): evaluating it for one jurisdiction walks the tree over arrays, with no
/// dictionary lookup or string formatting per name.
public struct Condition: Sendable {
    /// The condition as written, for explanations.
    public var source: String
    public var root: Node
    /// Numeric literals as written (the thresholds an explanation shows).
    public var thresholds: [String]
    public var location: SourceLocation

    public indirect enum Node: Sendable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case ref(Ref, name: String)
        case not(Node)
        case negate(Node)
        case binary(BinaryOperator, Node, Node)
    }

    /// What a name in a condition stands for (see the table in docs/assessment-design.md).
    public enum Ref: Sendable, Equatable {
        case value(Int), target(Int), gap(Int), met(Int)
        case fact(Int)
        case score, total, rate
        case category(Int)
        case rank(Int, RankField)
        /// An earlier decision's outcome reached this period.
        case outcome(Int)
        case inForce(Int)
        case leaderInForce(Int)
    }

    public enum RankField: String, Sendable, CaseIterable {
        case rank = "名次", fromBottom = "倒数名次", count = "参评数", last = "末位"
    }

    /// Every name the condition reads, in the order written.
    public var refs: [Ref] {
        var out: [Ref] = []
        func walk(_ node: Node) {
            switch node {
            case .ref(let r, _): if !out.contains(r) { out.append(r) }
            case .not(let n), .negate(let n): walk(n)
            case .binary(_, let l, let r): walk(l); walk(r)
            default: break
            }
        }
        walk(root)
        return out
    }
}

/// A value while evaluating: `missing` is 未报 (an empty cell, no target, no stored period), which
/// propagates so that it can never make a condition hold silently.
public enum ConditionValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case missing
}

/// One place in a period's ranking.
public struct RankPlace: Sendable, Equatable, Codable {
    public var rank: Int
    public var fromBottom: Int
    public var count: Int
}

/// The values one jurisdiction offers to conditions in one period, by position. Built from the
/// period's data while assessing, or from a stored `JurisdictionResult` for an earlier period.
public struct Subject: Sendable {
    public var values: [Double?]
    public var targets: [Double?]
    public var texts: [String?]
    public var score: Double?
    public var total: Double
    public var categories: [Double?]
    public var ranks: [RankPlace?]
    /// Outcomes reached (so far in the written order, after the precedence known so far).
    public var outcomes: [Bool]
    /// Outcomes in force for this jurisdiction / for one of its leaders (nil: unknown, 未报).
    public var inForce: [Bool?]
    public var leaderInForce: [Bool?]
}

extension Condition {
    /// The value of the condition for `subject`. `read` (only when explaining) hears every name read.
    public func evaluate(_ subject: Subject, indicators: [Indicator],
                         read: ((Ref, String, ConditionValue) -> Void)? = nil) -> ConditionValue {
        Self.eval(root, subject, indicators, read)
    }

    /// Whether the value counts as true; nil when 未报.
    public static func truth(_ value: ConditionValue) -> Bool? {
        switch value {
        case .bool(let b): b
        case .number(let n): abs(n) > Tolerance.epsilon
        case .text(let t): !t.isEmpty
        case .missing: nil
        }
    }

    static func value(of ref: Ref, _ s: Subject, _ indicators: [Indicator]) -> ConditionValue {
        switch ref {
        case .value(let i): return s.values[i].map(ConditionValue.number) ?? .missing
        case .target(let i): return s.targets[i].map(ConditionValue.number) ?? .missing
        case .gap(let i):
            guard let v = s.values[i], let t = s.targets[i] else { return .missing }
            return .number(indicators[i].gap(v, t))
        case .met(let i):
            guard let v = s.values[i], let t = s.targets[i] else { return .missing }
            return .bool(indicators[i].meets(v, t))
        case .fact(let i):
            guard let t = s.texts[i], !t.isEmpty else { return .missing }
            return .text(t)
        case .score: return s.score.map(ConditionValue.number) ?? .missing
        case .total: return .number(s.total)
        case .rate:
            guard let score = s.score, s.total != 0 else { return .missing }
            return .number(score / s.total)
        case .category(let c): return s.categories[c].map(ConditionValue.number) ?? .missing
        case .rank(let r, let field):
            guard r < s.ranks.count, let place = s.ranks[r] else { return .missing }
            switch field {
            case .rank: return .number(Double(place.rank))
            case .fromBottom: return .number(Double(place.fromBottom))
            case .count: return .number(Double(place.count))
            case .last: return .bool(place.fromBottom == 1)
            }
        case .outcome(let o): return .bool(s.outcomes[o])
        case .inForce(let o): return s.inForce[o].map(ConditionValue.bool) ?? .missing
        case .leaderInForce(let o): return s.leaderInForce[o].map(ConditionValue.bool) ?? .missing
        }
    }

    private static func eval(_ node: Node, _ s: Subject, _ ind: [Indicator],
                             _ read: ((Ref, String, ConditionValue) -> Void)?) -> ConditionValue {
        switch node {
        case .number(let n): return .number(n)
        case .text(let t): return .text(t)
        case .bool(let b): return .bool(b)
        case .ref(let ref, let name):
            let v = value(of: ref, s, ind)
            read?(ref, name, v)
            return v
        case .not(let n):
            guard let t = truth(eval(n, s, ind, read)) else { return .missing }
            return .bool(!t)
        case .negate(let n):
            guard case .number(let x) = eval(n, s, ind, read) else { return .missing }
            return .number(-x)
        case .binary(let op, let l, let r):
            switch op {
            case .and:
                let a = truth(eval(l, s, ind, read))
                if a == false { return .bool(false) }
                let b = truth(eval(r, s, ind, read))
                if b == false { return .bool(false) }
                return a == nil || b == nil ? .missing : .bool(true)
            case .or:
                let a = truth(eval(l, s, ind, read))
                if a == true { return .bool(true) }
                let b = truth(eval(r, s, ind, read))
                if b == true { return .bool(true) }
                return a == nil || b == nil ? .missing : .bool(false)
            default:
                return apply(op, eval(l, s, ind, read), eval(r, s, ind, read))
            }
        }
    }

    /// Arithmetic and comparisons; numbers compare within `Tolerance.epsilon` (5.00 gt 5 is false).
    static func apply(_ op: BinaryOperator, _ a: ConditionValue, _ b: ConditionValue) -> ConditionValue {
        if a == .missing || b == .missing { return .missing }
        let e = Tolerance.epsilon
        switch (a, b) {
        case (.number(let x), .number(let y)):
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return y == 0 ? .missing : .number(x / y)
            case .equal: return .bool(abs(x - y) <= e)
            case .notEqual: return .bool(abs(x - y) > e)
            case .less: return .bool(x < y - e)
            case .lessOrEqual: return .bool(x <= y + e)
            case .greater: return .bool(x > y + e)
            case .greaterOrEqual: return .bool(x >= y - e)
            default: return .missing
            }
        case (.text(let x), .text(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .concatenate: return .text(x + y)
            default: return .missing
            }
        case (.bool(let x), .bool(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: return .missing
            }
        default:
            // Text against a number and the like: never equal, and no order.
            switch op {
            case .equal: return .bool(false)
            case .notEqual: return .bool(true)
            default: return .missing
            }
        }
    }
}
