import GongwenModel

/// Helpers that keep inline runs tidy: adjacent text joined, data line breaks turned into
/// `.lineBreak`, white space trimmed at the ends of a paragraph.
enum InlineText {
    static func append(_ text: String, to inlines: inout [Inline]) {
        guard !text.isEmpty else { return }
        if case .text(var previous)? = inlines.last {
            // Taken out first, so the text is extended in place: a loop adding a word at a
            // time to one paragraph copies it once, not once per word.
            inlines.removeLast()
            previous += text
            inlines.append(.text(previous))
        } else {
            inlines.append(.text(text))
        }
    }

    /// Data text: CR LF, CR and LF become line breaks; tabs become spaces.
    static func appendData(_ text: String, to inlines: inout [Inline]) {
        // Byte scan: comparing Characters is costly and this runs for every inserted value.
        guard text.containsByte(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            append(text, to: &inlines)
            return
        }
        let lines = text.replacingOccurrences(of: "\t", with: " ")
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        for (i, line) in lines.enumerated() {
            if i > 0 { inlines.append(.lineBreak) }
            append(String(line), to: &inlines)
        }
    }

    static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        if case .text(let s)? = result.first, s.utf8.first == 0x20 {
            let t = String(s.drop { $0 == " " })
            if t.isEmpty { result.removeFirst() } else { result[0] = .text(t) }
        }
        if case .text(let s)? = result.last, s.utf8.last == 0x20 {
            var t = Substring(s)
            while t.last == " " { t = t.dropLast() }
            if t.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(String(t)) }
        }
        return result
    }
}
