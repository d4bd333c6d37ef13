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

    /// `numbering`: the typesetter for page numbers, bound to `slots` (a per-record writer
    /// passes its own, warm one); nil: one of the file's own.
    init(engine: PDFEngine, output: PDFOutput, slots: FontSlots, several: Bool, numbering: Typesetter? = nil) {
        self.engine = engine
        self.output = output
        self.slots = slots
        self.several = several
        file = PDFFile(output: output, paperWidth: engine.metrics.paperWidth, paperHeight: engine.metrics.paperHeight)
        if let seal = engine.seal { file.addSeal(seal) }
        self.numbering = numbering ?? Typesetter(fonts: engine.fonts, slots: slots)
    }

    func merge(_ other: PDFReport) { report.merge(other) }

    /// The number printed on each page of documents of `counts` pages, as they will stand in
    /// the file: straight through the file (blank backs counted), or from 1 per document with
    /// `restartPageNumbers`.
    func numbers(for counts: [Int]) -> [[Int]] {
        var physical = file.pageCount
        return counts.map { count in
            if several, engine.options.duplex, physical % 2 == 1 { physical += 1 }
            let shown = (0..<count).map { i in several && engine.options.restartPageNumbers ? i + 1 : physical + i + 1 }
            physical += count
            return shown
        }
    }

    /// The `— N —` of a page, laid out with the file's own typesetter.
    func numberPage(_ n: Int) -> LaidOutPage {
        var page = LaidOutPage()
        engine.layout.number(&page, n, typesetter: numbering)
        return page
    }

    /// Glyphs the page numbers used, handed to the font table.
    func flushNumbers() {
        let (substituted, missing) = numbering.flush()
        report.substituted.formUnion(substituted.keys)
        report.missing.formUnion(missing)
    }

    /// A document's pages with their numbers; with `duplex` in a file of several documents, a
    /// blank back first when the document before ended on an odd page, so that every document
    /// starts on a right-hand page (none after the last: nothing follows it, as in the other
    /// outputs).
    func append(document pages: [PageContent], numbers: [PageContent]) {
        if several, engine.options.duplex, file.pageCount % 2 == 1 { file.add([]) }
        for (content, number) in zip(pages, numbers) { file.add([content, number]) }
    }

    /// A document's pages, numbered here (a combined file: one font per face, no split).
    func append(document pages: [PageContent]) {
        let height = engine.metrics.paperHeight
        let shown = numbers(for: [pages.count])[0]
        append(document: pages, numbers: shown.map { PageContent(numberPage($0), pageHeight: height) })
    }

    /// Fonts, metadata and index; the report of the whole file. With `shared`, each face is
    /// embedded as its shared font (`F…`) and a font of this file's other glyphs (`G…`).
    func finish(title: String, fonts: [(resource: String, font: PreparedFont)]? = nil) throws(PDFError) -> PDFReport {
        flushNumbers()
        var embedded: [(resource: String, font: PreparedFont)] = []
        if let fonts {
            embedded = fonts
        } else {
            for (slot, (face, glyphs)) in slots.usage().enumerated() {
                embedded.append((FontNames.main(slot), PreparedFont(try engine.fonts.embed(face, glyphs: glyphs))))
            }
        }
        for (_, prepared) in embedded {
            let name = prepared.font.baseFontName
            report.fonts.insert(name.split(separator: "+").last.map(String.init) ?? name)
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
