import Testing
import GongwenRender
@testable import GongwenPDF

@Suite struct FontLibraryTests {
    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func findsNotoSerifRegularAndBoldByFamily() throws {
        let regular = try #require(FontLibrary.system.face(family: "Noto Serif CJK SC", bold: false))
        let bold = try #require(FontLibrary.system.face(family: "noto serif cjk sc", bold: true))
        #expect(!regular.isBold)
        #expect(bold.isBold)
        #expect(bold.postScriptName == "NotoSerifCJKsc-Bold")
        // Shared: the same face object every time, so one GlyphUse per face collects a batch.
        #expect(FontLibrary.system.face(family: "Noto Serif CJK SC", bold: false) === regular)
    }

    @Test func unknownFamilyIsNil() {
        #expect(FontLibrary.system.face(family: "No Such Family 不存在", bold: false) == nil)
    }

    @Test(.enabled(if: FontFixtures.gongwenSerif != nil, Comment(rawValue: FontFixtures.noGongwen)))
    func fangSongChainStartsWithGongwenSerif() throws {
        let chain = try FontResolver().chain(for: .fangSong)
        #expect(chain.faces.first?.familyNames.contains("Gongwen Serif SC") == true)
        #expect(chain.faces.dropFirst().first?.familyNames.contains("Gongwen Serif SC Extra") == true)
        #expect(!chain.isOfficeFont)
        #expect(chain.faces.allSatisfy { !$0.isBold })
        // ⼈ was moved out of the main face into the Extra face: the chain finds it there.
        let found = try #require(chain.glyph(for: "\u{2F08}"))
        #expect(found.face.familyNames.contains("Gongwen Serif SC Extra"))
    }

    @Test(.enabled(if: FontFixtures.notoSerifBold != nil, Comment(rawValue: FontFixtures.noNoto)))
    func xiaoBiaoSongStandInIsBold() throws {
        let chain = try FontResolver().chain(for: .xiaoBiaoSong)
        #expect(chain.faces.first?.isBold == true)
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func libraryFromAFolderAndFallbackToAnyCJKFace() throws {
        let noto = try #require(FontFixtures.notoSerif)
        let folder = String(noto.path[..<(noto.path.lastIndex(of: "/") ?? noto.path.endIndex)])
        let library = FontLibrary(folders: [folder])
        let chain = try FontResolver(library: library).chain(for: .heiTi)
        #expect(chain.faces.first?.familyNames.contains("Noto Sans CJK SC") == true)
        #expect(!chain.isOfficeFont)
    }

    @Test func noCJKFontAtAllSaysWhatToInstall() {
        let resolver = FontResolver(library: FontLibrary(folders: ["/nonexistent-font-folder"]))
        #expect {
            _ = try resolver.chain(for: .fangSong)
        } throws: { error in
            String(describing: error).contains("apt-get install fonts-noto-cjk")
                && String(describing: error).contains("~/.local/share/fonts")
        }
    }

    @Test(.enabled(if: FontFixtures.notoSerif != nil, Comment(rawValue: FontFixtures.noNoto)))
    func lastResortFindsARareCharacter() throws {
        let resolver = FontResolver()
        let face = try #require(resolver.lastResort(for: "\u{20BB7}"))  // 𠮷
        #expect(face.glyph(for: "\u{20BB7}") != nil)
        #expect(resolver.lastResort(for: "\u{20BB7}") === face)
        #expect(resolver.lastResort(for: "\u{10FFFD}") == nil)
    }
}
