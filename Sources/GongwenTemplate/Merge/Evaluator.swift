import Foundation
import GongwenModel

/// Evaluates expressions against a scope. Errors carry the template location of the failing
/// sub-expression; the merger adds the data location of the record.
struct Evaluator {
    struct Failure: Error {
        var id: String
        var message: String
        var location: SourceLocation
    }

    /// The id of a failure that follows from an earlier one (a `let` whose value failed): the
    /// merger does not report it again.
    static let afterError = "after-error"

    static func evaluate(_ expression: Expression, in scope: Scope) throws(Failure) -> Value {
        switch expression.kind {
        case .literal(let value):
            return value
        case .name(let name):
            if scope.failed.contains(name) {
                throw Failure(id: afterError, message: "", location: expression.location)
            }
            guard let value = scope.lookup(name) else {
                throw Failure(id: "unknown-field", message: "没有字段 “\(name)”\(hint(name, scope.allNames)) / no field '\(name)'",
                              location: expression.location)
            }
            return value
        case .member(let base, let name):
            let container = try evaluate(base, in: scope)
            // An item of the declared list (a county of a 通报) may leave out an optional field.
            if case .record(let record) = container, record[name] == nil, scope.optional.contains(name) { return .null }
            return try member(name, of: container, at: expression.location)
        case .index(let base, let indexExpression):
            let container = try evaluate(base, in: scope)
            let index = try evaluate(indexExpression, in: scope)
            switch container {
            case .list(let items):
                guard let i = index.asNumber?.intValue else {
                    throw Failure(id: "type-error", message: "列表下标应为整数 / list index must be an integer", location: indexExpression.location)
                }
                guard items.indices.contains(i) else {
                    throw Failure(id: "index-out-of-range", message: "下标 \(i) 超出列表范围（共 \(items.count) 项） / index out of range",
                                  location: indexExpression.location)
                }
                return items[i]
            default:
                return try member(index.text, of: container, at: expression.location)
            }
        case .unary(let op, let operand):
            let value = try evaluate(operand, in: scope)
            switch op {
            case .not:
                return .bool(!value.isTruthy)
            case .negate:
                let n = try number(value, operand.location)
                return .number(Number(-n.value))
            }
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, scope: scope, at: expression.location)
        case .filter(let name, let input, let arguments):
            guard let filter = Filters.named(name) else {
                throw Failure(id: "unknown-filter", message: "未知过滤器 '\(name)' / unknown filter '\(name)'", location: expression.location)
            }
            let value: Value
            do {
                value = try evaluate(input, in: scope)
            } catch where filter.acceptsMissingInput && error.id == "unknown-field" {
                value = .null
            }
            // `default` reads its argument only when it is needed: the fallback may be what
            // cannot be computed for a record that has the value (甲方 | default(区划 | 上级单位 …)).
            if name == "default", !value.isEmptyValue { return value }
            var args: [Value] = []
            for argument in arguments { args.append(try evaluate(argument, in: scope)) }
            do {
                return try filter.apply(value, args)
            } catch {
                throw Failure(id: "filter-failed", message: "\(name)：\(error.message)", location: expression.location)
            }
        }
    }

    private static func member(_ name: String, of container: Value, at location: SourceLocation) throws(Failure) -> Value {
        switch container {
        case .record(let record):
            guard let value = record[name] else {
                throw Failure(id: "unknown-field", message: "没有字段 “\(name)”\(hint(name, record.order)) / no field '\(name)'", location: location)
            }
            return value
        default:
            throw Failure(id: "type-error", message: "\(container.kindName)没有字段 “\(name)” / \(container.kindName) has no field '\(name)'",
                          location: location)
        }
    }

    private static func number(_ value: Value, _ location: SourceLocation) throws(Failure) -> Number {
        guard let n = value.asNumber else {
            throw Failure(id: "not-a-number", message: "“\(value.text)” 不是数字 / '\(value.text)' is not a number", location: location)
        }
        return n
    }

    private static func binary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, scope: Scope, at location: SourceLocation) throws(Failure) -> Value {
        // and/or short-circuit and yield a truth value.
        switch op {
        case .and:
            guard try evaluate(lhs, in: scope).isTruthy else { return .bool(false) }
            return .bool(try evaluate(rhs, in: scope).isTruthy)
        case .or:
            if try evaluate(lhs, in: scope).isTruthy { return .bool(true) }
            return .bool(try evaluate(rhs, in: scope).isTruthy)
        default:
            break
        }
        let l = try evaluate(lhs, in: scope)
        let r = try evaluate(rhs, in: scope)
        switch op {
        case .concatenate:
            return .string(l.text + r.text)
        case .add, .subtract, .multiply, .divide:
            let a = try number(l, lhs.location).value
            let b = try number(r, rhs.location).value
            switch op {
            case .add: return .number(Number(a + b))
            case .subtract: return .number(Number(a - b))
            case .multiply: return .number(Number(a * b))
            default:
                guard !b.isZero else {
                    throw Failure(id: "division-by-zero", message: "除数为 0 / division by zero", location: rhs.location)
                }
                return .number(Number(a / b))
            }
        case .equal, .notEqual:
            let same: Bool
            if let a = l.asNumber, let b = r.asNumber { same = a == b } else { same = l.text == r.text && sameKind(l, r) }
            return .bool(op == .equal ? same : !same)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order: ComparisonResult
            if let a = l.asNumber, let b = r.asNumber {
                order = a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
            } else if case .string(let a) = l, case .string(let b) = r {
                order = a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
            } else {
                throw Failure(id: "type-error", message: "无法比较\(l.kindName)“\(l.text)”和\(r.kindName)“\(r.text)” / cannot compare",
                              location: location)
            }
            switch op {
            case .less: return .bool(order == .orderedAscending)
            case .lessOrEqual: return .bool(order != .orderedDescending)
            case .greater: return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        case .and:
            return .bool(l.isTruthy && r.isTruthy)
        case .or:
            return .bool(l.isTruthy || r.isTruthy)
        }
    }

    /// Text and null compare equal only to their own kind ("" is not null).
    private static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null), (.string, .string), (.bool, .bool), (.list, .list), (.record, .record): true
        case (.string, .number), (.number, .string): true
        default: false
        }
    }

    private static func hint(_ name: String, _ candidates: [String]) -> String {
        guard let best = candidates.min(by: { editDistance($0, name) < editDistance($1, name) }),
              editDistance(best, name) <= max(1, name.count / 2) else { return "" }
        return "，是否想写 “\(best)”？"
    }
}
