import GongwenModel

/// `replace` for the text of Chinese forms: the names of villages and offices, searched for
/// 社区 or 人民政府 in every record of a batch. For text of ASCII and CJK characters, which have
/// no other canonical forms (`hasSingleUnicodeForm`), a search for the UTF-8 bytes finds exactly
/// the matches a search for characters finds (UTF-8 cannot match in the middle of a character),
/// at a fraction of the cost. Other text is searched by `Character`s, which compare as Swift
/// compares text: canonically equivalent forms alike. (Foundation's `replacingOccurrences`,
/// used before, took 40 seconds for a 32,767-character cell and a long search text: its search
/// is quadratic.)
///
/// Both searches are linear, and the result is refused once it passes `limit` bytes: replacing
/// each of 20,000 letters with a page of text would otherwise build gigabytes.
enum TextReplacement {
    static func replacing(_ target: String, with replacement: String, in text: String, limit: Int) throws(FilterError) -> String {
        guard !target.isEmpty else { return text }
        if text.hasSingleUnicodeForm, target.hasSingleUnicodeForm, replacement.hasSingleUnicodeForm {
            let out = try replaced(Array(target.utf8), with: Array(replacement.utf8), in: Array(text.utf8), limit: limit) { _ in 1 }
            return out.map { String(decoding: $0, as: UTF8.self) } ?? text
        }
        let out = try replaced(Array(target), with: Array(replacement), in: Array(text), limit: limit) { $0.utf8.count }
        return out.map { String($0) } ?? text
    }

    /// `haystack` with each leftmost, non-overlapping occurrence of `needle` replaced, or nil
    /// when there is none. `bytes` is the UTF-8 size of an element, to hold the result to `limit`.
    private static func replaced<Element: Equatable>(_ needle: [Element], with replacement: [Element], in haystack: [Element],
                                                     limit: Int, bytes: (Element) -> Int) throws(FilterError) -> [Element]? {
        var matches = Occurrences(of: needle, in: haystack)
        guard var match = matches.next() else { return nil }
        let replacementBytes = replacement.reduce(0) { $0 + bytes($1) }
        var out: [Element] = []
        out.reserveCapacity(haystack.count)
        var size = 0
        var copied = 0
        while true {
            for element in haystack[copied..<match] { size += bytes(element) }
            size += replacementBytes
            guard size <= limit else { throw FilterError.tooLong(size) }
            out.append(contentsOf: haystack[copied..<match])
            out.append(contentsOf: replacement)
            copied = match + needle.count
            guard let next = matches.next() else { break }
            match = next
        }
        out.append(contentsOf: haystack[copied...])
        return out
    }
}

/// The leftmost non-overlapping occurrences of a needle, in order. A short needle is compared
/// in place (at most its length of comparisons per position); a long one by Knuth–Morris–Pratt,
/// so that neither takes more than linear time — a search for 16,000 `a`s and a `b` in 32,000
/// `a`s would otherwise compare half a billion times.
struct Occurrences<Element: Equatable> {
    private let needle: [Element]
    private let haystack: [Element]
    /// For KMP: the length of the longest proper border of each prefix of the needle.
    private let border: [Int]?
    private var position = 0

    static var shortNeedle: Int { 16 }

    init(of needle: [Element], in haystack: [Element]) {
        self.needle = needle
        self.haystack = haystack
        guard needle.count > Self.shortNeedle else {
            border = nil
            return
        }
        var table = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<needle.count {
            while k > 0, needle[i] != needle[k] { k = table[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            table[i] = k
        }
        border = table
    }

    /// The start of the next occurrence.
    mutating func next() -> Int? {
        let m = needle.count
        guard m > 0, haystack.count - position >= m else { return nil }
        if let border {
            var k = 0
            while position < haystack.count {
                while k > 0, haystack[position] != needle[k] { k = border[k - 1] }
                if haystack[position] == needle[k] { k += 1 }
                position += 1
                if k == m {
                    // Start again after the match: occurrences do not overlap.
                    return position - m
                }
            }
            return nil
        }
        while position <= haystack.count - m {
            if haystack[position] == needle[0], haystack[position..<position + m].elementsEqual(needle) {
                defer { position += m }
                return position
            }
            position += 1
        }
        return nil
    }
}
