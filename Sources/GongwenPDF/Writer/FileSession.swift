import Foundation
import GongwenModel
import GongwenRender

/// One PDF file being written: its font table (the faces its pages used), page numbers and
/// duplex blanks, then the fonts as subsets and the index.
final class FileSession {
    let engine: PDFEngine
    let output: PDFOutput
    let file: PDFFile
    let slots: FontSlots
    /// Whether the file holds several documents: duplex blanks and per-document numbers apply.
    let several: Bool
    private(set) var report = PDFReport()
    private let numbering: Typesetter

    init(engine: PDFEngine, output: PDFOutput, slots: FontSlots, several: Bool) {
        self.engine = engine
        self.output = output
        self.slots = slots
        self.several = several
        file = PDFFile(output: output, paperWidth: engine.metrics.paperWidth, paperHeight: engine.metrics.paperHeight)
        if let seal = engine.seal { file.addSeal(seal) }
        numbering = Typesetter(fonts: engine.fonts, slots: slots)
    }

    func merge(_ other: PDFReport) { report.merge(other) }

    /// A document's pages, numbered (straight through the file, or from 1 per document with
    /// `restartPageNumbers`), and a blank back after an odd page count with `duplex`.
    func append(document pages: [PageContent]) {
        let height = engine.metrics.paperHeight
        for (i, content) in pages.enumerated() {
            let shown = several && engine.options.restartPageNumbers ? i + 1 : file.pageCount + 1
            var number = LaidOutPage()
            engine.layout.number(&number, shown, typesetter: numbering)
            file.add([content, PageContent(number, pageHeight: height)])
        }
        if several, engine.options.duplex, file.pageCount % 2 == 1 { file.add([]) }
    }

    /// Fonts, metadata and index; the report of the whole file.
    func finish(title: String) throws(PDFError) -> PDFReport {
        let (substituted, missing) = numbering.flush()
        report.substituted.formUnion(substituted.keys)
        report.missing.formUnion(missing)
        var embedded: [EmbeddedFont] = []
        for (face, glyphs) in slots.usage() {
            let font = try engine.fonts.embed(face, glyphs: glyphs)
            report.fonts.insert(font.baseFontName.split(separator: "+").last.map(String.init) ?? font.baseFontName)
            embedded.append(font)
        }
        let date = engine.date
        let metadata = PDFMetadata(date: date.map(Self.pdfDate), xmpDate: date.map(Self.xmpDate),
                                   id: Self.identifier(title, output.offsets, file.pageCount),
                                   archive: engine.options.pdfArchive ? PDFArchive() : nil)
        file.finish(fonts: embedded, title: title.isEmpty ? "公文" : title, metadata: metadata)
        engine.note(report)
        return report
    }

    private static func components(_ d: Date) -> DateComponents {
        Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0) ?? .current, from: d)
    }

    static func pdfDate(_ d: Date) -> String {
        let c = components(d)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 2000, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    static func xmpDate(_ d: Date) -> String {
        let c = components(d)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 2000, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// The file identifier PDF asks for: a hash (FNV-1a, twice) of the title, the page count and
    /// every object's offset — the same for the same content, different when any object differs
    /// in size.
    static func identifier(_ title: String, _ offsets: [Int], _ pages: Int) -> String {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        func mix(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte)) &* 0x100000001b3 &+ 1
        }
        for byte in "\(title)|\(pages)".utf8 { mix(byte) }
        for offset in offsets { withUnsafeBytes(of: offset) { $0.forEach(mix) } }
        return String(a, radix: 16, uppercase: true).leftPadded(16) + String(b, radix: 16, uppercase: true).leftPadded(16)
    }
}
