import Foundation
import GongwenModel

/// A filter: `{{ input | name(arguments) }}`. Filters are pure functions of values, so they can
/// be checked when a template is compiled (name and argument count) and run on any thread.
public struct Filter: Sendable {
    public typealias Function = @Sendable (_ input: Value, _ arguments: [Value]) throws(FilterError) -> Value

    public let name: String
    public let arity: ClosedRange<Int>
    /// One line for the reference in README and `gongwen filters`.
    public let summary: String
    /// A filter such as `default` runs even when its input names a missing field.
    public let acceptsMissingInput: Bool
    public let apply: Function

    public init(_ name: String, arity: ClosedRange<Int>, summary: String, acceptsMissingInput: Bool = false, _ apply: @escaping Function) {
        self.name = name
        self.arity = arity
        self.summary = summary
        self.acceptsMissingInput = acceptsMissingInput
        self.apply = apply
    }
}

/// What went wrong inside a filter; the evaluator adds where.
public struct FilterError: Error, Sendable {
    public var message: String
    /// The diagnostic id, when not the usual `filter-failed`.
    public var id: String?
    public init(_ message: String, id: String? = nil) {
        self.message = message
        self.id = id
    }

    /// A result of `bytes` bytes, past `Limits.valueBytes`: refused before it is built.
    static func tooLong(_ bytes: Int) -> FilterError {
        let limit = Limits.valueBytes / 1024 / 1024
        return FilterError("文字过长：结果有 \(bytes / 1024) KB，超过每个值 \(limit) MB 的上限 / text longer than \(limit) MB", id: "value-too-long")
    }
}

/// The registry of built-in filters.
public enum Filters {
    public static let all: [String: Filter] = {
        var table: [String: Filter] = [:]
        for filter in NumberFilters.all + ChineseNumberFilters.all + DateFilters.all + StatisticsFilters.all
            + OfficialTextFilters.all + TextFilters.all + ListFilters.all + RankingFilters.all + JurisdictionFilters.all {
            precondition(table[filter.name] == nil, "duplicate filter \(filter.name)")
            table[filter.name] = filter
        }
        return table
    }()

    public static func named(_ name: String) -> Filter? { all[name] }
}

/// Argument helpers shared by the filter families.
enum FilterArguments {
    static func number(_ value: Value, _ what: String) throws(FilterError) -> Number {
        guard let n = value.asNumber else {
            throw FilterError("\(what)应为数字，实际是\(value.kindName)“\(value.text)” / not a number: '\(value.text)'")
        }
        return n
    }

    static func integer(_ value: Value, _ what: String, in range: ClosedRange<Int>) throws(FilterError) -> Int {
        guard let n = value.asNumber?.intValue, range.contains(n) else {
            throw FilterError("\(what)应为 \(range.lowerBound) 到 \(range.upperBound) 的整数 / \(what) must be an integer in \(range)")
        }
        return n
    }

    /// A whole number within Int64.
    static func wholeNumber(_ value: Value, _ what: String) throws(FilterError) -> Int64 {
        guard let n = value.asNumber, let i = n.intValue else {
            throw FilterError("\(what)应为整数，实际是\(value.kindName)“\(value.text)” / \(what) must be an integer")
        }
        return Int64(i)
    }

    /// One of a fixed set of words.
    static func option(_ value: Value, _ allowed: [String], _ what: String) throws(FilterError) -> String {
        guard allowed.contains(value.text) else {
            throw FilterError("\(what)应为 \(allowed.map { "'\($0)'" }.joined(separator: "、")) 之一，实际是“\(value.text)” / unknown option")
        }
        return value.text
    }

    static func list(_ value: Value, _ filter: String) throws(FilterError) -> [Value] {
        switch value {
        case .list(let items): return items
        case .null: return []
        default: throw FilterError("过滤器 '\(filter)' 需要列表，实际是\(value.kindName) / '\(filter)' needs a list")
        }
    }
}

extension Value {
    /// Null or only white space: what `default` replaces and what an optional field left
    /// blank holds.
    var isEmptyValue: Bool {
        switch self {
        case .null: true
        case .string(let s): s.allSatisfy(\.isWhitespace)
        default: false
        }
    }
}
