import GongwenRender

/// Chooses the faces for each role from a library and finds a face for characters no chosen
/// face has. Chains and last-resort answers are cached: layout asks per run of text.
public final class FontResolver: @unchecked Sendable {
    public let library: FontLibrary
    private let chains = Locked<[FontRole: FontChain]>([:])
    private let lastResorts = Locked<[UInt32: FontFace?]>([:])
    private let searchOrder = Locked<[FontFace]?>(nil)

    public init(library: FontLibrary = .system) {
        self.library = library
    }

    /// The chain for `role`: role.officeNames (regular), then role.openFallbacks (bold when
    /// role.fallbackWeight is 700, as the HTML output asks). When none is installed, any CJK
    /// face stands in; with no CJK face at all, the error says what to install.
    public func chain(for role: FontRole) throws(FontError) -> FontChain {
        if let chain = chains.withLock({ $0[role] }) { return chain }
        var faces: [FontFace] = []
        func add(_ face: FontFace?) {
            if let face, !faces.contains(where: { $0 === face }) { faces.append(face) }
        }
        for name in role.officeNames { add(library.face(family: name, bold: false)) }
        let isOffice = !faces.isEmpty
        for name in role.openFallbacks { add(library.face(family: name, bold: role.fallbackWeight == 700)) }
        if faces.isEmpty { add(anyCJKFace(bold: role.fallbackWeight == 700)) }
        guard !faces.isEmpty else {
            let wanted = role.families.joined(separator: "、")
            throw FontError("""
                找不到\(role.odfName)（\(wanted)）或任何中文字体，无法生成 PDF。\
                请安装开源中文字体：sudo apt-get install fonts-noto-cjk；\
                或把仿宋_GB2312、黑体、楷体_GB2312、方正小标宋简体等字体文件放入 ~/.local/share/fonts \
                （也可用环境变量 GONGWEN_FONT_PATH 指定字体目录）。
                """)
        }
        let chain = FontChain(role: role, faces: faces, isOfficeFont: isOffice)
        chains.withLock { $0[role] = chain }
        return chain
    }

    /// Any installed face that has `scalar`, for characters missing from a role's whole chain
    /// (a rare 𠮷 or 䶮): CJK faces are tried first, regular before bold. Cached per scalar.
    public func lastResort(for scalar: Unicode.Scalar) -> FontFace? {
        if let known = lastResorts.withLock({ $0[scalar.value] }) { return known }
        let found = allFaces().first { $0.glyph(for: scalar) != nil }
        lastResorts.withLock { $0[scalar.value] = found }
        return found
    }

    /// A face with common Chinese characters, for a role none of whose names is installed.
    private func anyCJKFace(bold: Bool) -> FontFace? {
        allFaces().first { $0.isBold == bold && Self.isCJK($0) } ?? allFaces().first(where: Self.isCJK)
    }

    private static func isCJK(_ face: FontFace) -> Bool {
        "中国人民政府".unicodeScalars.allSatisfy { face.glyph(for: $0) != nil }
    }

    /// Every readable installed face, CJK ones first and regular before bold, opened once.
    private func allFaces() -> [FontFace] {
        if let faces = searchOrder.withLock({ $0 }) { return faces }
        let faces = library.summaries.compactMap { library.open($0) }
        let ordered = faces.enumerated().sorted { left, right in
            let leftKey = (Self.isCJK(left.element) ? 0 : 1, left.element.isBold ? 1 : 0, left.offset)
            let rightKey = (Self.isCJK(right.element) ? 0 : 1, right.element.isBold ? 1 : 0, right.offset)
            return leftKey < rightKey
        }.map(\.element)
        searchOrder.withLock { $0 = ordered }
        return ordered
    }
}
