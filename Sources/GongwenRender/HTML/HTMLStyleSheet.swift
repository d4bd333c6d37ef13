/// The print style sheet of an HTML document, generated from the layout profile: A4 page with
/// the GB/T 9704 margins, the 22 × 28 grid as line-height and letter-spacing, page numbers
/// `— N —` in the bottom margin boxes (outer side), semantic classes for every part.
enum HTMLStyleSheet {
    /// The electronic seal: the image replaces the content of every `.seal` element (printed like
    /// an `img`, whatever the browser's "background graphics" setting), sized as the seal.
    static func seal(_ seal: SealImage) -> String {
        """

        .seal { position: absolute; width: \(seal.widthMM)mm; height: \(seal.heightMM)mm; content: url("data:\(seal.format.mediaType);base64,\(seal.base64)"); }
        """
    }

    /// A role's CSS font list: office names, then open stand-ins, then the generic family.
    static func family(_ role: FontRole) -> String {
        ([role == .xiaoBiaoSong ? "\"Gongwen XiaoBiaoSong\"" : nil].compactMap { $0 }
            + role.families.map { "\"\($0)\"" } + [role.generic]).joined(separator: ", ")
    }

    /// The page number's margin box (7 mm below the 版心, one character in from the outer edge):
    /// `— N —` with `counter`, on the right of odd pages or the left of even ones. The pagination
    /// script writes the same boxes for records numbered from 1.
    static func pageNumberBox(_ p: LayoutProfile, right: Bool, counter: String = "counter(page)") -> String {
        "{ content: \"— \" \(counter) \" —\"; font: \(p.pageNumberSizePt)pt \(family(.songTi)); vertical-align: top; line-height: 1; "
            + "padding-top: 2.3mm; padding-\(right ? "right" : "left"): 14pt; }"
    }

    static func css(_ p: LayoutProfile) -> String {
        let pitch = "\(p.linePitchPt)pt"
        return """
        @font-face { font-family: "Gongwen XiaoBiaoSong"; src: \(FontRole.xiaoBiaoSong.officeNames.map { "local(\"\($0)\")" }.joined(separator: ", ")), local("Gongwen Serif SC Extra Bold"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"); }
        @font-face { font-family: "Gongwen XiaoBiaoSong"; src: \(FontRole.xiaoBiaoSong.officeNames.map { "local(\"\($0)\")" }.joined(separator: ", ")), local("Gongwen Serif SC Bold"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"); }
        @page { size: A4; margin: \(p.marginTopMM)mm \(p.marginRightMM)mm \(p.marginBottomMM)mm \(p.marginLeftMM)mm; }
        @page :right { @bottom-right \(pageNumberBox(p, right: true)) }
        @page :left { @bottom-left \(pageNumberBox(p, right: false)) }
        @page blank { @bottom-left { content: none; } @bottom-right { content: none; } }
        html { background: #f2f2f2; }
        body { margin: 0; color: #000; font-family: \(family(.fangSong)); font-size: \(p.bodySizePt)pt; line-height: \(pitch); letter-spacing: \(p.letterSpacingPt)pt; orphans: 2; widows: 1; text-align: justify; line-break: strict; overflow-wrap: anywhere; text-spacing-trim: space-all; }
        article { box-sizing: content-box; width: \(p.textWidthMM)mm; min-height: \(p.textHeightMM)mm; margin: 12mm auto; padding: \(p.marginTopMM)mm \(p.marginRightMM)mm \(p.marginBottomMM)mm \(p.marginLeftMM)mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
        @media print { html { background: none; } article { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } article + article { break-before: page; } .blank-page { break-before: page; height: 1px; page: blank; } .blank-page + article { break-before: page; } }
        p, h1, h2, h3, h4, h5, h6, ol, ul, table { margin: 0; padding: 0; font-size: inherit; font-weight: normal; }
        .copy-number, .secrecy, .urgency { text-indent: 0; }
        .secrecy, .urgency { font-family: \(family(.heiTi)); }
        .issuer-mark { font-family: \(family(.xiaoBiaoSong)); color: \(p.red); font-size: \(p.issuerMarkSizePt)pt; text-align: center; letter-spacing: 0; }
        .issuer-mark.joint-mark { display: flex; justify-content: center; align-items: center; }
        .issuer-mark .joint { display: flex; flex-direction: column; text-align: justify; text-align-last: justify; white-space: nowrap; }
        .issuer-mark .suffix { margin-left: \(LayoutProfile.jointMarkGapEm)em; }
        .document-number { text-align: center; padding-top: calc(2 * \(pitch)); padding-bottom: 4mm; border-bottom: \(p.separatorRuleMM)mm solid \(p.red); }
        .document-number.upward, .signer-line { position: relative; min-height: \(pitch); text-align: left; padding-left: \(p.characterPitchPt)pt; }
        .signers { position: absolute; white-space: nowrap; }
        .banner > .signer-line + .document-number, .banner > .signer-line:first-of-type { padding-top: 0; }
        .banner > .issuer-mark + .signer-line { padding-top: calc(2 * \(pitch)); }
        .signer-name { font-family: \(family(.kaiTi)); }
        .title { font-family: \(family(.xiaoBiaoSong)); font-size: \(p.titleSizePt)pt; text-align: center; letter-spacing: 0; text-align-last: center; }
        .banner + .title { margin-top: calc(2 * \(pitch) - 4mm - \(p.separatorRuleMM)mm); }
        .addressee { margin-top: \(pitch); text-indent: 0; }
        .body p, .attachment p { text-indent: 2em; }
        .heading-1 { font-family: \(family(.heiTi)); text-indent: 2em; }
        .heading-2 { font-family: \(family(.kaiTi)); text-indent: 2em; }
        .heading-3, .heading-4 { text-indent: 2em; }
        .heading-1, .heading-2, .heading-3, .heading-4 { break-after: avoid; }
        .centered { text-align: center; text-indent: 0 !important; }
        .list { list-style: none; }
        .list li { text-indent: 2em; }
        .attachment-notes { margin-top: \(pitch); display: grid; grid-template-columns: 5em 1fr; }
        .attachment-notes .label { padding-left: 2em; white-space: nowrap; }
        .attachment-notes .item { grid-column: 2; }
        .closing { margin-top: \(pitch); position: relative; break-inside: avoid; }
        .closing p { text-align: right; text-indent: 0; white-space: nowrap; }
        .closing.sealed { margin-top: calc(2 * \(pitch)); }
        .note { text-indent: 2em; }
        .attachment { break-before: page; }
        .attachment .attachment-label { font-family: \(family(.heiTi)); text-indent: 0; }
        .attachment-title { font-family: \(family(.xiaoBiaoSong)); font-size: \(p.titleSizePt)pt; text-align: center; letter-spacing: 0; margin: \(pitch) 0; }
        .colophon { margin-top: calc(2 * \(pitch)); font-size: \(p.colophonSizePt)pt; break-inside: avoid; }
        .colophon p { margin: 0 \(p.colophonSizePt)pt; text-indent: 0; line-height: calc(\(pitch) - 0.5mm); }
        .colophon .copy-to { padding-left: \(3 * (p.colophonSizePt + p.letterSpacingPt))pt; text-indent: -\(3 * (p.colophonSizePt + p.letterSpacingPt))pt; }
        .colophon .rule { height: 0.01mm; border-bottom: \(p.colophonOuterRuleMM)mm solid #000; }
        .colophon .rule.inner { border-bottom-width: \(p.colophonInnerRuleMM)mm; }
        .colophon .printing { display: flex; justify-content: space-between; }
        table.data { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0; font-size: \(p.colophonSizePt)pt; line-height: \(p.tableLinePt)pt; letter-spacing: 0; }
        table.data th, table.data td { border: \(p.tableRulePt)pt solid #000; padding: 0 1.5mm; font-weight: normal; }
        table.data th { font-family: \(family(.heiTi)); }
        table.data .start { text-align: left; } table.data .center { text-align: center; } table.data .end { text-align: right; }
        .parties p, .clause { text-indent: 0; }
        .parties p { text-indent: 0 !important; }
        .body p.clause, .attachment p.clause { text-indent: 2em; }
        .signatures { display: grid; margin-top: \(pitch); break-inside: avoid; }
        .signatures p { text-indent: 0 !important; white-space: nowrap; min-height: \(pitch); }
        .nowrap { white-space: nowrap; }
        .blank { display: inline-block; border-bottom: 0.5pt solid #000; }
        """
    }
}
