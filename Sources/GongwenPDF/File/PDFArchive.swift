/// PDF/A-2b (ISO 19005-2, level B: the pages look the same in every reader, for ever): what it
/// adds to a PDF Gongwen writes anyway — fonts embedded, no encryption, no external content —
/// is XMP metadata matching the document information, and an output intent with an sRGB ICC
/// profile, which is built here (a 2.1 matrix/TRC profile of a few hundred bytes) because a
/// fresh machine has no ICC file to copy.
public struct PDFArchive: Sendable {
    public init() {}

    /// Writes the metadata stream and the output intent; returns the catalog entries naming them.
    static func write(_ archive: PDFArchive, title: String, date: PDFMetadata, to output: PDFOutput) -> String {
        let profile = output.reserve()
        output.stream(profile, dictionary: "/N 3", data: SRGBProfile.bytes)
        let intent = output.reserve()
        output.begin(intent)
        output.write("<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile \(profile) 0 R >>")
        output.end()
        let metadata = output.reserve()
        // Metadata stays uncompressed, so that tools can find it without a PDF parser.
        output.stream(metadata, dictionary: "/Type /Metadata /Subtype /XML", data: Array(xmp(title: title, date: date.xmpDate).utf8), compress: false)
        return " /Metadata \(metadata) 0 R /OutputIntents [\(intent) 0 R]"
    }

    static func xmp(title: String, date: String?) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
        <pdfaid:part>2</pdfaid:part>
        <pdfaid:conformance>B</pdfaid:conformance>
        <dc:format>application/pdf</dc:format>
        <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(title))</rdf:li></rdf:Alt></dc:title>
        \(date.map { "<xmp:CreateDate>\($0)</xmp:CreateDate>\n<xmp:ModifyDate>\($0)</xmp:ModifyDate>" } ?? "")
        <xmp:CreatorTool>Gongwen</xmp:CreatorTool>
        <pdf:Producer>Gongwen</pdf:Producer>
        </rdf:Description>
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }
}

/// An sRGB ICC profile (version 2.1, display class): D50-adapted sRGB primaries and a 2.2 gamma
/// curve. Enough for an output intent; PDF/A validators check its header, class and colour space.
enum SRGBProfile {
    static let bytes: [UInt8] = make()

    private static func make() -> [UInt8] {
        func u32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)] }
        func s15(_ v: Double) -> [UInt8] { u32(UInt32(bitPattern: Int32((v * 65536).rounded()))) }
        func sig(_ s: String) -> [UInt8] { Array(s.utf8) }
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] { sig("XYZ ") + [0, 0, 0, 0] + s15(x) + s15(y) + s15(z) }
        let description = "sRGB IEC61966-2.1"
        let desc = sig("desc") + [0, 0, 0, 0] + u32(UInt32(description.utf8.count + 1)) + Array(description.utf8) + [0]
            + u32(0) + u32(0) + [0, 0] + [0] + [UInt8](repeating: 0, count: 67)
        let cprt = sig("text") + [0, 0, 0, 0] + Array("No copyright, use freely".utf8) + [0]
        let curve = sig("curv") + [0, 0, 0, 0] + u32(1) + [0x02, 0x33]
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)), ("bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        var table: [UInt8] = u32(UInt32(tags.count))
        var data: [UInt8] = []
        var offset = 128 + 4 + 12 * tags.count
        for (name, bytes) in tags {
            table += sig(name) + u32(UInt32(offset)) + u32(UInt32(bytes.count))
            var padded = bytes
            while padded.count % 4 != 0 { padded.append(0) }
            data += padded
            offset += padded.count
        }
        let size = 128 + table.count + data.count
        var header: [UInt8] = u32(UInt32(size)) + u32(0) + [0x02, 0x10, 0, 0] + sig("mntr") + sig("RGB ") + sig("XYZ ")
        header += [0x07, 0xEA, 0, 12, 0, 3, 0, 0, 0, 0, 0, 0]  // 2026-12-03
        header += sig("acsp") + u32(0) + u32(0) + u32(0) + u32(0) + [UInt8](repeating: 0, count: 8) + u32(0)
        header += s15(0.9642) + s15(1.0) + s15(0.8249) + u32(0)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }
}
