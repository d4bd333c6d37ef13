/// Runs of text that must not be broken across lines, found where a writer cannot rely on the
/// engine's own line breaking.
enum UnbreakableRuns {
    /// `〔2025〕17号` (year in 六角括号, number, 号): Chromium allows a break after 〕, and a
    /// document number split over two lines is misread and cannot be filed. A scan of the
    /// bytes for 〕 (E3 80 95) first, so ordinary text costs nothing.
    static func documentNumbers(in text: String) -> [Range<String.Index>] {
        guard text.utf8.contains(0x95), text.contains("〕") else { return [] }
        var runs: [Range<String.Index>] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "〔") {
            var j = text.index(after: open)
            let yearStart = j
            while j < text.endIndex, text[j].isASCII, text[j].isNumber { j = text.index(after: j) }
            guard j > yearStart, j < text.endIndex, text[j] == "〕" else { i = text.index(after: open); continue }
            j = text.index(after: j)
            let numberStart = j
            while j < text.endIndex, text[j].isASCII, text[j].isNumber { j = text.index(after: j) }
            guard j > numberStart else { i = j; continue }
            if j < text.endIndex, text[j] == "号" { j = text.index(after: j) }
            runs.append(open..<j)
            i = j
        }
        return runs
    }
}
