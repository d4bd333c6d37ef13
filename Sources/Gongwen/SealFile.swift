import Foundation
import GongwenModel
import GongwenRender
import GongwenTemplate

/// Reads the electronic seal an office passes with `--seal 印章.png` (or `.svg`) and checks it
/// before anything is rendered: a seal goes into every document of the batch, so a file that
/// is not what it claims, or an SVG that could run script or fetch something when the document
/// is opened, is refused with a message that names the file.
public enum SealFile {
    /// A seal is a small picture; anything larger is a mistake.
    static let maximumBytes = 5 * 1024 * 1024
    static let maximumPixels = 10_000

    /// The printed size of the seal's larger side when none is given: 4.2 cm, the diameter of a
    /// county or prefecture government's seal.
    public static let defaultDiameterMM = 42.0

    public static func load(path: String, diameterMM: Double = defaultDiameterMM) throws(DiagnosticError) -> SealImage {
        func fail(_ id: String, _ message: String) -> DiagnosticError {
            DiagnosticError(Diagnostic(id: id, message: message, dataLocation: DataLocation(file: path)))
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard ext == "png" || ext == "svg" else {
            throw fail("seal-format", "印章图片应为 .png 或 .svg 文件（透明背景） / the seal must be a .png or .svg file")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw fail("seal-not-found", "找不到印章图片 “\(path)” / seal image not found")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw fail("seal-too-large", "印章图片过大（超过 \(maximumBytes / 1024 / 1024) MB） / the seal image is too large")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("seal-unreadable", "无法读取印章图片 “\(path)” / cannot read the seal image")
        }
        let bytes = [UInt8](data)
        guard bytes.count <= maximumBytes else {
            throw fail("seal-too-large", "印章图片过大（超过 \(maximumBytes / 1024 / 1024) MB） / the seal image is too large")
        }
        let size = ext == "png" ? try pngSize(bytes, fail) : try svgSize(bytes, path: path, fail)
        return SealImage(format: ext == "png" ? .png : .svg, bytes: size.bytes, pixelWidth: size.width, pixelHeight: size.height,
                         diameterMM: diameterMM)
    }

    /// Width and height from the PNG header (signature, then the IHDR chunk).
    private static func pngSize(_ bytes: [UInt8], _ fail: (String, String) -> DiagnosticError) throws(DiagnosticError) -> (width: Double, height: Double, bytes: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw fail("seal-not-png", "印章图片不是有效的 PNG 文件 / the seal is not a valid PNG file")
        }
        func u32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let width = u32(16), height = u32(20)
        guard (1...maximumPixels).contains(width), (1...maximumPixels).contains(height) else {
            throw fail("seal-bad-size", "印章图片的尺寸（\(width)×\(height) 像素）不合理 / the seal's pixel size is out of range")
        }
        return (Double(width), Double(height), bytes)
    }

    /// Proportions of an SVG, after refusing anything that could act when the document is
    /// opened: scripts, event handlers, embedded HTML, and references outside the file. The bytes
    /// come back without a DOCTYPE, so no reader of the document goes looking for the DTD.
    private static func svgSize(_ bytes: [UInt8], path: String, _ fail: (String, String) -> DiagnosticError) throws(DiagnosticError) -> (width: Double, height: Double, bytes: [UInt8]) {
        // Drawing programs write a DOCTYPE naming the SVG DTD; without an internal subset it
        // declares nothing and is blanked out (same length, so positions stay). One with
        // declarations is refused by the parser like any other.
        var cleaned = bytes
        if let start = find(Array("<!DOCTYPE".utf8), in: cleaned), let end = cleaned[start...].firstIndex(of: UInt8(ascii: ">")),
           !cleaned[start..<end].contains(UInt8(ascii: "[")) {
            for i in start...end where cleaned[i] != 0x0A { cleaned[i] = 0x20 }
        }
        let root: XMLElement
        do {
            root = try SafeXML.parse(path: path, bytes: cleaned)
        } catch {
            let first = error.diagnostics.first
            throw DiagnosticError(Diagnostic(id: "seal-bad-svg",
                                             message: "印章图片不是可用的 SVG：\(first?.message ?? "") / the seal is not a usable SVG",
                                             location: first?.location))
        }
        guard localName(root.name) == "svg" else {
            throw fail("seal-bad-svg", "印章图片的根元素应为 <svg> / the seal's root element must be <svg>")
        }
        if let problem = unsafePart(root) {
            throw DiagnosticError(Diagnostic(id: "seal-unsafe-svg",
                                             message: "印章图片含有不允许的内容：\(problem.what)（印章只能是图形，不能含脚本或外部引用） / the seal SVG holds unsafe content",
                                             location: problem.location))
        }
        let viewBox = root.attribute("viewBox")?.value.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        let width = root.attribute("width").flatMap { length($0.value) } ?? viewBox.flatMap { $0.count == 4 ? $0[2] : nil }
        let height = root.attribute("height").flatMap { length($0.value) } ?? viewBox.flatMap { $0.count == 4 ? $0[3] : nil }
        guard let width, let height, width > 0, height > 0 else {
            throw fail("seal-bad-size", "印章 SVG 缺少尺寸（width、height 或 viewBox） / the seal SVG has no size")
        }
        return (width, height, cleaned)
    }

    private static let forbiddenElements: Set<String> = ["script", "foreignObject", "iframe", "object", "embed", "audio", "video",
                                                         "handler", "listener", "animation", "set", "animate"]

    /// The first element or attribute that may not be in a seal, with where it is.
    private static func unsafePart(_ element: XMLElement) -> (what: String, location: SourceLocation)? {
        if forbiddenElements.contains(localName(element.name)) { return ("<\(element.name)>", element.location) }
        for attribute in element.attributes {
            let name = localName(attribute.name).lowercased()
            let value = attribute.value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if name.hasPrefix("on") { return ("事件属性 \(attribute.name)", attribute.location) }
            if name == "href" && !(value.hasPrefix("#") || value.hasPrefix("data:image/png;") || value.hasPrefix("data:image/jpeg;")) {
                return ("外部引用 \(attribute.name)=\"\(attribute.value.prefix(60))\"", attribute.location)
            }
            if let bad = externalURL(in: value) { return ("外部引用 \(bad)", attribute.location) }
        }
        for child in element.children {
            switch child {
            case .element(let e):
                if let problem = unsafePart(e) { return problem }
            case .text(let text) where localName(element.name) == "style":
                if let bad = externalURL(in: text.value.lowercased()) { return ("样式中的外部引用 \(bad)", text.location) }
            case .text:
                continue
            }
        }
        return nil
    }

    /// A `url(…)` or `@import` in style text that points outside the file.
    private static func externalURL(in text: String) -> String? {
        if text.contains("@import") { return "@import" }
        var rest = Substring(text)
        while let r = rest.range(of: "url(") {
            let target = rest[r.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
            if !target.hasPrefix("#") && !target.hasPrefix("data:image/") { return "url(\(target.prefix(40))" }
            rest = rest[r.upperBound...]
        }
        return nil
    }

    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    /// An SVG length (`200`, `200px`, `42mm`), in any unit: only the proportions matter. A
    /// percentage says nothing about them (the viewBox does).
    private static func length(_ text: String) -> Double? {
        guard !text.contains("%") else { return nil }
        let number = text.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber || $0 == "." }
        return Double(number)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }
}
