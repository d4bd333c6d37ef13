import GongwenModel
import GongwenRender

/// The parts of a document as flow blocks, each set as the HTML style sheet sets it
/// (`HTMLStyleSheet`): the same sizes, faces, indents and margins, from the same layout profile
/// and the same shared layouts (`BannerLayout`, `ClosingLayout`, `SignatureLayout`,
/// `TableLayout`, `SealPlacement`, `PartText`).
struct PartBlocks {
    let metrics: PageMetrics
    let typesetter: Typesetter
    let seal: SealImage?
    var overlong = 0
    /// Tables narrowed to fit the 版心.
    var tooWide = 0

    init(metrics: PageMetrics, typesetter: Typesetter, seal: SealImage?) {
        self.metrics = metrics
        self.typesetter = typesetter
        self.seal = seal
    }

    var pitch: Double { metrics.pitch }
    var em: Double { metrics.em }

    mutating func blocks(_ d: Document) -> [FlowBlock] {
        var out: [FlowBlock] = []
        let hasBanner = !d.header.isEmpty
        if hasBanner {
            var banner = BannerBlocks(parts: self)
            out += banner.blocks(d.header)
            overlong = banner.parts.overlong
        }
        if let title = d.title {
            var block = titleBlock(title)
            if hasBanner, let banner = BannerLayout(d.header, profile: metrics.profile) {
                block.marginTop = Geometry.pt(banner.titleMarginTopMM)
            } else if hasBanner {
                block.marginTop = 2 * pitch - Geometry.pt(4 + metrics.profile.separatorRuleMM)
            }
            out.append(block)
        }
        if let addressee = d.addressee {
            var block = paragraph(PartText.addressee(addressee), indent: 0)
            block.marginTop = pitch
            out.append(block)
        }
        out += body(d.body)
        let bodyEnd = out.count
        if !d.attachmentNotes.isEmpty { out.append(attachmentNotes(d.attachmentNotes)) }
        // The 版记 on the last page of a document without 附件 stays with the 署名 (else it
        // would cover it; LibreOffice and the HTML script move both on).
        let colophonFollows = d.colophon != nil && d.attachments.isEmpty
        if let closing = d.closing {
            // The 署名 is never alone at the top of a page: the paragraph before it stays whole
            // and goes with it, and so do the 附件说明 between them and the 附注 under the date
            // (GB/T 9704 7.3.5; the HTML script and LibreOffice's keeps do the same).
            keepWithFollowing(&out, before: bodyEnd)
            for i in bodyEnd..<out.count { out[i].keepWithNext = true }
            var block = closingBlock(closing)
            block.keepWithNext = d.note != nil || colophonFollows
            out.append(block)
        }
        if let note = d.note {
            var block = paragraph(PartText.note(note), indent: 2 * em)
            block.keepWithNext = d.closing != nil && colophonFollows
            out.append(block)
        }
        if let colophon = d.colophon, d.attachments.isEmpty { out.append(colophonBlock(colophon)) }
        for attachment in d.attachments {
            var label = paragraph([.text(attachment.label)], indent: 0, style: metrics.style(.heiTi))
            label.breakBefore = true
            out.append(label)
            if let title = attachment.title {
                var block = titleBlock(title)
                block.marginTop = pitch
                block.boxes.append(FlowBox(height: pitch, content: []))
                out.append(block)
            }
            out += body(attachment.body)
        }
        if let colophon = d.colophon, !d.attachments.isEmpty { out.append(colophonBlock(colophon)) }
        return out
    }

    /// The block before `end` (a paragraph the 署名 or signature blocks follow) does not split
    /// and stays with what follows; a table or a long block cannot, and is left alone.
    func keepWithFollowing(_ blocks: inout [FlowBlock], before end: Int) {
        guard end > 0, end <= blocks.count else { return }
        let i = end - 1
        guard blocks[i].repeated.isEmpty, !blocks[i].atFoot, blocks[i].boxes.count < metrics.profile.linesPerPage else { return }
        blocks[i].keepTogether = true
        blocks[i].keepWithNext = true
    }

    // MARK: Text

    /// Lines of text as boxes one grid line tall.
    mutating func lines(_ inlines: [Inline], style: TextStyle, alignment: Alignment, width: Double, indent: Double,
                        x: Double = 0, lineHeight: Double? = nil) -> [FlowBox] {
        var long = false
        let lines = LineBreaker(style: style, alignment: alignment).lines(inlines, width: width, firstIndent: indent, typesetter: typesetter, overlong: &long)
        if long { overlong += 1 }
        let height = lineHeight ?? pitch
        let baseline = Geometry.baseline(lineHeight: height, size: style.size)
        return lines.map { FlowBox(height: height, content: [.text($0, style: style, x: x, baseline: baseline)]) }
    }

    mutating func paragraph(_ inlines: [Inline], indent: Double, style: TextStyle? = nil, alignment: Alignment = .justify) -> FlowBlock {
        FlowBlock(boxes: lines(inlines, style: style ?? metrics.body, alignment: alignment, width: metrics.width, indent: indent))
    }

    /// The 标题 (2号小标宋, centred), broken into lines by `TitleBreaker` as in the other outputs.
    mutating func titleBlock(_ title: [Inline]) -> FlowBlock {
        let style = metrics.style(.xiaoBiaoSong, size: metrics.profile.titleSizePt, spacing: 0)
        return FlowBlock(boxes: lines(metrics.profile.titleLines(title), style: style, alignment: .center, width: metrics.width, indent: 0))
    }

    // MARK: Body

    mutating func body(_ blocks: [Block]) -> [FlowBlock] {
        var out: [FlowBlock] = []
        var breakNext = false
        for block in blocks {
            var made: [FlowBlock] = []
            switch block {
            case .paragraph(let c):
                made = [paragraph(c, indent: 2 * em)]
            case .heading(let level, let number, let c):
                let role: FontRole = level == 1 ? .heiTi : level == 2 ? .kaiTi : .fangSong
                var h = paragraph([.text(number)] + c, indent: 2 * em, style: metrics.style(role))
                h.keepWithNext = true
                made = [h]
            case .centered(let c):
                made = [paragraph(c, indent: 0, alignment: .center)]
            case .title(let c):
                made = [titleBlock(c)]
            case .pageBreak:
                breakNext = true
            case .list(let ordered, let items):
                made = items.enumerated().map { i, item in paragraph(ordered ? [.text("\(i + 1). ")] + item : item, indent: 2 * em) }
            case .table(let table):
                var tables = TableBlocks(parts: self)
                made = [tables.block(table, overlong: &overlong, tooWide: &tooWide)]
            case .parties(let parties):
                made = parties.map { paragraph([.text($0.role + "：")] + $0.name, indent: 0) }
            case .clause(let number, let c):
                made = [paragraph([.text(PartText.clauseNumber(number))] + c, indent: 2 * em)]
            case .signatures(let signatories):
                // Signature blocks take the paragraph before them along, as the 署名 does.
                keepWithFollowing(&out, before: out.count)
                made = [signatures(signatories)]
            }
            if breakNext, !made.isEmpty {
                made[0].breakBefore = true
                breakNext = false
            }
            out += made
        }
        return out
    }

    /// 附件说明: “附件：” two characters in, the items in a column from the fifth character.
    mutating func attachmentNotes(_ notes: [[Inline]]) -> FlowBlock {
        var boxes: [FlowBox] = []
        let column = 5 * em
        for (i, note) in notes.enumerated() {
            var item = lines(PartText.attachmentNote(note, index: i, count: notes.count), style: metrics.body, alignment: .justify,
                             width: metrics.width - column, indent: 0, x: column)
            if i == 0, !item.isEmpty {
                let label = lines([.text("附件：")], style: metrics.body, alignment: .start, width: column, indent: 0, x: 2 * em)
                item[0].content += label.first?.content ?? []
            }
            boxes += item
        }
        var block = FlowBlock(boxes: boxes)
        block.marginTop = pitch
        return block
    }

    /// 发文机关署名 and 成文日期 right-aligned at `ClosingLayout`'s indents, and the seal.
    mutating func closingBlock(_ closing: Closing) -> FlowBlock {
        let layout = ClosingLayout(closing)
        var boxes: [FlowBox] = []
        for (issuer, indent) in zip(closing.issuers, layout.issuerIndents) {
            boxes += lines(issuer, style: metrics.body, alignment: .end, width: metrics.width - indent * em, indent: 0)
        }
        if let date = closing.date {
            boxes += lines([.text(date)], style: metrics.body, alignment: .end, width: metrics.width - layout.dateIndent * em, indent: 0)
        }
        if closing.sealed, let seal, !boxes.isEmpty, seal.format == .png {
            let placement = SealPlacement(closing, layout: layout)
            let w = Geometry.pt(seal.widthMM), h = Geometry.pt(seal.heightMM)
            let centreX = metrics.width - placement.centreFromRightCharacters * em
            let centreY = Geometry.pt(SealPlacement.centreBelowFirstLineMM)
            boxes[0].content.append(.image(0, x: centreX - w / 2, y: centreY - h / 2, width: w, height: h))
        }
        var block = FlowBlock(boxes: boxes)
        block.marginTop = closing.sealed ? 2 * pitch : pitch
        block.keepTogether = true
        return block
    }

    /// Signature blocks side by side, on `SignatureLayout`'s grid.
    mutating func signatures(_ signatories: [Signatory]) -> FlowBlock {
        let grid = SignatureLayout.grid(signatories, profile: metrics.profile)
        var columnX: [Double] = []
        var x = 0.0
        for w in grid.columnsMM {
            columnX.append(x)
            x += Geometry.pt(w)
        }
        var boxes: [FlowBox] = []
        for row in grid.rows {
            var box = FlowBox(height: pitch, content: [])
            for (i, line) in row.enumerated() {
                guard let line else { continue }
                let column = i * 2
                let placed = lines(line, style: metrics.body, alignment: .start, width: 10_000, indent: 0, x: columnX[column])
                box.content += placed.first?.content ?? []
            }
            boxes.append(box)
        }
        var block = FlowBlock(boxes: boxes)
        block.marginTop = pitch
        block.keepTogether = true
        return block
    }

    /// 版记 (GB/T 9704 7.4): 4号, between rules, on the foot of the last page.
    mutating func colophonBlock(_ c: Colophon) -> FlowBlock {
        let size = metrics.profile.colophonSizePt
        let style = metrics.style(.fangSong, size: size)
        let lineHeight = pitch - Geometry.pt(0.5)
        let inset = size
        let width = metrics.width - 2 * inset
        var boxes: [FlowBox] = []
        func rule(_ mm: Double) -> FlowBox {
            let h = Geometry.pt(mm)
            return FlowBox(height: Geometry.pt(0.01) + h, content: [.rule(x: 0, y: Geometry.pt(0.01), width: metrics.width, height: h, color: .black)])
        }
        boxes.append(rule(metrics.profile.colophonOuterRuleMM))
        if let copyTo = c.copyTo {
            // Continuation lines hang under the names, after “抄送：”.
            let hang = 3 * (size + metrics.profile.letterSpacingPt)
            var long = false
            let broken = LineBreaker(style: style, alignment: .justify).lines(PartText.copyTo(copyTo), width: width - hang, firstIndent: -hang,
                                                                            typesetter: typesetter, overlong: &long)
            if long { overlong += 1 }
            let baseline = Geometry.baseline(lineHeight: lineHeight, size: size)
            boxes += broken.map { FlowBox(height: lineHeight, content: [.text($0, style: style, x: inset + hang, baseline: baseline)]) }
            if c.printingOffice != nil || c.printingDate != nil { boxes.append(rule(metrics.profile.colophonInnerRuleMM)) }
        }
        if c.printingOffice != nil || c.printingDate != nil {
            var box = FlowBox(height: lineHeight, content: [])
            if let office = c.printingOffice {
                box.content += lines([.text(office)], style: style, alignment: .start, width: width, indent: 0, x: inset, lineHeight: lineHeight).first?.content ?? []
            }
            if let date = c.printingDate {
                box.content += lines([.text(PartText.printingDate(date))], style: style, alignment: .end, width: width, indent: 0, x: inset,
                                     lineHeight: lineHeight).first?.content ?? []
            }
            boxes.append(box)
        }
        boxes.append(rule(metrics.profile.colophonOuterRuleMM))
        var block = FlowBlock(boxes: boxes)
        block.marginTop = 2 * pitch
        block.keepTogether = true
        block.atFoot = true
        return block
    }
}
