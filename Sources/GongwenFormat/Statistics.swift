import Foundation

/// Figures as statistical and official text writes them.
public enum Statistics {
    /// `12.915` → `12.92‰` (per-mille, `n` decimals, half up). With a denominator, the rate is
    /// computed first: births 1292 over population 100000 → `12.92‰`.
    public static func perMille(_ value: Decimal, places: Int, denominator: Decimal? = nil) throws(FormatError) -> String {
        try rate(value, scale: 1000, places: places, denominator: denominator) + "‰"
    }

    /// `84.25` → `84.25%`; with a denominator, `value / denominator × 100`.
    public static func percent(_ value: Decimal, places: Int, denominator: Decimal? = nil) throws(FormatError) -> String {
        try rate(value, scale: 100, places: places, denominator: denominator) + "%"
    }

    private static func rate(_ value: Decimal, scale: Decimal, places: Int, denominator: Decimal?) throws(FormatError) -> String {
        var v = value
        if let denominator {
            guard !denominator.isZero else { throw FormatError("分母为 0，无法计算比率 / zero denominator") }
            v = value / denominator * scale
        }
        return DecimalRounding.fixed(try finite(v), places: places)
    }

    /// A signed change in words: −1.37, `千分点` → `下降1.37个千分点`; 0.5, `百分点` → `提高0.5个百分点`;
    /// 0 → `持平`. `words` is `提高/下降` unless given (`上升/下降`, `增加/减少`); `places` fixes the
    /// decimals, otherwise the figure is written as it is. Units such as 人 or 元 get no 个.
    public static func change(_ value: Decimal, unit: String, places: Int?, words: String = "提高/下降", literal: String? = nil) throws(FormatError) -> String {
        let pair = words.split(separator: "/").map(String.init)
        guard pair.count == 2 else { throw FormatError("升降的用词应写成“提高/下降”的形式，实际是“\(words)” / words must be 'up/down'") }
        let magnitude = value < 0 ? -value : value
        let rounded = places.map { DecimalRounding.round(magnitude, places: $0) } ?? magnitude
        if rounded.isZero { return "持平" }
        var figure: String
        if let places {
            figure = DecimalRounding.fixed(magnitude, places: places)
        } else if let literal, !literal.contains("e"), !literal.contains("E") {
            figure = literal.hasPrefix("-") || literal.hasPrefix("+") ? String(literal.dropFirst()) : literal
        } else {
            figure = DecimalRounding.plain(magnitude)
        }
        let measure = unit.hasSuffix("点") && !unit.hasPrefix("个") ? "个" + unit : unit
        if figure.isEmpty { figure = "0" }
        return (value < 0 ? pair[1] : pair[0]) + figure + measure
    }

    /// 出生人口性别比 (女 = 100): boys / girls × 100, one decimal unless told: 1125 / 1000 → `112.5`.
    public static func sexRatio(boys: Decimal, girls: Decimal, places: Int = 1) throws(FormatError) -> String {
        guard !girls.isZero else { throw FormatError("女婴数为 0，无法计算性别比 / no girls") }
        return DecimalRounding.fixed(try finite(boys / girls * 100), places: places)
    }

    /// `value` unless it is NaN: a quotient past the range of decimals (a rate over a
    /// denominator of 10^-127, or 10^-127 in 万, below the smallest decimal) has no figure to write.
    private static func finite(_ value: Decimal) throws(FormatError) -> Decimal {
        guard !value.isNaN else { throw FormatError("计算结果超出数值范围 / result out of range") }
        return value
    }

    /// 3752000 → `375.2万` (`places` decimals); 亿 likewise.
    public static func abbreviated(_ value: Decimal, unit: String, places: Int) throws(FormatError) -> String {
        let divisor: Decimal
        switch unit {
        case "万": divisor = 10_000
        case "亿": divisor = 100_000_000
        case "万亿": divisor = Decimal(1_000_000_000_000)
        default: throw FormatError("单位应为“万”“亿”或“万亿”，实际是“\(unit)” / unit must be 万, 亿 or 万亿")
        }
        return DecimalRounding.fixed(try finite(value / divisor), places: places) + unit
    }

    /// Thousands separators (off by default in Chinese official text, on request): 446750 → 446,750.
    public static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}
