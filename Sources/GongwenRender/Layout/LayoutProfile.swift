import GongwenModel

/// GB/T 9704-2012 page and type values in one place. Writers read sizes, colours and fonts
/// from here and nowhere else, so a measured correction is made once for HTML and ODF.
public struct LayoutProfile: Sendable {
    // Page (5.1, 5.2.1): A4, 版心 156 × 225 mm.
    public var pageWidthMM = 210.0
    public var pageHeightMM = 297.0
    public var marginTopMM = 37.0
    public var marginBottomMM = 35.0
    public var marginLeftMM = 28.0
    public var marginRightMM = 26.0

    // Grid (5.2.3): 22 lines of 28 characters.
    public var linesPerPage = 22
    public var charactersPerLine = 28
    /// 225 mm / 22 lines ≈ 28.95 pt; LibreOffice and Chromium both give 22 lines at this pitch.
    public var linePitchPt = 28.95
    /// 3号 = 16 pt.
    public var bodySizePt = 16.0
    /// 28 × 16 pt overflow 156 mm by 2 mm; this squeeze gives 28 characters in both engines.
    public var letterSpacingPt = -0.25

    // Sizes of the other parts.
    /// 2号 = 22 pt (标题).
    public var titleSizePt = 22.0
    /// 发文机关标志: GB/T 9704 leaves the size to the issuer (not above 22 × 15 mm per character).
    public var issuerMarkSizePt = 36.0
    /// 4号 = 14 pt (版记, page numbers).
    public var colophonSizePt = 14.0
    public var pageNumberSizePt = 14.0
    /// Table rules and the line height inside cells: a one-line row is exactly one grid line
    /// (line + one rule) in both engines, so text after a table stays on the grid and page
    /// breaks fall between rows in both. The rule is 0.75 pt, one CSS pixel, because Chromium
    /// rounds thinner collapsed borders up to a whole pixel.
    public var tableRulePt = 0.75
    public var tableLinePt: Double { linePitchPt - tableRulePt }

    /// Red of the 发文机关标志, the separator and the seal placeholder.
    public var red = "#FF0000"
    /// Rules of the 版记: first and last 0.35 mm, middle 0.25 mm (7.4.1).
    public var colophonOuterRuleMM = 0.35
    public var colophonInnerRuleMM = 0.25
    /// The red separator under the 发文字号 (7.2.6).
    public var separatorRuleMM = 0.35
    /// 公章 placeholder diameter (4.2 cm for governments).
    public var sealDiameterMM = 42.0

    public init() {}

    public static let gbt9704 = LayoutProfile()

    public var textWidthMM: Double { pageWidthMM - marginLeftMM - marginRightMM }

    /// Space between the stacked names of a joint 发文机关标志 and its 文件, in em.
    public static let jointMarkGapEm = 0.3

    /// The 发文机关标志's font size: the profile's size, made smaller for long names so the
    /// mark stays on one line within the 版心 (joint issuers are measured by their longest line).
    public func issuerMarkSize(_ mark: IssuerMark) -> Double {
        let suffix = ClosingLayout.cells(mark.suffix ?? "")
        let widest = mark.names.count > 1
            ? (mark.names.map(ClosingLayout.cells).max() ?? 0) + suffix + Self.jointMarkGapEm
            : ClosingLayout.cells((mark.names.first ?? "") + (mark.suffix ?? ""))
        guard widest > 0 else { return issuerMarkSizePt }
        let fitting = (textWidthMM * 72 / 25.4) / widest
        return min(issuerMarkSizePt, (fitting * 2).rounded(.down) / 2)
    }
    public var textHeightMM: Double { pageHeightMM - marginTopMM - marginBottomMM }
    /// Width of one character cell on the grid, in pt.
    public var characterPitchPt: Double { bodySizePt + letterSpacingPt }

    /// A 标题 (or 附件 title) with its line breaks chosen for the 2号 line (20 characters).
    public func titleLines(_ title: [Inline]) -> [Inline] {
        TitleBreaker.breakLines(title, capacity: Int((textWidthMM * 72 / 25.4 / titleSizePt).rounded(.down)))
    }

    /// The font role of each semantic style.
    public func font(for style: SemanticStyle) -> FontRole {
        switch style {
        case .issuerMark, .title: .xiaoBiaoSong
        case .secrecy, .urgency, .heading1, .attachmentLabel: .heiTi
        case .heading2, .signerName: .kaiTi
        default: .fangSong
        }
    }
}

/// The named styles of a document, as both writers call them (ODF style names, CSS classes).
public enum SemanticStyle: String, Sendable, CaseIterable {
    case body = "Gongwen_Body"
    case copyNumber = "Gongwen_CopyNumber"
    case secrecy = "Gongwen_Secrecy"
    case urgency = "Gongwen_Urgency"
    case issuerMark = "Gongwen_IssuerMark"
    case documentNumber = "Gongwen_DocumentNumber"
    case signerName = "Gongwen_SignerName"
    case title = "Gongwen_Title"
    case addressee = "Gongwen_Addressee"
    case heading1 = "Gongwen_Heading1"
    case heading2 = "Gongwen_Heading2"
    case heading3 = "Gongwen_Heading3"
    case heading4 = "Gongwen_Heading4"
    case attachmentNote = "Gongwen_AttachmentNote"
    case signature = "Gongwen_Signature"
    case date = "Gongwen_Date"
    case note = "Gongwen_Note"
    case attachmentLabel = "Gongwen_AttachmentLabel"
    case attachmentTitle = "Gongwen_AttachmentTitle"
    case colophon = "Gongwen_Colophon"
    case centered = "Gongwen_Centered"
    case clause = "Gongwen_Clause"
    case party = "Gongwen_Party"
    case tableCell = "Gongwen_TableCell"
    case signatureLine = "Gongwen_SignatureLine"
    case listItem = "Gongwen_ListItem"
}
