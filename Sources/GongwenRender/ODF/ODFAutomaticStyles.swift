import GongwenModel

/// Automatic styles that depend on the documents being written: right indents of 署名 and
/// 成文日期, the offset of the 发文机关标志, table column widths, page-break variants and the seal.
/// Collected in a pass before writing, because ODF wants them ahead of the body.
struct ODFAutomaticStyles {
    let sheet: ODFStyleSheet
    /// Right indents in hundredths of a character.
    private(set) var closingIndents: Set<Int> = []
    /// Table geometries in use. Styles are named by geometry, not by the table's place in the
    /// file, so the records of a combined file can be written apart (in parallel, streamed) and
    /// the styles collected from them afterwards.
    private(set) var tables: Set<TableKey> = []
    /// 发文机关标志 geometries in use, by style key.
    private(set) var issuerMarks: [IssuerMarkKey: BannerLayout] = [:]
    /// Joint marks (several issuers): each is a small table, one style set per geometry.
    private(set) var jointMarks: [JointMarkKey: BannerLayout] = [:]
    /// Where the names of later 签发人 lines start (`signerKey`), for upward documents with more
    /// than two 签发人.
    private(set) var signerIndents: Set<Int> = []

    /// One automatic style per distinct 发文机关标志 geometry (lines above, stacked issuers, size).
    struct IssuerMarkKey: Hashable, Comparable {
        var topLines: Int
        var markLines: Int
        var sizeTenths: Int
        static func < (a: Self, b: Self) -> Bool {
            (a.topLines, a.markLines, a.sizeTenths) < (b.topLines, b.markLines, b.sizeTenths)
        }
    }

    static func issuerMarkKey(_ banner: BannerLayout) -> IssuerMarkKey {
        IssuerMarkKey(topLines: banner.topLines, markLines: banner.markLines, sizeTenths: Int((banner.markSizePt * 10).rounded()))
    }

    /// A joint mark's geometry: its mark key and the widths of the names and of 文件 (0.01 mm).
    struct JointMarkKey: Hashable, Comparable {
        var mark: IssuerMarkKey
        var nameWidth: Int
        var suffixWidth: Int
        static func < (a: Self, b: Self) -> Bool {
            (a.mark, a.nameWidth, a.suffixWidth) < (b.mark, b.nameWidth, b.suffixWidth)
        }
    }

    static func jointMarkKey(_ banner: BannerLayout) -> JointMarkKey {
        JointMarkKey(mark: issuerMarkKey(banner), nameWidth: Int((banner.nameWidthMM * 100).rounded()),
                     suffixWidth: Int((banner.suffixWidthMM * 100).rounded()))
    }

    /// A table's geometry: column widths in hundredths of a millimetre, and whether it may not
    /// split across pages (signature blocks).
    struct TableKey: Hashable, Comparable {
        var columns: [Int]
        var unbreakable: Bool
        static func < (a: Self, b: Self) -> Bool {
            if a.unbreakable != b.unbreakable { return !a.unbreakable }
            return a.columns.lexicographicallyPrecedes(b.columns)
        }
    }

    static func tableKey(_ layout: TableLayout) -> TableKey {
        TableKey(columns: layout.columnWidthsMM.map { Int(($0 * 100).rounded()) }, unbreakable: false)
    }

    static func signaturesKey(_ columnsMM: [Double]) -> TableKey {
        TableKey(columns: columnsMM.map { Int(($0 * 100).rounded()) }, unbreakable: true)
    }

    /// The 签发人 layout's key: where the first name starts, in hundredths of a character.
    static func signerKey(_ layout: SignerLayout) -> Int { key(layout.namesFromRight) }

    /// A 签发人 line: a left tab where “签发人：” (first line) or the names (later lines) start;
    /// the last line is also the 发文字号's line, with its red separator.
    static func signerStyle(_ key: Int, first: Bool, last: Bool) -> String {
        "Gongwen_Signer" + (first ? "First" : "Rest") + (last ? "Last_" : "_") + String(key)
    }

    /// Whether records start within this file (a combined file), so record-start variants are needed.
    let recordStarts: Bool

    init(sheet: ODFStyleSheet, recordStarts: Bool) {
        self.sheet = sheet
        self.recordStarts = recordStarts
    }

    init(sheet: ODFStyleSheet, documents: [Document]) {
        self.init(sheet: sheet, recordStarts: documents.count > 1)
        for document in documents { collect(document) }
    }

    /// Adds the styles `document` needs.
    mutating func collect(_ document: Document) {
        if let closing = document.closing {
            let layout = ClosingLayout(closing)
            for indent in layout.issuerIndents + [layout.dateIndent] { closingIndents.insert(Self.key(indent)) }
        }
        if !document.header.signers.isEmpty { signerIndents.insert(Self.signerKey(SignerLayout(document.header.signers))) }
        if let banner = BannerLayout(document.header, profile: sheet.profile) {
            if banner.markLines > 1 { jointMarks[Self.jointMarkKey(banner)] = banner } else { issuerMarks[Self.issuerMarkKey(banner)] = banner }
        }
        collectTables(document.body)
        for attachment in document.attachments { collectTables(attachment.body) }
    }

    /// Adds the styles another collector found (another worker's records).
    mutating func formUnion(_ other: ODFAutomaticStyles) {
        closingIndents.formUnion(other.closingIndents)
        tables.formUnion(other.tables)
        issuerMarks.merge(other.issuerMarks) { a, _ in a }
        jointMarks.merge(other.jointMarks) { a, _ in a }
        signerIndents.formUnion(other.signerIndents)
    }

    /// Everything the styles written depend on besides the sheet: documents with equal keys get
    /// the same bytes (see `ODFStylesCache`).
    struct Key: Hashable {
        var closingIndents: Set<Int>
        var tables: Set<TableKey>
        var issuerMarks: [IssuerMarkKey: BannerLayout]
        var jointMarks: [JointMarkKey: BannerLayout]
        var signerIndents: Set<Int>
        var recordStarts: Bool
    }

    var key: Key {
        Key(closingIndents: closingIndents, tables: tables, issuerMarks: issuerMarks, jointMarks: jointMarks, signerIndents: signerIndents, recordStarts: recordStarts)
    }

    static func key(_ indent: Double) -> Int { Int((indent * 100).rounded()) }

    static func closingStyle(_ indent: Double, keepWithNext: Bool = false) -> String {
        (keepWithNext ? "Gongwen_ClosingKeep_" : "Gongwen_Closing_") + String(key(indent))
    }
    /// Variant that stays on the page of the next paragraph and moves whole (as the HTML script
    /// does): the 署名 and 成文日期 are never left alone on a page (GB/T 9704 7.3.5).
    static func keepWithNextStyle(_ style: String) -> String { "KW_" + style }
    static func issuerMarkStyle(_ key: IssuerMarkKey) -> String {
        "Gongwen_IssuerMark_\(key.topLines)_\(key.markLines)_\(key.sizeTenths)"
    }
    static func pageBreakStyle(_ style: String) -> String { "PB_" + style }
    /// Variant that starts a record of a combined file: a new master page (right-hand only when
    /// printing double-sided), with page numbers starting again at 1 when asked.
    static func recordStartStyle(_ style: String) -> String { "RS_" + style }
    /// Closing indents are automatic styles, which cannot be parents of another style.
    static func hasPageBreakVariant(_ style: String) -> Bool { !style.hasPrefix("Gongwen_Closing") && !style.hasPrefix("Gongwen_Signer") }
    /// `Gongwen_T_4000_7600` (column widths in 0.01 mm); `Gongwen_TK_…` for signature blocks.
    static func tableStyle(_ key: TableKey) -> String {
        var name = key.unbreakable ? "Gongwen_TK" : "Gongwen_T"
        for column in key.columns {
            name += "_"
            name += String(column)
        }
        return name
    }
    static func columnStyle(_ key: TableKey, _ column: Int) -> String { columnStyle(table: tableStyle(key), column) }
    /// The same, from the table's style name (when writing every column of one table).
    static func columnStyle(table style: String, _ column: Int) -> String { style + "_C" + String(column + 1) }
    static let sealStyle = "Gongwen_Seal"
    static func jointMarkStyle(_ key: JointMarkKey) -> String {
        "Gongwen_JointMark_\(key.mark.topLines)_\(key.mark.markLines)_\(key.mark.sizeTenths)_\(key.nameWidth)_\(key.suffixWidth)"
    }
    static let colophonFrameStyle = "Gongwen_ColophonFrame"

    private mutating func collectTables(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .table(let table): tables.insert(Self.tableKey(TableLayout(table, profile: sheet.profile)))
            case .signatures(let signatories):
                tables.insert(Self.signaturesKey(SignatureLayout.columns(signatories: signatories.count, profile: sheet.profile)))
            default: break
            }
        }
    }

    /// Plain, page-break and (in combined files) record-start variants of a style.
    enum Variant { case plain, pageBreak, recordStart
        func name(_ base: String) -> String {
            switch self {
            case .plain: base
            case .pageBreak: ODFAutomaticStyles.pageBreakStyle(base)
            case .recordStart: ODFAutomaticStyles.recordStartStyle(base)
            }
        }
    }

    private var variants: [Variant] { recordStarts ? [.plain, .pageBreak, .recordStart] : [.plain, .pageBreak] }

    /// Attributes of `style:style` for a record start (before its properties are opened).
    private func startsRecord(_ variant: Variant, _ w: XMLWriter) {
        if variant == .recordStart { w.attribute("style:master-page-name", sheet.recordStartMaster) }
    }

    /// Properties (inside the open properties element) for page-break and record-start variants.
    private func breaks(_ variant: Variant, _ w: XMLWriter) {
        switch variant {
        case .plain: break
        case .pageBreak: w.attribute("fo:break-before", "page")
        case .recordStart: if sheet.restartPageNumbers { w.attribute("style:page-number", "1") }
        }
    }

    func write(_ w: XMLWriter) {
        let p = sheet.profile
        let charPt = p.characterPitchPt
        for key in closingIndents.sorted() {
            for keep in [false, true] {
                w.start("style:style", ["style:name": (keep ? "Gongwen_ClosingKeep_" : "Gongwen_Closing_") + String(key),
                                        "style:family": "paragraph", "style:parent-style-name": SemanticStyle.signature.rawValue])
                w.start("style:paragraph-properties", ["fo:margin-right": sheet.pt(Double(key) / 100 * charPt)])
                if keep { w.attribute("fo:keep-with-next", "always") }
                w.end()
                w.end()
            }
        }
        for (key, banner) in issuerMarks.sorted(by: { $0.key < $1.key }) {
            for variant in variants {
                let name = Self.issuerMarkStyle(key)
                w.start("style:style", ["style:name": variant.name(name), "style:family": "paragraph",
                                        "style:parent-style-name": SemanticStyle.issuerMark.rawValue])
                startsRecord(variant, w)
                w.start("style:paragraph-properties", [
                    "fo:margin-top": sheet.mm(banner.markMarginTopMM), "fo:margin-bottom": sheet.mm(banner.markMarginBottomMM),
                    "fo:line-height": sheet.mm(banner.markLineHeightMM),
                ])
                breaks(variant, w)
                w.end()
                let size = sheet.pt(banner.markSizePt)
                w.empty("style:text-properties", ["fo:font-size": size, "style:font-size-asian": size, "style:font-size-complex": size])
                w.end()
            }
        }
        for key in signerIndents.sorted() {
            // LibreOffice measures tab positions from the paragraph's margin, not from its padding.
            let names = Double(p.charactersPerLine) - Double(key) / 100
            for (first, last) in [(true, false), (true, true), (false, false), (false, true)] {
                let tab = sheet.pt((first ? names - ClosingLayout.cells(SignerLayout.label) : names) * charPt)
                w.start("style:style", ["style:name": Self.signerStyle(key, first: first, last: last), "style:family": "paragraph",
                                        "style:parent-style-name": SemanticStyle.documentNumber.rawValue + "Upward"])
                w.start("style:paragraph-properties")
                if !last {
                    // No separator under an earlier line (border and padding go together).
                    w.attribute("fo:border", "none")
                    w.attribute("fo:padding", "0pt")
                }
                w.start("style:tab-stops")
                w.empty("style:tab-stop", ["style:position": tab, "style:type": "left"])
                w.end()
                w.end()
                w.end()
            }
        }
        sheet.writeCellStyles(w)
        for (key, banner) in jointMarks.sorted(by: { $0.key < $1.key }) {
            // 联合行文 (7.2.4): names stacked and spread evenly, 文件 to their right, centred on them.
            let name = Self.jointMarkStyle(key)
            let gap = banner.markSizePt * 25.4 / 72 * LayoutProfile.jointMarkGapEm
            for variant in variants {
                w.start("style:style", ["style:name": variant.name(name), "style:family": "table"])
                startsRecord(variant, w)
                w.start("style:table-properties", [
                    "style:width": sheet.mm(banner.nameWidthMM + gap + banner.suffixWidthMM), "table:align": "center",
                    "fo:margin-top": sheet.mm(banner.markMarginTopMM), "fo:margin-bottom": sheet.mm(banner.markMarginBottomMM),
                ])
                breaks(variant, w)
                w.end()
                w.end()
            }
            for (c, width) in [banner.nameWidthMM, gap + banner.suffixWidthMM].enumerated() {
                w.start("style:style", ["style:name": "\(name)_C\(c + 1)", "style:family": "table-column"])
                w.empty("style:table-column-properties", ["style:column-width": sheet.mm(width)])
                w.end()
            }
            for (suffix, align) in [("Name", "justify"), ("Suffix", "end")] {
                w.start("style:style", ["style:name": name + suffix, "style:family": "paragraph",
                                        "style:parent-style-name": SemanticStyle.issuerMark.rawValue])
                w.start("style:paragraph-properties", ["fo:line-height": sheet.mm(banner.markLineHeightMM), "fo:text-align": align])
                if align == "justify" { w.attribute("fo:text-align-last", "justify") }
                w.end()
                let size = sheet.pt(banner.markSizePt)
                w.empty("style:text-properties", ["fo:font-size": size, "style:font-size-asian": size, "style:font-size-complex": size])
                w.end()
            }
        }
        for name in sheet.paragraphStyleNames {
            w.start("style:style", ["style:name": Self.pageBreakStyle(name), "style:family": "paragraph", "style:parent-style-name": name])
            w.empty("style:paragraph-properties", ["fo:break-before": "page"])
            w.end()
            if recordStarts {
                w.start("style:style", ["style:name": Self.recordStartStyle(name), "style:family": "paragraph",
                                        "style:parent-style-name": name, "style:master-page-name": sheet.recordStartMaster])
                w.empty("style:paragraph-properties", sheet.restartPageNumbers ? ["style:page-number": "1"] : [:])
                w.end()
            }
            w.start("style:style", ["style:name": Self.keepWithNextStyle(name), "style:family": "paragraph", "style:parent-style-name": name])
            w.empty("style:paragraph-properties", ["fo:keep-with-next": "always", "fo:keep-together": "always"])
            w.end()
        }
        for key in tables.sorted() {
            w.start("style:style", ["style:name": Self.tableStyle(key), "style:family": "table"])
            w.start("style:table-properties", ["style:width": sheet.mm(p.textWidthMM), "table:align": "margins"])
            if key.unbreakable { w.attribute("style:may-break-between-rows", "false") }
            w.end()
            w.end()
            for (c, width) in key.columns.enumerated() {
                w.start("style:style", ["style:name": Self.columnStyle(key, c), "style:family": "table-column"])
                w.empty("style:table-column-properties", ["style:column-width": sheet.mm(Double(width) / 100)])
                w.end()
            }
        }
        w.start("style:style", ["style:name": Self.colophonFrameStyle, "style:family": "graphic",
                                "style:parent-style-name": ODFStyleSheet.frameStyle])
        w.empty("style:graphic-properties", [
            "style:wrap": "none", "style:vertical-pos": "bottom", "style:vertical-rel": "page-content",
            "style:horizontal-pos": "center", "style:horizontal-rel": "page-content",
            "fo:margin-left": "0mm", "fo:margin-right": "0mm", "fo:margin-top": "0mm", "fo:margin-bottom": "0mm",
            "fo:padding": "0mm", "fo:border": "none",
        ])
        w.end()
        guard sheet.sealed else { return }
        // The electronic seal: an image over the 署名 and date, which run through beneath it.
        w.start("style:style", ["style:name": Self.sealStyle, "style:family": "graphic"])
        w.empty("style:graphic-properties", [
            "draw:stroke": "none", "draw:fill": "none", "fo:border": "none", "fo:padding": "0mm",
            "style:wrap": "run-through", "style:run-through": "foreground",
            "style:vertical-pos": "from-top", "style:vertical-rel": "paragraph",
            "style:horizontal-pos": "from-left", "style:horizontal-rel": "paragraph",
        ])
        w.end()
    }
}
