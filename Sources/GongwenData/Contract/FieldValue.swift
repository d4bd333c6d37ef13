import Foundation
import GongwenFormat
import GongwenModel

/// Reads one cell as the type a contract field declares. Returns the value the template will
/// see (numbers as exact decimals, dates as `2025-06-30`, codes as text) or a problem in the
/// words a secretary understands, naming what was found.
enum FieldValue {
    struct Problem: Error {
        var id: String
        var message: String
    }

    static func convert(_ value: Value, as rule: FieldRule) throws(Problem) -> Value {
        let shown = display(value)
        switch rule.kind {
        case .text:
            // A character takes at least one byte: short text needs no counting of characters.
            if let maxLength = rule.maxLength, shown.utf8.count > maxLength, shown.count > maxLength {
                throw Problem(id: "data-text-too-long", message: "内容过长（\(shown.count) 个字，最多 \(maxLength) 个） / text too long")
            }
            return value
        case .integer:
            let number = try self.number(value, shown: shown)
            guard number.intValue != nil else {
                throw Problem(id: "data-not-an-integer", message: "“\(shown)” 不是整数 / not a whole number")
            }
            try checkRange(number.value, shown: shown, rule)
            return .number(number)
        case .decimal:
            let number = try self.number(value, shown: shown)
            try checkRange(number.value, shown: shown, rule)
            return .number(number)
        case .perMille, .percent:
            let unit: Character = rule.kind == .perMille ? "‰" : "%"
            let other: Character = unit == "‰" ? "%" : "‰"
            var text = trim(shown)
            if text.last == other {
                throw Problem(id: "data-wrong-unit", message: "“\(shown)” 的单位应为 \(unit)，而不是 \(other) / wrong unit")
            }
            if text.last == unit { text.removeLast() }
            let number: Number
            if case .number(let n) = value { number = n } else { number = try self.number(.string(text), shown: shown) }
            try checkRange(number.value, shown: shown, rule)
            return .number(number)
        case .date:
            if case .number(let n) = value {
                guard let date = try? CivilDate(excelSerial: n.value) else {
                    throw Problem(id: "data-not-a-date", message: "“\(shown)” 不是有效日期 / not a valid date")
                }
                return .string(date.iso)
            }
            let text = trim(shown)
            let datePart = text.split(separator: " ").first.map(String.init) ?? text
            guard let date = try? CivilDate(parsing: datePart) else {
                throw Problem(id: "data-not-a-date", message: "“\(shown)” 不是有效日期（可写作 2025-06-30 或 2025年6月30日） / not a valid date")
            }
            return .string(date.iso)
        case .code, .regionCode:
            let text = trim(shown)
            if let bad = text.unicodeScalars.first(where: { !("0"..."9").contains($0) }) {
                let hint = isFullWidthDigit(bad) ? "（含全角数字“\(bad)”）" : ""
                throw Problem(id: "data-bad-code", message: "“\(shown)” 不是数字代码\(hint) / a code must be digits")
            }
            if !rule.lengths.isEmpty && !rule.lengths.contains(text.count) {
                let hint = value.asNumber != nil && text.count < (rule.lengths.max() ?? 0)
                    ? "；表格可能把它当作数字，去掉了开头的 0，请把该列设为“文本”格式" : ""
                throw Problem(id: "data-bad-code",
                              message: "“\(shown)” 应为 \(rule.lengths.map(String.init).joined(separator: " 或 ")) 位数字\(hint) / wrong number of digits")
            }
            return .string(text)
        case .oneOf(let options):
            // A TRUE/FALSE cell answers a 是/否 question.
            if options.contains(where: { $0.isSameName(as: "是") }) && options.contains(where: { $0.isSameName(as: "否") }) {
                if case .bool(let b) = value { return .string(b ? "是" : "否") }
                switch shown.uppercased() {
                case "TRUE": return .string("是")
                case "FALSE": return .string("否")
                default: break
                }
            }
            let text = trim(shown)
            if options.contains(where: { $0.isSameName(as: text) }) { return .string(text) }
            let folded = text.precomposedStringWithCompatibilityMapping
            if let match = options.first(where: { $0.precomposedStringWithCompatibilityMapping == folded }) { return .string(match) }
            throw Problem(id: "data-not-in-list", message: "“\(shown)” 不是可选值之一（\(options.joined(separator: "、"))） / not one of the allowed values")
        case .regionName:
            return .string(trim(shown))
        case .idNumber:
            do {
                return .string(try PersonalData.validateID(trim(shown)))
            } catch {
                throw Problem(id: "data-bad-id-number", message: "身份证号 \(masked(shown)) 无效：\(error.message) / invalid ID number")
            }
        }
    }

    /// Whether a cell is empty or only white space.
    static func isBlank(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .string(let s): s.unicodeScalars.allSatisfy(isWhitespace)
        default: false
        }
    }

    /// `text` without leading and trailing white space; the common case (nothing to trim) costs
    /// two scalar checks instead of a Foundation call.
    static func trim(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !isWhitespace(first) && !isWhitespace(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Unicode's white space, answered without a property lookup for printable ASCII and CJK
    /// ideographs (nearly every cell starts and ends with one).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (0x21...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) { return false }
        return scalar.properties.isWhitespace
    }

    /// How a value looks in the user's sheet.
    static func display(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "TRUE" : "FALSE"
        default: value.text
        }
    }

    /// A number from a cell: plain decimal notation, optionally with thousands separators
    /// (`1,198,970`) and surrounding spaces. Full-width digits and units are reported, not
    /// guessed at: `1２.3` could be a typo for 12.3 or for 1.3.
    private static func number(_ value: Value, shown: String) throws(Problem) -> Number {
        if case .number(let n) = value { return n }
        var text = trim(display(value))
        if isGrouped(text) { text.removeAll { $0 == "," } }
        if let n = Number(parsing: text) { return n }
        var hint = ""
        if Number.isBeyondPrecision(text) {
            hint = "（位数过多或数值过大：最多 \(Number.maximumDigits) 位有效数字，不会四舍五入；若是证件号、代码等，请按文本填写）"
        } else if let wide = shown.unicodeScalars.first(where: isFullWidthDigit) {
            hint = "（含全角字符“\(wide)”）"
        } else if shown.unicodeScalars.contains(where: { $0 == "‰" || $0 == "%" }) {
            hint = "（此列应只填数字，不带单位）"
        }
        throw Problem(id: "data-not-a-number", message: "“\(shown)” 不是数字\(hint) / not a number")
    }

    /// `1,234` or `-1,234,567.5`: commas only between groups of three digits.
    private static func isGrouped(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: ",")) else { return false }
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let integer = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy(\.isASCII) }
    }

    private static func checkRange(_ value: Decimal, shown: String, _ rule: FieldRule) throws(Problem) {
        let low = rule.minimum, high = rule.maximum
        if let low, value < low {
            throw Problem(id: "data-out-of-range", message: "“\(shown)” 超出范围（\(range(low, high))） / out of range")
        }
        if let high, value > high {
            throw Problem(id: "data-out-of-range", message: "“\(shown)” 超出范围（\(range(low, high))） / out of range")
        }
    }

    private static func range(_ low: Decimal?, _ high: Decimal?) -> String {
        switch (low, high) {
        case let (l?, h?): "应在 \(Number.format(l)) 到 \(Number.format(h)) 之间"
        case let (l?, nil): "应不小于 \(Number.format(l))"
        case let (nil, h?): "应不大于 \(Number.format(h))"
        default: ""
        }
    }

    private static func isFullWidthDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF19).contains(scalar.value) || scalar.value == 0xFF0E
    }

    /// ID numbers never appear whole in messages.
    private static func masked(_ text: String) -> String {
        guard text.count > 8 else { return "…" }
        return String(text.prefix(4)) + "…" + String(text.suffix(4))
    }
}
