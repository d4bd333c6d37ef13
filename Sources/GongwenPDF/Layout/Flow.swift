/// What a block puts on the page, relative to the top-left corner of its box.
public enum BoxContent: Sendable {
    /// A line of text whose baseline is `baseline` below the box's top, starting `x` from the
    /// left edge of the 版心.
    case text(TextLine, style: TextStyle, x: Double, baseline: Double)
    case rule(x: Double, y: Double, width: Double, height: Double, color: Color)
    case image(Int, x: Double, y: Double, width: Double, height: Double)
}

/// A box of the flow that never splits across pages: one line of text, a table row, a rule.
public struct FlowBox: Sendable {
    public var height: Double
    public var content: [BoxContent]

    public init(height: Double, content: [BoxContent]) {
        self.height = height
        self.content = content
    }
}

/// A block of the flow (a paragraph, a heading, a table, the closing) and the rules GB/T 9704
/// and the HTML and ODF outputs keep for it across page breaks.
public struct FlowBlock: Sendable {
    public var marginTop: Double = 0
    public var boxes: [FlowBox]
    /// Never split (the closing, signature blocks, the 版记).
    public var keepTogether = false
    /// On the same page as the start of the next block (headings; the paragraph before the 署名).
    public var keepWithNext = false
    /// Lines at least left at the foot of a page when the block splits (CSS `orphans: 2`).
    public var orphans = 2
    /// Starts a new page (附件, a page break in the template).
    public var breakBefore = false
    /// Printed again at the top of each page the block continues on (a table's header rows).
    public var repeated: [FlowBox] = []
    /// Placed on the bottom edge of the 版心 of the last page (the 版记, GB/T 9704 7.4); its
    /// margin is not needed there.
    public var atFoot = false

    public init(boxes: [FlowBox]) { self.boxes = boxes }

    var height: Double { boxes.reduce(0) { $0 + $1.height } }
}

/// Pours blocks into pages of the 版心: each box goes where the previous one ended, or to the
/// next page when it does not fit; a block that must stay together or with the next one moves
/// to the next page as a whole when it cannot. Margins at the top of a page that a block was
/// pushed to are dropped, as in both engines.
public struct Flow {
    /// Height of the 版心, in points.
    public let height: Double
    /// One CSS pixel in hand for Chromium's rounding of line boxes (as the pagination script).
    static let tolerance = 0.75

    public init(height: Double) { self.height = height }

    /// Pages, each a list of boxes and the y of their tops from the top of the 版心.
    public func pages(_ blocks: [FlowBlock]) -> [[(box: FlowBox, y: Double)]] {
        var pages: [[(box: FlowBox, y: Double)]] = [[]]
        var y = 0.0
        func newPage() {
            pages.append([])
            y = 0
        }
        for (i, block) in blocks.enumerated() {
            if block.breakBefore, !pages[pages.count - 1].isEmpty || y > 0 { newPage() }
            if block.atFoot {
                // Any room left below the text will do: the block goes to the foot of the page.
                let h = block.height
                if y + h > height + Self.tolerance, y > 0 { newPage() }
                var top = max(y, height - h)
                for box in block.boxes {
                    pages[pages.count - 1].append((box, top))
                    top += box.height
                }
                y = top
                continue
            }
            var margin = y == 0 && !block.breakBefore ? 0 : block.marginTop
            if block.breakBefore { margin = 0 }
            let need = required(blocks, i)
            if y > 0, y + margin + need > height + Self.tolerance, need <= height {
                newPage()
                margin = 0
            }
            y += margin
            for (k, box) in block.boxes.enumerated() {
                if y > 0, y + box.height > height + Self.tolerance {
                    newPage()
                    if k > 0 {
                        for header in block.repeated {
                            pages[pages.count - 1].append((header, y))
                            y += header.height
                        }
                    }
                }
                pages[pages.count - 1].append((box, y))
                y += box.height
            }
        }
        return pages
    }

    /// The height that must fit on the page for block `i` to start there: all of it when it
    /// keeps together, else its first lines; plus what the next block needs when it keeps with it.
    func required(_ blocks: [FlowBlock], _ i: Int, depth: Int = 0) -> Double {
        let block = blocks[i]
        var need: Double
        if block.keepTogether {
            need = block.height
        } else if !block.repeated.isEmpty {
            // A table: its header rows and first body row.
            need = block.boxes.prefix(block.repeated.count + 1).reduce(0) { $0 + $1.height }
        } else {
            need = block.boxes.prefix(block.orphans).reduce(0) { $0 + $1.height }
        }
        if block.keepWithNext, i + 1 < blocks.count, depth < 8, !blocks[i + 1].breakBefore {
            let next = blocks[i + 1]
            need += next.atFoot ? next.height : next.marginTop + required(blocks, i + 1, depth: depth + 1)
        }
        return need
    }
}
