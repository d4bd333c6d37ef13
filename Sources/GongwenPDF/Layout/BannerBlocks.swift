import GongwenModel
import GongwenRender

/// The 版头 (GB/T 9704 7.2) with `BannerLayout`'s geometry, as tall as in the HTML and ODF
/// outputs: 份号, 密级 and 紧急程度 one line each; the red 发文机关标志 35 mm (upward: 80 mm) below
/// the top of the 版心; the 发文字号 two lines under it; the red separator 4 mm below that line.
struct BannerBlocks {
    var parts: PartBlocks

    init(parts: PartBlocks) { self.parts = parts }

    mutating func blocks(_ h: Header) -> [FlowBlock] {
        let m = parts.metrics
        var boxes: [FlowBox] = []
        for (value, role) in [(h.copyNumber, FontRole.fangSong), (h.secrecy, .heiTi), (h.urgency, .heiTi)] {
            if let value { boxes += parts.lines([.text(value)], style: m.style(role), alignment: .start, width: m.width, indent: 0) }
        }
        let geometry = BannerLayout(h, profile: m.profile)
        if let mark = h.issuerMark, let g = geometry {
            boxes.append(FlowBox(height: Geometry.pt(g.markMarginTopMM), content: []))
            boxes += markBoxes(mark, g)
            boxes.append(FlowBox(height: Geometry.pt(g.markMarginBottomMM), content: []))
        }
        if h.documentNumber != nil || !h.signers.isEmpty || h.issuerMark != nil {
            if h.signers.isEmpty {
                boxes.append(FlowBox(height: 2 * parts.pitch, content: []))
                boxes += parts.lines([.text(h.documentNumber ?? "")], style: m.body, alignment: .center, width: m.width, indent: 0)
            } else {
                boxes += signerBoxes(h, afterMark: h.issuerMark != nil)
            }
            let rule = Geometry.pt(m.profile.separatorRuleMM)
            boxes.append(FlowBox(height: Geometry.pt(4) + rule, content: [.rule(x: 0, y: Geometry.pt(4), width: m.width, height: rule, color: .red)]))
        }
        var block = FlowBlock(boxes: boxes)
        block.keepTogether = true
        return [block]
    }

    /// The mark's line boxes: one issuer centred, or joint issuers stacked and spread to the
    /// widest name with the suffix (文件) to their right, centred on them.
    private mutating func markBoxes(_ mark: IssuerMark, _ g: BannerLayout) -> [FlowBox] {
        let m = parts.metrics
        let size = g.markSizePt
        let style = m.style(.xiaoBiaoSong, size: size, spacing: 0, color: .red)
        let lineHeight = Geometry.pt(g.markLineHeightMM)
        let baseline = Geometry.ascentEm * size
        if mark.names.count <= 1 {
            let text = (mark.names.first ?? "") + (mark.suffix ?? "")
            return parts.lines([.text(text)], style: style, alignment: .center, width: m.width, indent: 0, lineHeight: lineHeight)
        }
        let nameWidth = Geometry.pt(g.nameWidthMM)
        let gap = LayoutProfile.jointMarkGapEm * size
        let suffixWidth = Geometry.pt(g.suffixWidthMM)
        let total = nameWidth + (mark.suffix == nil ? 0 : gap + suffixWidth)
        let left = max(0, (m.width - total) / 2)
        var boxes: [FlowBox] = []
        for name in mark.names {
            var box = FlowBox(height: lineHeight, content: [])
            var long = false
            if var line = LineBreaker(style: style, alignment: .start).lines([.text(name)], width: 10_000, typesetter: parts.typesetter, overlong: &long).first {
                spread(&line, to: nameWidth)
                box.content.append(.text(line, style: style, x: left, baseline: baseline))
            }
            boxes.append(box)
        }
        if let suffix = mark.suffix {
            var long = false
            if let line = LineBreaker(style: style, alignment: .start).lines([.text(suffix)], width: 10_000, typesetter: parts.typesetter, overlong: &long).first {
                let middle = Double(mark.names.count) * lineHeight / 2
                let y = middle - lineHeight / 2
                boxes[0].content.append(.text(line, style: style, x: left + nameWidth + gap, baseline: y + baseline))
            }
        }
        return boxes
    }

    /// Spreads a name over `width` (the other names' width), as `text-align: justify` with
    /// `text-align-last: justify` does.
    private func spread(_ line: inout TextLine, to width: Double) {
        guard line.glyphs.count > 1, width > line.width else { return }
        let extra = (width - line.width) / Double(line.glyphs.count - 1)
        for i in line.x.indices { line.x[i] += extra * Double(i) }
        line.width = width
    }

    /// Upward documents (7.2.5): 签发人 lines placed by `SignerLayout`; the 发文字号 one character
    /// in from the left on the last line.
    private mutating func signerBoxes(_ h: Header, afterMark: Bool) -> [FlowBox] {
        let m = parts.metrics
        let layout = SignerLayout(h.signers)
        let cell = m.profile.characterPitchPt
        let namesLeft = layout.namesFromLeft(charactersPerLine: m.profile.charactersPerLine) * cell
        let labelLeft = layout.labelFromLeft(charactersPerLine: m.profile.charactersPerLine) * cell
        var boxes: [FlowBox] = []
        if afterMark { boxes.append(FlowBox(height: 2 * parts.pitch, content: [])) }
        let baseline = Geometry.baseline(lineHeight: parts.pitch, size: m.body.size)
        for (i, names) in layout.lines.enumerated() {
            var box = FlowBox(height: parts.pitch, content: [])
            if i == layout.lines.count - 1 {
                box.content += parts.lines([.text(h.documentNumber ?? "")], style: m.body, alignment: .start, width: m.width, indent: 0, x: cell).first?.content ?? []
            }
            var x = i == 0 ? labelLeft : namesLeft
            var long = false
            if i == 0, let label = LineBreaker(style: m.body, alignment: .start).lines([.text(SignerLayout.label)], width: 10_000, typesetter: parts.typesetter, overlong: &long).first {
                box.content.append(.text(label, style: m.body, x: x, baseline: baseline))
                x += label.width
            }
            let kai = m.style(.kaiTi)
            if let line = LineBreaker(style: kai, alignment: .start).lines([.text(SignerLayout.text(names))], width: 10_000, typesetter: parts.typesetter, overlong: &long).first {
                box.content.append(.text(line, style: kai, x: x, baseline: baseline))
            }
            boxes.append(box)
        }
        return boxes
    }
}
