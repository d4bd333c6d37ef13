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

        func previous() -> Unicode.Scalar? {
            var j = out.count
            let scalars = Array(out)
            while j > 0 {
                j -= 1
                if scalars[j] != " " { return scalars[j] }
            }
            return nil
        }
        func next(_ from: Int) -> Unicode.Scalar? {
            var j = from + 1
            while j < s.count {
                if s[j] != " " { return s[j] }
                j += 1
            }
            return nil
        }
        func dropTrailingSpaces() {
            while out.last == " " { out.removeLast() }
        }
        func skipSpaces(_ from: inout Int) {
            while from + 1 < s.count, s[from + 1] == " " { from += 1 }
        }

        while i < s.count {
            // URLs and e-mail addresses are copied untouched up to the next space or non-ASCII character.
            if isURLStart(s, i) {
                var end = i
                while end < s.count, s[end].isASCII, s[end] != " " { end += 1 }
                // Sentence punctuation right after an address belongs to the sentence.
                while end > i, ".,;:!?)".unicodeScalars.contains(s[end - 1]) { end -= 1 }
                out.append(contentsOf: s[i..<end])
                i = end
                continue
            }
            let c = s[i]
            let prev = previous()
            let nxt = next(i)
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
                skipSpaces(&i)
                _ = closing
            } else {
                out.append(c)
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

    private static func isURLStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        for prefix in ["http://", "https://", "www.", "ftp://"] {
            let p = Array(prefix.unicodeScalars)
            if i + p.count <= s.count, Array(s[i..<i + p.count]).map({ Unicode.Scalar(Character($0).lowercased().unicodeScalars.first!.value)! }) == p {
                return true
            }
        }
        // An e-mail address: ASCII word characters around an @.
        var j = i
        guard i == 0 || !(s[i - 1].isASCII && (isLatinLetter(s[i - 1]) || isDigit(s[i - 1]))) else { return false }
        while j < s.count, s[j].isASCII, isLatinLetter(s[j]) || isDigit(s[j]) || s[j] == "." || s[j] == "_" || s[j] == "-" { j += 1 }
        return j > i && j < s.count && s[j] == "@"
    }
}
