/// A page's content stream: rules as filled rectangles, text as `TJ` arrays of 2-byte glyph
/// codes (Identity-H) with the adjustments that put every glyph where layout put it. PDF's
/// origin is the bottom-left corner, layout's the top-left: y is flipped here and only here.
/// Numbers are written with two decimals by hand: `String(format:)` would cost more than all
/// of layout on a 40,000-page file.
struct ContentStream {
    private(set) var bytes: [UInt8] = []
    let pageHeight: Double

    init(pageHeight: Double) {
        self.pageHeight = pageHeight
        bytes.reserveCapacity(8 << 10)
    }

    /// The font resource showing a glyph of a face (`F0` …; per-record files put the glyphs
    /// only that record uses in a second font, `G0` …).
    var fontName: (Int, UInt16) -> String = { face, _ in FontNames.main(face) }

    mutating func page(_ page: LaidOutPage, imageNames: (Int) -> String) {
        var color: Color? = nil
        for rule in page.rules {
            if color != rule.color { setFill(rule.color); color = rule.color }
            number(rule.x); space(); number(pageHeight - rule.y - rule.height); space()
            number(rule.width); space(); number(rule.height); ascii(" re f\n")
        }
        for image in page.images {
            ascii("q "); number(image.width); ascii(" 0 0 "); number(image.height); space()
            number(image.x); space(); number(pageHeight - image.y - image.height); ascii(" cm /")
            ascii(imageNames(image.image)); ascii(" Do Q\n")
        }
        guard !page.runs.isEmpty else { return }
        ascii("BT\n")
        var font = "", size = -1.0, charSpacing = 0.0
        for run in page.runs where !run.glyphs.isEmpty {
            if color != run.color { setFill(run.color); color = run.color }
            var start = 0
            while start < run.glyphs.count {
                // A run splits where its glyphs change font (a per-record file's second font).
                let name = fontName(run.face, run.glyphs[start])
                var end = start + 1
                while end < run.glyphs.count, fontName(run.face, run.glyphs[end]) == name { end += 1 }
                if font != name || size != run.size {
                    ascii("/"); ascii(name); space(); number(run.size); ascii(" Tf\n")
                    font = name
                    size = run.size
                }
                // Justified CJK lines space their glyphs evenly: that spacing is the character
                // spacing (Tc), and only glyphs set otherwise get an adjustment in the TJ array.
                let spacing = end - start > 1 ? run.x[start + 1] - run.x[start] - run.advances[start] : 0
                if abs(spacing - charSpacing) >= 0.0001 {
                    charSpacing = (spacing * 10_000).rounded() / 10_000
                    fine(charSpacing); ascii(" Tc\n")
                }
                ascii("1 0 0 1 "); number(run.x[start]); space(); number(pageHeight - run.baseline); ascii(" Tm [<")
                for i in start..<end {
                    if i > start {
                        // Where the glyph goes, against where the previous glyph's width and the
                        // spacing leave it, in thousandths of the size (TJ subtracts).
                        let shift = (run.x[i] - run.x[i - 1] - run.advances[i - 1] - charSpacing) * 1000 / run.size
                        if abs(shift) >= 0.5 {
                            ascii(">"); number(-shift); ascii("<")
                        }
                    }
                    hex(run.glyphs[i])
                }
                ascii(">] TJ\n")
                start = end
            }
        }
        ascii("ET\n")
    }

    private mutating func setFill(_ c: Color) {
        number(c.red); space(); number(c.green); space(); number(c.blue); ascii(" rg\n")
    }

    private mutating func space() { bytes.append(0x20) }

    private mutating func ascii(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func ascii(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private mutating func hex(_ g: UInt16) {
        bytes.append(Self.hexDigits[Int(g >> 12)])
        bytes.append(Self.hexDigits[Int((g >> 8) & 15)])
        bytes.append(Self.hexDigits[Int((g >> 4) & 15)])
        bytes.append(Self.hexDigits[Int(g & 15)])
    }

    mutating func integer(_ n: Int) {
        if n < 0 { bytes.append(0x2D); integer(-n); return }
        if n >= 10 { integer(n / 10) }
        bytes.append(0x30 + UInt8(n % 10))
    }

    /// `v` with at most four decimals: the character spacing, added after every glyph of a
    /// line, where two decimals would drift by a tenth of a point over 28 characters.
    mutating func fine(_ v: Double) {
        var units = Int((v * 10_000).rounded())
        if units < 0 { bytes.append(0x2D); units = -units }
        integer(units / 10_000)
        var fraction = units % 10_000
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var text: [UInt8] = []
        for _ in 0..<digits { text.append(0x30 + UInt8(fraction % 10)); fraction /= 10 }
        bytes += text.reversed()
    }

    /// `v` with at most two decimals, no trailing zeros.
    mutating func number(_ v: Double) {
        var hundredths = Int((v * 100).rounded())
        if hundredths < 0 { bytes.append(0x2D); hundredths = -hundredths }
        integer(hundredths / 100)
        let fraction = hundredths % 100
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(0x30 + UInt8(fraction % 10)) }
    }
}

/// Names of font resources: each face's font, and its second font in per-record files.
enum FontNames {
    private static let main = (0..<64).map { "F\($0)" }
    private static let extra = (0..<64).map { "G\($0)" }
    static func main(_ face: Int) -> String { face < main.count ? main[face] : "F\(face)" }
    static func extra(_ face: Int) -> String { face < extra.count ? extra[face] : "G\(face)" }
}
