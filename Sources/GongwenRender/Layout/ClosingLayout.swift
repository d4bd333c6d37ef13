import GongwenModel

/// Where 发文机关署名 and 成文日期 stand, in characters from the right edge of the 版心
/// (GB/T 9704-2012 7.3.5). Both writers use these numbers as right indents.
public struct ClosingLayout: Sendable, Equatable {
    /// Right indent of each 署名 line, in characters.
    public var issuerIndents: [Double]
    /// Right indent of the date, in characters.
    public var dateIndent: Double

    /// Unsealed (7.3.5.2): 署名 two characters from the right; the date one line below, its first
    /// character two characters right of the 署名's first; a long date stays two characters from
    /// the right and pushes the 署名 left.
    /// Sealed (7.3.5.1): the date four characters from the right, each 署名 centred above it.
    public init(_ closing: Closing) {
        let date = closing.date.map(ClosingLayout.cells) ?? 0
        let issuers = closing.issuers.map { ClosingLayout.cells(Inline.plainText($0)) }
        if closing.sealed {
            dateIndent = 4
            issuerIndents = issuers.map { max(0, 4 + (date - $0) / 2) }
        } else {
            dateIndent = 2
            issuerIndents = issuers.map { issuer in
                // First character of the date is two cells right of the 署名's first character.
                max(2, 2 + date + 2 - issuer)
            }
            if date == 0 { issuerIndents = issuers.map { _ in 2 } }
        }
    }

    /// Width in grid cells: CJK and full-width characters one cell, half-width characters half.
    public static func cells(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (DisplayWidth.cells(of: $1) == 2 ? 1 : 0.5) }
    }
}

/// Signature blocks side by side (forms), for both writers: each signer's lines get an equal
/// share of the 28 characters, two characters apart. A blank to sign on is at least 40 mm long
/// (a hand-written name needs it; a date 25 mm): it follows its label when both fit the share,
/// else it goes on a line of its own under the label, as long as the share allows. A 盖章 label
/// gets no line: the seal is pressed over it. The blocks
/// never overflow the 版心 (Chromium would shrink the whole page to fit).
public enum SignatureLayout {
    public static let gapCells = 2
    /// Shortest blanks, in mm: to sign a name, and to write a date.
    public static let signingMM = 40.0
    public static let dateMM = 25.0

    /// Characters each signer's block may use.
    public static func share(signatories: Int, charactersPerLine: Int) -> Int {
        (charactersPerLine - gapCells * max(signatories - 1, 0)) / max(signatories, 1)
    }

    /// The printed lines of one signature line: `label：` and its value or blank, on one line or
    /// two. `cellMM` is the width of one character cell.
    public static func lines(_ line: SignatureLine, signatories: Int, charactersPerLine: Int = 28, cellMM: Double) -> [[Inline]] {
        let label: [Inline] = [.text(line.label + "：")]
        guard line.value.isEmpty else { return [label + line.value] }
        // A seal is pressed over its label: no line to write on.
        if line.label.containsBytes("盖章") { return [label] }
        let share = Self.share(signatories: signatories, charactersPerLine: charactersPerLine)
        let labelCells = Int((ClosingLayout.cells(line.label) + 1).rounded(.up))
        let shortest = Int(((line.label.containsBytes("日期") ? dateMM : signingMM) / cellMM).rounded(.up))
        let wanted = max(shortest, line.blankWidth)
        // One cell in hand: a block exactly as wide as its share wraps in Chromium.
        let room = share - labelCells - 1
        if room >= shortest { return [label + [.blank(width: min(wanted, room))]] }
        return [label, [.blank(width: max(2, min(wanted, share - 1)))]]
    }

    /// The block as a grid both writers draw alike: columns (a share per signer, a gap between
    /// them) in mm, adding up to the 版心, and rows of printed lines, row i holding each
    /// signer's i-th line (or nothing), so that the signers' lines stay level with each other
    /// even when one of them needs a line more.
    public struct Grid: Sendable, Equatable {
        /// Widths of the columns: signer, gap, signer, … (2n − 1 of them).
        public var columnsMM: [Double]
        /// One entry per row, one per signer in each row (nil: nothing on that line).
        public var rows: [[[Inline]?]]
    }

    /// The grid's columns for `count` signers: a share each, a gap between them; the characters
    /// the integer shares leave over go to the last signer.
    public static func columns(signatories count: Int, profile: LayoutProfile) -> [Double] {
        let count = max(count, 1)
        let cellMM = profile.characterPitchPt * 25.4 / 72
        let share = Self.share(signatories: count, charactersPerLine: profile.charactersPerLine)
        var columns: [Double] = []
        for i in 0..<count {
            if i > 0 { columns.append(Double(gapCells) * cellMM) }
            columns.append(Double(share) * cellMM)
        }
        columns[columns.count - 1] += profile.textWidthMM - columns.reduce(0, +)
        return columns
    }

    public static func grid(_ signatories: [Signatory], profile: LayoutProfile) -> Grid {
        let count = max(signatories.count, 1)
        let cellMM = profile.characterPitchPt * 25.4 / 72
        let columns = columns(signatories: count, profile: profile)
        let printed = signatories.map { s in
            s.lines.flatMap { lines($0, signatories: count, charactersPerLine: profile.charactersPerLine, cellMM: cellMM) }
        }
        let height = printed.map(\.count).max() ?? 0
        let rows = (0..<height).map { r in printed.map { r < $0.count ? $0[r] : nil } }
        return Grid(columnsMM: columns, rows: rows)
    }
}
