/// The typefaces GB/T 9704-2012 names, as roles. Each role lists the names offices' machines
/// know the face by (Windows, WPS, macOS), then open fonts that stand in for it where none is
/// installed. Fonts/README.md documents the table and Fonts/fontconfig maps the first names to
/// the open fonts for LibreOffice, which only looks at the first name of a list.
public enum FontRole: String, Sendable, CaseIterable {
    /// 仿宋: body text.
    case fangSong
    /// 黑体: 一、 headings, 密级, 紧急程度, 附件 labels.
    case heiTi
    /// 楷体: （一） headings, 签发人 names.
    case kaiTi
    /// 小标宋: 发文机关标志 and 标题.
    case xiaoBiaoSong
    /// 宋体: tables and forms where the office prefers it.
    case songTi

    /// The names office machines know the face by (Windows, WPS, macOS), most common first.
    public var officeNames: [String] {
        switch self {
        case .fangSong: ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong"]
        case .heiTi: ["黑体", "SimHei", "STHeiti"]
        case .kaiTi: ["楷体_GB2312", "楷体", "KaiTi", "STKaiti"]
        case .xiaoBiaoSong: ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong"]
        case .songTi: ["宋体", "SimSun"]
        }
    }

    /// Open faces that stand in where none of the office names is installed: first the copies
    /// `scripts/derive-fonts.py` makes of them (“Gongwen …”, with the cmap cleaned so that a PDF
    /// Chromium prints copies and searches as the right characters, not as radicals like ⼈ for
    /// 人; each with an “Extra” face for the code points moved out), then Debian's own faces.
    public var openFallbacks: [String] {
        switch self {
        case .heiTi: ["Gongwen Sans SC", "Gongwen Sans SC Extra", "Noto Sans CJK SC"]
        case .kaiTi: ["Gongwen Kai", "Gongwen Kai Extra", "LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC"]
        default: ["Gongwen Serif SC", "Gongwen Serif SC Extra", "Noto Serif CJK SC"]
        }
    }

    /// Office names first, then open stand-ins: the order a browser tries them.
    public var families: [String] { officeNames + openFallbacks }

    /// The generic CSS family ending the list.
    public var generic: String {
        self == .heiTi ? "sans-serif" : "serif"
    }

    /// ODF font-face name (`style:name`), one per role.
    public var odfName: String {
        switch self {
        case .fangSong: "仿宋"
        case .heiTi: "黑体"
        case .kaiTi: "楷体"
        case .xiaoBiaoSong: "小标宋"
        case .songTi: "宋体"
        }
    }

    /// ODF `style:font-family-generic`.
    public var odfGeneric: String {
        self == .heiTi ? "swiss" : "roman"
    }

    /// Whether the open stand-in needs bold to look like the original (小标宋 is a heavy face).
    public var fallbackWeight: Int {
        self == .xiaoBiaoSong ? 700 : 400
    }
}
