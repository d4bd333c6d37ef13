import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenRender

/// Layout that decides whether a printed document can be filed: nothing red where the seal is
/// stamped, the seal image where GB/T 9704 puts it, headings kept with their text, numbers kept
/// whole, 签发人 lines aligned, table headers fitting their columns.
@Suite("Layout for filing")
struct FilingLayoutTests {
    let sealed = Document(title: [.text("关于某事的通报")], body: [.paragraph([.text("正文。")])],
                          closing: Closing(issuers: [[.text("南岭省人民政府")]], date: "2025年6月30日", sealed: true))
    /// A 10 × 10 PNG's bytes are not read by the writers: any bytes do.
    let seal = SealImage(format: .png, bytes: Array("PNGDATA".utf8), pixelWidth: 600, pixelHeight: 600)

    @Test("<印章/> without a seal image prints nothing: no ring, no shape, no red in the closing")
    func noRing() throws {
        let html = HTMLWriter().write(sealed)
        #expect(!html.contains("class=\"seal\"") && !html.contains("border-radius"))
        let flat = String(decoding: ODFWriter().flat([sealed], title: "t"), as: UTF8.self)
        #expect(!flat.contains("draw:ellipse") && !flat.contains("draw:name=\"印章\"") && !flat.contains("Gongwen_Seal"))
        // The sealed layout stays: two empty lines above the 署名, the date four characters in.
        #expect(flat.components(separatedBy: "Gongwen_Closing_400").count > 1)
    }

    @Test("a seal image is placed centred on the date, its centre 1 mm below the top of the 署名, in both writers")
    func sealPlaced() throws {
        let html = HTMLWriter(seal: seal).write(sealed)
        let centre = SealPlacement(sealed.closing!, layout: ClosingLayout(sealed.closing!)).centreFromRightCharacters
        #expect(centre == 4 + ClosingLayout.cells("2025年6月30日") / 2)
        #expect(html.contains("<div class=\"seal\" role=\"img\" aria-label=\"印章\" style=\"right: calc(\(format(centre))em - 21mm); top: -20mm\"></div>"))
        #expect(html.contains("content: url(\"data:image/png;base64,\(Data(Array("PNGDATA".utf8)).base64EncodedString())\")"))
        // .odt: one picture in the package, named in the manifest; the frame points at it.
        let parts = ODFWriter(seal: seal).parts([sealed], title: "t")
        #expect(parts.map(\.path).contains("Pictures/seal.png"))
        let manifest = String(decoding: try #require(parts.first { $0.path == "META-INF/manifest.xml" }).bytes, as: UTF8.self)
        #expect(manifest.contains("manifest:full-path=\"Pictures/seal.png\" manifest:media-type=\"image/png\""))
        let content = String(decoding: try #require(parts.first { $0.path == "content.xml" }).bytes, as: UTF8.self)
        let x = 156.0 - centre * (15.75 * 25.4 / 72) - 21
        #expect(content.contains("svg:x=\"\(format(x))mm\" svg:y=\"-20mm\" svg:width=\"42mm\" svg:height=\"42mm\""))
        #expect(content.contains("<draw:image xlink:href=\"Pictures/seal.png\""))
        #expect(content.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
        #expect(wellFormednessError(Array(content.utf8)) == nil)
        // .fodt: the picture inside the frame.
        let flat = String(decoding: ODFWriter(seal: seal).flat([sealed], title: "t"), as: UTF8.self)
        #expect(flat.contains("<draw:image><office:binary-data>\(Data(Array("PNGDATA".utf8)).base64EncodedString())</office:binary-data></draw:image>"))
    }

    @Test("a seal keeps its proportions: the larger side is the diameter")
    func sealProportions() {
        let wide = SealImage(format: .svg, bytes: [], pixelWidth: 200, pixelHeight: 100, diameterMM: 40)
        #expect(wide.widthMM == 40 && wide.heightMM == 20)
    }

    @Test("headings keep with their text in ODF; HTML headings avoid a break after them and get the script")
    func headingsKeep() {
        let d = Document(title: [.text("t")], body: [.heading(level: 1, number: "一、", content: [.text("标题")]), .paragraph([.text("文字")])])
        let flat = String(decoding: ODFWriter().flat([d], title: "t"), as: UTF8.self)
        for level in 1...4 {
            #expect(flat.contains("<style:style style:name=\"Gongwen_Heading\(level)\" style:family=\"paragraph\" style:parent-style-name=\"Gongwen_Body\"><style:paragraph-properties fo:keep-with-next=\"always\"/>"))
        }
        let html = HTMLWriter().write(d)
        #expect(html.contains(".heading-1, .heading-2, .heading-3, .heading-4 { break-after: avoid; }"))
        #expect(HTMLWriter.needsPagination(d) && html.contains("<script>"))
    }

    @Test("numbers stay whole: LibreOffice breaks digits as English, Chromium keeps 〔2025〕17号 on one line")
    func wholeNumbers() {
        let flat = String(decoding: ODFWriter().flat([sealed], title: "t"), as: UTF8.self)
        #expect(flat.contains("fo:language=\"en\" fo:country=\"US\" style:language-asian=\"zh\" style:country-asian=\"CN\""))
        #expect(!flat.contains("fo:language=\"zh\""))
        let text = "依照南人口领发〔2025〕17号和〔2024〕3号文件，比上年〔2023〕多"
        let runs = UnbreakableRuns.documentNumbers(in: text).map { String(text[$0]) }
        #expect(runs == ["〔2025〕17号", "〔2024〕3号"])
        #expect(UnbreakableRuns.documentNumbers(in: "没有文号的段落。").isEmpty)
        let html = HTMLWriter().write(Document(body: [.paragraph([.text(text)])]))
        #expect(html.contains("南人口领发<span class=\"nowrap\">〔2025〕17号</span>和<span class=\"nowrap\">〔2024〕3号</span>"))
    }

    @Test("orphans 2 in both writers: a paragraph never leaves its first line alone at the foot of a page")
    func orphans() {
        #expect(String(decoding: ODFWriter().flat([sealed], title: "t"), as: UTF8.self).contains("fo:orphans=\"2\" fo:widows=\"1\""))
        #expect(HTMLWriter().write(sealed).contains("orphans: 2; widows: 1;"))
    }

    @Test("签发人: later lines start under the first name of the first line, in both writers", arguments: [
        (["张三", "李四", "王五"], 6.0), (["欧阳明远", "李四", "王五", "司马相如", "赵六"], 8.0), (["张三"], 3.0),
    ])
    func signers(_ names: [String], _ fromRight: Double) {
        let layout = SignerLayout(names)
        #expect(layout.namesFromRight == fromRight)
        #expect(layout.namesFromLeft(charactersPerLine: 28) == 28 - fromRight)
        #expect(layout.labelFromLeft(charactersPerLine: 28) == 28 - fromRight - 4)
        let d = Document(header: Header(issuerMark: IssuerMark(names: ["省政府"], suffix: "文件"), documentNumber: "南府发〔2025〕1号", signers: names),
                         title: [.text("报告")])
        let html = HTMLWriter().write(d)
        let cell = LayoutProfile.gbt9704.characterPitchPt
        if names.count > 2 {
            #expect(html.contains("<span class=\"signers\" style=\"left: \(format((28 - fromRight) * cell))pt\"><span class=\"signer-name\">王五"))
        }
        #expect(html.contains("<span class=\"signers\" style=\"left: \(format((24 - fromRight) * cell))pt\">签发人：<span class=\"signer-name\">"))
        let flat = String(decoding: ODFWriter().flat([d], title: "t"), as: UTF8.self)
        let key = Int(fromRight * 100)
        #expect(flat.contains("style:name=\"Gongwen_SignerFirst\(names.count > 2 ? "" : "Last")_\(key)\""))
        #expect(flat.contains("<style:tab-stop style:position=\"\(format((24 - fromRight) * cell))pt\" style:type=\"left\"/>"))
    }

    @Test("the 上行文 separator is a border of the full 版心: padding, not margins, keeps the text one character in")
    func upwardSeparator() {
        let d = Document(header: Header(issuerMark: IssuerMark(names: ["省政府"], suffix: "文件"), documentNumber: "南府发〔2025〕1号", signers: ["张三"]),
                         title: [.text("报告")])
        let flat = String(decoding: ODFWriter().flat([d], title: "t"), as: UTF8.self)
        let upward = flat.components(separatedBy: "style:name=\"Gongwen_DocumentNumberUpward\"")[1].components(separatedBy: "</style:style>")[0]
        #expect(upward.contains("fo:padding-left=\"15.75pt\"") && upward.contains("fo:border-bottom=\"0.35mm solid #FF0000\""))
        #expect(!upward.contains("fo:margin-left"))
    }

    @Test("table columns fit their headers on one line when they can; otherwise headers break before a bracket")
    func tableColumns() {
        let p = LayoutProfile.gbt9704
        func header(_ names: [String]) -> [TableCell] { names.map { TableCell(content: [.text($0)]) } }
        // Weights alone would give 性别比 a third of the width and squeeze the rest.
        let fits = TableLayout(Table(headerRows: [header(["名次", "单位", "出生率‰", "政策生育率%", "性别比", "综合得分"])], columnWidths: [1, 1, 1, 1, 8, 1]), profile: p)
        #expect(abs(fits.columnWidthsMM.reduce(0, +) - p.textWidthMM) < 0.001)
        for (w, name) in zip(fits.columnWidthsMM, ["名次", "单位", "出生率‰", "政策生育率%", "性别比", "综合得分"]) {
            #expect(w >= TableLayout.width(lines: [name], emMM: 14 * 25.4 / 72) - 0.001, "\(name)")
        }
        #expect(fits.headerRows == [header(["名次", "单位", "出生率‰", "政策生育率%", "性别比", "综合得分"])])
        // Too long for one line each: a header breaks before its bracket, never inside a word.
        let long = TableLayout(Table(headerRows: [header(["名次", "县（市、区、特区）", "出生率（‰）", "符合政策生育率（%）", "出生人口性别比", "综合得分"])]), profile: p)
        #expect(long.headerRows[0][1].content == [.text("县"), .lineBreak, .text("（市、区、特区）")])
        #expect(long.headerRows[0][0].content == [.text("名次")])
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
