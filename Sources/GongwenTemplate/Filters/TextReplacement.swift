import Foundation
import GongwenModel

/// `replace` for the text of Chinese forms: the names of villages and offices, searched for
/// 社区 or 人民政府 in every record of a batch. Foundation's `replacingOccurrences` compares
/// canonically equivalent text alike and costs thousands of instructions a call; for text of
/// ASCII and CJK characters, which have no other canonical forms (`hasSingleUnicodeForm`), a search for the UTF-8
/// bytes finds exactly the same matches (UTF-8 cannot match in the middle of a character).
/// Other text still goes through Foundation.
enum TextReplacement {
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard !target.isEmpty else { return text }
        guard text.hasSingleUnicodeForm, target.hasSingleUnicodeForm, replacement.hasSingleUnicodeForm else {
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
}
