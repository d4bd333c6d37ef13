import Testing
@testable import GongwenPDF

@Suite struct FontFaceTests {
    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func notoSerifMapsCJKAtOneEm() throws {
        let face = try #require(FontFixtures.notoSerif)
        #expect(face.isCFF)
        #expect(face.unitsPerEm == 1000)
        #expect(face.familyNames.contains("Noto Serif CJK SC"))
        #expect(face.postScriptName == "NotoSerifCJKsc-Regular")
        #expect(!face.isBold)
        let glyph = try #require(face.glyph(for: "中"))
        #expect(glyph != 0)
        #expect(face.advance(of: glyph) == 1000)
        // OS/2 typo metrics: the ideographic em box.
        #expect(face.ascender - face.descender == 1000)
        #expect(face.descender < 0)
        #expect(face.capHeight > 0)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func missingCharactersHaveNoGlyph() throws {
        let face = try #require(FontFixtures.notoSerif)
        #expect(face.glyph(for: "\u{E000}") == nil)   // private use
        #expect(face.glyph(for: "\u{10FFFD}") == nil)  // plane 16 private use, past every format 12 group
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func radicalAndIdeographShareAGlyphInNoto() throws {
        let face = try #require(FontFixtures.notoSerif)
        #expect(face.glyph(for: "人") == face.glyph(for: "\u{2F08}"))  // ⼈ KANGXI RADICAL MAN
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func supplementaryPlaneComesFromFormat12() throws {
        let face = try #require(FontFixtures.notoSerif)
        // 𠮷 U+20BB7 is in Noto CJK (a JIS ideograph): found by the binary search over format 12 groups.
        let glyph = try #require(face.glyph(for: "\u{20BB7}"))
        #expect(face.advance(of: glyph) == 1000)
    }

    @Test(.enabled(if: FontFixtures.dejaVu != nil, Comment(rawValue: FontFixtures.noDejaVu)))
    func trueTypeProportionalAdvances() throws {
        let face = try #require(FontFixtures.dejaVu)
        #expect(!face.isCFF)
        #expect(face.unitsPerEm == 2048)
        let i = try #require(face.glyph(for: "i")), m = try #require(face.glyph(for: "M"))
        #expect(face.advance(of: i) < face.advance(of: m))
        #expect(face.glyph(for: "中") == nil)
        // Glyph ids beyond the font take the last hmtx entry instead of reading past the table.
        #expect(face.advance(of: UInt16.max) >= 0)
    }

    @Test func notAFontIsAnErrorNamingTheFile() {
        let path = "/etc/hostname"
        #expect {
            _ = try FontFace(path: path)
        } throws: { error in
            String(describing: error).contains(path) && String(describing: error).contains("字体")
        }
        #expect(throws: FontError.self) { _ = try FontFace(path: "/nonexistent/字体.ttf") }
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func collectionIndexOutOfRangeIsAnError() throws {
        let face = try #require(FontFixtures.notoSerif)
        #expect(throws: FontError.self) { _ = try FontFace(path: face.path, index: 99) }
    }

    @Test func legacyChineseNamesAreDecoded() {
        // 仿宋_GB2312 as an old font's Windows PRC (3/3) name: GBK bytes in 16-bit units.
        let windows: [UInt8] = [0xB7, 0xC2, 0xCB, 0xCE, 0, 0x5F, 0, 0x47, 0, 0x42, 0, 0x32, 0, 0x33, 0, 0x31, 0, 0x32]
        let mac: [UInt8] = [0xBF, 0xAC, 0xCC, 0xE5]  // 楷体 as a Macintosh Simplified Chinese (1/25) name
        func decode(_ bytes: [UInt8], _ platform: Int, _ encoding: Int) -> String? {
            bytes.withUnsafeBytes { FaceNames.decode(BigEndianReader(bytes: $0), platform: platform, encoding: encoding) }
        }
        #if os(Linux)
        #expect(decode(windows, 3, 3) == "仿宋_GB2312")
        #expect(decode(mac, 1, 25) == "楷体")
        #endif
        #expect(decode([0, 0x41, 0x4E, 0x2D], 3, 1) == "A中")
    }
}
