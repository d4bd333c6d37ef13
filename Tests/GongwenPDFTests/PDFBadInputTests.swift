import Foundation
import GongwenModel
import GongwenRender
import Testing
@testable import GongwenPDF

/// What the PDF writer does with what it cannot print as asked: each case is printed visibly
/// and said once, never dropped.
@Suite struct PDFBadInputTests {
    func write(_ document: Document) throws -> (file: WrittenFile, notes: [Diagnostic]) {
        let notes = WriterNotes()
        let file = try PDFDocumentWriter(WriterOptions(notes: notes)).write([document], title: "t")
        return (file, notes.diagnostics)
    }

    @Test("a character no installed face has is printed as the face's empty box and named", .enabled(if: PDFSmokeTests.canWritePDF))
    func missingEverywhere() throws {
        let (file, notes) = try write(Document(body: [.paragraph([.text("户主杨\u{10FFFD}")])]))
        #expect(file.bytes.count > 1000)
        let missing = try #require(notes.first { $0.id == "pdf-glyph-missing" })
        #expect(missing.message.contains("U+10FFFD"))
    }

    @Test("a table wider than the 版心 is narrowed to fit and reported", .enabled(if: PDFSmokeTests.canWritePDF))
    func tooWideTable() throws {
        let header = (1...16).map { TableCell(content: [.text("指标\($0)（‰）")]) }
        let row = (1...16).map { _ in TableCell(content: [.text("1234567.89")]) }
        let (_, notes) = try write(Document(body: [.table(Table(headerRows: [header], rows: [row]))]))
        #expect(notes.contains { $0.id == "pdf-table-too-wide" })
    }

    @Test("a word longer than a line is broken and reported", .enabled(if: PDFSmokeTests.canWritePDF))
    func overlongWord() throws {
        let (_, notes) = try write(Document(body: [.paragraph([.text(String(repeating: "A1", count: 80))])]))
        #expect(notes.contains { $0.id == "pdf-overlong-word" })
    }

    @Test("no CJK face installed: a clear error naming what to install")
    func noFonts() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-no-fonts-\(getpid())").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect {
            _ = try SystemFonts(resolver: FontResolver(library: FontLibrary(folders: [empty])))
        } throws: { error in
            (error as? PDFError)?.description.contains("apt-get install fonts-noto-cjk") == true
        }
    }
}
