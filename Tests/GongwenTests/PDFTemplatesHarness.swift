import Foundation
import Gongwen
import GongwenTemplate
import GongwenPDF
import GongwenRender
import Testing

/// Writes every shipped template's sample as a PDF into $GONGWEN_PDF_DIR (skipped without it):
/// the quick way to look at Gongwen's own PDF beside the Chromium and LibreOffice prints.
@Suite struct PDFTemplatesHarness {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GONGWEN_PDF_DIR"] != nil))
    func writeSamples() throws {
        let out = ProcessInfo.processInfo.environment["GONGWEN_PDF_DIR"]!
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let templates = root.appendingPathComponent("Templates").path
        let writer = PDFDocumentWriter(WriterOptions())
        for name in try FileManager.default.contentsOfDirectory(atPath: templates).sorted() {
            let folder = templates + "/" + name
            guard FileManager.default.fileExists(atPath: folder + "/data.yaml") else { continue }
            let template = try Pipeline.loadTemplate(folder)
            let data = try Pipeline.loadData(folder + "/data.yaml")
            let merged = try template.mergeCopies(data.records[0], shared: data.shared)
            let result = try writer.write(merged.documents, title: name)
            try Data(result.bytes).write(to: URL(fileURLWithPath: out + "/" + name + ".pdf"))
        }
    }
}
