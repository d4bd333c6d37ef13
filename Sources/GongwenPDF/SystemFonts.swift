import GongwenRender

/// The installed faces for each role (`FontResolver`: the office's 仿宋_GB2312 … when installed,
/// else the open stand-ins), as layout needs them, and their embedding as subsets.
public final class SystemFonts: FontProvider, @unchecked Sendable {
    /// The machine's fonts, found once per process (reading the name tables of every font file).
    public static let shared = Result { () throws(PDFError) in try SystemFonts() }

    public let resolver: FontResolver
    let chains: [FontRole: FontChain]

    /// Resolves every role now, so that a machine without a usable CJK face is told at once
    /// what to install, before any work is done.
    public init(resolver: FontResolver = FontResolver()) throws(PDFError) {
        self.resolver = resolver
        var chains: [FontRole: FontChain] = [:]
        for role in FontRole.allCases {
            do { chains[role] = try resolver.chain(for: role) } catch { throw PDFError(error.description) }
        }
        self.chains = chains
    }

    public func faces(for role: FontRole) -> [any GlyphMetrics] { chains[role]?.faces ?? [] }

    public func lastResort(for scalar: Unicode.Scalar) -> (any GlyphMetrics)? { resolver.lastResort(for: scalar) }

    /// The subset of `face` with `glyphs`, each showing its character.
    func embed(_ face: any GlyphMetrics, glyphs: [UInt16: Unicode.Scalar]) throws(PDFError) -> EmbeddedFont {
        guard let face = face as? FontFace else { throw PDFError("内部错误：字体不是已安装的字体文件") }
        let use = GlyphUse(face: face)
        for (glyph, scalar) in glyphs { use.use(glyph, text: String(Character(scalar))) }
        do { return try use.embedded() } catch { throw PDFError(error.description) }
    }
}

extension FontFace: GlyphMetrics {}

extension SystemFonts {
    /// Throws when HarfBuzz's subsetter cannot be loaded (it is needed to embed any face).
    func checkSubsetter() throws(PDFError) {
        do { _ = try HarfBuzz.get() } catch { throw PDFError(error.description) }
    }
}
