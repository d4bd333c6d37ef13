import Foundation
import GongwenRender

/// A PDF file written object by object as pages arrive: each page's content stream (already
/// compressed by the thread that laid it out) and page object go out at once; the fonts —
/// subsets of exactly the glyphs the pages used — the page tree and the cross-reference table
/// at the end. Memory holds offsets and page numbers, not pages.
final class PDFFile {
    let output: PDFOutput
    let paperWidth: Double
    let paperHeight: Double
    private let catalog: Int
    private let pageTree: Int
    private let resources: Int
    private var pageObjects: [Int] = []
    private var sealObject: Int?

    init(output: PDFOutput, paperWidth: Double, paperHeight: Double) {
        self.output = output
        self.paperWidth = paperWidth
        self.paperHeight = paperHeight
        // A binary comment line marks the file as binary for transfer programs (PDF 7.5.2).
        output.write("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
        catalog = output.reserve()
        pageTree = output.reserve()
        resources = output.reserve()
    }

    var pageCount: Int { pageObjects.count }

    /// A page of content streams (the page laid out by a worker; its number, added when the
    /// page's place in the file is known), each already compressed (`PageContent`).
    func add(_ contents: [PageContent]) {
        var streams: [Int] = []
        for content in contents where !content.bytes.isEmpty {
            let stream = output.reserve()
            output.begin(stream)
            output.write("<< /Length \(content.bytes.count)\(content.compressed ? " /Filter /FlateDecode" : "") >>\nstream\n")
            output.write(content.bytes)
            output.write("\nendstream")
            output.end()
            streams.append(stream)
        }
        let page = output.reserve()
        output.begin(page)
        let list = streams.count == 1 ? "\(streams[0]) 0 R" : "[" + streams.map { "\($0) 0 R" }.joined(separator: " ") + "]"
        output.write("<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 \(Self.number(paperWidth)) \(Self.number(paperHeight))] /Resources \(resources) 0 R"
                     + (streams.isEmpty ? "" : " /Contents \(list)") + " >>")
        output.end()
        pageObjects.append(page)
    }

    /// The seal image as an XObject (`/Im0`), with its transparency as a soft mask.
    func addSeal(_ image: DecodedImage) {
        var mask: Int?
        if let alpha = image.alpha {
            let m = output.reserve()
            output.stream(m, dictionary: "/Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray /BitsPerComponent 8", data: alpha)
            mask = m
        }
        let object = output.reserve()
        output.stream(object, dictionary: "/Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceRGB /BitsPerComponent 8"
                      + (mask.map { " /SMask \($0) 0 R" } ?? ""), data: image.rgb)
        sealObject = object
    }

    /// Fonts, resources, page tree, catalog, document information and the cross-reference table.
    func finish(fonts: [(resource: String, font: PreparedFont)], title: String, metadata: PDFMetadata) {
        var fontRefs: [String] = []
        for (resource, font) in fonts {
            fontRefs.append("/\(resource) \(FontObjects.write(font, to: output)) 0 R")
        }
        output.begin(resources)
        output.write("<< /Font << \(fontRefs.joined(separator: " ")) >>")
        if let sealObject { output.write(" /XObject << /Im0 \(sealObject) 0 R >>") }
        output.write(" >>")
        output.end()
        output.begin(pageTree)
        output.write("<< /Type /Pages /Count \(pageObjects.count) /Kids [")
        // Written in slices: a 400,000-page file's list would be megabytes held at once.
        var kids: [UInt8] = []
        kids.reserveCapacity(64 << 10)
        for page in pageObjects {
            var text = "\(page) 0 R "
            text.withUTF8 { kids.append(contentsOf: $0) }
            if kids.count >= 60 << 10 {
                output.write(kids)
                kids.removeAll(keepingCapacity: true)
            }
        }
        output.write(kids)
        output.write("] >>")
        output.end()
        let info = output.reserve()
        output.begin(info)
        let dates = metadata.date.map { " /CreationDate (\($0)) /ModDate (\($0))" } ?? ""
        output.write("<< /Title \(PDFString.text(title)) /Producer (Gongwen) /Creator (Gongwen)\(dates) >>")
        output.end()
        var catalogExtras = ""
        if let pdfa = metadata.archive {
            catalogExtras = PDFArchive.write(pdfa, title: title, date: metadata, to: output)
        }
        output.begin(catalog)
        output.write("<< /Type /Catalog /Pages \(pageTree) 0 R /Lang (zh-CN)\(catalogExtras) >>")
        output.end()
        let xref = output.position
        var table = "xref\n0 \(output.offsets.count)\n0000000000 65535 f \n"
        output.write(table)
        // The table in slices too (20 bytes an object, 800,000 objects for 400,000 pages).
        var entries: [UInt8] = []
        entries.reserveCapacity(64 << 10)
        let tail = Array(" 00000 n \n".utf8)
        for offset in output.offsets.dropFirst() {
            var digits = String(offset)
            let pad = 10 - digits.utf8.count
            if pad > 0 { entries.append(contentsOf: repeatElement(0x30, count: pad)) }
            digits.withUTF8 { entries.append(contentsOf: $0) }
            entries.append(contentsOf: tail)
            if entries.count >= 60 << 10 {
                output.write(entries)
                entries.removeAll(keepingCapacity: true)
            }
        }
        output.write(entries)
        output.write("trailer\n<< /Size \(output.offsets.count) /Root \(catalog) 0 R /Info \(info) 0 R /ID [<\(metadata.id)> <\(metadata.id)>] >>\nstartxref\n\(xref)\n%%EOF\n")
        output.finish()
    }

    static func number(_ v: Double) -> String {
        var c = ContentStream(pageHeight: 0)
        c.number(v)
        return String(decoding: c.bytes, as: UTF8.self)
    }
}

/// A page's content, compressed by the thread that laid the page out.
public struct PageContent: Sendable {
    var bytes: [UInt8]
    var compressed: Bool

    init(bytes: [UInt8], compressed: Bool) {
        self.bytes = bytes
        self.compressed = compressed
    }

    /// Streams shorter than this are stored: compressing a page number saves nothing.
    static let smallest = 160

    init(_ page: LaidOutPage, pageHeight: Double, fontName: ((Int, UInt16) -> String)? = nil, deflater: StreamDeflater? = nil) {
        var stream = ContentStream(pageHeight: pageHeight)
        if let fontName { stream.fontName = fontName }
        stream.page(page) { "Im\($0)" }
        guard stream.bytes.count >= Self.smallest else {
            bytes = stream.bytes
            compressed = false
            return
        }
        if let packed = PDFOutput.deflate(stream.bytes, with: deflater) {
            bytes = packed
            compressed = true
        } else {
            bytes = stream.bytes
            compressed = false
        }
    }
}

/// The file's date and identifier, and whether it is to be PDF/A.
struct PDFMetadata {
    /// `D:20251203120000Z`, or nil: no dates (reproducible output).
    var date: String?
    /// The same instant for XMP: `2025-12-03T12:00:00Z`.
    var xmpDate: String?
    /// 32 hex digits.
    var id: String
    var archive: PDFArchive?
}

/// PDF strings: ASCII as a literal, anything else as UTF-16BE with a byte-order mark in hex.
enum PDFString {
    static func text(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var out = "("
            for ch in s.unicodeScalars {
                if ch == "(" || ch == ")" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            return out + ")"
        }
        var out = "<FEFF"
        for unit in s.utf16 { out += String(unit, radix: 16, uppercase: true).leftPadded(4) }
        return out + ">"
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
