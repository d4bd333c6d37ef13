import Foundation
import GongwenModel
import GongwenRender
import Testing
@testable import GongwenPDF

@Suite struct PDFSmokeTests {
    static let sample = Document(
        kind: "通报",
        header: Header(copyNumber: "000001", issuerMark: IssuerMark(names: ["南岭省人口和计划生育领导小组"], suffix: "文件"), documentNumber: "南人口发〔2025〕17号"),
        title: [.text("关于对2025年上半年人口和计划生育目标管理责任制考核未达标县予以通报批评的通报")],
        addressee: [.text("各市（州）、县（市、区、特区）人民政府")],
        body: [
            .paragraph([.text("根据《南岭省人口和计划生育目标管理责任制考核办法》第六条的规定，经考核，下列县（市、区、特区）2025年上半年出生人口性别比连续两年高于目标值，漏报率超过5%（5.01%），现予以通报批评。")]),
            .heading(level: 1, number: "一、", content: [.text("通报批评的县")]),
            .paragraph([.text("河西特区：漏报率6.20%，超过5%；人均计生事业费8.50元，低于目标10.00元。")]),
            .table(Table(headerRows: [[TableCell(content: [.text("县")]), TableCell(content: [.text("出生率（‰）")]), TableCell(content: [.text("漏报率（%）")])]],
                         rows: (1...30).map { i in [TableCell(content: [.text("第\(i)县")]), TableCell(content: [.text("10.5\(i % 10)")]), TableCell(content: [.text("5.0\(i % 10)")])] })),
            .paragraph([.text("请各地引以为戒，认真整改。")]),
        ],
        attachmentNotes: [[.text("考核结果汇总表")]],
        closing: Closing(issuers: [[.text("南岭省人口和计划生育领导小组")]], date: "2025年7月15日", sealed: false),
        colophon: Colophon(copyTo: [.text("省委办公厅，省人大常委会办公厅，省政府办公厅")], printingOffice: "南岭省人口和计划生育领导小组办公室", printingDate: "2025年7月15日")
    )

    /// Whether this machine has the CJK fonts and HarfBuzz a PDF needs (CI installs them; a
    /// fresh machine may not, and then these tests do not apply).
    static let canWritePDF = (try? SystemFonts.shared.get()) != nil

    @Test(.enabled(if: canWritePDF, "no CJK font or HarfBuzz subsetter installed"))
    func writesAReadablePDF() throws {
        let writer = PDFDocumentWriter(WriterOptions())
        let result = try writer.write([Self.sample], title: "通报")
        #expect((result.pages ?? 0) >= 2)
        let path = ProcessInfo.processInfo.environment["GONGWEN_PDF_OUT"] ?? NSTemporaryDirectory() + "gongwen-smoke.pdf"
        try Data(result.bytes).write(to: URL(fileURLWithPath: path))
        #expect(result.bytes.starts(with: Array("%PDF-1.7".utf8)))
    }
}
