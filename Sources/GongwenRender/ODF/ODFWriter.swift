import Foundation
import GongwenModel

/// Writes documents as OpenDocument Text (ODF 1.3): a flat `.fodt` (one XML file) or a zipped
/// `.odt` package built from the same parts, as pandoc's ODT writer wraps its flat writer.
/// Output is deterministic: no dates, ids or random names, so the same input gives the same bytes.
public struct ODFWriter: Sendable {
    public var profile: LayoutProfile
    /// In a combined file, every record starts on a right-hand page (double-sided printing).
    public var duplex: Bool
    /// In a combined file, every record numbers its pages from 1. With `duplex` too: LibreOffice
    /// puts page 1 on a right-hand page, which is what duplex printing asks.
    public var restartPageNumbers: Bool
    /// The office's electronic seal, placed where a document has `<印章/>`; without it the
    /// sealed layout is kept and nothing is drawn there. An `.odt` stores it once, as a picture.
    public var seal: SealImage?

    public init(profile: LayoutProfile = .gbt9704, duplex: Bool = false, restartPageNumbers: Bool = false, seal: SealImage? = nil) {
        self.profile = profile
        self.duplex = duplex
        self.restartPageNumbers = restartPageNumbers
        self.seal = seal
    }

    private var sheet: ODFStyleSheet {
        ODFStyleSheet(profile: profile, duplex: duplex, restartPageNumbers: restartPageNumbers, sealed: seal != nil)
    }

    // MARK: frame and body

    /// The parts of a file around its records: everything before the first paragraph (styles,
    /// and for a flat file the meta data and master pages) and the closing tags after the last.
    /// Written and kept apart from the body so that a combined file can be streamed: its
    /// records are written first (in parallel), its head once their styles are known.
    struct Frame: Sendable {
        var head: [UInt8]
        var tail: [UInt8]
    }

    /// The automatic styles of a file, collected from its documents as they are written.
    struct Styles: Sendable {
        var collected: ODFAutomaticStyles

        /// Styles for a file of one record (`recordStarts` false) or a combined file.
        init(_ writer: ODFWriter, recordStarts: Bool) {
            collected = ODFAutomaticStyles(sheet: writer.sheet, recordStarts: recordStarts)
        }

        mutating func collect(_ documents: [Document]) {
            for document in documents { collected.collect(document) }
        }

        mutating func formUnion(_ other: Styles) { collected.formUnion(other.collected) }
    }

    /// Where the body goes in the skeleton written for a frame.
    private static let bodyMarker: StaticString = "gongwen-body"

    /// The frame of a flat `.fodt` (`flat`) or of a package's `content.xml`.
    func frame(flat: Bool, styles: Styles, title: String) -> Frame {
        let w = XMLWriter()
        let sheet = self.sheet
        if flat {
            w.start("office:document")
            ODFNamespaces.declare(on: w)
            w.attribute("office:version", ODFNamespaces.version)
            w.attribute("office:mimetype", ODFNamespaces.textMediaType)
            meta(w, title: title)
            sheet.writeFontFaces(w)
            sheet.writeStyles(w)
            w.start("office:automatic-styles")
            sheet.writePageLayout(w)
            styles.collected.write(w)
            w.end()
            sheet.writeMasterStyles(w)
        } else {
            w.start("office:document-content")
            ODFNamespaces.declare(on: w)
            w.attribute("office:version", ODFNamespaces.version)
            sheet.writeFontFaces(w)
            w.start("office:automatic-styles")
            styles.collected.write(w)
            w.end()
        }
        w.start("office:body")
        w.start("office:text")
        w.empty(Self.bodyMarker)
        w.end()
        w.end()
        w.end()
        let parts = Self.split(w.finish(), at: "<\(Self.bodyMarker.description)/>")
        return Frame(head: parts.before, tail: parts.after)
    }

    /// `bytes` cut around the last occurrence of `marker`, which a frame was written with. The
    /// body marker is the last element before a few closing tags, so the search runs from the end.
    static func split(_ bytes: [UInt8], at marker: String) -> (before: [UInt8], after: [UInt8]) {
        let marker = Array(marker.utf8)
        var start = bytes.count - marker.count
        while start >= 0, bytes[start] != marker[0] || !bytes[start..<start + marker.count].elementsEqual(marker) { start -= 1 }
        precondition(start >= 0, "the frame holds its marker")
        return (Array(bytes[..<start]), Array(bytes[(start + marker.count)...]))
    }

    /// One record's documents as body XML (its copies; each after the first starts a record
    /// page, the first one too when `continuing` a combined file). `record` numbers the
    /// record's tables in a combined file (nil for a file of its own).
    /// With a memo (one per thread), blocks the last record had at the same place are replayed.
    /// `flat`: the body of a `.fodt`, which embeds images instead of naming package parts.
    func body(_ documents: [Document], flat: Bool, continuing: Bool = false, record: Int? = nil, memo: ODFBlockMemo? = nil) -> [UInt8] {
        let w = XMLWriter(fragment: true)
        var body = ODFBodyWriter(writer: w, profile: profile, seal: seal, flat: flat, namePrefix: record.map { "\($0)-" } ?? "", memo: memo)
        body.write(documents, continuing: continuing)
        return w.finish()
    }

    // MARK: flat

    /// The flat `.fodt` form: meta, styles, automatic styles, master page and body in one file.
    public func flat(_ documents: [Document], title: String) -> [UInt8] {
        flat(documents, title: title, cache: nil)
    }

    /// The same, with a cache (one per thread) in which the frame of a set of styles is
    /// written once and each file's title is put into it, and a memo of the last record's blocks.
    func flat(_ documents: [Document], title: String, cache: FlatFrameCache?, memo: ODFBlockMemo? = nil) -> [UInt8] {
        var styles = Styles(self, recordStarts: documents.count > 1)
        styles.collect(documents)
        guard let cache else {
            let frame = frame(flat: true, styles: styles, title: title)
            return frame.head + body(documents, flat: true) + frame.tail
        }
        let parts = cache.frame(for: styles.collected, titled: !title.isEmpty) { marker in
            self.frame(flat: true, styles: styles, title: marker)
        }
        let escapedTitle = XMLWriter(fragment: true)
        escapedTitle.text(title)
        return parts.beforeTitle + escapedTitle.finish() + parts.afterTitle + body(documents, flat: true, memo: memo) + parts.tail
    }

    // MARK: package

    /// The parts of an `.odt` package, by path, in the order they are stored.
    func parts(_ documents: [Document], title: String) -> [(path: String, bytes: [UInt8])] {
        [
            ("mimetype", Array(ODFNamespaces.textMediaType.utf8)),
            ("content.xml", content(documents)),
            ("styles.xml", styles()),
            ("meta.xml", metaPart(title: title)),
        ] + (seal.map { [($0.packagePath, $0.bytes)] } ?? []) + [
            ("META-INF/manifest.xml", manifestPart()),
        ]
    }

    /// `content.xml`: the documents' automatic styles and body.
    func content(_ documents: [Document]) -> [UInt8] {
        var styles = Styles(self, recordStarts: documents.count > 1)
        styles.collect(documents)
        let contentFrame = frame(flat: false, styles: styles, title: "")
        return contentFrame.head + body(documents, flat: false) + contentFrame.tail
    }

    /// `styles.xml`: the same for every document of a profile.
    func styles() -> [UInt8] {
        let sheet = self.sheet
        let styles = XMLWriter()
        styles.start("office:document-styles")
        ODFNamespaces.declare(on: styles)
        styles.attribute("office:version", ODFNamespaces.version)
        sheet.writeFontFaces(styles)
        sheet.writeStyles(styles)
        styles.start("office:automatic-styles")
        sheet.writePageLayout(styles)
        styles.end()
        sheet.writeMasterStyles(styles)
        styles.end()
        return styles.finish()
    }

    func metaPart(title: String) -> [UInt8] {
        let metaWriter = XMLWriter()
        metaWriter.start("office:document-meta")
        ODFNamespaces.declare(on: metaWriter)
        metaWriter.attribute("office:version", ODFNamespaces.version)
        meta(metaWriter, title: title)
        metaWriter.end()
        return metaWriter.finish()
    }

    func manifestPart() -> [UInt8] {
        manifest(["content.xml", "styles.xml", "meta.xml"], pictures: seal.map { [($0.packagePath, $0.format.mediaType)] } ?? [])
    }

    /// The zipped `.odt`: `mimetype` first and stored, the other parts deflated.
    public func package(_ documents: [Document], title: String) -> [UInt8] {
        ODTPackager(writer: self).package(documents, title: title)
    }

    private func meta(_ w: XMLWriter, title: String) {
        w.start("office:meta")
        w.start("meta:generator")
        w.text("Gongwen")
        w.end()
        if !title.isEmpty {
            w.start("dc:title")
            w.text(title)
            w.end()
        }
        w.start("dc:language")
        w.text("zh-CN")
        w.end()
        w.end()
    }

    private func manifest(_ files: [String], pictures: [(path: String, mediaType: String)]) -> [UInt8] {
        let w = XMLWriter()
        w.start("manifest:manifest")
        w.attribute("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
        w.attribute("manifest:version", ODFNamespaces.version)
        w.empty("manifest:file-entry", [
            "manifest:full-path": "/", "manifest:version": ODFNamespaces.version, "manifest:media-type": ODFNamespaces.textMediaType,
        ])
        for file in files {
            w.empty("manifest:file-entry", ["manifest:full-path": file, "manifest:media-type": "text/xml"])
        }
        for picture in pictures {
            w.empty("manifest:file-entry", ["manifest:full-path": picture.path, "manifest:media-type": picture.mediaType])
        }
        w.end()
        return w.finish()
    }
}
