/// The 签发人 lines of an upward document (GB/T 9704-2012 7.2.5), for both writers: names two to
/// a line in the issuers' order; the first line “签发人：张三　李四” one character in from the
/// right; each later line starts under the first name of the first line (“回行时与上一行第一个签发人
/// 姓名对齐”), and the last one shares its line with the 发文字号, one character in from the left.
/// Positions are computed here and set as tab stops (ODF) and offsets (HTML), not left to each
/// engine's right alignment: the faces' advances differ by fractions of a millimetre, and the
/// names must line up exactly.
public struct SignerLayout: Sendable, Equatable {
    public var lines: [[String]]
    /// Where the first line's first name starts, in characters from the right edge of the 版心:
    /// one character of margin and the width of the names.
    public var namesFromRight: Double

    public init(_ signers: [String]) {
        lines = PartText.signerLines(signers)
        namesFromRight = 1 + ClosingLayout.cells(lines.first.map(Self.text) ?? "")
    }

    /// A line's names as printed, a full-width space apart.
    public static func text(_ names: [String]) -> String { names.joined(separator: "　") }

    /// Where the names of every line start, in characters from the left edge: the first line's
    /// names are right-aligned one character in, the later lines' start under them.
    public func namesFromLeft(charactersPerLine: Int) -> Double {
        max(0, Double(charactersPerLine) - namesFromRight)
    }

    /// Where “签发人：” starts on the first line, in characters from the left edge.
    public func labelFromLeft(charactersPerLine: Int) -> Double {
        max(0, namesFromLeft(charactersPerLine: charactersPerLine) - ClosingLayout.cells(Self.label))
    }

    public static let label = "签发人："
}
