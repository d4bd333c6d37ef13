import GongwenModel
import GongwenRender
import Testing
@testable import GongwenPDF

/// A made-up face: every character has a glyph (its code point's low 16 bits), CJK and
/// full-width forms one em, everything else half an em. Line breaking is then checked on the
/// grid's own numbers, whatever fonts the machine has.
final class GridFace: GlyphMetrics, @unchecked Sendable {
    let unitsPerEm = 1000
    let ascender = 1160
    let descender = -288
    func glyph(for scalar: Unicode.Scalar) -> UInt16? { scalar.value < 0x10000 && scalar.value > 0 ? UInt16(scalar.value) : 1 }
    func advance(of glyph: UInt16) -> Int { glyph >= 0x2E80 ? 1000 : 500 }
}

struct GridFonts: FontProvider {
    let face = GridFace()
    func faces(for role: FontRole) -> [any GlyphMetrics] { [face] }
    func lastResort(for scalar: Unicode.Scalar) -> (any GlyphMetrics)? { nil }
}

@Suite struct LineBreakingTests {
    let metrics = PageMetrics(.gbt9704)

    func lines(_ text: String, indent: Double = 0) -> [String] {
        let typesetter = Typesetter(fonts: GridFonts(), slots: FontSlots())
        var overlong = false
        return LineBreaker(style: metrics.body, alignment: .justify)
            .lines([.text(text)], width: metrics.width, firstIndent: indent, typesetter: typesetter, overlong: &overlong)
            .map { String(String.UnicodeScalarView($0.glyphs.map(\.scalar))) }
    }

    @Test("28 characters of 3号 to a line, 26 after the two-character indent")
    func gridLine() {
        let text = String(repeating: "字", count: 60)
        #expect(lines(text).map(\.count) == [28, 28, 4])
        #expect(lines(text, indent: 32).map(\.count) == [26, 28, 6])
    }

    @Test("a comma never starts a line: the character before it goes down with it")
    func closingPunctuation() {
        let text = String(repeating: "字", count: 28) + "，后文"
        let broken = lines(text)
        #expect(broken[0].count == 27)
        #expect(broken[1].hasPrefix("字，"))
    }

    @Test("an opening bracket never ends a line")
    func openingBracket() {
        let text = String(repeating: "字", count: 27) + "（括号）"
        let broken = lines(text)
        #expect(broken[0].count == 27)
        #expect(broken[1].hasPrefix("（"))
    }

    @Test("〔2025〕17号 and figures stay whole")
    func documentNumber() {
        let text = String(repeating: "字", count: 24) + "南人口发〔2025〕17号文件"
        let broken = lines(text)
        #expect(broken.contains { $0.contains("〔2025〕17号") })
        let figures = String(repeating: "字", count: 26) + "10.53‰以上"
        #expect(lines(figures).contains { $0.contains("10.53‰") })
    }

    @Test("a word longer than a line is broken and reported")
    func overlong() {
        let typesetter = Typesetter(fonts: GridFonts(), slots: FontSlots())
        var overlong = false
        let broken = LineBreaker(style: metrics.body, alignment: .justify)
            .lines([.text(String(repeating: "A", count: 80))], width: metrics.width, typesetter: typesetter, overlong: &overlong)
        #expect(overlong)
        #expect(broken.count == 2)
        #expect(broken.reduce(0) { $0 + $1.glyphs.count } == 80)
    }

    @Test("justified lines end at the right edge of the 版心; the last line does not stretch")
    func justification() {
        let typesetter = Typesetter(fonts: GridFonts(), slots: FontSlots())
        var overlong = false
        let text = String(repeating: "字", count: 27) + "，" + String(repeating: "字", count: 3)
        let broken = LineBreaker(style: metrics.body, alignment: .justify)
            .lines([.text(text)], width: metrics.width, typesetter: typesetter, overlong: &overlong)
        #expect(abs(broken[0].width - metrics.width) < 0.5)
        #expect(broken[1].width < metrics.width / 2)
    }
}
