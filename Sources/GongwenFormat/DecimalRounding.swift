import Foundation

/// Decimal rounding as statisticians and finance offices do it (四舍五入: half away from zero),
/// on exact decimals, so 12.915 rounds to 12.92 and never to 12.91.
public enum DecimalRounding {
    public static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// `value` rounded and written with exactly `places` decimals (`12.9` → `12.90`).
    public static func fixed(_ value: Decimal, places: Int) -> String {
        let rounded = round(value, places: places)
        var text = plain(rounded)
        if text == "-0" { text = "0" }
        if text.hasPrefix("-"), rounded.isZero { text.removeFirst() }
        guard places > 0 else { return text }
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: text.index(after: dot), to: text.endIndex)
            text += String(repeating: "0", count: max(0, places - decimals))
        } else {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }

    /// Shortest exact decimal text, without exponent or grouping.
    public static func plain(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }

    /// Digits before and after the point of a non-negative decimal, exactly as written out.
    static func digits(_ value: Decimal) -> (integer: String, fraction: String) {
        let text = plain(value < 0 ? -value : value)
        let parts = text.split(separator: ".", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}
