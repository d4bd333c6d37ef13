import GongwenModel

/// Writes documents as one self-contained HTML5 file: inline CSS, `lang="zh-CN"`, print rules
/// for A4. Every part of the tree has a semantic class; the look comes from `HTMLStyleSheet`.
public struct HTMLWriter: Sendable {
    public let profile: LayoutProfile
    /// The style sheet depends only on the profile: built once, shared by every document.
    private let css: String

    /// In a combined file, every record starts on a right-hand (odd) page when printed.
    public let duplex: Bool

    /// The office's electronic seal, printed where a document has `<印章/>`; without it the
    /// sealed layout is kept and nothing is printed there.
    public let seal: SealImage?

    /// In a combined file, each record (each copy of a form) numbers its pages from 1.
    public let restartPageNumbers: Bool

    public init(profile: LayoutProfile = .gbt9704, duplex: Bool = false, restartPageNumbers: Bool = false, seal: SealImage? = nil) {
        self.profile = profile
        self.duplex = duplex
        self.restartPageNumbers = restartPageNumbers
        self.seal = seal
        self.css = HTMLStyleSheet.css(profile) + (seal.map(HTMLStyleSheet.seal) ?? "")
    }

    /// One document per file.
    public func write(_ document: Document) -> String {
        write([document], title: document.plainTitle)
    }

    /// Several documents in one file, each starting on a new page when printed.
    public func write(_ documents: [Document], title: String) -> String {
        write(documents, title: title, memo: nil)
    }

    /// The same, replaying from a memo (one per thread) the blocks the last record had at the
    /// same place.
    func write(_ documents: [Document], title: String, memo: HTMLBlockMemo?) -> String {
        head(title: title) + articles(documents, memo: memo)
            + tail(paginate: documents.contains(where: Self.needsPagination), documents: documents.count)
    }

    /// Everything before the first document. A combined file is written as head, the records'
    /// `articles` (apart, in parallel) and `tail`.
    func head(title: String) -> String {
        var out = HTMLBuffer()
        out.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.raw("<meta name=\"generator\" content=\"Gongwen\">\n")
        out.raw("<title>")
        out.text(title.isEmpty ? "公文" : title)
        out.raw("</title>\n<style>\n")
        out.raw(css)
        out.raw("\n</style>\n</head>\n<body>\n")
        return out.html
    }

    /// The documents' `article`s.
    func articles(_ documents: [Document], memo: HTMLBlockMemo? = nil) -> String {
        var out = HTMLBuffer()
        var blocks = RecordBlocks(memo: memo)
        for document in documents { article(document, into: &out, &blocks) }
        return out.html
    }

    /// The memo of a record's blocks and the place of the next block in it.
    private struct RecordBlocks {
        let memo: HTMLBlockMemo?
        var place = 0
    }

    /// Whether a document needs the pagination script (its 署名 or 版记 placed on the page, a
    /// heading kept with its text).
    static func needsPagination(_ document: Document) -> Bool {
        document.colophon != nil || document.closing != nil || hasHeading(document.body) || hasSignatures(document.body)
            || document.attachments.contains { hasHeading($0.body) }
    }

    private static func hasSignatures(_ blocks: [Block]) -> Bool {
        blocks.contains { if case .signatures = $0 { true } else { false } }
    }

    private static func hasHeading(_ blocks: [Block]) -> Bool {
        blocks.contains { if case .heading = $0 { true } else { false } }
    }

    /// Everything after the last document: the pagination script when a document `paginate`s
    /// or a file of several `documents` prints double-sided or numbers each record from 1.
    func tail(paginate: Bool, documents: Int) -> String {
        var out = HTMLBuffer()
        let duplexPages = duplex && documents > 1
        let restartNumbers = restartPageNumbers && documents > 1
        if duplexPages || restartNumbers || paginate {
            out.raw("<script>\n")
            out.raw(HTMLPagination.script(profile, duplex: duplexPages, restartNumbers: restartNumbers))
            out.raw("\n</script>\n")
        }
        out.raw("</body>\n</html>\n")
        return out.html
    }

    private func article(_ d: Document, into out: inout HTMLBuffer, _ record: inout RecordBlocks) {
        out.raw("<article class=\"\(d.genre.rawValue)\">\n")
        banner(d.header, into: &out)
        if let title = d.title { out.element("h1", "title", profile.titleLines(title)) }
        if let addressee = d.addressee { out.element("p", "addressee", PartText.addressee(addressee)) }
        if !d.body.isEmpty {
            out.raw("<section class=\"body\">\n")
            blocks(d.body, into: &out, &record)
            out.raw("</section>\n")
        }
        attachmentNotes(d.attachmentNotes, into: &out)
        if let closing = d.closing { self.closing(closing, into: &out) }
        if let note = d.note { out.element("p", "note", PartText.note(note)) }
        if let colophon = d.colophon, d.attachments.isEmpty { self.colophon(colophon, into: &out) }
        for attachment in d.attachments {
            out.raw("<section class=\"attachment\">\n")
            out.element("p", "attachment-label", [.text(attachment.label)])
            if let title = attachment.title { out.element("h2", "attachment-title", profile.titleLines(title)) }
            blocks(attachment.body, into: &out, &record)
            out.raw("</section>\n")
        }
        if let colophon = d.colophon, !d.attachments.isEmpty { self.colophon(colophon, into: &out) }
        out.raw("</article>\n")
    }

    /// The 版头, with the geometry of `BannerLayout` so it is as tall as in the ODF output.
    private func banner(_ h: Header, into out: inout HTMLBuffer) {
        guard !h.isEmpty else { return }
        out.raw("<header class=\"banner\">\n")
        for (cls, value) in [("copy-number", h.copyNumber), ("secrecy", h.secrecy), ("urgency", h.urgency)] {
            if let value { out.element("p", cls, [.text(value)]) }
        }
        if let mark = h.issuerMark, let geometry = BannerLayout(h, profile: profile) {
            let joint = mark.names.count > 1
            out.raw("<p class=\"issuer-mark\(joint ? " joint-mark" : "")\" style=\"font-size: \(format(geometry.markSizePt))pt; "
                + "line-height: \(format(geometry.markLineHeightMM))mm; "
                + "margin-top: \(format(geometry.markMarginTopMM))mm; margin-bottom: \(format(geometry.markMarginBottomMM))mm\">")
            if joint {
                // 联合行文: names stacked and spread evenly, 文件 to their right, centred on them.
                out.raw("<span class=\"joint\" style=\"width: \(format(geometry.nameWidthMM))mm\">")
                for name in mark.names {
                    out.raw("<span>")
                    out.text(name)
                    out.raw("</span>")
                }
                out.raw("</span>")
                if let suffix = mark.suffix {
                    out.raw("<span class=\"suffix\">")
                    out.text(suffix)
                    out.raw("</span>")
                }
            } else {
                out.text((mark.names.first ?? "") + (mark.suffix ?? ""))
            }
            out.raw("</p>\n")
        }
        // The 发文字号 line carries the red separator; with a mark it is always written.
        if h.documentNumber != nil || !h.signers.isEmpty || h.issuerMark != nil {
            if h.signers.isEmpty {
                out.element("p", "document-number", [.text(h.documentNumber ?? "")])
            } else {
                // Upward documents (7.2.5): two 签发人 a line; later lines start under the first
                // name; the 发文字号 shares the last line. The names are placed, not aligned.
                let layout = SignerLayout(h.signers)
                let cell = profile.characterPitchPt
                let namesLeft = layout.namesFromLeft(charactersPerLine: profile.charactersPerLine) * cell
                let labelLeft = layout.labelFromLeft(charactersPerLine: profile.charactersPerLine) * cell
                for (i, names) in layout.lines.enumerated() {
                    let last = i == layout.lines.count - 1
                    out.raw("<p class=\"\(last ? "document-number upward" : "signer-line")\">")
                    if last { out.text(h.documentNumber ?? "") }
                    // The placed span keeps the body face (its line's baseline is the paragraph's);
                    // only the names inside it are 楷体.
                    out.raw("<span class=\"signers\" style=\"left: \(format(i == 0 ? labelLeft : namesLeft))pt\">")
                    if i == 0 { out.raw(SignerLayout.label) }
                    out.raw("<span class=\"signer-name\">")
                    out.text(SignerLayout.text(names))
                    out.raw("</span></span></p>\n")
                }
            }
        }
        out.raw("</header>\n")
    }

    private func attachmentNotes(_ notes: [[Inline]], into out: inout HTMLBuffer) {
        guard !notes.isEmpty else { return }
        out.raw("<div class=\"attachment-notes\">\n")
        for (i, note) in notes.enumerated() {
            if i == 0 { out.raw("<p class=\"label\">附件：</p>") }
            out.element("p", "item", PartText.attachmentNote(note, index: i, count: notes.count))
        }
        out.raw("</div>\n")
    }

    private func closing(_ closing: Closing, into out: inout HTMLBuffer) {
        let layout = ClosingLayout(closing)
        out.raw("<div class=\"closing\(closing.sealed ? " sealed" : "")\">\n")
        for (issuer, indent) in zip(closing.issuers, layout.issuerIndents) {
            out.element("p", "signature", issuer, style: "padding-right: \(em(indent))")
        }
        if let date = closing.date {
            out.element("p", "date", [.text(date)], style: "padding-right: \(em(layout.dateIndent))")
        }
        if closing.sealed, let seal {
            // Centred on the date, pressing on the 署名 and date (GB/T 9704 7.3.5.1); the image
            // itself is in the style sheet once, however many documents the file holds.
            let placement = SealPlacement(closing, layout: layout)
            out.raw("<div class=\"seal\" role=\"img\" aria-label=\"印章\" style=\"right: calc(\(em(placement.centreFromRightCharacters)) - "
                + "\(format(seal.widthMM / 2))mm); top: \(format(SealPlacement.centreBelowFirstLineMM - seal.heightMM / 2))mm\"></div>\n")
        }
        out.raw("</div>\n")
    }

    /// 版记: rules as elements of their own (as in the ODF output) so both engines give it the
    /// same height; `HTMLPagination.script` moves it to the bottom of the last page.
    private func colophon(_ c: Colophon, into out: inout HTMLBuffer) {
        out.raw("<footer class=\"colophon\">\n<div class=\"rule outer\"></div>\n")
        if let copyTo = c.copyTo {
            out.element("p", "copy-to", PartText.copyTo(copyTo))
            if c.printingOffice != nil || c.printingDate != nil { out.raw("<div class=\"rule inner\"></div>\n") }
        }
        if c.printingOffice != nil || c.printingDate != nil {
            out.raw("<p class=\"printing\"><span>")
            out.text(c.printingOffice ?? "")
            out.raw("</span><span>")
            if let date = c.printingDate { out.text(PartText.printingDate(date)) }
            out.raw("</span></p>\n")
        }
        out.raw("<div class=\"rule outer\"></div>\n</footer>\n")
    }

    private func blocks(_ blocks: [Block], into out: inout HTMLBuffer, _ record: inout RecordBlocks) {
        for block in blocks {
            defer { record.place += 1 }
            guard let memo = record.memo, HTMLBlockMemo.isRemembered(block) else {
                self.block(block, into: &out)
                continue
            }
            if let entry = memo.entry(at: record.place, for: block, in: HTMLBlockState()) {
                out.raw(entry.output)
                continue
            }
            var fresh = HTMLBuffer()
            self.block(block, into: &fresh)
            out.raw(fresh.html)
            memo.remember(.init(block: block, before: HTMLBlockState(), output: fresh.html, after: HTMLBlockState()), at: record.place)
        }
    }

    private func block(_ block: Block, into out: inout HTMLBuffer) {
        switch block {
        case .paragraph(let c):
            out.element("p", nil, c)
        case .heading(let level, let number, let c):
            out.element("h\(min(level + 1, 6))", "heading-\(level)", [.text(number)] + c)
        case .centered(let c):
            out.element("p", "centered", c)
        case .title(let c):
            out.element("h1", "title", profile.titleLines(c))
        case .pageBreak:
            out.raw("<div class=\"page-break\" style=\"break-after: page\"></div>\n")
        case .list(let ordered, let items):
            out.raw("<ul class=\"list\">\n")
            for (i, item) in items.enumerated() {
                out.element("li", nil, ordered ? [.text("\(i + 1). ")] + item : item)
            }
            out.raw("</ul>\n")
        case .table(let table):
            self.table(table, into: &out)
        case .parties(let parties):
            out.raw("<div class=\"parties\">\n")
            for party in parties { out.element("p", "party", [.text(party.role + "：")] + party.name) }
            out.raw("</div>\n")
        case .clause(let number, let c):
            out.element("p", "clause", [.text(PartText.clauseNumber(number))] + c)
        case .signatures(let signatories):
            // A grid of the same columns and rows as the ODF table (`SignatureLayout.Grid`).
            let grid = SignatureLayout.grid(signatories, profile: profile)
            out.raw("<div class=\"signatures\" style=\"grid-template-columns: \(grid.columnsMM.map { format($0) + "mm" }.joined(separator: " "))\">\n")
            for row in grid.rows {
                for (i, line) in row.enumerated() {
                    if i > 0 { out.raw("<p></p>") }
                    out.element("p", nil, line ?? [])
                }
            }
            out.raw("</div>\n")
        }
    }

    private func table(_ table: Table, into out: inout HTMLBuffer) {
        // Widths from the shared layout (every header fits its column), as in the ODF output.
        let layout = TableLayout(table, profile: profile)
        out.raw("<table class=\"data\">\n<colgroup>")
        for w in layout.columnWidthsMM { out.raw("<col style=\"width: \(format(w / profile.textWidthMM * 100))%\">") }
        out.raw("</colgroup>\n")
        if !layout.headerRows.isEmpty {
            out.raw("<thead>\n")
            for row in layout.headerRows { self.row(row, cell: "th", into: &out) }
            out.raw("</thead>\n")
        }
        out.raw("<tbody>\n")
        for row in table.rows { self.row(row, cell: "td", into: &out) }
        out.raw("</tbody>\n</table>\n")
    }

    private func row(_ cells: [TableCell], cell tag: String, into out: inout HTMLBuffer) {
        out.raw("<tr>")
        for cell in cells {
            let span = cell.columnSpan > 1 ? " colspan=\"\(cell.columnSpan)\"" : ""
            out.raw("<\(tag) class=\"\(cell.alignment.rawValue)\"\(span)>")
            out.inlines(cell.content)
            out.raw("</\(tag)>")
        }
        out.raw("</tr>\n")
    }

    private func em(_ value: Double) -> String { "\(format(value))em" }

    private func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Accumulates HTML; `text` escapes, `raw` does not and is used for our own markup only.
struct HTMLBuffer {
    private(set) var html = ""

    mutating func raw(_ s: String) { html += s }
    mutating func text(_ s: String) { html += HTMLText.escape(s) }

    mutating func inlines(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .text(let s): textKeepingDocumentNumbers(s)
            case .lineBreak: raw("<br>")
            case .blank(let width): raw("<span class=\"blank\" style=\"width: \(width)em\"></span>")
            }
        }
    }

    /// Text in which a 发文字号's year and number (〔2025〕17号), and a closing bracket and the
    /// number after it, stay on one line: Chromium may break after 〕 or ） (LibreOffice does
    /// not), and a split number cannot be filed.
    mutating func textKeepingDocumentNumbers(_ s: String) {
        let runs = UnbreakableRuns.all(in: s)
        guard !runs.isEmpty else { return text(s) }
        var start = s.startIndex
        for run in runs {
            text(String(s[start..<run.lowerBound]))
            raw("<span class=\"nowrap\">")
            text(String(s[run]))
            raw("</span>")
            start = run.upperBound
        }
        text(String(s[start...]))
    }

    mutating func element(_ tag: String, _ cls: String?, _ content: [Inline], style: String? = nil) {
        raw("<\(tag)")
        if let cls { raw(" class=\"\(cls)\"") }
        if let style { raw(" style=\"\(style)\"") }
        raw(">")
        inlines(content)
        raw("</\(tag)>\n")
    }
}
