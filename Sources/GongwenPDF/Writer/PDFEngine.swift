import Foundation
import GongwenModel
import GongwenRender

/// What writing PDFs found that the user should hear: the faces embedded, characters shown
/// from another face or from none, words broken inside.
public struct PDFReport: Sendable, Equatable {
    /// PostScript names of the faces embedded.
    public var fonts: Set<String> = []
    /// Characters no face of their role has, shown from another installed face.
    public var substituted: Set<Unicode.Scalar> = []
    /// Characters no installed face has (shown as the empty box of the role's face).
    public var missing: Set<Unicode.Scalar> = []
    /// Words longer than a line, broken inside.
    public var overlongWords = 0
    /// Tables whose columns could not fit the 版心, narrowed to fit.
    public var tooWideTables = 0

    public init() {}

    public mutating func merge(_ other: PDFReport) {
        fonts.formUnion(other.fonts)
        substituted.formUnion(other.substituted)
        missing.formUnion(other.missing)
        overlongWords += other.overlongWords
        tooWideTables += other.tooWideTables
    }
}

public struct PDFError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    var diagnostic: DiagnosticError { DiagnosticError(Diagnostic(id: "pdf-failed", message: description)) }
}

/// What every PDF of a batch shares, built once: the options, the installed faces, the layout,
/// the decoded seal. Immutable, so any number of threads lay out with it.
public final class PDFEngine: @unchecked Sendable {
    public let options: WriterOptions
    let fonts: SystemFonts
    let layout: DocumentLayout
    let seal: DecodedImage?
    let metrics: PageMetrics
    /// The file's date, written only when `SOURCE_DATE_EPOCH` gives one: without it the same
    /// documents give the same bytes (as the ODF output), so checksums in a manifest are stable.
    let date: Date?

    public init(options: WriterOptions, fonts: SystemFonts) throws(PDFError) {
        self.options = options
        self.fonts = fonts
        metrics = PageMetrics(options.profile)
        if let seal = options.seal {
            guard seal.format == .png else { throw PDFError("PDF 中的电子印章须为 PNG 图片（SVG 印章目前只能用于 HTML 和 ODF 输出）") }
            do { self.seal = try DecodedImage(png: seal.bytes) } catch { throw PDFError(error.description) }
        } else {
            seal = nil
        }
        layout = DocumentLayout(profile: options.profile, seal: options.seal)
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            date = Date(timeIntervalSince1970: seconds)
        } else {
            date = nil
        }
    }

    /// Lays out one record's documents on the calling thread with its typesetter: each
    /// document's pages, compressed, and what laying them out found.
    func pages(_ documents: [Document], typesetter: Typesetter, deflater: StreamDeflater?) -> (documents: [[PageContent]], report: PDFReport) {
        let laid = layOut(documents, typesetter: typesetter)
        let height = metrics.paperHeight
        return (laid.documents.map { $0.map { PageContent($0, pageHeight: height, deflater: deflater) } }, laid.report)
    }

    /// Lays out one record's documents, pages not yet made into content streams.
    func layOut(_ documents: [Document], typesetter: Typesetter) -> (documents: [[LaidOutPage]], report: PDFReport) {
        var findings = DocumentLayout.Findings()
        let laid = documents.map { layout.pages($0, typesetter: typesetter, findings: &findings) }
        let (substituted, missing) = typesetter.flush()
        var report = PDFReport()
        report.substituted = Set(substituted.keys)
        report.missing = missing
        report.overlongWords = findings.overlongWords
        report.tooWideTables = findings.tooWideTables
        return (laid, report)
    }

    /// Tells the batch's listeners what a file's report says, once per batch.
    func note(_ report: PDFReport) {
        guard let notes = options.notes else { return }
        for font in report.fonts.sorted() {
            notes.note(Diagnostic(id: "pdf-font", severity: .note, message: "PDF 嵌入字体 / font embedded: \(font)"))
        }
        if !report.substituted.isEmpty {
            let list = report.substituted.sorted { $0.value < $1.value }.map { String(Character($0)) + "（U+" + String($0.value, radix: 16, uppercase: true) + "）" }
            notes.note(Diagnostic(id: "pdf-glyph-fallback", severity: .warning, message:
                "这些字在公文字体中没有，PDF 中改用其他已装字体印出，字形可能不同 / shown from another face: " + list.joined(separator: "、")))
        }
        if !report.missing.isEmpty {
            let list = report.missing.sorted { $0.value < $1.value }.map { String(Character($0)) + "（U+" + String($0.value, radix: 16, uppercase: true) + "）" }
            notes.note(Diagnostic(id: "pdf-glyph-missing", severity: .warning, message:
                "本机所有字体都没有这些字，PDF 中印为空框，请安装含这些字的字体（如 fonts-noto-cjk-extra）/ no installed face has: " + list.joined(separator: "、")))
        }
        if report.tooWideTables > 0 {
            notes.note(Diagnostic(id: "pdf-table-too-wide", severity: .warning, message:
                "有表格的列宽之和超过版心（156 mm），PDF 中已按比例收窄各列，单元格内的文字会折行；请减少列数或缩短表头 / a table wider than the text area was narrowed to fit"))
        }
        if report.overlongWords > 0 {
            notes.note(Diagnostic(id: "pdf-overlong-word", severity: .warning, message:
                "有字母或数字串比一行还长，PDF 中已在行尾折断 / words longer than a line were broken"))
        }
    }
}
