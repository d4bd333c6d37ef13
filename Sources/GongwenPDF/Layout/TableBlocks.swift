import GongwenModel
import GongwenRender

/// A table in 4号 with 0.75 pt rules, columns from `TableLayout` (every header fits its column):
/// a one-line row is one grid line, rows never split, header rows repeat on every page the
/// table continues on.
struct TableBlocks {
    var parts: PartBlocks

    init(parts: PartBlocks) { self.parts = parts }

    mutating func block(_ table: Table, overlong: inout Int, tooWide: inout Int) -> FlowBlock {
        let m = parts.metrics
        let layout = TableLayout(table, profile: m.profile)
        var widths = layout.columnWidthsMM.map(Geometry.pt)
        // Columns whose figures and headers cannot fit the 版心 are narrowed to fit it (their
        // text then breaks, and the user is told): a table past the margin would be cut off.
        let total = widths.reduce(0, +)
        if total > m.width + 0.5 {
            tooWide += 1
            widths = widths.map { $0 * m.width / total }
        }
        var edges = [0.0]
        for w in widths { edges.append(edges[edges.count - 1] + w) }
        let header = layout.headerRows.map { row(m, $0, edges: edges, header: true, overlong: &overlong) }
        let body = table.rows.map { row(m, $0, edges: edges, header: false, overlong: &overlong) }
        var block = FlowBlock(boxes: header + body)
        block.repeated = header
        return block
    }

    private mutating func row(_ m: PageMetrics, _ cells: [TableCell], edges: [Double], header: Bool, overlong: inout Int) -> FlowBox {
        let rule = m.profile.tableRulePt
        let lineHeight = m.profile.tableLinePt
        let size = m.profile.colophonSizePt
        let style = m.style(header ? .heiTi : .fangSong, size: size, spacing: 0)
        let padding = Geometry.pt(1.5)
        var content: [BoxContent] = []
        var column = 0
        var tallest = 1
        var cellLines: [(lines: [TextLine], x: Double)] = []
        var cellEdges: [Double] = [0]
        for cell in cells {
            let start = min(column, edges.count - 1)
            let end = min(column + cell.columnSpan, edges.count - 1)
            column += cell.columnSpan
            let width = max(edges[end] - edges[start] - 2 * padding - rule, size)
            let alignment: Alignment = cell.alignment == .start ? .start : cell.alignment == .end ? .end : .center
            var long = false
            let lines = LineBreaker(style: style, alignment: alignment).lines(cell.content, width: width, typesetter: parts.typesetter, overlong: &long)
            if long { overlong += 1 }
            tallest = max(tallest, lines.count)
            cellLines.append((lines, edges[start] + rule / 2 + padding))
            cellEdges.append(edges[end])
        }
        let height = Double(tallest) * lineHeight + rule
        let baseline = Geometry.baseline(lineHeight: lineHeight, size: size)
        for (lines, x) in cellLines {
            for (i, line) in lines.enumerated() {
                content.append(.text(line, style: style, x: x, baseline: rule + Double(i) * lineHeight + baseline))
            }
        }
        // Rules: above and below the row, and at each cell's edges.
        let total = edges.last ?? 0
        content.append(.rule(x: -rule / 2, y: 0, width: total + rule, height: rule, color: .black))
        content.append(.rule(x: -rule / 2, y: height, width: total + rule, height: rule, color: .black))
        for x in cellEdges {
            content.append(.rule(x: x - rule / 2, y: 0, width: rule, height: height + rule, color: .black))
        }
        return FlowBox(height: height, content: content)
    }
}
