import GongwenModel
import GongwenZip

/// Packs documents into `.odt` files, one after another: the parts every package shares
/// (`mimetype`, `styles.xml`, the manifest) are built and deflated once, and so is the frame of
/// `content.xml` (font faces and automatic styles, three quarters of a form's content.xml) for
/// each set of styles; each package deflates only its own body and `meta.xml`, with a reused
/// deflate stream, and its content.xml is the deflated frame and body joined as pieces. One
/// packager per thread (it owns a deflate stream).
final class ODTPackager {
    let writer: ODFWriter
    let zip = ZipWriter()
    let mimetype: ZipWriter.ZipEntry
    let styles: ZipWriter.ZipEntry
    let manifest: ZipWriter.ZipEntry
    /// The electronic seal's picture, stored once per package when there is one.
    let seal: ZipWriter.ZipEntry?
    /// The body XML of the blocks the last package had (see `BlockMemo`).
    private let blocks = ODFBlockMemo()
    /// The deflated head and tail of content.xml, by the styles' key.
    private let frames = FrameCache<ODFAutomaticStyles.Key, (head: ZipWriter.DeflatedPiece, tail: ZipWriter.DeflatedPiece)>()

    init(writer: ODFWriter = ODFWriter()) {
        self.writer = writer
        mimetype = zip.entry("mimetype", Array(ODFNamespaces.textMediaType.utf8), store: true)
        styles = zip.entry("styles.xml", writer.styles())
        manifest = zip.entry("META-INF/manifest.xml", writer.manifestPart())
        // A PNG is compressed already; an SVG is text.
        let zip = self.zip
        seal = writer.seal.map { zip.entry($0.packagePath, $0.bytes, store: $0.format == .png) }
    }

    func package(_ documents: [Document], title: String) -> [UInt8] {
        var documentStyles = ODFWriter.Styles(writer, recordStarts: documents.count > 1)
        documentStyles.collect(documents)
        let frame = frames.frame(for: documentStyles.collected.key) {
            let frame = writer.frame(flat: false, styles: documentStyles, title: "")
            return (zip.piece(frame.head, final: false), zip.piece(frame.tail, final: true))
        }
        let body = zip.piece(writer.body(documents, flat: false, memo: blocks), final: false)
        var joined = JoinedPieces()
        for piece in [frame.head, body, frame.tail] { joined.append(piece) }
        let content = ZipWriter.ZipEntry(path: Array("content.xml".utf8), method: 8, crc: joined.crc,
                                         compressed: frame.head.compressed + body.compressed + frame.tail.compressed,
                                         uncompressedSize: joined.length)
        let meta = zip.entry("meta.xml", writer.metaPart(title: title))
        return ZipWriter.archive([mimetype, content, styles, meta] + (seal.map { [$0] } ?? []) + [manifest])
    }
}

extension ODTPackager {
    /// Writes a combined `.odt` to `sink`: `content.xml` is the frame for `styles` around a body
    /// that was deflated in pieces, whose compressed bytes `copyBody` hands over in order. The
    /// package never exists whole in memory. Throws when `content.xml` would pass 4 GiB, the
    /// largest part a zip without Zip64 entries holds.
    func writeCombined(title: String, styles: ODFWriter.Styles, body: JoinedPieces,
                              copyBody: (@escaping ([UInt8]) -> Void) -> Void, to sink: @escaping ([UInt8]) -> Void) throws(DiagnosticError) {
        let frame = writer.frame(flat: false, styles: styles, title: title)
        let head = zip.piece(frame.head, final: false)
        let tail = zip.piece(frame.tail, final: true)
        var joined = JoinedPieces()
        joined.append(head)
        joined.append(body)
        joined.append(tail)
        guard joined.length < 0xFFFF_FFFF else {
            throw DiagnosticError(Diagnostic(id: "output-too-large", message:
                "合并后的文档超过 4 GB，ODT 文件装不下；请分批合并或逐份输出 / the combined document exceeds 4 GiB; split the batch"))
        }
        let stream = ZipStream(sink: sink)
        stream.add(mimetype)
        let content = ZipWriter.ZipEntry(path: Array("content.xml".utf8), method: 8, crc: joined.crc, compressed: [],
                                         compressedSize: joined.compressedSize, uncompressedSize: joined.length)
        stream.add(content) { out in
            out(head.compressed)
            copyBody(out)
            out(tail.compressed)
        }
        stream.add(self.styles)
        stream.add(zip.entry("meta.xml", writer.metaPart(title: title)))
        if let seal { stream.add(seal) }
        stream.add(manifest)
        stream.finish()
    }
}
