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
        case .unary(let op, let operand):
            let value = try evaluate(operand, in: scope)
            switch op {
            case .not:
                return .bool(!value.isTruthy)
            case .negate:
                let n = try number(value, operand.location)
                return .number(Number(-n.value))
            }
        case .chain(let head, let steps):
            return try chain(head, steps, in: scope)
        }
    }

    /// A chain, step by step. A failure passes over the steps after it, as it would out of
    /// nested calls, until a filter that accepts a missing input (`default`) takes the missing
    /// field as empty.
    private static func chain(_ head: Expression, _ steps: [Expression.Step], in scope: Scope) throws(Failure) -> Value {
        var value = Value.null
        var failure: Failure?
        do {
            value = try evaluate(head, in: scope)
        } catch {
            failure = error
        }
        // Where the value so far was written: the head, then the last step applied.
        var location = head.location
        for step in steps {
            defer { location = step.location }
            if let missing = failure {
                guard missing.id == "unknown-field", case .filter(let name, _) = step.kind,
                      Filters.named(name)?.acceptsMissingInput == true else { continue }
                failure = nil
                value = .null
            }
            do {
                value = try apply(step, to: value, writtenAt: location, in: scope)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return value
    }

    /// The value of `step` applied to `value` (the chain so far, written at `location`).
    private static func apply(_ step: Expression.Step, to value: Value, writtenAt location: SourceLocation,
                              in scope: Scope) throws(Failure) -> Value {
        switch step.kind {
        case .binary(let op, let right):
            return try binary(op, value, location, right, scope: scope, at: step.location)
        case .member(let name):
            // An item of the declared list (a county of a 通报) may leave out an optional field.
            if case .record(let record) = value, record[name] == nil, scope.optional.contains(name) { return .null }
            return try member(name, of: value, at: step.location)
        case .index(let indexExpression):
            let index = try evaluate(indexExpression, in: scope)
            switch value {
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
                return try member(index.text, of: value, at: step.location)
            }
        case .filter(let name, let arguments):
            guard let filter = Filters.named(name) else {
                throw Failure(id: "unknown-filter", message: "未知过滤器 '\(name)' / unknown filter '\(name)'", location: step.location)
            }
            // `default` reads its argument only when it is needed: the fallback may be what
            // cannot be computed for a record that has the value (甲方 | default(区划 | 上级单位 …)).
            if name == "default", !value.isEmptyValue { return value }
            var args: [Value] = []
            for argument in arguments { args.append(try evaluate(argument, in: scope)) }
            let result: Value
            do {
                result = try filter.apply(value, args)
            } catch {
                throw Failure(id: error.id ?? "filter-failed", message: "\(name)：\(error.message)", location: step.location)
            }
            return try checked(result, at: step.location)
        }
    }

    /// `value` if it is within the limits: text of at most `Limits.valueBytes`, a number that
    /// is a number (decimal arithmetic past ±10^165 gives NaN, which must never be printed).
    private static func checked(_ value: Value, at location: SourceLocation) throws(Failure) -> Value {
        switch value {
        case .string(let s) where s.utf8.count > Limits.valueBytes:
            throw tooLong(s.utf8.count, at: location)
        case .number(let n) where n.value.isNaN:
            throw outOfRange(at: location)
        default:
            return value
        }
    }

    private static func tooLong(_ bytes: Int, at location: SourceLocation) -> Failure {
        let error = FilterError.tooLong(bytes)
        return Failure(id: error.id ?? "value-too-long", message: error.message, location: location)
    }

    private static func outOfRange(at location: SourceLocation) -> Failure {
        Failure(id: "number-out-of-range", message: "计算结果超出数值范围（绝对值须小于 10 的 127 次方） / number out of range", location: location)
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

    private static func binary(_ op: BinaryOperator, _ l: Value, _ lhsLocation: SourceLocation, _ rhs: Expression, scope: Scope,
                               at location: SourceLocation) throws(Failure) -> Value {
        // and/or short-circuit and yield a truth value.
        switch op {
        case .and:
            guard l.isTruthy else { return .bool(false) }
            return .bool(try evaluate(rhs, in: scope).isTruthy)
        case .or:
            if l.isTruthy { return .bool(true) }
            return .bool(try evaluate(rhs, in: scope).isTruthy)
        default:
            break
        }
        let r = try evaluate(rhs, in: scope)
        switch op {
        case .concatenate:
            let (a, b) = (l.text, r.text)
            // Checked before joining: forty doublings of a text would ask for a terabyte.
            guard a.utf8.count + b.utf8.count <= Limits.valueBytes else { throw tooLong(a.utf8.count + b.utf8.count, at: location) }
            return .string(a + b)
        case .add, .subtract, .multiply, .divide:
            let a = try number(l, lhsLocation).value
            let b = try number(r, rhs.location).value
            let result: Decimal
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            default:
                guard !b.isZero else {
                    throw Failure(id: "division-by-zero", message: "除数为 0 / division by zero", location: rhs.location)
                }
                result = a / b
            }
            guard !result.isNaN else { throw outOfRange(at: location) }
            return .number(Number(result))
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
