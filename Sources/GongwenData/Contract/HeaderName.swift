import Foundation

/// Loose matching of column headers to the field names a template asks for, because the same
/// column is typed many ways: `出生率(‰)`, `出生率（‰）`, `出生率 `, `ＸＸ` in full-width letters.
public enum HeaderName {
    /// The comparable form of a header: compatibility-normalised (full-width → half-width),
    /// without white space, without a trailing unit in brackets, Latin letters in lower case.
    public static func normalize(_ name: String) -> String {
        var s = name.precomposedStringWithCompatibilityMapping  // NFKC: （ → (, ‰ stays
        s.removeAll { $0.isWhitespace }
        // A trailing (unit) / [unit] / 【unit】: 出生率(‰), 金额(元), 人口[人]
        let pairs: [(Character, Character)] = [("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")]
        for (open, close) in pairs where s.last == close {
            if let start = s.lastIndex(of: open), start != s.startIndex {
                s = String(s[..<start])
                break
            }
        }
        return s.lowercased()
    }
}
