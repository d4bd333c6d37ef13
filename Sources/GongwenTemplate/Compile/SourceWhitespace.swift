/// How literal template text is cleaned of the white space that only lays out the XML source.
///
/// Chinese has no spaces between words, so a paragraph wrapped over several source lines must
/// not gain spaces where the lines were joined. A run of white space that contains a line break
/// is therefore removed when it touches a CJK character, a `{{ }}` hole or the edge of the
/// element, and becomes a single space between Latin words. Spaces within a line are kept.
enum SourceWhitespace {
    static func normalize(_ text: String, atStart: Bool, atEnd: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard isSpace(scalars[i]) else {
                out.append(scalars[i])
                i += 1
                continue
            }
            var j = i
            var hasNewline = false
            while j < scalars.count, isSpace(scalars[j]) {
                if scalars[j] == "\n" || scalars[j] == "\r" { hasNewline = true }
                j += 1
            }
            let runAtStart = i == 0 && atStart
            let runAtEnd = j == scalars.count && atEnd
            if runAtStart || runAtEnd {
                // Leading and trailing white space of an element's text is layout only.
            } else if hasNewline {
                let before: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
                let after: Unicode.Scalar? = j < scalars.count ? scalars[j] : nil
                if let before, let after, !isWide(before), !isWide(after) { out.append(" ") }
            } else {
                out.append(contentsOf: scalars[i..<j])
            }
            i = j
        }
        return String(out)
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }

    /// CJK ideographs, kana, hangul and full-width punctuation: scripts written without spaces.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E80...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFFEF, 0x20000...0x3FFFF, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026:
            true
        default:
            false
        }
    }
}
