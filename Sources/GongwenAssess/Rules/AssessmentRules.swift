import Foundation
import GongwenModel

/// A compiled 考核办法.xml: everything an assessment needs, with names already resolved to positions
/// (indicator i, category c, decision d), so that assessing thousands of jurisdictions never looks a
/// name up in a dictionary.
public struct AssessmentRules: Sendable {
    public var name: String
    public var basis: String
    public var total: Double
    /// The rules file as given, and a digest of its bytes (reports say which regulation decided).
    public var file: String
    public var digest: String
    public var region: RegionColumns
    public var leaders: [LeaderColumn]
    public var indicators: [Indicator]
    public var facts: [Fact]
    public var categories: [Category]
    public var rankings: [Ranking]
    /// In the order written: a decision may read only the outcomes of those before it.
    public var decisions: [DecisionRule]
    /// Distinct outcomes (结果) in the order first written; conditions read outcomes by this index.
    public var outcomes: [String]
    /// outcome index → outcome indices it excludes (排除), checked acyclic.
    public var excludes: [[Int]]
    public var documents: [DocumentSpec]
}

/// Which columns identify a jurisdiction (地区).
public struct RegionColumns: Sendable {
    public var code: String
    public var name: String
    /// The 上级 column (所属市州), or nil.
    public var parent: String?
}

public struct LeaderColumn: Sendable {
    public var role: String
    public var column: String
}

public enum Direction: String, Sendable {
    case higherIsBetter = "越高越好"
    case lowerIsBetter = "越低越好"
}

/// A number column (出生率 ‰, 符合政策生育率 % …).
public struct Indicator: Sendable {
    public var name: String
    public var column: String
    public var unit: String
    public var direction: Direction
    public var targetColumn: String?
    public var location: SourceLocation

    /// How far `value` is worse than `target`, never negative.
    public func gap(_ value: Double, _ target: Double) -> Double {
        // ScoreItem.score(value:target:direction:) computes the same without the Indicator.
        max(0, direction == .higherIsBetter ? target - value : value - target)
    }

    /// Whether `value` meets `target` (equal meets it), tolerant of binary rounding.
    public func meets(_ value: Double, _ target: Double) -> Bool {
        direction == .higherIsBetter ? value >= target - Tolerance.epsilon : value <= target + Tolerance.epsilon
    }
}

/// A text column (重大恶性案件 是/否 …); `allowed` empty means any text.
public struct Fact: Sendable {
    public var name: String
    public var column: String
    public var allowed: [String]
    public var location: SourceLocation
}

public struct Category: Sendable {
    public var name: String
    public var weight: Double
    public var items: [ScoreItem]
}

/// 按目标: full marks at or better than target; 扣 per 每差 short, proportionally; never below 最低.
public struct ScoreItem: Sendable {
    public var indicator: Int
    public var full: Double
    public var per: Double
    public var deduct: Double
    public var floor: Double

    public func score(value: Double?, target: Double?, of indicator: Indicator) -> Double {
        score(value: value, target: target, direction: indicator.direction)
    }

    /// The same with only the direction: scoring every item of every row with its Indicator copied out of
    /// the rules (strings retained and released) was 23 M instructions of the 161 M of scoring and
    /// ranking 3 periods of 3,000 rows (callgrind).
    func score(value: Double?, target: Double?, direction: Direction) -> Double {
        guard let value, let target else { return floor }
        let gap = max(0, direction == .higherIsBetter ? target - value : value - target)
        if gap <= Tolerance.epsilon { return full }
        return max(floor, full - deduct * gap / per)
    }
}

/// One ranking (排名): by an expression (依据, default 得分), inside groups of a column (范围) or all.
public struct Ranking: Sendable {
    public var name: String
    public var basis: Condition
    /// The grouping column, nil for 全部.
    public var groupColumn: String?
    public var precision: Int
}

/// How many earlier periods a case looks back (连续).
public enum Consecutive: Sendable, Equatable {
    /// N periods of the period's own kind, this one included.
    case periods(Int)
    /// N years (the stored annual assessments), this one included.
    case years(Int)

    public var count: Int {
        switch self {
        case .periods(let n), .years(let n): n
        }
    }
}

/// What a missing figure (未报) means for one case.
public enum MissingRule: String, Sendable {
    case holds = "视为情形"
    case notApplicable = "不适用"
    case error = "报错"
}

/// One 情形 of a decision.
public struct CaseRule: Sendable {
    public var item: String
    public var summary: String
    public var condition: Condition
    public var consecutive: Consecutive?
    public var missing: MissingRule
    public var location: SourceLocation
}

/// One 决定: its outcome, article, the period kinds it applies to, cases, precedence and duration.
public struct DecisionRule: Sendable {
    public var outcome: String
    public var outcomeIndex: Int
    public var article: String
    public var kinds: Set<Period.Kind>
    public var cases: [CaseRule]
    public var excludes: [String]
    /// 有效期 in months, nil when the decision does not stay in force.
    public var validMonths: Int?
    public var tracksLeaders: Bool
    public var location: SourceLocation
}

/// A 文书 section: which template announces which outcome, and the fields the office fixes.
public struct DocumentSpec: Sendable {
    /// The outcomes the document announces (动态综合排名通报: 流动红旗 and 黄牌), as written in 结果.
    public var outcomes: [String]
    public var outcome: String { outcomes.first ?? "" }
    public var template: String
    /// Field name → values in order written (several 字段 of one name make a list).
    public var fields: [(name: String, values: [String])]
}

/// Comparisons of figures tolerate binary rounding (90.00 − 87.00 is 3 within 1e-9, not 2.9999…).
public enum Tolerance {
    public static let epsilon = 1e-9
}
