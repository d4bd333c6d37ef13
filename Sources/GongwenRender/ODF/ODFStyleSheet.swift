/// The named ODF styles of every Gongwen document (office:styles), the page layout and the
/// master page with `— N —` page numbers, all from the layout profile. Kept apart from the body
/// writer: styles say how parts look, the body only names them.
struct ODFStyleSheet {
    let profile: LayoutProfile
    /// Records of a combined file start on right-hand (odd) pages, for double-sided printing.
    var duplex = false
    /// Each record of a combined file numbers its pages from 1 (LibreOffice decides left and
    /// right from the page number, so page 1 is always a right-hand page).
    var restartPageNumbers = false
    /// An electronic seal is placed (its graphic style is needed).
    var sealed = false

    /// The master page a record starts with: the ordinary one, or one that may only be a
    /// right-hand page (LibreOffice inserts a blank page before it when needed) and continues
    /// with the ordinary one.
    var recordStartMaster: String { duplex ? "Gongwen_Right" : "Standard" }

    private var pitch: String { pt(profile.linePitchPt) }
    private var charPt: Double { profile.characterPitchPt }

    func pt(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + "pt"
    }

    func mm(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + "mm"
    }

    /// `style:font-face` declarations: one per font role, named by its first family. LibreOffice
    /// uses only that first name, so Fonts/fontconfig maps it to an open face where it is missing.
    func writeFontFaces(_ w: XMLWriter) {
        w.start("office:font-face-decls")
        for role in FontRole.allCases {
            w.empty("style:font-face", [
                "style:name": role.odfName, "svg:font-family": role.families[0],
                "style:font-family-generic": role.odfGeneric, "style:font-pitch": "variable",
            ])
        }
        w.end()
    }

    /// Text properties selecting a font role (western and Asian alike) at a size.
    private func font(_ w: XMLWriter, _ role: FontRole, size: Double, extra: KeyValuePairs<StaticString, String> = [:]) {
        w.start("style:text-properties")
        w.attribute("style:font-name", role.odfName)
        w.attribute("fo:font-size", pt(size))
        w.attribute("style:font-name-asian", role.odfName)
        w.attribute("style:font-size-asian", pt(size))
        w.attribute("style:font-name-complex", role.odfName)
        w.attribute("style:font-size-complex", pt(size))
        for (k, v) in extra { w.attribute(k, v) }
        w.end()
    }

    private struct ParagraphStyle {
        var name: String
        var parent: String?
        var paragraph: [(String, String)] = []
        var role: FontRole? = nil
        var size: Double? = nil
        var text: [(String, String)] = []
    }

    private func write(_ w: XMLWriter, _ s: ParagraphStyle) {
        w.start("style:style")
        w.attribute("style:name", s.name)
        w.attribute("style:family", "paragraph")
        if let parent = s.parent { w.attribute("style:parent-style-name", parent) }
        if !s.paragraph.isEmpty {
            w.start("style:paragraph-properties")
            var tabs: [(String, String)] = []
            for (k, v) in s.paragraph {
                if k.hasPrefix("tab:") { tabs.append((String(k.dropFirst(4)), v)) } else { w.attribute(named: k, v) }
            }
            if !tabs.isEmpty {
                w.start("style:tab-stops")
                for (position, type) in tabs { w.empty("style:tab-stop", ["style:position": position, "style:type": type]) }
                w.end()
            }
            w.end()
        }
        if s.role != nil || s.size != nil || !s.text.isEmpty {
            w.start("style:text-properties")
            if let role = s.role {
                w.attribute("style:font-name", role.odfName)
                w.attribute("style:font-name-asian", role.odfName)
                w.attribute("style:font-name-complex", role.odfName)
            }
            if let size = s.size {
                w.attribute("fo:font-size", pt(size))
                w.attribute("style:font-size-asian", pt(size))
                w.attribute("style:font-size-complex", pt(size))
            }
            for (k, v) in s.text { w.attribute(named: k, v) }
            w.end()
        }
        w.end()
    }

    /// The paragraph styles, parent first.
    private var paragraphStyles: [ParagraphStyle] {
        let p = profile
        let base = SemanticStyle.body.rawValue + "Base"
        let twoChars = pt(2 * charPt)
        let centered: [(String, String)] = [("fo:text-align", "center"), ("fo:text-indent", "0pt")]
        let noSpacing: [(String, String)] = [("fo:letter-spacing", "normal")]
        let keep: [(String, String)] = [("fo:keep-with-next", "always")]
        let outer = "\(mm(p.colophonOuterRuleMM)) solid #000000"
        let inner = "\(mm(p.colophonInnerRuleMM)) solid #000000"
        func named(_ s: SemanticStyle) -> String { s.rawValue }
        return [
            // Digits and Latin letters are “Western” text to LibreOffice and break by the rules of
            // the Western language: as Chinese, every digit is a break opportunity (12.9|2‰,
            // 202|4年); as English, a number stays whole, as in Chromium. Measured on every
            // shipped template: no line differs from Chromium's for it.
            ParagraphStyle(name: base, parent: nil, paragraph: [
                ("fo:line-height", pitch), ("fo:margin-top", "0pt"), ("fo:margin-bottom", "0pt"),
                ("fo:text-align", "justify"), ("fo:orphans", "2"), ("fo:widows", "1"),
                ("style:punctuation-wrap", "simple"), ("style:line-break", "strict"), ("style:text-autospace", "none"),
            ], role: .fangSong, size: p.bodySizePt, text: [
                ("fo:color", "#000000"), ("fo:letter-spacing", pt(p.letterSpacingPt)),
                ("fo:language", "en"), ("fo:country", "US"), ("style:language-asian", "zh"), ("style:country-asian", "CN"),
            ]),
            ParagraphStyle(name: named(.body), parent: base, paragraph: [("fo:text-indent", twoChars)]),
            ParagraphStyle(name: named(.copyNumber), parent: base),
            ParagraphStyle(name: named(.secrecy), parent: base, role: .heiTi),
            ParagraphStyle(name: named(.urgency), parent: base, role: .heiTi),
            ParagraphStyle(name: named(.issuerMark), parent: base, paragraph: centered,
                           role: .xiaoBiaoSong, size: p.issuerMarkSizePt, text: noSpacing + [("fo:color", p.red)]),
            ParagraphStyle(name: named(.documentNumber), parent: base, paragraph: centered + [
                ("fo:border-bottom", "\(mm(p.separatorRuleMM)) solid \(p.red)"), ("fo:padding-bottom", "4mm"),
                ("fo:padding-left", "0pt"), ("fo:padding-right", "0pt"), ("fo:padding-top", "0pt"), ("style:join-border", "false"),
            ]),
            // Upward documents (7.2.5): 发文字号 one character in from the left; the 签发人 lines are
            // automatic styles with tab stops from `SignerLayout`, children of this one. The character is padding, not
            // margin: LibreOffice draws a border inside the margins, and the separator spans the
            // whole 版心 (156 mm) as in other documents. LibreOffice keeps border and padding
            // as one property: a style that sets padding must say the border again.
            ParagraphStyle(name: named(.documentNumber) + "Upward", parent: named(.documentNumber), paragraph: [
                ("fo:text-align", "start"), ("fo:padding-left", pt(charPt)), ("fo:padding-right", pt(charPt)),
                ("fo:padding-top", "0pt"), ("fo:padding-bottom", "4mm"), ("fo:border-bottom", "\(mm(p.separatorRuleMM)) solid \(p.red)"),
            ]),
            ParagraphStyle(name: named(.title), parent: base, paragraph: centered, role: .xiaoBiaoSong, size: p.titleSizePt, text: noSpacing),
            ParagraphStyle(name: named(.title) + "AfterBanner", parent: named(.title), paragraph: [
                ("fo:margin-top", mm(2 * p.linePitchPt * 25.4 / 72 - 4 - p.separatorRuleMM)),
            ]),
            ParagraphStyle(name: named(.addressee), parent: base),
            // Headings stay with the text they head: no page ends with one.
            ParagraphStyle(name: named(.heading1), parent: named(.body), paragraph: keep, role: .heiTi),
            ParagraphStyle(name: named(.heading2), parent: named(.body), paragraph: keep, role: .kaiTi),
            ParagraphStyle(name: named(.heading3), parent: named(.body), paragraph: keep),
            ParagraphStyle(name: named(.heading4), parent: named(.body), paragraph: keep),
            ParagraphStyle(name: named(.attachmentNote), parent: base, paragraph: [
                ("fo:margin-left", pt(5 * charPt)), ("fo:text-indent", pt(-3 * charPt)),
            ]),
            ParagraphStyle(name: named(.attachmentNote) + "Next", parent: base, paragraph: [("fo:margin-left", pt(5 * charPt))]),
            ParagraphStyle(name: named(.signature), parent: base, paragraph: [("fo:text-align", "end")]),
            ParagraphStyle(name: named(.date), parent: base, paragraph: [("fo:text-align", "end")]),
            ParagraphStyle(name: named(.note), parent: named(.body)),
            ParagraphStyle(name: named(.attachmentLabel), parent: base, paragraph: [("fo:break-before", "page")], role: .heiTi),
            ParagraphStyle(name: named(.attachmentTitle), parent: base, paragraph: centered, role: .xiaoBiaoSong, size: p.titleSizePt, text: noSpacing),
            // 版记 (7.4): text one character in on both sides, 抄送 continuation lines aligned after
            // the colon; the rules are paragraphs of their own so they span the whole 版心 while
            // the text keeps its margins. Text lines are 0.5 mm short of a grid line so that text
            // and rules together stay within whole grid lines and fit under the last line.
            ParagraphStyle(name: named(.colophon), parent: base, paragraph: [
                ("fo:margin-left", pt(p.colophonSizePt)), ("fo:margin-right", pt(p.colophonSizePt)), ("fo:text-indent", "0pt"),
                ("fo:line-height", mm(p.linePitchPt * 25.4 / 72 - 0.5)),
            ], size: p.colophonSizePt),
            // LibreOffice keeps left and right margins and the indent as one property: a style
            // that sets one must say the others again, or the right margin falls to 0 and the
            // line runs one character further than Chromium's.
            ParagraphStyle(name: named(.colophon) + "CopyTo", parent: named(.colophon), paragraph: [
                ("fo:margin-right", pt(p.colophonSizePt)),
                ("fo:margin-left", pt(p.colophonSizePt + 3 * (p.colophonSizePt + p.letterSpacingPt))),
                ("fo:text-indent", pt(-3 * (p.colophonSizePt + p.letterSpacingPt))),
            ]),
            ParagraphStyle(name: named(.colophon) + "Printing", parent: named(.colophon), paragraph: [
                ("tab:" + mm(p.textWidthMM - 2 * p.colophonSizePt * 25.4 / 72), "right"),
            ]),
            ParagraphStyle(name: named(.colophon) + "RuleOuter", parent: base, paragraph: [
                ("fo:line-height", "0.01mm"), ("fo:border-bottom", outer), ("fo:padding", "0mm"), ("fo:text-indent", "0pt"),
            ], size: 1),
            ParagraphStyle(name: named(.colophon) + "RuleInner", parent: named(.colophon) + "RuleOuter", paragraph: [("fo:border-bottom", inner)]),
            // Holds the 版记 frame without taking a line of its own.
            ParagraphStyle(name: named(.colophon) + "Anchor", parent: base, paragraph: [("fo:line-height", "0.01mm")], size: 1),
            ParagraphStyle(name: named(.centered), parent: base, paragraph: centered),
            ParagraphStyle(name: named(.clause), parent: named(.body)),
            ParagraphStyle(name: named(.party), parent: base),
            ParagraphStyle(name: named(.listItem), parent: named(.body)),
            ParagraphStyle(name: named(.signatureLine), parent: base, paragraph: [("fo:text-align", "start")]),
            ParagraphStyle(name: named(.tableCell), parent: base, paragraph: centered + [("fo:line-height", pt(p.tableLinePt))],
                           size: p.colophonSizePt, text: noSpacing),
            ParagraphStyle(name: named(.tableCell) + "Start", parent: named(.tableCell), paragraph: [("fo:text-align", "start")]),
            ParagraphStyle(name: named(.tableCell) + "End", parent: named(.tableCell), paragraph: [("fo:text-align", "end")]),
            ParagraphStyle(name: named(.tableCell) + "Header", parent: named(.tableCell), role: .heiTi),
            ParagraphStyle(name: "Gongwen_FooterOdd", parent: nil, paragraph: [
                ("fo:text-align", "end"), ("fo:margin-right", pt(p.pageNumberSizePt)), ("fo:margin-top", "0pt"), ("fo:margin-bottom", "0pt"),
            ], role: .songTi, size: p.pageNumberSizePt),
            ParagraphStyle(name: "Gongwen_FooterEven", parent: nil, paragraph: [
                ("fo:text-align", "start"), ("fo:margin-left", pt(p.pageNumberSizePt)), ("fo:margin-top", "0pt"), ("fo:margin-bottom", "0pt"),
            ], role: .songTi, size: p.pageNumberSizePt),
        ]
    }

    /// Names of every paragraph style, for the page-break variants the body may need.
    var paragraphStyleNames: [String] { paragraphStyles.map(\.name) }

    /// LibreOffice imports a `draw:frame` as a Writer text frame (whose paragraphs keep their
    /// styles) only when its graphic style descends from a style named `Frame`; otherwise it
    /// makes a drawing shape and drops the paragraph styles inside.
    static let frameStyle = "Frame"

    /// `office:styles`: default style, paragraph styles, text styles, table cell styles.
    func writeStyles(_ w: XMLWriter) {
        w.start("office:styles")
        w.empty("style:style", ["style:name": Self.frameStyle, "style:family": "graphic"])
        w.start("style:default-style", ["style:family": "paragraph"])
        font(w, .fangSong, size: profile.bodySizePt, extra: [
            "fo:language": "en", "fo:country": "US", "style:language-asian": "zh", "style:country-asian": "CN",
        ])
        w.end()
        for style in paragraphStyles { write(w, style) }
        w.start("style:style", ["style:name": "Gongwen_SignerName", "style:family": "text"])
        w.empty("style:text-properties", [
            "style:font-name": FontRole.kaiTi.odfName, "style:font-name-asian": FontRole.kaiTi.odfName,
            "style:font-name-complex": FontRole.kaiTi.odfName,
        ])
        w.end()
        w.start("style:style", ["style:name": "Gongwen_Blank", "style:family": "text"])
        w.empty("style:text-properties", [
            "style:text-underline-style": "solid", "style:text-underline-width": "auto",
            "style:text-underline-color": "font-color", "style:text-underline-mode": "continuous",
        ])
        w.end()
        writeOutlineStyle(w)
        w.end()
    }

    /// Table cell styles. LibreOffice applies cell properties (borders, vertical centring) only
    /// from automatic styles, so these are written among the automatic styles of the content.
    func writeCellStyles(_ w: XMLWriter) {
        // LibreOffice draws every cell's own borders, so neighbouring cells would show two rules
        // and rows would grow by both; each cell draws its bottom and right rule, the first row
        // and column add the top and left ones, as a collapsed HTML table does.
        let rule = "\(pt(profile.tableRulePt)) solid #000000"
        for (suffix, top, left) in [("", false, false), ("Top", true, false), ("Left", false, true), ("TopLeft", true, true)] {
            w.start("style:style", ["style:name": "Gongwen_CellBox" + suffix, "style:family": "table-cell"])
            w.empty("style:table-cell-properties", [
                "fo:border-top": top ? rule : "none", "fo:border-left": left ? rule : "none",
                "fo:border-bottom": rule, "fo:border-right": rule,
                "fo:padding-top": "0mm", "fo:padding-bottom": "0mm", "fo:padding-left": "1.5mm", "fo:padding-right": "1.5mm",
                "style:vertical-align": "middle",
            ])
            w.end()
        }
        w.start("style:style", ["style:name": "Gongwen_CellMiddle", "style:family": "table-cell"])
        w.empty("style:table-cell-properties", ["fo:border": "none", "fo:padding": "0mm", "style:vertical-align": "middle"])
        w.end()
        w.start("style:style", ["style:name": "Gongwen_CellPlain", "style:family": "table-cell"])
        w.empty("style:table-cell-properties", ["fo:border": "none", "fo:padding": "0mm"])
        w.end()
    }

    /// Headings (`text:h`) take their indent from the outline style, not from their paragraph
    /// style; without this LibreOffice sets them flush left. No numbering: numbers are text.
    private func writeOutlineStyle(_ w: XMLWriter) {
        w.start("text:outline-style", ["style:name": "Outline"])
        for level in 1...10 {
            w.start("text:outline-level-style", ["text:level": String(level), "style:num-format": ""])
            w.start("style:list-level-properties", ["text:list-level-position-and-space-mode": "label-alignment"])
            w.empty("style:list-level-label-alignment", [
                "text:label-followed-by": "nothing", "fo:text-indent": pt(2 * charPt), "fo:margin-left": "0pt",
            ])
            w.end()
            w.end()
        }
        w.end()
    }

    /// The page layout (A4, GB/T 9704 margins, footer for the page number). The bottom margin
    /// is split between the page margin and the footer so the body keeps 22 lines and the
    /// number's baseline sits 7 mm below the 版心 (measured in LAYOUT-FACTS §5).
    func writePageLayout(_ w: XMLWriter) {
        writePageLayout(w, name: "Gongwen_Page", usage: nil)
        if duplex { writePageLayout(w, name: "Gongwen_PageRight", usage: "right") }
    }

    /// One page layout; `usage: "right"` makes a page that may only be a right-hand one.
    private func writePageLayout(_ w: XMLWriter, name: String, usage: String?) {
        let p = profile
        w.start("style:page-layout", ["style:name": name])
        if let usage { w.attribute("style:page-usage", usage) }
        w.empty("style:page-layout-properties", [
            "fo:page-width": mm(p.pageWidthMM), "fo:page-height": mm(p.pageHeightMM),
            "style:print-orientation": "portrait",
            "fo:margin-top": mm(p.marginTopMM), "fo:margin-bottom": mm(p.marginBottomMM - 10),
            "fo:margin-left": mm(p.marginLeftMM), "fo:margin-right": mm(p.marginRightMM),
        ])
        w.start("style:footer-style")
        w.empty("style:header-footer-properties", [
            "fo:min-height": "10mm", "fo:margin-top": "1.31mm", "style:dynamic-spacing": "false",
        ])
        w.end()
        w.end()
    }

    func writeMasterStyles(_ w: XMLWriter) {
        w.start("office:master-styles")
        writeMasterPage(w, name: "Standard", layout: "Gongwen_Page", next: nil)
        if duplex { writeMasterPage(w, name: "Gongwen_Right", layout: "Gongwen_PageRight", next: "Standard") }
        w.end()
    }

    private func writeMasterPage(_ w: XMLWriter, name: String, layout: String, next: String?) {
        w.start("style:master-page", ["style:name": name, "style:page-layout-name": layout])
        if let next { w.attribute("style:next-style-name", next) }
        for (element, style) in [("style:footer", "Gongwen_FooterOdd"), ("style:footer-left", "Gongwen_FooterEven")] as [(StaticString, String)] {
            w.start(element)
            w.start("text:p", ["text:style-name": style])
            w.text("— ")
            w.start("text:page-number", ["text:select-page": "current"])
            w.text("1")
            w.end()
            w.text(" —")
            w.end()
            w.end()
        }
        w.end()
    }
}
