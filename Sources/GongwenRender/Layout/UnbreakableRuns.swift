import GongwenModel
/// Runs of text that must not be broken across lines, found where a writer cannot rely on the
/// engine's own line breaking.
package enum UnbreakableRuns {
    /// `〔2025〕17号` (year in 六角括号, number, 号): Chromium allows a break after 〕, and a
    /// document number split over two lines is misread and cannot be filed. A scan of the
    /// bytes for 〕 (E3 80 95) first, so ordinary text costs little.
    static func documentNumbers(in text: String) -> [Range<String.Index>] {
        guard text.containsBytes("〕") else { return [] }
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

    /// A closing bracket followed by digits (“（市、区、特区）2025年”): LibreOffice does not break
    /// between them, Chromium does; kept together in the HTML, both engines break the line alike.
    /// Found by bytes (every text of every document passes here): ）is EF BC 89; 】》」』〕 are
    /// E3 80 91, 8B, 8D, 8F, 95.
    static func bracketNumbers(in text: String) -> [Range<String.Index>] {
        var text = text
        text.makeContiguousUTF8()
        let offsets: [(Int, Int)] = text.utf8.withContiguousStorageIfAvailable { b in
            var found: [(Int, Int)] = []
            var i = 0
            while i + 3 < b.count {
                let closer = (b[i] == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x89)
                    || (b[i] == 0xE3 && b[i + 1] == 0x80 && [0x91, 0x8B, 0x8D, 0x8F, 0x95].contains(b[i + 2]))
                guard closer else { i += 1; continue }
                var j = i + 3
                while j < b.count, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
                if j > i + 3 { found.append((i, j)) }
                i = j
            }
            return found
        } ?? []
        let utf8 = text.utf8
        return offsets.map { utf8.index(utf8.startIndex, offsetBy: $0.0)..<utf8.index(utf8.startIndex, offsetBy: $0.1) }
    }

    /// All runs to keep whole, in order, overlapping ones joined.
    package static func all(in text: String) -> [Range<String.Index>] {
        let runs = (documentNumbers(in: text) + bracketNumbers(in: text)).sorted { $0.lowerBound < $1.lowerBound }
        var joined: [Range<String.Index>] = []
        for run in runs {
            if let last = joined.last, run.lowerBound <= last.upperBound {
                joined[joined.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
            } else {
                joined.append(run)
            }
        }
        return joined
    }
}
