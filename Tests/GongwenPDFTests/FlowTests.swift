import GongwenModel
import GongwenRender
import Testing
@testable import GongwenPDF

/// Page breaking on the grid, with the made-up monospaced face of `LineBreakingTests`: the
/// keeps GB/T 9704 and the HTML and ODF outputs share.
@Suite struct FlowTests {
    /// The text of each page, lines joined by "|".
    func pages(_ document: Document) -> [String] {
        let typesetter = Typesetter(fonts: GridFonts(), slots: FontSlots())
        var findings = DocumentLayout.Findings()
        return DocumentLayout().pages(document, typesetter: typesetter, findings: &findings).map { page in
            let lines = Dictionary(grouping: page.runs, by: { ($0.baseline * 10).rounded() })
            return lines.keys.sorted().map { key in
                lines[key]!.sorted { $0.x[0] < $1.x[0] }.map { run in String(String.UnicodeScalarView(run.glyphs.compactMap { Unicode.Scalar(UInt32($0)) })) }.joined()
            }.joined(separator: "|")
        }
    }

    /// A paragraph of `lines` full lines (28 characters each, the first indented two).
    func paragraph(_ lines: Int, _ mark: Character = "文") -> Block {
        .paragraph([.text(String(repeating: mark, count: 26 + 28 * (lines - 1)))])
    }

    @Test("22 lines a page: a page of one-line paragraphs breaks after the 22nd")
    func twentyTwoLines() {
        let d = Document(body: (0..<30).map { _ in paragraph(1) })
        let p = pages(d)
        #expect(p.count == 2)
        #expect(p[0].split(separator: "|").count == 22)
        #expect(p[1].split(separator: "|").count == 8)
    }

    @Test("a heading never ends a page: with no room for its text it goes to the next page")
    func headingKeepsWithNext() {
        let d = Document(body: (0..<21).map { _ in paragraph(1) } + [.heading(level: 1, number: "一、", content: [.text("标题")]), paragraph(2, "正")])
        let p = pages(d)
        #expect(p.count == 2)
        #expect(p[1].hasPrefix("一、标题"))
    }

    @Test("no paragraph leaves only its first line at the foot of a page (orphans 2)")
    func orphans() {
        let d = Document(body: (0..<21).map { _ in paragraph(1) } + [paragraph(3, "正")])
        let p = pages(d)
        #expect(p[0].split(separator: "|").count == 21)
        #expect(p[1].split(separator: "|").count == 3)
    }

    @Test("the 署名 is never alone at the top of a page: the paragraph before it goes along")
    func closingTakesParagraph() {
        // 19 lines + a 2-line paragraph fill 21 lines; the closing (a line's margin + 2 lines)
        // does not fit, so the paragraph goes with it.
        let d = Document(body: (0..<19).map { _ in paragraph(1) } + [paragraph(2, "末")],
                         closing: Closing(issuers: [[.text("某某县人民政府")]], date: "2025年7月1日"))
        let p = pages(d)
        #expect(p.count == 2)
        #expect(p[1].hasPrefix("末"))
        #expect(p[1].contains("某某县人民政府"))
    }

    @Test("the 版记 sits on the foot of the last page")
    func colophonAtFoot() {
        let typesetter = Typesetter(fonts: GridFonts(), slots: FontSlots())
        var findings = DocumentLayout.Findings()
        let d = Document(body: [paragraph(1)], colophon: Colophon(printingOffice: "某某办公室", printingDate: "2025年7月1日"))
        let laid = DocumentLayout().pages(d, typesetter: typesetter, findings: &findings)
        #expect(laid.count == 1)
        let metrics = PageMetrics(.gbt9704)
        let bottom = laid[0].rules.map { $0.y + $0.height }.max() ?? 0
        #expect(abs(bottom - (metrics.top + metrics.height)) < 1)
    }

    @Test("a table's header rows are printed again on the page it continues on")
    func tableHeaderRepeats() {
        let rows = (1...40).map { [TableCell(content: [.text("县\($0)")]), TableCell(content: [.text("\($0)")])] }
        let d = Document(body: [.table(Table(headerRows: [[TableCell(content: [.text("县名")]), TableCell(content: [.text("得分")])]], rows: rows))])
        let p = pages(d)
        #expect(p.count == 2)
        #expect(p[0].hasPrefix("县名") && p[1].hasPrefix("县名"), "\(p)")
    }
}
