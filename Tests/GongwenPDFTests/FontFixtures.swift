import GongwenPDF

/// The installed fonts the font tests use. CI installs fonts-noto-cjk; elsewhere the tests that
/// need a face are skipped, saying which.
enum FontFixtures {
    static let notoSerif = FontLibrary.system.face(family: "Noto Serif CJK SC", bold: false)
    static let notoSerifBold = FontLibrary.system.face(family: "Noto Serif CJK SC", bold: true)
    static let gongwenSerif = FontLibrary.system.face(family: "Gongwen Serif SC", bold: false)
    /// A TrueType CJK face: the derived "Gongwen Serif SC Extra" (code points moved out of the main face).
    static let gongwenExtra = FontLibrary.system.face(family: "Gongwen Serif SC Extra", bold: false)
    /// A TrueType Latin face (cmap formats 4 and 12).
    static let dejaVu = FontLibrary.system.face(family: "DejaVu Sans", bold: false)
    /// TrueType faces with only a format 4 cmap, as the office's Windows fonts (仿宋_GB2312 …) have.
    static let formatFourOnly = [
        FontLibrary.system.face(family: "DejaVu Sans Light", bold: false),
        FontLibrary.system.face(family: "OpenSymbol", bold: false),
    ].compactMap { $0 }

    static let noNoto = "Noto Serif CJK SC is not installed (apt-get install fonts-noto-cjk)"
    static let noGongwen = "the derived Gongwen fonts are not installed (scripts/derive-fonts.py)"
    static let noDejaVu = "DejaVu Sans is not installed (apt-get install fonts-dejavu-core)"
}

/// Minimal sfnt reading for checking subsets: the table directory of a single-font file.
struct SFNT {
    let bytes: [UInt8]
    func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
    func table(_ tag: String) -> (offset: Int, length: Int)? {
        for record in 0..<u16(4) {
            let at = 12 + 16 * record
            if String(decoding: bytes[at..<at + 4], as: UTF8.self) == tag { return (u32(at + 8), u32(at + 12)) }
        }
        return nil
    }
}
