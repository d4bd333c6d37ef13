import Testing
import Foundation
@testable import GongwenPDF

/// The subsets show the right glyphs: a line set with the subset and the same line set with
/// the face's whole program render to the same pixels (poppler's pdftoppm), and the text
/// extracts exactly (pdftotext). Skipped where poppler-utils is not installed.
@Suite struct FontRenderingTests {
    static let poppler = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
    static let noPoppler = "poppler-utils (pdftoppm, pdftotext) is not installed"

    @Test(.enabled(if: poppler && FontFixtures.notoSerif != nil, Comment(rawValue: noPoppler + " or " + FontFixtures.noNoto)))
    func cidKeyedCFFSubsetRendersAsTheWholeFont() throws {
        try check(try #require(FontFixtures.notoSerif), "中华人民共和国〔2025〕17号，人民政府")
    }

    @Test(.enabled(if: poppler && FontFixtures.gongwenSerif != nil, Comment(rawValue: noPoppler + " or " + FontFixtures.noGongwen)))
    func derivedCFFSubsetRendersAsTheWholeFont() throws {
        try check(try #require(FontFixtures.gongwenSerif), "关于表彰先进集体的通报")
    }

    @Test(.enabled(if: poppler && FontFixtures.dejaVu != nil, Comment(rawValue: noPoppler + " or " + FontFixtures.noDejaVu)))
    func trueTypeSubsetRendersAsTheWholeFont() throws {
        try check(try #require(FontFixtures.dejaVu), "Gongwen 2025, Héllo")
    }

    private func check(_ face: FontFace, _ text: String) throws {
        let use = GlyphUse(face: face)
        var codes: [UInt16] = []
        for scalar in text.unicodeScalars {
            let glyph = try #require(face.glyph(for: scalar), "\(scalar) missing from \(face.path)")
            use.use(glyph, text: String(scalar))
            codes.append(glyph)
        }
        let embedded = try use.embedded()
        let whole = try wholeProgram(of: face)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-font-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let subsetPDF = folder.appendingPathComponent("subset.pdf"), wholePDF = folder.appendingPathComponent("whole.pdf")
        try Data(TinyPDF.page(font: embedded, codes: codes)).write(to: subsetPDF)
        var reference = embedded
        reference.program = whole
        try Data(TinyPDF.page(font: reference, codes: codes)).write(to: wholePDF)
        #expect(try run("/usr/bin/pdftotext", [subsetPDF.path, "-"]).trimmingCharacters(in: .whitespacesAndNewlines) == text)
        _ = try run("/usr/bin/pdftoppm", ["-png", "-r", "72", subsetPDF.path, folder.appendingPathComponent("subset").path])
        _ = try run("/usr/bin/pdftoppm", ["-png", "-r", "72", wholePDF.path, folder.appendingPathComponent("whole").path])
        let subsetPNG = try Data(contentsOf: folder.appendingPathComponent("subset-1.png"))
        let wholePNG = try Data(contentsOf: folder.appendingPathComponent("whole-1.png"))
        #expect(subsetPNG == wholePNG, "the subset of \(face.path) draws other glyphs than the whole font")
        #expect(subsetPNG.count > 1000)
    }

    /// The face's whole program as it would be embedded without subsetting: the 'CFF ' table,
    /// or the whole TrueType file.
    private func wholeProgram(of face: FontFace) throws -> EmbeddedFont.Program {
        if face.isCFF {
            let table = try #require(face.directory.table("CFF ", in: face.file))
            return .cff(Array(table.bytes))
        }
        return .trueType(Array(face.mapped.bytes))
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments) failed")
        return String(decoding: output, as: UTF8.self)
    }
}

/// A one-page PDF showing `codes` (original glyph ids, Identity-H) in `font`: the objects the
/// real writer makes for an EmbeddedFont, uncompressed.
enum TinyPDF {
    static func page(font: EmbeddedFont, codes: [UInt16]) -> [UInt8] {
        var objects: [[UInt8]] = []
        func add(_ text: String, stream: [UInt8]? = nil) {
            if let stream {
                objects.append(Array("<< \(text) /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("\nendstream".utf8))
            } else {
                objects.append(Array(text.utf8))
            }
        }
        let hex = codes.map { String(format: "%04X", $0) }.joined()
        let (program, isCFF): ([UInt8], Bool) = switch font.program {
        case .cff(let bytes): (bytes, true)
        case .trueType(let bytes): (bytes, false)
        }
        let box = font.boundingBox
        let widths = font.nonDefaultWidths.map { "\($0.glyph) [\($0.width)]" }.joined(separator: " ")
        add("/Type /Catalog /Pages 2 0 R".wrapped)
        add("/Type /Pages /Kids [3 0 R] /Count 1".wrapped)
        add("/Type /Page /Parent 2 0 R /MediaBox [0 0 600 40] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R".wrapped)
        add("", stream: Array("BT /F1 20 Tf 10 14 Td <\(hex)> Tj ET".utf8))
        add("/Type /Font /Subtype /Type0 /BaseFont /\(font.baseFontName) /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R".wrapped)
        add(("/Type /Font /Subtype /\(isCFF ? "CIDFontType0" : "CIDFontType2") /BaseFont /\(font.baseFontName) "
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
            + "/DW \(font.defaultWidth) /W [\(widths)]" + (font.cidToGIDMapIdentity ? " /CIDToGIDMap /Identity" : "")).wrapped)
        add(("/Type /FontDescriptor /FontName /\(font.baseFontName) /Flags \(font.flags) /FontBBox [\(box.0) \(box.1) \(box.2) \(box.3)] "
            + "/ItalicAngle \(font.italicAngle) /Ascent \(font.ascent) /Descent \(font.descent) /CapHeight \(font.capHeight) "
            + "/StemV \(font.stemV) /\(isCFF ? "FontFile3" : "FontFile2") 8 0 R").wrapped)
        add(isCFF ? "/Subtype /CIDFontType0C" : "", stream: program)
        add("", stream: font.toUnicode)
        var out = Array("%PDF-1.7\n".utf8)
        var offsets: [Int] = []
        for (number, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(number + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }
}

private extension String {
    var wrapped: String { "<< " + self + " >>" }
}
