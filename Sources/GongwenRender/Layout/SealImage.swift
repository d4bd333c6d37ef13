import Foundation
import GongwenModel

/// An office's authorised electronic seal (电子印章), printed where GB/T 9704-2012 7.3.5.1 puts
/// the seal. Without one, `<印章/>` keeps the sealed layout and prints nothing: the office
/// stamps the paper copy, and nothing red may be printed where the stamp goes.
///
/// The bytes are checked before they get here (`SealFile` in the Gongwen module: a PNG with a
/// sane header, or an SVG without scripts, external references or entities); the writers
/// embed them as they are.
public struct SealImage: Sendable, Equatable {
    public enum Format: String, Sendable {
        case png, svg

        public var mediaType: String { self == .png ? "image/png" : "image/svg+xml" }
        public var fileExtension: String { rawValue }
    }

    public var format: Format
    public var bytes: [UInt8]
    /// Printed size. The larger side is the seal's diameter (4.2 cm for a government seal by
    /// default), the other follows the image's proportions.
    public var widthMM: Double
    public var heightMM: Double

    /// - Parameters:
    ///   - pixelWidth, pixelHeight: the image's own proportions (pixels, or SVG user units).
    ///   - diameterMM: the printed size of the larger side.
    public init(format: Format, bytes: [UInt8], pixelWidth: Double, pixelHeight: Double, diameterMM: Double = 42) {
        self.format = format
        self.bytes = bytes
        let w = max(pixelWidth, 1), h = max(pixelHeight, 1)
        widthMM = w >= h ? diameterMM : diameterMM * w / h
        heightMM = h >= w ? diameterMM : diameterMM * h / w
    }

    /// The image as base64, for HTML data URLs and flat ODF's `office:binary-data`.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The package path of the image in an `.odt`.
    public var packagePath: String { "Pictures/seal.\(format.fileExtension)" }
}

/// Where the seal goes relative to the first line of the closing (the 署名, or the date when
/// there is no 署名), in the units both writers use.
///
/// GB/T 9704-2012 7.3.5.1: the seal is centred on the 成文日期 horizontally, “端正、居中下压发文机关署名
/// 和成文日期，使发文机关署名和成文日期居印章中心偏下位置”, and its top is within one line of the text
/// above. The sealed layout leaves two empty lines above the 署名, about 20.4 mm; with the
/// centre 1 mm below the top of the 署名 line, a 42 mm seal's top sits just under the text
/// above, and the 署名 and date are in its lower half.
public struct SealPlacement: Sendable, Equatable {
    /// Distance from the right edge of the 版心 to the seal's centre, in characters.
    public var centreFromRightCharacters: Double
    /// Distance from the top of the first closing line to the seal's centre, in mm.
    public static let centreBelowFirstLineMM = 1.0

    public init(_ closing: Closing, layout: ClosingLayout) {
        let dateWidth = closing.date.map(ClosingLayout.cells) ?? 0
        centreFromRightCharacters = layout.dateIndent + dateWidth / 2
    }
}
