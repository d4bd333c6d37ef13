import GongwenRender

/// Points and the vertical placement of text in a line box, as CSS places it: the face's
/// ascent + descent centred in the line, the baseline at the ascent below the content's top.
/// Noto CJK's line metrics (1.16 + 0.288 em, the numbers `BannerLayout` uses) are taken for
/// every face, so a line's baseline does not move when an office font is installed: the grid,
/// not the face, fixes where lines are.
enum Geometry {
    static func pt(_ mm: Double) -> Double { mm * 72 / 25.4 }

    static let ascentEm = 1.16
    static let descentEm = 0.288

    /// Baseline below the top of a line box `height` tall, for text of `size` points.
    static func baseline(lineHeight height: Double, size: Double) -> Double {
        (height - (ascentEm + descentEm) * size) / 2 + ascentEm * size
    }
}

/// The profile's values in points, computed once.
struct PageMetrics {
    let profile: LayoutProfile
    let pitch: Double
    let width: Double
    let height: Double
    let left: Double
    let top: Double
    let body: TextStyle
    let em: Double

    init(_ p: LayoutProfile) {
        profile = p
        pitch = p.linePitchPt
        width = Geometry.pt(p.textWidthMM)
        height = Geometry.pt(p.textHeightMM)
        left = Geometry.pt(p.marginLeftMM)
        top = Geometry.pt(p.marginTopMM)
        body = TextStyle(role: .fangSong, size: p.bodySizePt, letterSpacing: p.letterSpacingPt)
        em = p.bodySizePt
    }

    var paperWidth: Double { Geometry.pt(profile.pageWidthMM) }
    var paperHeight: Double { Geometry.pt(profile.pageHeightMM) }

    func style(_ role: FontRole, size: Double? = nil, spacing: Double? = nil, color: Color = .black) -> TextStyle {
        TextStyle(role: role, size: size ?? profile.bodySizePt, letterSpacing: spacing ?? profile.letterSpacingPt, color: color)
    }
}
