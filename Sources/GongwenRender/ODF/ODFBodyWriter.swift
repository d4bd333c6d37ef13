import GongwenModel

/// Writes the documents' content into `office:text`, naming the styles of `ODFStyleSheet` and
/// `ODFAutomaticStyles`. One struct that `switch`es over the tree, as pandoc's writers do.
struct ODFBodyWriter {
    let w: XMLWriter
    let profile: LayoutProfile
    /// The next paragraph starts a new page (between combined documents).
    private var pendingPageBreak = false
    /// The pending break starts the next record of a combined file: it restarts page numbers
    /// (and, for duplex printing, goes to a right-hand page).
    private var pendingRecordStart = false
    /// Tables and joint marks are named 表格1, 表格2 … within a record; in a combined file the
    /// record's number goes first (表格12-1), so names stay unique when records are written apart.
    private let namePrefix: String
    private var tableIndex = 0
    private var jointMarkIndex = 0
    /// The next paragraph keeps with the one after it (the text before the 署名).
    private var keepWithNext = false

    /// Blocks written for an earlier record, replayed when they come again (see `BlockMemo`).
    private let memo: ODFBlockMemo?
    /// The index of the next block among all blocks of the record: its place in `memo`.
    private var place = 0

    /// The electronic seal to place where a document has `<印章/>`, and whether it is embedded
    /// in the XML (a flat .fodt) or stored beside it in the package.
    private let seal: SealImage?
    private let flat: Bool

    init(writer: XMLWriter, profile: LayoutProfile, seal: SealImage? = nil, flat: Bool = false, namePrefix: String = "",
         memo: ODFBlockMemo? = nil) {
        self.w = writer
        self.profile = profile
        self.seal = seal
        self.flat = flat
        self.namePrefix = namePrefix
        self.memo = memo
    }

    /// The documents of one record (its copies), each after the first starting a new record
    /// page; with `continuing`, the first one too (a later record of a combined file).
    mutating func write(_ documents: [Document], continuing: Bool = false) {
        for (i, document) in documents.enumerated() {
            pendingPageBreak = i > 0 || continuing
            pendingRecordStart = i > 0 || continuing
            write(document)
        }
    }

    private mutating func write(_ d: Document) {
        banner(d.header)
        if let title = d.title {
            paragraph(named: d.header.issuerMark != nil ? SemanticStyle.title.rawValue + "AfterBanner" : SemanticStyle.title.rawValue,
                      profile.titleLines(title))
        }
        if let addressee = d.addressee {
            emptyLine()
            paragraph(.addressee, PartText.addressee(addressee))
        }
        // The last lines before the 署名 (and the 附件说明 above it) go with it to a new page rather
        // than leave it alone there.
        blocks(d.body, keepLast: d.closing != nil)
        attachmentNotes(d.attachmentNotes, keep: d.closing != nil)
        if let closing = d.closing { self.closing(closing, noteFollows: d.note != nil) }
        if let note = d.note { paragraph(.note, PartText.note(note)) }
        if let colophon = d.colophon, d.attachments.isEmpty { self.colophon(colophon) }
        for attachment in d.attachments {
            paragraph(.attachmentLabel, [.text(attachment.label)])
            if let title = attachment.title {
                emptyLine()
                paragraph(.attachmentTitle, profile.titleLines(title))
                emptyLine()
            }
            blocks(attachment.body)
        }
        if let colophon = d.colophon, !d.attachments.isEmpty { self.colophon(colophon) }
    }

    // MARK: parts

    private mutating func banner(_ h: Header) {
        for (style, value) in [(SemanticStyle.copyNumber, h.copyNumber), (.secrecy, h.secrecy), (.urgency, h.urgency)] {
            guard let value else { continue }
            paragraph(style, [.text(value)])
        }
        let banner = BannerLayout(h, profile: profile)
        if let mark = h.issuerMark, let banner {
            if mark.names.count > 1 {
                jointMark(mark, banner)
            } else {
                paragraph(named: ODFAutomaticStyles.issuerMarkStyle(ODFAutomaticStyles.issuerMarkKey(banner)),
                          [.text((mark.names.first ?? "") + (mark.suffix ?? ""))])
            }
        }
        // The 发文字号 line carries the red separator; with a mark it is always written.
        guard h.documentNumber != nil || !h.signers.isEmpty || h.issuerMark != nil else { return }
        if let banner { emptyLines(banner.linesBeforeDocumentNumber) }
        if h.signers.isEmpty {
            paragraph(.documentNumber, [.text(h.documentNumber ?? "")])
            return
        }
        // Two 签发人 a line (7.2.5); later lines start under the first name of the first; the
        // 发文字号 shares the last line. Tab stops put “签发人：” and the names where the layout says.
        let layout = SignerLayout(h.signers)
        let key = ODFAutomaticStyles.signerKey(layout)
        for (i, names) in layout.lines.enumerated() {
            let last = i == layout.lines.count - 1
            start(ODFAutomaticStyles.signerStyle(key, first: i == 0, last: last))
            if last { writeInlines([.text(h.documentNumber ?? "")]) }
            w.empty("text:tab")
            if i == 0 { writeInlines([.text(SignerLayout.label)]) }
            w.start("text:span", ["text:style-name": "Gongwen_SignerName"])
            w.text(SignerLayout.text(names))
            w.end()
            w.end()
        }
    }

    /// 联合行文的发文机关标志: the names stacked in one cell, 文件 in the next, centred on them.
    private mutating func jointMark(_ mark: IssuerMark, _ banner: BannerLayout) {
        jointMarkIndex += 1
        var name = ODFAutomaticStyles.jointMarkStyle(ODFAutomaticStyles.jointMarkKey(banner))
        let style = name
        if pendingPageBreak {
            name = breakStyle(name)
            pendingPageBreak = false
        }
        w.start("table:table", ["table:name": "发文机关标志\(namePrefix)\(jointMarkIndex)", "table:style-name": name])
        w.empty("table:table-column", ["table:style-name": style + "_C1"])
        w.empty("table:table-column", ["table:style-name": style + "_C2"])
        w.start("table:table-row")
        w.start("table:table-cell", ["table:style-name": "Gongwen_CellMiddle", "office:value-type": "string"])
        for issuer in mark.names {
            w.start("text:p", ["text:style-name": style + "Name"])
            w.text(issuer)
            w.end()
        }
        w.end()
        w.start("table:table-cell", ["table:style-name": "Gongwen_CellMiddle", "office:value-type": "string"])
        w.start("text:p", ["text:style-name": style + "Suffix"])
        w.text(mark.suffix ?? "")
        w.end()
        w.end()
        w.end()
        w.end()
    }

    private mutating func attachmentNotes(_ notes: [[Inline]], keep: Bool) {
        guard !notes.isEmpty else { return }
        keepWithNext = keep
        emptyLine()
        for (i, note) in notes.enumerated() {
            keepWithNext = keep
            let item = PartText.attachmentNote(note, index: i, count: notes.count)
            if i == 0 {
                paragraph(.attachmentNote, [.text("附件：")] + item)
            } else {
                paragraph(named: SemanticStyle.attachmentNote.rawValue + "Next", item)
            }
        }
    }

    /// The 署名 and 成文日期 (with the 附注 under them, when there is one) stay on one page.
    private mutating func closing(_ closing: Closing, noteFollows: Bool) {
        let layout = ClosingLayout(closing)
        for _ in 0..<(closing.sealed ? 2 : 1) {
            keepWithNext = true
            emptyLine()
        }
        for (i, (issuer, indent)) in zip(closing.issuers, layout.issuerIndents).enumerated() {
            let last = i == closing.issuers.count - 1 && closing.date == nil
            start(ODFAutomaticStyles.closingStyle(indent, keepWithNext: !last || noteFollows))
            if i == 0, closing.sealed { seal(layout, closing) }
            writeInlines(issuer)
            w.end()
        }
        if let date = closing.date {
            start(ODFAutomaticStyles.closingStyle(layout.dateIndent, keepWithNext: noteFollows))
            if closing.issuers.isEmpty, closing.sealed { seal(layout, closing) }
            writeInlines([.text(date)])
            w.end()
        }
    }

    /// The office's electronic seal, when it has one: centred on the date, pressing on the 署名
    /// and date (GB/T 9704 7.3.5.1). Without one nothing is drawn; the space stays for the stamp.
    private func seal(_ layout: ClosingLayout, _ closing: Closing) {
        guard let seal else { return }
        let placement = SealPlacement(closing, layout: layout)
        let charMM = profile.characterPitchPt * 25.4 / 72
        let x = profile.textWidthMM - placement.centreFromRightCharacters * charMM - seal.widthMM / 2
        let y = SealPlacement.centreBelowFirstLineMM - seal.heightMM / 2
        let sheet = ODFStyleSheet(profile: profile)
        w.start("draw:frame", [
            "draw:style-name": ODFAutomaticStyles.sealStyle, "draw:name": "印章", "text:anchor-type": "paragraph",
            "svg:x": sheet.mm(x), "svg:y": sheet.mm(y), "svg:width": sheet.mm(seal.widthMM), "svg:height": sheet.mm(seal.heightMM),
            "draw:z-index": "2",
        ])
        if flat {
            w.start("draw:image")
            w.start("office:binary-data")
            w.text(seal.base64)
            w.end()
            w.end()
        } else {
            w.empty("draw:image", ["xlink:href": seal.packagePath, "xlink:type": "simple", "xlink:show": "embed", "xlink:actuate": "onLoad"])
        }
        w.end()
    }

    /// 版记 sits on the bottom edge of the 版心 of the last page (GB/T 9704 7.4): a frame anchored
    /// to a final empty paragraph and positioned by LibreOffice at the bottom of the page's text
    /// area, so it lands there whatever fonts and line breaks the reader's machine produces.
    private mutating func colophon(_ c: Colophon) {
        start(SemanticStyle.colophon.rawValue + "Anchor")
        w.start("draw:frame", [
            "draw:style-name": ODFAutomaticStyles.colophonFrameStyle, "draw:name": "版记", "text:anchor-type": "paragraph",
            "svg:width": ODFStyleSheet(profile: profile).mm(profile.textWidthMM), "draw:z-index": "1",
        ])
        w.start("draw:text-box", ["fo:min-height": "10mm"])
        let style = SemanticStyle.colophon.rawValue
        w.empty("text:p", ["text:style-name": style + "RuleOuter"])
        if let copyTo = c.copyTo {
            w.start("text:p", ["text:style-name": style + "CopyTo"])
            writeInlines(PartText.copyTo(copyTo))
            w.end()
            if c.printingOffice != nil || c.printingDate != nil { w.empty("text:p", ["text:style-name": style + "RuleInner"]) }
        }
        if c.printingOffice != nil || c.printingDate != nil {
            w.start("text:p", ["text:style-name": style + "Printing"])
            writeInlines([.text(c.printingOffice ?? "")])
            w.empty("text:tab")
            if let date = c.printingDate { writeInlines([.text(PartText.printingDate(date))]) }
            w.end()
        }
        w.empty("text:p", ["text:style-name": style + "RuleOuter"])
        w.end()
        w.end()
        w.end()
    }

    // MARK: blocks

    private mutating func blocks(_ blocks: [Block], keepLast: Bool = false) {
        for (index, block) in blocks.enumerated() {
            if keepLast, index == blocks.count - 1 { keepWithNext = true }
            // The text before a signature block goes with it: the block never stands alone on a page.
            if index + 1 < blocks.count, case .signatures = blocks[index + 1] { keepWithNext = true }
            defer { place += 1 }
            guard let memo, ODFBlockMemo.isRemembered(block), w.isAtTopLevel else {
                self.block(block)
                continue
            }
            let before = memoState
            if let entry = memo.entry(at: place, for: block, in: before) {
                w.replay(entry.output)
                memoState = entry.after
                continue
            }
            let mark = w.byteCount
            self.block(block)
            if w.isAtTopLevel {
                memo.remember(.init(block: block, before: before, output: w.bytes(since: mark), after: memoState), at: place)
            }
        }
    }

    /// The state a block's bytes depend on (besides the block), and that it leaves.
    private var memoState: ODFBlockState {
        get { .init(pendingPageBreak: pendingPageBreak, pendingRecordStart: pendingRecordStart, keepWithNext: keepWithNext) }
        set {
            pendingPageBreak = newValue.pendingPageBreak
            pendingRecordStart = newValue.pendingRecordStart
            keepWithNext = newValue.keepWithNext
        }
    }

    private mutating func block(_ block: Block) {
        switch block {
        case .paragraph(let c):
            paragraph(.body, c)
        case .heading(let level, let number, let c):
            let style: SemanticStyle = [.heading1, .heading2, .heading3, .heading4][min(max(level, 1), 4) - 1]
            var name = style.rawValue
            if pendingPageBreak {
                name = breakStyle(name)
                pendingPageBreak = false
            } else if keepWithNext {
                name = ODFAutomaticStyles.keepWithNextStyle(name)
            }
            keepWithNext = false
            w.start("text:h", ["text:style-name": name, "text:outline-level": String(level)])
            writeInlines([.text(number)] + c)
            w.end()
        case .centered(let c):
            paragraph(.centered, c)
        case .title(let c):
            paragraph(.title, profile.titleLines(c))
        case .pageBreak:
            pendingPageBreak = true
        case .list(let ordered, let items):
            for (i, item) in items.enumerated() {
                paragraph(.listItem, ordered ? [.text("\(i + 1). ")] + item : item)
            }
        case .table(let table):
            self.table(table)
        case .parties(let parties):
            for party in parties { paragraph(.party, [.text(party.role + "：")] + party.name) }
        case .clause(let number, let c):
            paragraph(.clause, [.text(PartText.clauseNumber(number))] + c)
        case .signatures(let signatories):
            keepWithNext = true
            emptyLine()
            signatures(signatories)
        }
    }

    private mutating func table(_ table: Table) {
        keepWithNext = false
        if pendingPageBreak { emptyLine() }
        tableIndex += 1
        let columns = max(table.columnCount, 1)
        let layout = TableLayout(table, profile: profile)
        let key = ODFAutomaticStyles.tableKey(layout)
        w.start("table:table", ["table:name": "表格\(namePrefix)\(tableIndex)", "table:style-name": ODFAutomaticStyles.tableStyle(key)])
        for c in 0..<columns { w.empty("table:table-column", ["table:style-name": ODFAutomaticStyles.columnStyle(key, c)]) }
        if !table.headerRows.isEmpty {
            w.start("table:table-header-rows")
            for (i, row) in layout.headerRows.enumerated() { self.row(row, columns: columns, header: true, first: i == 0) }
            w.end()
        }
        for (i, row) in table.rows.enumerated() { self.row(row, columns: columns, header: false, first: i == 0 && table.headerRows.isEmpty) }
        w.end()
    }

    private func cellStyle(first row: Bool, column: Int) -> String {
        "Gongwen_CellBox" + (row ? "Top" : "") + (column == 0 ? "Left" : "")
    }

    private func row(_ cells: [TableCell], columns: Int, header: Bool, first: Bool) {
        w.start("table:table-row")
        var used = 0
        for cell in cells {
            let span = min(cell.columnSpan, columns - used)
            guard span > 0 else { break }
            w.start("table:table-cell", ["table:style-name": cellStyle(first: first, column: used), "office:value-type": "string"])
            if span > 1 { w.attribute("table:number-columns-spanned", String(span)) }
            let suffix = header ? "Header" : (cell.alignment == .start ? "Start" : cell.alignment == .end ? "End" : "")
            w.start("text:p", ["text:style-name": SemanticStyle.tableCell.rawValue + suffix])
            writeInlines(cell.content)
            w.end()
            w.end()
            for _ in 1..<span { w.empty("table:covered-table-cell") }
            used += span
        }
        while used < columns {
            w.start("table:table-cell", ["table:style-name": cellStyle(first: first, column: used), "office:value-type": "string"])
            w.empty("text:p", ["text:style-name": SemanticStyle.tableCell.rawValue])
            w.end()
            used += 1
        }
        w.end()
    }

    /// The signature block: a table that may not break, one row; a cell per signer with a gap
    /// cell between them (`SignatureLayout.Grid`, the columns of the HTML grid), each signer's
    /// cell holding one paragraph per row of the grid, empty where the signer has no line there,
    /// so the signers' lines stay level. (One row of a few cells: a row per line would write
    /// five times the XML for the same page.)
    private mutating func signatures(_ signatories: [Signatory]) {
        keepWithNext = false
        tableIndex += 1
        let grid = SignatureLayout.grid(signatories, profile: profile)
        let style = ODFAutomaticStyles.tableStyle(ODFAutomaticStyles.signaturesKey(grid.columnsMM))
        w.start("table:table", ["table:name": "签署栏\(namePrefix)\(tableIndex)", "table:style-name": style])
        for c in grid.columnsMM.indices {
            w.empty("table:table-column", ["table:style-name": ODFAutomaticStyles.columnStyle(table: style, c)])
        }
        w.start("table:table-row")
        let signers = max(signatories.count, 1)
        for s in 0..<signers {
            if s > 0 {
                w.start("table:table-cell", ["table:style-name": "Gongwen_CellPlain", "office:value-type": "string"])
                w.empty("text:p", ["text:style-name": SemanticStyle.signatureLine.rawValue])
                w.end()
            }
            w.start("table:table-cell", ["table:style-name": "Gongwen_CellPlain", "office:value-type": "string"])
            for row in grid.rows {
                if s < row.count, let line = row[s] {
                    w.start("text:p", ["text:style-name": SemanticStyle.signatureLine.rawValue])
                    writeInlines(line)
                    w.end()
                } else {
                    w.empty("text:p", ["text:style-name": SemanticStyle.signatureLine.rawValue])
                }
            }
            if grid.rows.isEmpty { w.empty("text:p", ["text:style-name": SemanticStyle.signatureLine.rawValue]) }
            w.end()
        }
        w.end()
        w.end()
        // LibreOffice puts a full-height empty paragraph after a table that ends the text; this
        // near-zero one stands in for it, so a signature block on the last line stays there.
        w.empty("text:p", ["text:style-name": SemanticStyle.colophon.rawValue + "Anchor"])
    }

    // MARK: paragraphs and text

    /// The variant of `style` that starts a page: a plain page break, or the start of a record.
    private mutating func breakStyle(_ style: String) -> String {
        defer { pendingRecordStart = false }
        return pendingRecordStart ? ODFAutomaticStyles.recordStartStyle(style) : ODFAutomaticStyles.pageBreakStyle(style)
    }

    private mutating func start(_ style: String) {
        var name = style
        if keepWithNext, !pendingPageBreak, ODFAutomaticStyles.hasPageBreakVariant(style) {
            name = ODFAutomaticStyles.keepWithNextStyle(style)
        }
        keepWithNext = false
        if pendingPageBreak {
            pendingPageBreak = false
            if ODFAutomaticStyles.hasPageBreakVariant(style) {
                name = breakStyle(style)
            } else {
                // No page-break variant of this style: break on an empty line first.
                w.empty("text:p", ["text:style-name": breakStyle(SemanticStyle.body.rawValue + "Base")])
            }
        }
        w.start("text:p", ["text:style-name": name])
    }

    private mutating func paragraph(_ style: SemanticStyle, _ content: [Inline]) {
        paragraph(named: style.rawValue, content)
    }

    private mutating func paragraph(named style: String, _ content: [Inline]) {
        start(style)
        writeInlines(content)
        w.end()
    }

    /// "空一行": an empty paragraph exactly one grid line tall.
    private mutating func emptyLine() {
        start(SemanticStyle.body.rawValue + "Base")
        w.end()
    }

    private mutating func emptyLines(_ count: Int) {
        for _ in 0..<count { emptyLine() }
    }

    /// Writes inline content. ODF collapses runs of spaces and drops leading ones, so spaces
    /// the user typed are kept with `text:s`.
    private func writeInlines(_ content: [Inline], atStart: Bool = true) {
        var atStart = atStart
        for inline in content {
            switch inline {
            case .text(let s):
                writeText(s, atStart: atStart)
                if !s.isEmpty { atStart = false }
            case .lineBreak:
                w.empty("text:line-break")
                atStart = true
            case .blank(let width):
                blank(width)
                atStart = false
            }
        }
    }

    /// A blank to fill in by hand: ideographic spaces, underlined by their style.
    private func blank(_ width: Int) {
        w.start("text:span", ["text:style-name": "Gongwen_Blank"])
        w.text(width < Self.blanks.count ? Self.blanks[max(width, 1)] : String(repeating: "\u{3000}", count: width))
        w.end()
    }

    /// Blanks of up to 40 ideographic spaces, made once (signature lines have one each).
    private static let blanks = (0...40).map { String(repeating: "\u{3000}", count: $0) }

    private func writeText(_ text: String, atStart: Bool) {
        guard text.containsByte(where: { $0 == 0x20 }) else {
            w.text(text)
            return
        }
        var run = ""
        var spaces = 0
        var first = atStart
        func flushSpaces() {
            guard spaces > 0 else { return }
            if first {
                w.empty("text:s", ["text:c": String(spaces)])
            } else {
                w.text(" ")
                if spaces > 1 { w.empty("text:s", ["text:c": String(spaces - 1)]) }
            }
            spaces = 0
        }
        for ch in text {
            if ch == " " {
                if !run.isEmpty { w.text(run); run = ""; first = false }
                spaces += 1
            } else {
                flushSpaces()
                first = false
                run.append(ch)
            }
        }
        if !run.isEmpty { w.text(run) }
        flushSpaces()
    }
}

/// What decides a block's body XML besides the block itself (see `BlockMemo`).
struct ODFBlockState: Equatable {
    var pendingPageBreak: Bool
    var pendingRecordStart: Bool
    var keepWithNext: Bool
}
