import GongwenModel

/// The vertical geometry of the 版头 (GB/T 9704-2012 7.2), computed once for both writers so
/// LibreOffice and Chromium give it exactly the same height and the 主体 starts on the same grid
/// line in both:
///
/// - 份号, 密级, 紧急程度: one grid line each, from the top of the 版心;
/// - 发文机关标志: its top edge 35 mm below the top of the 版心 (80 mm for upward documents,
///   those with 签发人; or right under the lines above when they reach further), one line box
///   per issuer as tall as the face's ascent + descent, and the block rounded up to whole grid
///   lines;
/// - 发文字号: two empty lines below the mark, on a grid line;
/// - the red separator 4 mm under the 发文字号's line;
/// - the 标题 two lines below the separator, back on the grid.
public struct BannerLayout: Sendable, Equatable, Hashable {
    /// Lines above the mark (份号, 密级, 紧急程度).
    public var topLines: Int
    public var markSizePt: Double
    /// Issuers stacked in the mark (joint documents).
    public var markLines: Int
    /// Space between the last top line and the mark's line box.
    public var markMarginTopMM: Double
    /// One mark line box.
    public var markLineHeightMM: Double
    /// Width of the widest issuer name and of the suffix (文件), for joint marks.
    public var nameWidthMM: Double
    public var suffixWidthMM: Double
    /// Space after the mark that brings the block to a whole number of grid lines.
    public var markMarginBottomMM: Double
    /// Empty grid lines between the mark and the 发文字号.
    public var linesBeforeDocumentNumber = 2
    /// Distance from the 发文字号's line box to the separator, and the separator's thickness.
    public var ruleGapMM = 4.0
    public var ruleMM: Double
    /// Space between the separator and the 标题: two grid lines, less the gap and the rule.
    public var titleMarginTopMM: Double

    /// Ascent + descent of the CJK faces used for the mark (Noto CJK's hhea metrics: 1.16 + 0.288
    /// em), so a line box holds the glyphs without extra leading in either engine.
    static let markLineBoxEm = 1.448
    /// From the top of that line box to the top of the ideographs' em box (1.16 − 0.88 em).
    static let markTopInsetEm = 0.28

    public init?(_ header: Header, profile p: LayoutProfile) {
        guard let mark = header.issuerMark else { return nil }
        let pitch = p.linePitchPt * 25.4 / 72
        topLines = [header.copyNumber, header.secrecy, header.urgency].compactMap { $0 }.count
        markSizePt = p.issuerMarkSize(mark)
        markLines = max(1, mark.names.count)
        let sizeMM = markSizePt * 25.4 / 72
        markLineHeightMM = Self.markLineBoxEm * sizeMM
        let above = Double(topLines) * pitch
        markMarginTopMM = max(0, (header.signers.isEmpty ? 35 : 80) - Self.markTopInsetEm * sizeMM - above)
        let bottom = above + markMarginTopMM + Double(markLines) * markLineHeightMM
        markMarginBottomMM = (bottom / pitch).rounded(.up) * pitch - bottom
        nameWidthMM = (mark.names.map(ClosingLayout.cells).max() ?? 0) * sizeMM
        suffixWidthMM = ClosingLayout.cells(mark.suffix ?? "") * sizeMM
        ruleMM = p.separatorRuleMM
        titleMarginTopMM = 2 * pitch - ruleGapMM - ruleMM
    }

    /// Grid lines the 版头 takes down to the 发文字号 line included (the rule is inside the gap
    /// before the title).
    public func lines(pitchMM: Double) -> Int {
        let markBlock = Double(topLines) * pitchMM + markMarginTopMM + Double(markLines) * markLineHeightMM + markMarginBottomMM
        return Int((markBlock / pitchMM).rounded()) + linesBeforeDocumentNumber + 1
    }
}
