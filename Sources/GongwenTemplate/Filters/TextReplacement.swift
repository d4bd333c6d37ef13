import Foundation

/// `replace` for the text of Chinese forms: the names of villages and offices, searched for
/// 社区 or 人民政府 in every record of a batch. Foundation's `replacingOccurrences` compares
/// canonically equivalent text alike and costs thousands of instructions a call; for text of
/// ASCII and CJK characters, which have no other canonical forms, a search for the UTF-8
/// bytes finds exactly the same matches (UTF-8 cannot match in the middle of a character).
/// Other text still goes through Foundation.
enum TextReplacement {
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard !target.isEmpty else { return text }
        guard hasOneForm(text), hasOneForm(target), hasOneForm(replacement) else {
            return text.replacingOccurrences(of: target, with: replacement)
        }
        let haystack = Array(text.utf8), needle = Array(target.utf8)
        guard haystack.count >= needle.count else { return text }
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) {
                if out.isEmpty { out.reserveCapacity(haystack.count) }
                out.append(contentsOf: haystack[copied..<i])
                out.append(contentsOf: replacement.utf8)
                i += needle.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: haystack[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Only ASCII, CJK punctuation (without the combining tone marks U+302A–302F), unified
    /// ideographs and full-width forms: scalars without canonical decompositions that no
    /// combining mark follows. (Kana are left out: が is か with a combining mark.)
    private static func hasOneForm(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0x00...0x7F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
            default: false
            }
        }
    }
}
