import GongwenModel

/// Automatic styles that depend on the documents being written: right indents of 署名 and
/// 成文日期, the offset of the 发文机关标志, table column widths, page-break variants and the seal.
/// Collected in a pass before writing, because ODF wants them ahead of the body.
struct ODFAutomaticStyles {
    let sheet: ODFStyleSheet
    /// Right indents in hundredths of a character.
    private(set) var closingIndents: Set<Int> = []
    /// Column widths (mm) of each table, in document order, and whether it may not split
    /// across pages (signature blocks).
    private(set) var tables: [[Double]] = []
    private(set) var unbreakableTables: Set<Int> = []
    /// 发文机关标志 geometries in use, by style key.
    private(set) var issuerMarks: [IssuerMarkKey: BannerLayout] = [:]
    /// Joint marks (several issuers), in document order: each is a small table.
    private(set) var jointMarks: [BannerLayout] = []

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

    /// Whether records start within this file (a combined file), so record-start variants are needed.
    let recordStarts: Bool

    init(sheet: ODFStyleSheet, documents: [Document]) {
        self.sheet = sheet
        recordStarts = documents.count > 1
        for document in documents {
            if let closing = document.closing {
                let layout = ClosingLayout(closing)
                for indent in layout.issuerIndents + [layout.dateIndent] { closingIndents.insert(Self.key(indent)) }
            }
            if let banner = BannerLayout(document.header, profile: sheet.profile) {
                if banner.markLines > 1 { jointMarks.append(banner) } else { issuerMarks[Self.issuerMarkKey(banner)] = banner }
            }
            collectTables(document.body)
            for attachment in document.attachments { collectTables(attachment.body) }
        }
    }

    /// Everything the styles written depend on besides the sheet: documents with equal keys get
    /// the same bytes (see `ODFStylesCache`).
    struct Key: Hashable {
        var closingIndents: Set<Int>
        var tables: [[Double]]
        var unbreakableTables: Set<Int>
        var issuerMarks: [IssuerMarkKey: BannerLayout]
        var jointMarks: [BannerLayout]
        var recordStarts: Bool
    }

    var key: Key {
        Key(closingIndents: closingIndents, tables: tables, unbreakableTables: unbreakableTables,
            issuerMarks: issuerMarks, jointMarks: jointMarks, recordStarts: recordStarts)
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
    static func hasPageBreakVariant(_ style: String) -> Bool { !style.hasPrefix("Gongwen_Closing") }
    static func tableStyle(_ index: Int) -> String { "Gongwen_T\(index + 1)" }
    static func columnStyle(_ table: Int, _ column: Int) -> String { "Gongwen_T\(table + 1)_C\(column + 1)" }
    static let sealStyle = "Gongwen_Seal"
    static func jointMarkStyle(_ index: Int) -> String { "Gongwen_JointMark\(index + 1)" }
    static let colophonFrameStyle = "Gongwen_ColophonFrame"

    private mutating func collectTables(_ blocks: [Block]) {
        let width = sheet.profile.textWidthMM
        for block in blocks {
            switch block {
            case .table(let table):
                let count = max(table.columnCount, 1)
                let weights = table.columnWidths.map { Array($0.prefix(count)) + Array(repeating: 1, count: max(0, count - $0.count)) }
                    ?? Array(repeating: 1, count: count)
                let total = Double(weights.reduce(0, +))
                tables.append(weights.map { Double($0) / total * width })
            case .signatures(let signatories):
                unbreakableTables.insert(tables.count)
                let count = max(signatories.count, 1)
                tables.append(Array(repeating: width / Double(count), count: count))
            default:
                break
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
        sheet.writeCellStyles(w)
        for (i, banner) in jointMarks.enumerated() {
            // 联合行文 (7.2.4): names stacked and spread evenly, 文件 to their right, centred on them.
            let name = Self.jointMarkStyle(i)
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
        for (t, columns) in tables.enumerated() {
            w.start("style:style", ["style:name": Self.tableStyle(t), "style:family": "table"])
            w.start("style:table-properties", ["style:width": sheet.mm(p.textWidthMM), "table:align": "margins"])
            if unbreakableTables.contains(t) { w.attribute("style:may-break-between-rows", "false") }
            w.end()
            w.end()
            for (c, width) in columns.enumerated() {
                w.start("style:style", ["style:name": Self.columnStyle(t, c), "style:family": "table-column"])
                w.empty("style:table-column-properties", ["style:column-width": sheet.mm(width)])
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
        w.start("style:style", ["style:name": Self.sealStyle, "style:family": "graphic"])
        w.empty("style:graphic-properties", [
            "draw:stroke": "solid", "svg:stroke-color": p.red, "svg:stroke-width": "1mm", "draw:fill": "none",
            "style:wrap": "run-through", "style:run-through": "foreground",
            "style:vertical-pos": "from-top", "style:vertical-rel": "paragraph",
            "style:horizontal-pos": "from-left", "style:horizontal-rel": "paragraph",
        ])
        w.end()
    }
}
