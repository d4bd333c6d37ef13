import Testing
import Foundation
@testable import GongwenPDF

@Suite struct FontSubsetTests {
    private func use(_ face: FontFace, _ text: String) -> GlyphUse {
        let use = GlyphUse(face: face)
        for scalar in text.unicodeScalars {
            if let glyph = face.glyph(for: scalar) { use.use(glyph, text: String(scalar)) }
        }
        return use
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func cffSubsetOfThreeGlyphsIsSmallAndCIDKeyedByOriginalGlyph() throws {
        let face = try #require(FontFixtures.notoSerif)
        let embedded = try use(face, "公文中").embedded()
        guard case .cff(let bytes) = embedded.program else {
            Issue.record("a CFF face must give a CFF program")
            return
        }
        let fileSize = try #require(try FileManager.default.attributesOfItem(atPath: face.path)[.size] as? Int)
        #expect(bytes.count < 20_000)
        #expect(bytes.count * 100 < fileSize)
        #expect(Array(bytes.prefix(2)) == [1, 0])  // CFF version 1.0 header
        #expect(!embedded.cidToGIDMapIdentity)
        let cff = try #require(bytes.withUnsafeBytes { CompactFontFormat(BigEndianReader(bytes: $0)) })
        #expect(cff.isCIDKeyed)
        // Content-stream code = original glyph id = CID: the charset must map to those.
        let glyphs = "公文中".unicodeScalars.compactMap { face.glyph(for: $0) }
        for glyph in glyphs { #expect(cff.charset.contains(Int(glyph))) }
        #expect(cff.charset.first == 0)
        #expect(embedded.baseFontName.hasSuffix("+NotoSerifCJKsc-Regular"))
        let tag = embedded.baseFontName.prefix(6)
        #expect(tag.count == 6 && tag.allSatisfy { $0.isUppercase && $0.isASCII })
        #expect(embedded.defaultWidth == 1000)
        #expect(embedded.widths.map(\.glyph) == glyphs.sorted())
        #expect(embedded.flags & 4 != 0)
        #expect(embedded.ascent == 880 && embedded.descent == -120)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func toUnicodeGivesTheLaidOutTextFirstWins() throws {
        let face = try #require(FontFixtures.notoSerif)
        let use = GlyphUse(face: face)
        let person = try #require(face.glyph(for: "人"))
        use.use(person, text: "人")
        use.use(person, text: "\u{2F08}")  // the radical, same glyph: the first text stays
        let rare = try #require(face.glyph(for: "\u{20BB7}"))
        use.use(rare, text: "\u{20BB7}")
        let cmap = String(decoding: try use.embedded().toUnicode, as: UTF8.self)
        #expect(cmap.contains(String(format: "<%04X> <4EBA>", person)))
        #expect(!cmap.contains("2F08"))
        #expect(cmap.contains(String(format: "<%04X> <D842DFB7>", rare)))  // surrogate pair
        #expect(cmap.contains("2 beginbfchar"))
        #expect(cmap.contains("/CMapName /Adobe-Identity-UCS def"))
    }

    @Test(.enabled(if: FontFixtures.gongwenExtra != nil, Comment(rawValue: FontFixtures.noGongwen)))
    func trueTypeSubsetKeepsGlyphIds() throws {
        let face = try #require(FontFixtures.gongwenExtra)
        #expect(!face.isCFF)
        let glyph = try #require(face.glyph(for: "\u{2F08}"))
        let embedded = try use(face, "\u{2F08}").embedded()
        guard case .trueType(let bytes) = embedded.program else {
            Issue.record("a TrueType face must give a TrueType program")
            return
        }
        #expect(embedded.cidToGIDMapIdentity)
        let font = SFNT(bytes: bytes)
        #expect(font.u32(0) == 0x0001_0000)
        let glyf = try #require(font.table("glyf")), loca = try #require(font.table("loca"))
        let head = try #require(font.table("head")), maxp = try #require(font.table("maxp"))
        #expect(font.u16(maxp.offset + 4) > Int(glyph))  // glyph ids kept
        let long = font.u16(head.offset + 50) == 1
        func offset(_ gid: Int) -> Int { long ? font.u32(loca.offset + 4 * gid) : 2 * font.u16(loca.offset + 2 * gid) }
        #expect(offset(Int(glyph) + 1) > offset(Int(glyph)))  // the used glyph has an outline
        #expect(glyf.length < 10_000)
        #expect(bytes.count < 20_000)
    }

    @Test(.enabled(if: FontFixtures.dejaVu != nil, Comment(rawValue: FontFixtures.noDejaVu)))
    func latinTrueTypeWidthsInThousandths() throws {
        let face = try #require(FontFixtures.dejaVu)
        let embedded = try use(face, "Hi").embedded()
        let h = try #require(face.glyph(for: "H"))
        let width = try #require(embedded.widths.first { $0.glyph == h }?.width)
        #expect(width == Int((Double(face.advance(of: h)) * 1000 / 2048).rounded()))
        if case .trueType(let bytes) = embedded.program {
            #expect(SFNT(bytes: bytes).table("glyf") != nil)
        } else {
            Issue.record("DejaVu is TrueType")
        }
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func sameGlyphSetReusesTheSubset() throws {
        let face = try #require(FontFixtures.notoSerif)
        let first = try use(face, "通知如下").embedded()
        let second = try use(face, "如下通知").embedded()
        #expect(first.baseFontName == second.baseFontName)
        if case .cff(let a) = first.program, case .cff(let b) = second.program { #expect(a == b) }
        let other = try use(face, "通知如上").embedded()
        #expect(other.baseFontName != first.baseFontName)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func glyphUseFromManyThreads() throws {
        let face = try #require(FontFixtures.notoSerif)
        let use = GlyphUse(face: face)
        let text = Array("中华人民共和国国务院办公厅关于印发通知的函".unicodeScalars)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<200 {
                for scalar in text { use.use(face.glyph(for: scalar) ?? 0, text: String(scalar)) }
            }
        }
        #expect(use.count == Set(text.compactMap { face.glyph(for: $0) }).count)
        #expect(!use.isEmpty)
        #expect(GlyphUse(face: face).isEmpty)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func recordGlyphsBeyondTheSharedOnes() throws {
        let face = try #require(FontFixtures.notoSerif)
        let shared = use(face, "诚信计生双向承诺书")
        let record = use(face, "承诺人张三")
        let own = record.subtracting(shared)
        let zhang = try #require(face.glyph(for: "张")), promise = try #require(face.glyph(for: "承"))
        #expect(own.contains(zhang))
        #expect(!own.contains(promise))
        #expect(shared.contains(promise))
        #expect(own.count == 3)  // 人 张 三
        let cmap = String(decoding: try own.embedded().toUnicode, as: UTF8.self)
        #expect(cmap.contains(String(format: "<%04X> <5F20>", zhang)))
        #expect(!cmap.contains("<627F>"))
        #expect(use(face, "诚信").subtracting(shared).isEmpty)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func charsetRewriteForFontsWhoseCIDsAreNotGlyphIds() throws {
        let face = try #require(FontFixtures.notoSerif)
        guard case .cff(let bytes) = try use(face, "公文").embedded().program else {
            Issue.record("a CFF face must give a CFF program")
            return
        }
        let cff = try #require(bytes.withUnsafeBytes { CompactFontFormat(BigEndianReader(bytes: $0)) })
        let wanted = cff.charset.map { $0 == 0 ? 0 : $0 + 7 }
        let rewritten = try FontProgram.rewriteCharset(bytes, cff: cff, to: wanted, path: face.path)
        let reparsed = try #require(rewritten.withUnsafeBytes { CompactFontFormat(BigEndianReader(bytes: $0)) })
        #expect(reparsed.charset == wanted)
        #expect(reparsed.glyphCount == cff.glyphCount)
        #expect(reparsed.isCIDKeyed)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func subsetsOfOneFaceFromManyThreads() throws {
        let face = try #require(FontFixtures.notoSerif)
        let han = (0x4E00..<0x5E00).compactMap { Unicode.Scalar($0) }.filter { face.glyph(for: $0) != nil }
        let results = Locked<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<6 {
                let use = GlyphUse(face: face)
                for scalar in han[(thread * 97 + round * 13)...].prefix(15) { use.use(face.glyph(for: scalar) ?? 0, text: String(scalar)) }
                if case .cff(let bytes) = try? use.embedded().program { results.withLock { $0[thread * 100 + round] = bytes } }
            }
        }
        let programs = results.withLock { $0 }
        #expect(programs.count == 48)
        for bytes in programs.values {
            let cff = bytes.withUnsafeBytes { CompactFontFormat(BigEndianReader(bytes: $0)) }
            #expect(cff?.isCIDKeyed == true && (cff?.glyphCount ?? 0) >= 16)
        }
    }
}
