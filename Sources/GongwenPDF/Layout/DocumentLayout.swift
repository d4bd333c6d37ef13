import GongwenModel
import GongwenRender

/// Lays a `Document` out on the GB/T 9704 grid: its parts become flow blocks (`PartBlocks`),
/// the flow cuts them into pages of the 版心, and each page is placed on the paper. The numbers
/// are the layout profile's, the same the HTML and ODF writers use, so the three outputs agree
/// on where lines and pages break.
public struct DocumentLayout {
    let metrics: PageMetrics
    let seal: SealImage?

    public init(profile: LayoutProfile = .gbt9704, seal: SealImage? = nil) {
        metrics = PageMetrics(profile)
        self.seal = seal
    }

    /// What laying out a document found that the user must hear about.
    public struct Findings: Sendable, Equatable {
        /// A word longer than a line, broken inside.
        public var overlongWords = 0
        /// A table whose columns are wider than the 版心 (shrunk to fit).
        public var tooWideTables = 0
    }

    /// The pages of one document, without page numbers (the caller numbers them: a combined
    /// file may number per record or straight through).
    public func pages(_ document: Document, typesetter: Typesetter, findings: inout Findings) -> [LaidOutPage] {
        var parts = PartBlocks(metrics: metrics, typesetter: typesetter, seal: seal)
        let blocks = parts.blocks(document)
        findings.overlongWords += parts.overlong
        findings.tooWideTables += parts.tooWide
        let flowed = Flow(height: metrics.height).pages(blocks)
        return flowed.map { boxes in
            var page = LaidOutPage()
            for (box, y) in boxes { place(box, top: metrics.top + y, on: &page) }
            return page
        }
    }

    private func place(_ box: FlowBox, top: Double, on page: inout LaidOutPage) {
        for content in box.content {
            switch content {
            case .text(let line, let style, let x, let baseline):
                PageText.append(line, style: style, left: metrics.left + x, baseline: top + baseline, to: &page)
            case .rule(let x, let y, let width, let height, let color):
                page.rules.append(Rule(x: metrics.left + x, y: top + y, width: width, height: height, color: color))
            case .image(let index, let x, let y, let width, let height):
                page.images.append(PlacedImage(image: index, x: metrics.left + x, y: top + y, width: width, height: height))
            }
        }
    }

    /// `— N —` in 4号宋体 below the 版心, on the outer side (right on odd pages, left on even
    /// ones), as the HTML's margin boxes and the ODF footers place it (GB/T 9704 7.5).
    public func number(_ page: inout LaidOutPage, _ n: Int, typesetter: Typesetter) {
        let size = metrics.profile.pageNumberSizePt
        let style = metrics.style(.songTi, size: size, spacing: 0)
        // One short line, set directly (no line breaking): it is made for every page.
        var line = TextLine()
        for scalar in "— \(n) —".unicodeScalars {
            let glyph = typesetter.shape(scalar, role: style.role, size: size)
            line.glyphs.append(glyph)
            line.x.append(line.width)
            line.width += glyph.advance
        }
        let x = n % 2 == 1 ? metrics.left + metrics.width - size - line.width : metrics.left + size
        let baseline = metrics.top + metrics.height + Geometry.pt(2.3) + Geometry.baseline(lineHeight: size, size: size)
        PageText.append(line, style: style, left: x, baseline: baseline, to: &page)
    }
}

/// Splits a line into runs of one face and adds them to a page.
enum PageText {
    static func append(_ line: TextLine, style: TextStyle, left: Double, baseline: Double, to page: inout LaidOutPage) {
        var i = 0
        while i < line.glyphs.count {
            let slot = line.glyphs[i].slot
            var run = GlyphRun(face: slot, size: style.size, baseline: baseline, glyphs: [], x: [], advances: [], color: style.color)
            while i < line.glyphs.count, line.glyphs[i].slot == slot {
                run.glyphs.append(line.glyphs[i].glyph)
                run.x.append(left + line.x[i])
                run.advances.append(line.glyphs[i].advance)
                i += 1
            }
            page.runs.append(run)
        }
        for blank in line.blanks {
            page.rules.append(Rule(x: left + blank.x, y: baseline, width: blank.width, height: 0.5, color: .black))
        }
    }
}
