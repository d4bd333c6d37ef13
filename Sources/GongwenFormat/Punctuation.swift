/// Turns ASCII punctuation typed inside Chinese text into the full-width forms of GB/T 15834
/// (，。：；？！（）“”‘’). Punctuation between Latin letters or digits is left alone, so decimal
/// points (12.5), thousands separators (1,000), times (10:30), URLs, e-mail addresses and Latin
/// words (don't, e.g.) keep their marks. Spaces around a converted mark are dropped.
public enum Punctuation {
    public static func fullWidth(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var parens: [Bool] = []       // whether each open "(" was converted
        var doubleOpen = false
        var singleOpen = false
        var i = 0
        // Every look around is answered from state kept as the scan goes or from one pass made
        // beforehand, never by scanning again: a 32,767-character cell of dots or spaces was
        // quadratic (half a billion steps).
        // The last scalar written that is not a space.
        var lastNonSpace: Unicode.Scalar?
        // For each position, the next scalar after it that is not a space.
        var nextNonSpace = [Unicode.Scalar?](repeating: nil, count: s.count)
        if s.count > 1 {
            for j in stride(from: s.count - 2, through: 0, by: -1) {
                nextNonSpace[j] = s[j + 1] != " " ? s[j + 1] : nextNonSpace[j + 1]
            }
        }
        // For each position, where the run of e-mail characters starting there ends.
        var emailRunEnd = [Int](repeating: s.count, count: s.count + 1)
        for j in stride(from: s.count - 1, through: 0, by: -1) {
            emailRunEnd[j] = isEmailCharacter(s[j]) ? emailRunEnd[j + 1] : j
        }

        func dropTrailingSpaces() {
            while out.last == " " { out.removeLast() }
        }
        func skipSpaces(_ from: inout Int) {
            while from + 1 < s.count, s[from + 1] == " " { from += 1 }
        }

        while i < s.count {
            // URLs and e-mail addresses are copied untouched up to the next space or non-ASCII character.
            if isURLStart(s, i, emailRunEnd: emailRunEnd) {
                var end = i
                while end < s.count, s[end].isASCII, s[end] != " " { end += 1 }
                // Sentence punctuation right after an address belongs to the sentence.
                while end > i + 1, ".,;:!?)".unicodeScalars.contains(s[end - 1]) { end -= 1 }
                out.append(contentsOf: s[i..<end])
                lastNonSpace = s[end - 1]
                i = end
                continue
            }
            let c = s[i]
            let prev = lastNonSpace
            let nxt = nextNonSpace[i]
            let adjacentPrev = i > 0 ? s[i - 1] : nil
            let adjacentNext = i + 1 < s.count ? s[i + 1] : nil
            let chinesePrev = prev.map(isChinese) ?? false
            let chineseNext = nxt.map(isChinese) ?? false
            let betweenDigits = adjacentPrev.map(isDigit) ?? false && (adjacentNext.map(isDigit) ?? false)
            var replacement: Unicode.Scalar?
            var closing = true  // spaces after a closing mark are dropped

            switch c {
            case ".":
                if !betweenDigits, chinesePrev { replacement = "。" }
            case ",":
                if !betweenDigits, chinesePrev || chineseNext { replacement = "，" }
            case ":":
                if !betweenDigits, chinesePrev { replacement = "：" }
            case ";", "?", "!":
                if chinesePrev || chineseNext {
                    replacement = c == ";" ? "；" : c == "?" ? "？" : "！"
                }
            case "(":
                let convert = chinesePrev || chineseNext
                parens.append(convert)
                if convert { replacement = "（"; closing = false }
            case ")":
                let convert = parens.popLast() ?? chinesePrev
                if convert { replacement = "）" }
            case "\"":
                if doubleOpen {
                    replacement = "”"
                    doubleOpen = false
                } else if chineseNext || chinesePrev {
                    replacement = "“"
                    doubleOpen = true
                    closing = false
                }
            case "'":
                let latinApostrophe = (adjacentPrev.map(isLatinLetter) ?? false) && (adjacentNext.map(isLatinLetter) ?? false)
                if latinApostrophe {
                    break
                } else if singleOpen {
                    replacement = "’"
                    singleOpen = false
                } else if chineseNext || chinesePrev {
                    replacement = "‘"
                    singleOpen = true
                    closing = false
                }
            default:
                break
            }
            if let replacement {
                dropTrailingSpaces()
                out.append(replacement)
                lastNonSpace = replacement
                skipSpaces(&i)
                _ = closing
            } else {
                out.append(c)
                if c != " " { lastNonSpace = c }
            }
            i += 1
        }
        return String(out)
    }

    static func isChinese(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF,
             0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014:
            true
        default:
            false
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }

    private static let urlPrefixes = ["http://", "https://", "www.", "ftp://"].map { Array($0.utf8) }

    /// Whether an address starts at `i`: a URL prefix in any case, or the ASCII word characters
    /// of an e-mail address up to its @ (`emailRunEnd`: where such a run from each position ends).
    private static func isURLStart(_ s: [Unicode.Scalar], _ i: Int, emailRunEnd: [Int]) -> Bool {
        for prefix in urlPrefixes where i + prefix.count <= s.count {
            var matches = true
            for (k, byte) in prefix.enumerated() {
                let v = s[i + k].value
                let lower = (0x41...0x5A).contains(v) ? v + 0x20 : v
                if lower != UInt32(byte) { matches = false; break }
            }
            if matches { return true }
        }
        // An e-mail address: ASCII word characters around an @.
        guard i == 0 || !(s[i - 1].isASCII && (isLatinLetter(s[i - 1]) || isDigit(s[i - 1]))) else { return false }
        let j = emailRunEnd[i]
        return j > i && j < s.count && s[j] == "@"
    }

    private static func isEmailCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (isLatinLetter(c) || isDigit(c) || c == "." || c == "_" || c == "-")
    }
}
