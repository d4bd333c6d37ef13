import Foundation

/// A data value as templates see it: what a spreadsheet cell, a JSON/YAML node or an expression
/// gives. Numbers are decimal (`Foundation.Decimal`), never binary floating point, so 12.92 stays
/// 12.92 through arithmetic and rounding.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case list([Value])
    case record(Record)

    /// The name of the value's kind, for messages.
    public var kindName: String {
        switch self {
        case .null: "空值"
        case .bool: "布尔值"
        case .number: "数字"
        case .string: "文本"
        case .list: "列表"
        case .record: "记录"
        }
    }

    /// Truthiness for `if`: null, false, 0, "" and empty lists are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .number(let n): !n.value.isZero
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .record: true
        }
    }

    /// The value as a number: numbers themselves, and text that reads as a decimal number
    /// (CSV cells are text until an expression does arithmetic or compares with them).
    public var asNumber: Number? {
        switch self {
        case .number(let n): n
        case .string(let s): Number(parsing: s.trimmingCharacters(in: .whitespaces))
        case .bool, .null, .list, .record: nil
        }
    }

    /// How a value is written into a document. Numbers keep the digits the user typed.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "是" : "否"
        case .number(let n): n.text
        case .string(let s): s
        case .list(let items): items.map(\.text).joined(separator: "、")
        case .record: ""
        }
    }
}

/// A decimal number that remembers how it was written, so `12.90` from a data file prints as
/// `12.90`, while results of arithmetic print in their shortest exact form.
public struct Number: Sendable, Equatable, Comparable {
    public var value: Decimal
    /// The literal as it appeared in the data, if the number came from data.
    public var literal: String?

    public init(_ value: Decimal, literal: String? = nil) {
        self.value = value
        self.literal = literal
    }

    public init(_ value: Int) {
        self.value = Decimal(value)
        self.literal = nil
    }

    /// Parses plain decimal notation: optional sign, digits, optional fraction, optional
    /// exponent. Rejects anything else (thousands separators, full-width digits, units): a
    /// string that only looks like a number is not silently half-read.
    public init?(parsing text: String) {
        guard Number.isDecimalLiteral(text), let decimal = Decimal(string: text, locale: Number.posix) else {
            return nil
        }
        self.value = decimal
        self.literal = text
    }

    public var text: String {
        if let literal { return literal }
        return Number.format(value)
    }

    public static func == (lhs: Number, rhs: Number) -> Bool { lhs.value == rhs.value }
    public static func < (lhs: Number, rhs: Number) -> Bool { lhs.value < rhs.value }

    /// Shortest exact decimal text, without exponent or grouping.
    public static func format(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, posix)
    }

    /// Whether the integer part is whole (used where only integers make sense, like indexes).
    public var intValue: Int? {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 0, .plain)
        guard rounded == value else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    static func isDecimalLiteral(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        var digits = 0
        while let c = scalars.first, ("0"..."9").contains(c) { digits += 1; scalars = scalars.dropFirst() }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            while let c = scalars.first, ("0"..."9").contains(c) { digits += 1; scalars = scalars.dropFirst() }
        }
        guard digits > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let s = scalars.first, s == "-" || s == "+" { scalars = scalars.dropFirst() }
            var expDigits = 0
            while let c = scalars.first, ("0"..."9").contains(c) { expDigits += 1; scalars = scalars.dropFirst() }
            guard expDigits > 0, expDigits <= 3 else { return false }
        }
        return scalars.isEmpty && digits <= 38
    }
}

/// A record: named fields, as a spreadsheet row or a JSON object. Field names are kept as the
/// user wrote them (usually Chinese column headers).
public struct Record: Sendable, Equatable {
    public private(set) var fields: [String: Value]
    /// Field names in the order the data gave them (for dumps and messages).
    public private(set) var order: [String]

    public init() {
        fields = [:]
        order = []
    }

    public init(_ pairs: [(String, Value)]) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> Value? {
        get { fields[key] }
        set {
            if fields[key] == nil, newValue != nil { order.append(key) }
            if newValue == nil { order.removeAll { $0 == key } }
            fields[key] = newValue
        }
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// This record with `other`'s fields laid over it.
    public func merging(_ other: Record) -> Record {
        var result = self
        for key in other.order { result[key] = other.fields[key] }
        return result
    }

    public static func == (lhs: Record, rhs: Record) -> Bool { lhs.fields == rhs.fields }
}
