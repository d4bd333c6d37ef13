import Foundation

/// A data value as templates see it: what a spreadsheet cell, a JSON/YAML node or an expression
/// gives. Numbers are decimal (`Foundation.Decimal`), never binary floating point, so 12.92 stays
/// 12.92 through arithmetic and rounding.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Boxed: a `Number` (a Decimal and its literal) is 36 bytes, which would make every value
    /// of every cell of a large sheet that big; boxed, a value takes 24 bytes.
    indirect case number(Number)
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
        // Trimming (Foundation) costs more than the test, so text without a digit stops here.
        case .string(let s): s.containsByte(where: { $0 &- 0x30 < 10 }) ? Number(parsing: s.trimmingCharacters(in: .whitespaces)) : nil
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
    /// string that only looks like a number is not silently half-read. Rejects too a number
    /// that `Decimal` cannot hold exactly (`isBeyondPrecision`): it is never rounded.
    public init?(parsing text: String) {
        if let decimal = Number.fastDecimal(text) {
            self.value = decimal
            self.literal = text
            return
        }
        guard let decimal = Number.exactDecimal(text) else { return nil }
        self.value = decimal
        self.literal = text
    }

    /// The most significant digits a `Decimal` holds exactly (its mantissa is 128 bits).
    public static let maximumDigits = 38
    /// The range of a `Decimal`'s exponent of ten.
    public static let exponentRange = -128...127

    /// The exact value of plain decimal notation (`-12.50`, `1.5e3`), or nil when the text is not
    /// that or its value has more than 38 significant digits or lies beyond Decimal's exponent
    /// range: `Decimal(string:)` would silently round the first and give NaN or zero for the
    /// second, and an ID number typed as a number would lose its last digits.
    public static func exactDecimal(_ text: String) -> Decimal? {
        guard let parts = DecimalLiteral(text) else { return nil }
        var digits = parts.digits[...]
        while digits.first == 0 { digits = digits.dropFirst() }
        // Zero is zero whatever its sign: a Decimal of negative sign and no digits is NaN.
        if digits.isEmpty { return Decimal(0) }
        var exponent = parts.exponent
        while digits.last == 0 {
            digits = digits.dropLast()
            exponent += 1
        }
        guard digits.count <= maximumDigits, exponentRange.contains(exponent) else { return nil }
        let significand = Decimal(string: String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self), locale: posix) ?? 0
        let value = Decimal(sign: parts.negative ? .minus : .plus, exponent: exponent, significand: significand)
        return value.isNaN ? nil : value
    }

    /// Whether `text` is plain decimal notation whose value Decimal cannot hold exactly.
    public static func isBeyondPrecision(_ text: String) -> Bool {
        DecimalLiteral(text) != nil && exactDecimal(text) == nil
    }

    /// The parts of plain decimal notation: every digit (integer and fraction), and the power of
    /// ten of the last one.
    struct DecimalLiteral {
        var negative = false
        var digits: [UInt8] = []
        var exponent = 0

        init?(_ text: String) {
            var utf8 = text.utf8[...]
            if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                utf8 = utf8.dropFirst()
            }
            var fraction = 0
            var seenDot = false
            while let c = utf8.first {
                if c >= 0x30 && c <= 0x39 {
                    // Beyond a few thousand digits the number is refused anyway; stop counting.
                    guard digits.count < 4096 else { return nil }
                    digits.append(c - 0x30)
                    if seenDot { fraction += 1 }
                } else if c == UInt8(ascii: "."), !seenDot {
                    seenDot = true
                } else {
                    break
                }
                utf8 = utf8.dropFirst()
            }
            guard !digits.isEmpty else { return nil }
            var power = 0
            if let e = utf8.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                utf8 = utf8.dropFirst()
                var sign = 1
                if let s = utf8.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                    sign = s == UInt8(ascii: "-") ? -1 : 1
                    utf8 = utf8.dropFirst()
                }
                var count = 0
                while let c = utf8.first, c >= 0x30 && c <= 0x39 {
                    // An exponent of more than six digits is far outside any range: no overflow.
                    guard count < 6 else { return nil }
                    power = power * 10 + Int(c - 0x30)
                    count += 1
                    utf8 = utf8.dropFirst()
                }
                guard count > 0 else { return nil }
                power *= sign
            }
            guard utf8.isEmpty else { return nil }
            exponent = power - fraction
        }
    }

    /// Plain `-123.45` with at most 18 digits and no exponent, built from its digits directly:
    /// the figures of a spreadsheet, parsed about twenty times faster than `Decimal(string:)`.
    static func fastDecimal(_ text: String) -> Decimal? {
        var utf8 = text.utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa * 10 + UInt64(byte - 0x30)
                digits += 1
                if seenDot { fraction += 1 }
                if digits > 18 { return nil }
            } else if byte == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(mantissa))
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

    /// The number as an `Int` when it is whole and within `Int`'s range (used where only
    /// integers make sense, like indexes and counts); nil otherwise. Beyond the range,
    /// Foundation's conversion wraps around (2^64 + 1 would read as 1), so it is never asked.
    public var intValue: Int? {
        guard !value.isNaN, value >= Number.intRange.lowerBound, value <= Number.intRange.upperBound else { return nil }
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 0, .plain)
        guard rounded == value else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    private static let intRange = Decimal(Int.min)...Decimal(Int.max)

    static let posix = Locale(identifier: "en_US_POSIX")

    static func isDecimalLiteral(_ text: String) -> Bool { DecimalLiteral(text) != nil }
}

/// A record: named fields, as a spreadsheet row or a JSON object. Field names are kept as the
/// user wrote them (usually Chinese column headers).
///
/// The names live in a `RecordKeys` table that all rows of one spreadsheet share, and the
/// values in a plain array: a row costs its values, not a dictionary of its own, so a sheet of
/// hundreds of thousands of rows fits in memory, and a name is hashed once per lookup.
public struct Record: Sendable, Equatable {
    private var keys: RecordKeys
    /// The values, in the order of `order`.
    public private(set) var values: [Value]

    public init() {
        keys = RecordKeys.none
        values = []
    }

    public init(_ pairs: [(String, Value)]) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// A record over a shared key table (one per spreadsheet), values in the table's order.
    public init(keys: RecordKeys, values: [Value]) {
        precondition(keys.names.count == values.count, "one value per key")
        self.keys = keys
        self.values = values
    }

    /// The table of names, which records from one sheet share. Holding it keeps it from being
    /// changed in place: a record adding a field to a table it does not own copies it first.
    public var keyTable: RecordKeys { keys }

    /// Field names in the order the data gave them (for dumps and messages).
    public var order: [String] { keys.names }

    public var count: Int { values.count }

    public subscript(key: String) -> Value? {
        get { keys.slot(of: key).map { values[$0] } }
        set {
            if let slot = keys.slot(of: key) {
                if let newValue {
                    values[slot] = newValue
                } else {
                    var names = keys.names
                    names.remove(at: slot)
                    values.remove(at: slot)
                    keys = RecordKeys(names)
                }
            } else if let newValue {
                if !isKnownUniquelyReferenced(&keys) { keys = keys.copy() }
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// This record with `other`'s fields laid over it.
    public func merging(_ other: Record) -> Record {
        var result = self
        for (key, value) in zip(other.keys.names, other.values) { result[key] = value }
        return result
    }

    /// Equal when they have the same fields with the same values, whatever their order.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        guard lhs.values.count == rhs.values.count else { return false }
        if lhs.keys === rhs.keys { return lhs.values == rhs.values }
        for (key, value) in zip(lhs.keys.names, lhs.values) where rhs[key] != value { return false }
        return true
    }
}

/// The field names of records, shared by every row of a table. Mutated only while uniquely
/// referenced (copy-on-write through `Record`), hence safe to share between threads.
public final class RecordKeys: @unchecked Sendable {
    public private(set) var names: [String]
    private(set) var index: [String: Int]
    /// The same by bytes, and whether every name has one Unicode form: see `slot(of:)`.
    private var byBytes: [NameBytes: Int] = [:]
    private var singleForm = true

    /// Names must be distinct; a later duplicate is ignored.
    public init(_ names: [String]) {
        self.names = []
        self.index = [:]
        self.names.reserveCapacity(names.count)
        for name in names where index[name] == nil { append(name) }
    }

    /// The table of a record without fields; the first added field copies it (copy-on-write),
    /// so empty records (the usual `shared`) cost no allocation.
    static let none = RecordKeys([])

    fileprivate func append(_ name: String) {
        index[name] = names.count
        byBytes[NameBytes(name: name)] = names.count
        if !name.hasSingleUnicodeForm { singleForm = false }
        names.append(name)
    }

    /// The index of `name`, as `index[name]` finds it, without normalising the usual names
    /// (see `String.isSameName`): the same bytes are the same name, and when all names have a
    /// single Unicode form, other bytes are another name.
    func slot(of name: String) -> Int? {
        if let slot = byBytes[NameBytes(name: name)] { return slot }
        if singleForm, name.hasSingleUnicodeForm { return nil }
        return index[name]
    }

    fileprivate func copy() -> RecordKeys {
        let copy = RecordKeys([])
        copy.names = names
        copy.index = index
        copy.byBytes = byBytes
        copy.singleForm = singleForm
        return copy
    }
}
