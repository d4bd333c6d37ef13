import Foundation
import GongwenModel

/// Writes documents as OpenDocument Text (ODF 1.3): a flat `.fodt` (one XML file) or a zipped
/// `.odt` package built from the same parts, as pandoc's ODT writer wraps its flat writer.
/// Output is deterministic: no dates, ids or random names, so the same input gives the same bytes.
public struct ODFWriter: Sendable {
    public var profile: LayoutProfile
    /// In a combined file, every record starts on a right-hand page (double-sided printing).
    public var duplex: Bool
    /// In a combined file, every record numbers its pages from 1 (not with `duplex`).
    public var restartPageNumbers: Bool

    public init(profile: LayoutProfile = .gbt9704, duplex: Bool = false, restartPageNumbers: Bool = false) {
        self.profile = profile
        self.duplex = duplex
        self.restartPageNumbers = restartPageNumbers && !duplex
    }

    private var sheet: ODFStyleSheet { ODFStyleSheet(profile: profile, duplex: duplex, restartPageNumbers: restartPageNumbers) }

    // MARK: flat

    /// The flat `.fodt` form: meta, styles, automatic styles, master page and body in one file.
    public func flat(_ documents: [Document], title: String) -> [UInt8] {
        let w = XMLWriter()
        let sheet = self.sheet
        w.start("office:document")
        ODFNamespaces.declare(on: w)
        w.attribute("office:version", ODFNamespaces.version)
        w.attribute("office:mimetype", ODFNamespaces.textMediaType)
        meta(w, title: title)
        sheet.writeFontFaces(w)
        sheet.writeStyles(w)
        w.start("office:automatic-styles")
        sheet.writePageLayout(w)
        ODFAutomaticStyles(sheet: sheet, documents: documents).write(w)
        w.end()
        sheet.writeMasterStyles(w)
        var body = ODFBodyWriter(writer: w, profile: profile)
        body.write(documents)
        w.end()
        return w.finish()
    }

    // MARK: package

    /// The parts of an `.odt` package, by path, in the order they are stored.
    public func parts(_ documents: [Document], title: String) -> [(path: String, bytes: [UInt8])] {
        [
            ("mimetype", Array(ODFNamespaces.textMediaType.utf8)),
            ("content.xml", content(documents)),
            ("styles.xml", styles()),
            ("meta.xml", metaPart(title: title)),
            ("META-INF/manifest.xml", manifest(["content.xml", "styles.xml", "meta.xml"])),
        ]
    }

    /// `content.xml`: the documents' automatic styles and body.
    func content(_ documents: [Document], cache: ODFStylesCache? = nil) -> [UInt8] {
        let sheet = self.sheet
        let content = XMLWriter()
        content.start("office:document-content")
        ODFNamespaces.declare(on: content)
        content.attribute("office:version", ODFNamespaces.version)
        let styles = ODFAutomaticStyles(sheet: sheet, documents: documents)
        let writeHead = {
            let head = XMLWriter(fragment: true)
            sheet.writeFontFaces(head)
            head.start("office:automatic-styles")
            styles.write(head)
            head.end()
            return head.finish()
        }
        content.raw(cache.map { $0.head(for: styles, writeHead) } ?? writeHead())
        var body = ODFBodyWriter(writer: content, profile: profile)
        body.write(documents)
        content.end()
        return content.finish()
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

    func manifestPart() -> [UInt8] { manifest(["content.xml", "styles.xml", "meta.xml"]) }

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

    private func manifest(_ files: [String]) -> [UInt8] {
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
        w.end()
        return w.finish()
    }
}
