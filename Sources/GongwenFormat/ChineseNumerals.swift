import Foundation

/// Chinese numerals with the rules of standard written Chinese: one 零 for each gap inside a
/// number (一千零一, 一万零一百, 一亿零一万), groups of four digits named 万, 亿 and 万亿, 十 rather
/// than 一十 at the start (十二, but 一百一十), decimals read digit by digit (三点一四), 负 for
/// negatives, and upper case (壹佰贰拾叁) for amounts and forms.
public enum ChineseNumerals {
    /// The largest magnitude written: 9999万9999亿9999万9999 (10^16 − 1), the reach of 万 and 亿.
    public static let maximum: Int64 = 9_999_9999_9999_9999

    public struct Digits: Sendable {
        let digits: [String]
        let units: [String]  // 十 百 千 (index 1…3)

        public static let lower = Digits(digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"], units: ["", "十", "百", "千"])
        public static let upper = Digits(digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"], units: ["", "拾", "佰", "仟"])
    }

    /// Lower-case numerals for an integer: 0 → 零, 10 → 十, 101 → 一百零一, 100010000 → 一亿零一万.
    /// With `liang`, 二 before 千, 万 and 亿 is written 两 (两千, 两万), as quantities are read.
    public static func lowercase(_ value: Int, liang: Bool = false) -> String {
        (try? integer(Int64(value), digits: .lower, liang: liang)) ?? String(value)
    }

    /// Upper-case numerals for an integer: 123 → 壹佰贰拾叁, 10 → 壹拾.
    public static func uppercase(_ value: Int64) throws(FormatError) -> String {
        try integer(value, digits: .upper, liang: false)
    }

    /// An integer in the given digit set. Throws beyond ±(10^16 − 1).
    public static func integer(_ value: Int64, digits: Digits, liang: Bool = false) throws(FormatError) -> String {
        guard value != Int64.min, abs(value) <= maximum else {
            throw FormatError("“\(value)”超出可写成中文数字的范围（绝对值小于一万万亿） / out of range")
        }
        if value < 0 { return "负" + (try integer(-value, digits: digits, liang: liang)) }
        if value == 0 { return digits.digits[0] }
        // Above 亿 the count of 亿 is itself read with 万 (10001亿 = 一万零一亿; 1万亿 = 一万亿).
        let high = value / 1_0000_0000, low = value % 1_0000_0000
        var out = ""
        if high > 0 {
            out += (liang && high == 2 ? "两" : section(Int(high), digits, liang: liang)) + "亿"
            if low > 0, low < 1000_0000 { out += digits.digits[0] }
        }
        if low > 0 { out += section(Int(low), digits, liang: liang) }
        if digits.units[1] == "十", out.hasPrefix("一十") { out.removeFirst() }
        return out
    }

    /// 1–9999 9999: groups of four around 万, one 零 for a gap after the 万.
    private static func section(_ value: Int, _ d: Digits, liang: Bool) -> String {
        let wan = value / 10000, rest = value % 10000
        var out = ""
        if wan > 0 {
            out += (liang && wan == 2 ? "两" : groupText(wan, d, liang: liang)) + "万"
            if rest > 0, rest < 1000 { out += d.digits[0] }
        }
        if rest > 0 { out += groupText(rest, d, liang: liang) }
        return out
    }

    /// 1–9999 without a leading 零; with `liang`, 二千 is written 两千.
    private static func groupText(_ group: Int, _ d: Digits, liang: Bool) -> String {
        var out = ""
        var zero = false
        for position in stride(from: 3, through: 0, by: -1) {
            let digit = group / [1, 10, 100, 1000][position] % 10
            if digit == 0 {
                if !out.isEmpty { zero = true }
            } else {
                if zero { out += d.digits[0] }
                out += (liang && digit == 2 && position == 3 ? "两" : d.digits[digit]) + d.units[position]
                zero = false
            }
        }
        return out
    }

    /// A decimal in lower or upper case: 3.14 → 三点一四, -1.17 → 负一点一七, 0.05 → 零点零五.
    /// Digits after the point are read one by one, as written.
    public static func decimal(_ value: Decimal, digits: Digits = .lower, liang: Bool = false) throws(FormatError) -> String {
        let (integerDigits, fraction) = DecimalRounding.digits(value)
        guard let whole = Int64(integerDigits), whole <= maximum else {
            throw FormatError("“\(DecimalRounding.plain(value))”超出可写成中文数字的范围 / out of range")
        }
        var out = try integer(whole, digits: digits, liang: liang)
        if !fraction.isEmpty {
            out += "点" + fraction.map { digits.digits[$0.wholeNumberValue ?? 0] }.joined()
        }
        return value < 0 ? "负" + out : out
    }

    /// 第十二条, 第三章: `unit` follows the number.
    public static func ordinal(_ value: Int64, unit: String) throws(FormatError) -> String {
        guard value > 0 else { throw FormatError("序数应为正整数，实际是“\(value)” / ordinals must be positive") }
        return "第" + (try integer(value, digits: .lower)) + unit
    }

    /// Digits of a year read one by one with 〇 for zero: 2025 → 二〇二五.
    public static func yearDigits(_ year: Int) -> String {
        String(year).map { $0 == "0" ? "〇" : Digits.lower.digits[Int(String($0)) ?? 0] }.joined()
    }
}
