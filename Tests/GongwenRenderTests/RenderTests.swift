import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenRender

/// A document exercising every part, with hostile data in it.
let hostile = "<script>alert(1)</script> & ]]> \"q\" 'a' 𠮷 \u{1}\u{B}  两个空格"

let everything = Document(
    kind: "通报", genre: .official,
    header: Header(copyNumber: "000001", secrecy: "机密★1年", urgency: "特急",
                   issuerMark: IssuerMark(names: ["甲机关", "乙机关"], suffix: "文件"),
                   documentNumber: "黔人口发〔2025〕17号", signers: ["张三"]),
    title: [.text("关于" + hostile + "的通报")],
    addressee: [.text("各县人民政府")],
    body: [
        .paragraph([.text(hostile), .lineBreak, .text("下一行"), .blank(width: 4)]),
        .heading(level: 1, number: "一、", content: [.text("标题")]),
        .heading(level: 2, number: "（一）", content: [.text("小标题")]),
        .list(ordered: true, items: [[.text("项一")], [.text("项二")]]),
        .table(Table(headerRows: [[TableCell(content: [.text("指标")], columnSpan: 2)]],
                     rows: [[TableCell(content: [.text(hostile)], alignment: .start), TableCell(content: [.text("≤12‰")], alignment: .end)], []],
                     columnWidths: [3, 1])),
        .pageBreak,
        .parties([Party(role: "甲方", name: [.text("县政府")])]),
        .clause(number: "第一条", content: [.text("条款")]),
        .signatures([Signatory(lines: [SignatureLine(label: "甲方（盖章）")]), Signatory(lines: [SignatureLine(label: "日期", value: [.text("2025年")])])]),
        .centered([.text("村委会留存")]),
    ],
    attachmentNotes: [[.text("附件一")], [.text("附件二")]],
    closing: Closing(issuers: [[.text("甲机关")], [.text("乙机关")]], date: "2025年6月30日", sealed: true),
    note: [.text("此件公开发布")],
    attachments: [Attachment(label: "附件1", title: [.text("附件标题")], body: [.paragraph([.text("附件正文")])])],
    colophon: Colophon(copyTo: [.text("省委")], printingOffice: "办公室", printingDate: "2025年6月30日"))

@Suite("HTML writer")
struct HTMLWriterTests {
    @Test("data is escaped text; forbidden characters are dropped")
    func escaping() {
        let html = HTMLWriter().write(everything)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot;q&quot; &#39;a&#39; 𠮷"))
        #expect(!html.contains("\u{1}") && !html.contains("\u{B}"))
    }

    @Test("the escape: text with nothing to escape is kept as it is; each kind of character that needs work is handled", arguments: [
        ("城关镇坪上村，付花（家庭人口2人）", "城关镇坪上村，付花（家庭人口2人）"), ("a b", "a b"), ("1 < 2 & \"3\" > '4'", "1 &lt; 2 &amp; &quot;3&quot; &gt; &#39;4&#39;"),
        ("甲\r\n乙\t", "甲\n乙\t"), ("C1\u{85}控制\u{7F}", "C1控制"), ("\u{A0}¢", "\u{A0}¢"), ("\u{FFFE}（甲）\u{FFFF}", "（甲）"),
    ])
    func escapeCases(_ text: String, _ escaped: String) {
        #expect(HTMLText.escape(text) == escaped)
    }

    @Test("self-contained, zh-CN, A4 print rules, one article per document")
    func structure() {
        let html = HTMLWriter().write([everything, everything], title: "合并")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("@page { size: A4; margin: 37.0mm 26.0mm 35.0mm 28.0mm; }"))
        #expect(html.components(separatedBy: "<article").count == 3)
        // Self-contained: no external resource; the one script is our own 版记 placement.
        #expect(!html.contains("<link") && !html.contains(" src="))
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.contains("footer.colophon"))
        #expect(html.contains("<title>合并</title>"))
    }

    @Test("same document, same bytes")
    func deterministic() {
        #expect(HTMLWriter().write(everything) == HTMLWriter().write(everything))
    }
}

@Suite("ODF writer")
struct ODFWriterTests {
    @Test("flat ODF with hostile data is well-formed and keeps the text")
    func flatWellFormed() throws {
        let bytes = ODFWriter().flat([everything], title: "t")
        #expect(wellFormednessError(bytes) == nil)
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"))
        #expect(xml.contains("𠮷"))
        #expect(!xml.contains("\u{1}") && !xml.contains("&#1;"))
        // Two spaces in data survive ODF's white-space collapsing.
        #expect(xml.contains(" <text:s text:c=\"1\"/>两个空格"))
        #expect(xml.contains("office:version=\"1.3\""))
    }

    @Test("the .odt: mimetype first, stored, no extra field; every part listed in the manifest")
    func package() throws {
        let zip = try ODFWriter().package([everything], title: "t")
        let first = try #require(FirstZipEntry(zip))
        #expect(first.name == "mimetype")
        #expect(first.compressionMethod == 0)
        #expect(first.extraFieldLength == 0)
        #expect(first.content == Array("application/vnd.oasis.opendocument.text".utf8))
        let entries = try unzip(zip)
        #expect(entries.map(\.path) == ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"])
        for entry in entries where entry.path.hasSuffix(".xml") {
            #expect(wellFormednessError(entry.bytes) == nil, "\(entry.path)")
        }
        let manifest = String(decoding: entries[4].bytes, as: UTF8.self)
        for part in ["content.xml", "styles.xml", "meta.xml"] {
            #expect(manifest.contains("manifest:full-path=\"\(part)\""))
        }
    }

    @Test("the package's parts say what the flat file says")
    func sameContent() throws {
        let parts = ODFWriter().parts([everything], title: "t")
        let flat = String(decoding: ODFWriter().flat([everything], title: "t"), as: UTF8.self)
        let content = String(decoding: parts[1].bytes, as: UTF8.self)
        let body = try #require(content.range(of: "<office:body>").map { content[$0.lowerBound...] })
        let flatBody = try #require(flat.range(of: "<office:body>").map { flat[$0.lowerBound...] })
        #expect(body.dropLast("</office:document-content>\n".count) == flatBody.dropLast("</office:document>\n".count))
    }

    @Test("a flat file from the cached frame is the flat file written whole, whatever its title")
    func flatFrameCache() {
        let cache = FlatFrameCache()
        for title in ["通报<&>\"甲\"", "乙", "", "通报<&>\"甲\""] {
            #expect(ODFWriter().flat([everything], title: title, cache: cache) == ODFWriter().flat([everything], title: title))
        }
        let one = Document(title: [.text("甲")], body: [.paragraph([.text("正文")])])
        #expect(ODFWriter().flat([one, one], title: "t", cache: cache) == ODFWriter().flat([one, one], title: "t"))
    }

    @Test("bodies written with a block memo are the bodies written without, record after record (ODF and HTML)")
    func blockMemo() {
        let memo = ODFBlockMemo()
        let htmlMemo = HTMLBlockMemo()
        let writer = ODFWriter()
        let html = HTMLWriter()
        func record(_ name: String, breakFirst: Bool) -> [Document] {
            let body: [Block] = (breakFirst ? [.pageBreak] : []) + [
                .title([.text("承诺书")]),
                .paragraph([.text("乙方：\(name)")]),
                .heading(level: 1, number: "一、", content: [.text("甲方承诺")]),
                .clause(number: "第一条", content: [.text("帮助发展生产。")]),
                .signatures([Signatory(lines: [SignatureLine(label: "户主", value: [.text(name)]), SignatureLine(label: "日期")])]),
                .paragraph([.text("本承诺书一式两份。")]),
            ]
            let closing = Closing(issuers: [[.text("某村村民委员会")]], date: "2025年1月1日")
            return [Document(title: [.text("甲")], body: body, closing: closing), Document(title: [.text("乙")], body: body)]
        }
        // Same blocks, other names, a page break that shifts every place, then back again.
        let records = [record("付花", breakFirst: false), record("王五", breakFirst: false), record("李四", breakFirst: true),
                       record("付花", breakFirst: false), record("付花", breakFirst: false)]
        for (i, documents) in records.enumerated() {
            let plain = writer.body(documents, flat: false, continuing: i > 0, record: i + 1)
            #expect(writer.body(documents, flat: false, continuing: i > 0, record: i + 1, memo: memo) == plain)
            #expect(html.articles(documents, memo: htmlMemo) == html.articles(documents))
        }
        #expect(memo.replayed > 0 && htmlMemo.replayed > 0)
    }

    @Test("same documents, same bytes (no dates, no random ids)")
    func deterministic() throws {
        #expect(try ODFWriter().package([everything], title: "t") == ODFWriter().package([everything], title: "t"))
        #expect(ODFWriter().flat([everything, everything], title: "t") == ODFWriter().flat([everything, everything], title: "t"))
    }

    @Test("combined documents: each after the first starts a new page (numbered 1 when asked); duplex on a right-hand page")
    func combined() throws {
        let one = Document(title: [.text("甲")], body: [.paragraph([.text("正文")])])
        let xml = String(decoding: ODFWriter(restartPageNumbers: true).flat([one, one, one], title: "t"), as: UTF8.self)
        #expect(xml.components(separatedBy: "text:style-name=\"RS_Gongwen_Title\"").count == 3)
        #expect(xml.contains("<style:style style:name=\"RS_Gongwen_Title\" style:family=\"paragraph\" style:parent-style-name=\"Gongwen_Title\" style:master-page-name=\"Standard\"><style:paragraph-properties style:page-number=\"1\"/>"))
        let duplex = String(decoding: ODFWriter(duplex: true).flat([one, one], title: "t"), as: UTF8.self)
        #expect(duplex.contains("style:master-page-name=\"Gongwen_Right\"") && !duplex.contains("style:page-number=\"1\""))
        #expect(duplex.contains("<style:page-layout style:name=\"Gongwen_PageRight\" style:page-usage=\"right\">"))
        #expect(duplex.contains("<style:master-page style:name=\"Gongwen_Right\" style:page-layout-name=\"Gongwen_PageRight\" style:next-style-name=\"Standard\">"))
        // One document alone has no record starts.
        #expect(!String(decoding: ODFWriter().flat([one], title: "t"), as: UTF8.self).contains("RS_"))
        let html = HTMLWriter(duplex: true).write([one, one], title: "t")
        #expect(html.contains("blank-page"))
    }
}

@Suite("Layout")
struct LayoutTests {
    @Test("unsealed: 署名 two characters from the right, date two characters right of its first character")
    func unsealed() {
        let layout = ClosingLayout(Closing(issuers: [[.text("南岭省人民政府")]], date: "2025年6月30日", sealed: false))
        // Date: 2025=2 cells, 年, 6=0.5, 月, 30=1, 日 → 6.5 cells; issuer 7 cells.
        #expect(layout.dateIndent == 2)
        #expect(layout.issuerIndents == [3.5])
    }

    @Test("sealed: date four characters from the right, 署名 centred above it")
    func sealed() {
        let layout = ClosingLayout(Closing(issuers: [[.text("南岭省人民政府")]], date: "2025年6月30日", sealed: true))
        #expect(layout.dateIndent == 4)
        #expect(layout.issuerIndents == [3.75])
    }

    @Test("a long 发文机关标志 is made smaller to stay on one line")
    func issuerMarkFits() {
        let p = LayoutProfile.gbt9704
        #expect(p.issuerMarkSize(IssuerMark(names: ["省政府"], suffix: "文件")) == 36)
        let long = p.issuerMarkSize(IssuerMark(names: ["南岭省人口和计划生育领导小组"], suffix: "文件"))
        #expect(long * 16 <= p.textWidthMM * 72 / 25.4)
        #expect(long > 26)
    }
}

@Suite("版记 placement")
struct ColophonPlacementTests {
    @Test("the 版记 is a text frame LibreOffice puts at the bottom of the last page's text area")
    func frame() throws {
        let xml = String(decoding: ODFWriter().flat([everything], title: "t"), as: UTF8.self)
        #expect(xml.contains("<style:style style:name=\"Frame\" style:family=\"graphic\"/>"))
        #expect(xml.contains("style:name=\"Gongwen_ColophonFrame\" style:family=\"graphic\" style:parent-style-name=\"Frame\"><style:graphic-properties style:wrap=\"none\" style:vertical-pos=\"bottom\" style:vertical-rel=\"page-content\""))
        let anchor = try #require(xml.range(of: "<text:p text:style-name=\"Gongwen_ColophonAnchor\"><draw:frame draw:style-name=\"Gongwen_ColophonFrame\""))
        // The frame comes after everything else, attachments included.
        #expect(!xml[anchor.upperBound...].contains("附件正文"))
        #expect(xml[anchor.upperBound...].contains("<text:p text:style-name=\"Gongwen_ColophonCopyTo\">抄送：省委。</text:p>"))
    }
}

@Suite("Title breaking (GB/T 9704 7.3.1)")
struct TitleBreakerTests {
    func lines(_ title: String) -> [String] {
        LayoutProfile.gbt9704.titleLines([.text(title)]).compactMap { if case .text(let s) = $0 { s } else { nil } }
    }

    @Test("short titles stay on one line")
    func short() {
        #expect(lines("关于开展年度考核工作的通知") == ["关于开展年度考核工作的通知"])
    }

    @Test("long titles break between words, shorter line on top, every line within 20 characters", arguments: [
        // No two-line split keeps 人口和计划生育 whole within 20 characters, so three lines (9/12/14).
        ("南岭省人民政府关于进一步加强人口和计划生育目标管理责任制考核工作的通报", ["南岭省人民政府关于", "进一步加强人口和计划生育", "目标管理责任制考核工作的通报"]),
        ("关于对清水县、石门县、云岭区、河西特区予以通报批评的通报", ["关于对清水县、石门县、云岭区、", "河西特区予以通报批评的通报"]),
    ])
    func long(_ title: String, _ expected: [String]) {
        let result = lines(title)
        #expect(result == expected)
        #expect(result.joined() == title)
        #expect(result.allSatisfy { $0.count <= 20 })
    }

    @Test("a title with its own line breaks is left as written")
    func explicit() {
        let title: [Inline] = [.text("第一行很长很长很长很长很长很长很长很长很长"), .lineBreak, .text("第二行")]
        #expect(LayoutProfile.gbt9704.titleLines(title) == title)
    }
}

@Suite("版头 and signature geometry")
struct GeometryTests {
    let p = LayoutProfile.gbt9704
    var pitch: Double { p.linePitchPt * 25.4 / 72 }

    @Test("the mark's top edge is 35 mm below the 版心 and the block ends on a grid line")
    func banner() throws {
        let b = try #require(BannerLayout(Header(issuerMark: IssuerMark(names: ["省政府"], suffix: "文件"), documentNumber: "x"), profile: p))
        let sizeMM = b.markSizePt * 25.4 / 72
        #expect(abs(b.markMarginTopMM + BannerLayout.markTopInsetEm * sizeMM - 35) < 0.001)
        let block = b.markMarginTopMM + b.markLineHeightMM + b.markMarginBottomMM
        #expect(abs((block / pitch).rounded() - block / pitch) < 0.001)
        #expect(abs(b.titleMarginTopMM + b.ruleGapMM + b.ruleMM - 2 * pitch) < 0.001)
    }

    @Test("lines above the mark shorten the space before it; upward documents start at 80 mm")
    func bannerVariants() throws {
        let mark = IssuerMark(names: ["省政府"], suffix: "文件")
        let plain = try #require(BannerLayout(Header(issuerMark: mark), profile: p))
        let three = try #require(BannerLayout(Header(copyNumber: "000001", secrecy: "机密", urgency: "特急", issuerMark: mark), profile: p))
        #expect(abs(plain.markMarginTopMM - three.markMarginTopMM - 3 * pitch) < 0.001)
        let upward = try #require(BannerLayout(Header(issuerMark: mark, signers: ["张三"]), profile: p))
        #expect(abs(upward.markMarginTopMM - plain.markMarginTopMM - 45) < 0.001)
        let joint = try #require(BannerLayout(Header(issuerMark: IssuerMark(names: ["甲机关", "乙机关"], suffix: "文件")), profile: p))
        #expect(joint.markLines == 2)
        #expect(joint.nameWidthMM + joint.suffixWidthMM + LayoutProfile.jointMarkGapEm * joint.markSizePt * 25.4 / 72 <= p.textWidthMM + 0.001)
    }

    @Test("a blank to sign on is at least 40 mm (a date 25 mm), beside its label or under it, never wider than its share",
          arguments: [1, 2, 3])
    func signatureBlanks(_ count: Int) {
        let cellMM = p.characterPitchPt * 25.4 / 72
        let share = SignatureLayout.share(signatories: count, charactersPerLine: 28)
        // A seal is pressed over its label: no line.
        #expect(SignatureLayout.lines(SignatureLine(label: "甲方（盖章）"), signatories: count, cellMM: cellMM) == [[.text("甲方（盖章）：")]])
        for (label, shortest) in [("负责人（签字）", SignatureLayout.signingMM), ("乙方户主（签字）", SignatureLayout.signingMM), ("日期", SignatureLayout.dateMM)] {
            let lines = SignatureLayout.lines(SignatureLine(label: label, blankWidth: 4), signatories: count, cellMM: cellMM)
            let blanks = lines.flatMap { $0 }.compactMap { if case .blank(let w) = $0 { w } else { nil } }
            #expect(blanks.count == 1)
            let blank = blanks.first ?? 0
            // As long as the share allows: three blocks side by side leave 8 characters each.
            #expect(Double(blank) * cellMM >= min(shortest, Double(share - 1) * cellMM) - 0.001, "\(label) in \(count)")
            // The blank, with its label when they share a line, stays within the share (a label
            // longer than the share wraps in its cell; the blank then has a line of its own).
            let blankLine = lines.first { $0.contains { if case .blank = $0 { true } else { false } } } ?? []
            #expect(ClosingLayout.cells(Inline.plainText(blankLine)) + Double(blank) <= Double(share))
            // Beside the label when both fit, else under it.
            let labelCells = ClosingLayout.cells(label + "：")
            #expect(lines.count == (labelCells + 1 + (shortest / cellMM).rounded(.up) <= Double(share) ? 1 : 2))
        }
    }

    @Test("a filled-in signature line prints its value after the label")
    func signatureValue() {
        let lines = SignatureLayout.lines(SignatureLine(label: "户主", value: [.text("张三")]), signatories: 2, cellMM: 5.556)
        #expect(lines == [[.text("户主："), .text("张三")]])
    }

    @Test("joint marks are a two-cell table; upward documents put 签发人 on the 发文字号's line")
    func odfBanner() throws {
        let d = Document(header: Header(issuerMark: IssuerMark(names: ["甲机关", "乙机关"], suffix: "文件"), documentNumber: "甲发〔2025〕1号",
                                        signers: ["张三", "李四", "王五"]), title: [.text("标题")])
        let xml = String(decoding: ODFWriter().flat([d], title: "t"), as: UTF8.self)
        // Styles are named by geometry (lines above, stacked names, size, widths), so records
        // written apart in a combined file name the same mark alike.
        let table = try #require(xml.firstMatch(of: /<table:table table:name="发文机关标志1" table:style-name="(Gongwen_JointMark_[0-9_]+)">/))
        let style = String(table.1)
        #expect(xml.contains("<style:style style:name=\"\(style)\" style:family=\"table\">"))
        #expect(xml.contains("<style:style style:name=\"\(style)Name\" style:family=\"paragraph\""))
        #expect(xml.contains("<text:p text:style-name=\"\(style)Name\">甲机关</text:p><text:p text:style-name=\"\(style)Name\">乙机关</text:p>"))
        // 签发人 at tab stops from `SignerLayout`: the first name one character in from the right
        // (1 + 张三　李四 = 6 characters), 王五 under 张三.
        #expect(xml.contains("<text:p text:style-name=\"Gongwen_SignerFirst_600\"><text:tab/>签发人：<text:span text:style-name=\"Gongwen_SignerName\">张三　李四</text:span></text:p>"))
        #expect(xml.contains("<text:p text:style-name=\"Gongwen_SignerRestLast_600\">甲发〔2025〕1号<text:tab/><text:span text:style-name=\"Gongwen_SignerName\">王五</text:span></text:p>"))
        #expect(xml.contains("<style:style style:name=\"Gongwen_SignerRestLast_600\" style:family=\"paragraph\" style:parent-style-name=\"Gongwen_DocumentNumberUpward\"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position=\"346.5pt\" style:type=\"left\"/>"))
        #expect(wellFormednessError(Array(xml.utf8)) == nil)
    }
}
