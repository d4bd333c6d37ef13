import GongwenModel

/// Column widths of a table, for both writers, chosen so that every header cell fits its
/// column: a header broken inside a word (“出生|率（‰）”) cannot be read as a column name.
///
/// The template's `列宽` are proportions. Each column gets at least the width of its figures
/// (cells without Chinese text, which cannot break) and of its header
/// (on one line when all headers fit so; otherwise of its longest unbreakable piece, the header
/// then breaking before its bracket: “出生率” / “（‰）”), and what is left is shared in the
/// template's proportions. Widths are estimated from the characters: CJK and full-width forms
/// one em of the table's 4号 face, other characters 0.6 em, plus the cell padding and a
/// millimetre in hand for the engines' rounding.
public struct TableLayout: Sendable, Equatable {
    /// Column widths in mm, adding up to the 版心 width.
    public var columnWidthsMM: [Double]
    /// The header rows with a line break put where a header that does not fit on one line breaks.
    public var headerRows: [[TableCell]]

    /// Cell padding (both sides) and rules, and the margin kept in hand.
    static let paddingMM = 3.0 + 0.5
    static let slackMM = 1.0

    public init(_ table: Table, profile: LayoutProfile) {
        let count = max(table.columnCount, 1)
        let total = profile.textWidthMM
        let weights = table.columnWidths.map { Array($0.prefix(count)) + Array(repeating: 1, count: max(0, count - $0.count)) }
            ?? Array(repeating: 1, count: count)
        let emMM = profile.colophonSizePt * 25.4 / 72
        // The header cell standing in each column (only cells spanning one column count).
        var headers = [[Inline]?](repeating: nil, count: count)
        for row in table.headerRows {
            var column = 0
            for cell in row {
                if cell.columnSpan == 1, column < count { headers[column] = cell.content }
                column += cell.columnSpan
            }
        }
        // A body cell without Chinese text (10.53‰, ≥90.00) has nowhere to break: its column is
        // at least as wide. Short Chinese cells (县名) are best on one line too, when there is room.
        var figures = [Double](repeating: 0, count: count), words = [Double](repeating: 0, count: count)
        for row in table.rows.prefix(500) {
            var column = 0
            for cell in row {
                if cell.columnSpan == 1, column < count {
                    let text = Inline.plainText(cell.content)
                    let width = Self.width(lines: [text], emMM: emMM)
                    if !text.unicodeScalars.contains(where: { (0x3400...0x9FFF).contains($0.value) }) {
                        figures[column] = max(figures[column], width)
                    } else if text.count <= 8 {
                        words[column] = max(words[column], width)
                    }
                }
                column += cell.columnSpan
            }
        }
        let whole = zip(headers, figures).map { header, figure in max(figure, header.map { Self.width(lines: Self.lines($0), emMM: emMM) } ?? 0) }
        let pieces = zip(headers, figures).map { header, figure in
            max(figure, header.map { Self.width(lines: Self.lines($0).flatMap(Self.pieces), emMM: emMM) } ?? 0)
        }
        let roomy = zip(whole, words).map { max($0, $1) }
        // The widest minimum that fits: everything on one line; headers and figures on one line;
        // figures on one line and headers broken before a bracket.
        let minimum = [roomy, whole].first { $0.reduce(0, +) <= total } ?? pieces
        columnWidthsMM = Self.share(total, weights: weights.map(Double.init), minimum: minimum)
        let breakAt = zip(whole, columnWidthsMM).map { $0 > $1 + 0.001 }
        headerRows = table.headerRows.map { row in
            var column = 0
            return row.map { cell in
                defer { column += cell.columnSpan }
                guard cell.columnSpan == 1, column < count, breakAt[column] else { return cell }
                var broken = cell
                broken.content = Self.broken(cell.content)
                return broken
            }
        }
    }

    /// `total` shared in proportion to `weights`, no column below its minimum: columns whose
    /// share is too small get their minimum, the others share the rest, until all fit.
    ///
    /// Fixing a column whose minimum is more than its share lowers the share of the others, so
    /// the columns that get their minimum are those with the most minimum per weight: they are
    /// taken in that order until the next one fits. (The first version went round all columns
    /// once per column fixed: a table of 100,000 columns from a loop was 10^10 steps.) The
    /// shares are then computed as the first version did, summing in column order.
    static func share(_ total: Double, weights: [Double], minimum: [Double]) -> [Double] {
        let order = weights.indices.sorted { minimum[$0] * weights[$1] > minimum[$1] * weights[$0] }
        var fixed = [Bool](repeating: false, count: weights.count)
        var free = total, weight = weights.reduce(0, +)
        for i in order {
            guard weight > 0, free * weights[i] / weight < minimum[i] else { break }
            fixed[i] = true
            free -= minimum[i]
            weight -= weights[i]
        }
        let rest = total - weights.indices.filter { fixed[$0] }.map { minimum[$0] }.reduce(0, +)
        let restWeight = weights.indices.filter { !fixed[$0] }.map { weights[$0] }.reduce(0, +)
        return weights.indices.map { fixed[$0] ? minimum[$0] : (restWeight > 0 ? max(0, rest) * weights[$0] / restWeight : 0) }
    }

    /// A header's lines: its text split at the template's own line breaks.
    static func lines(_ content: [Inline]) -> [String] {
        var lines = [""]
        for inline in content {
            switch inline {
            case .text(let s): lines[lines.count - 1] += s
            case .lineBreak: lines.append("")
            case .blank(let width): lines[lines.count - 1] += String(repeating: "　", count: width)
            }
        }
        return lines
    }

    /// The pieces a header may break into: before a full-width opening bracket.
    static func pieces(_ line: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for ch in line {
            if ch == "（" && !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.append(ch)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The header with a line break before each bracket that starts a piece.
    static func broken(_ content: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for inline in content {
            guard case .text(let s) = inline else { out.append(inline); continue }
            let parts = pieces(s)
            for (i, part) in parts.enumerated() {
                if i > 0 { out.append(.lineBreak) }
                out.append(.text(part))
            }
        }
        return out
    }

    static func width(lines: [String], emMM: Double) -> Double {
        let widest = lines.map { line in
            line.unicodeScalars.reduce(0.0) { $0 + ($1.isASCII ? 0.6 : 1.0) }
        }.max() ?? 0
        return widest * emMM + paddingMM + slackMM
    }
}
