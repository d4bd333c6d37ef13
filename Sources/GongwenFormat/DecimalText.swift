/// Numbers read from decimal text exactly as `Double(String)` (strtod) reads them, fast: the
/// assessment parses 39,000 cells a period of 3,000 jurisdictions, and the history checks as many
/// when it stores a figure's value only if it is not its text's own number.
public enum DecimalText {
    /// `-?digits(.digits)?` with at most 15 digits, read exactly as `Double(String)` (strtod) reads it,
    /// else nil. Both the digits as an integer (< 2^53) and 10^k (k ≤ 15) are exact doubles, so one
    /// IEEE division rounds the exact quotient once — the correctly rounded value strtod returns
    /// (Clinger's fast path). `Double(String)` was 112 M instructions for 153,000 cells of 3 periods of
    /// 3,000 rows (callgrind); this is a few dozen a cell. Anything else goes to `Double(String)`.
    public static func plainDecimal(_ raw: String) -> Double? {
        var raw = raw
        return raw.withUTF8 { bytes -> Double? in
            let n = bytes.count
            var i = 0
            var negative = false
            if i < n, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            var mantissa: UInt64 = 0
            var digits = 0, fraction = 0
            var sawPoint = false
            while i < n {
                let b = bytes[i]
                if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                    mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0"))
                    digits += 1
                    if sawPoint { fraction += 1 }
                } else if b == UInt8(ascii: "."), !sawPoint {
                    sawPoint = true
                    // A digit on both sides of the point, as strtod needs none of: "5." and ".5" go the slow way.
                    if digits == 0 || i + 1 >= n { return nil }
                } else {
                    return nil
                }
                i += 1
            }
            guard digits > 0, digits <= 15 else { return nil }
            var scale = 1.0
            for _ in 0..<fraction { scale *= 10 }
            let d = Double(mantissa) / scale
            return negative ? -d : d
        }
    }

    /// `Double(String)`'s reading of `text`, through the fast path when it applies.
    public static func double(_ text: String) -> Double? { plainDecimal(text) ?? Double(text) }
}
