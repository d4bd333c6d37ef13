/// A laid-out page: glyphs placed in points from the top-left corner of the paper, rules and
/// images. The file writer turns it into a content stream; nothing here knows PDF syntax.
public struct LaidOutPage: Sendable {
    public var runs: [GlyphRun] = []
    public var rules: [Rule] = []
    public var images: [PlacedImage] = []

    public init() {}

    public var isEmpty: Bool { runs.isEmpty && rules.isEmpty && images.isEmpty }
}

/// Glyphs of one face and size on one baseline. `x` holds each glyph's left edge.
public struct GlyphRun: Sendable {
    public var face: Int
    public var size: Double
    public var baseline: Double
    public var glyphs: [UInt16]
    public var x: [Double]
    /// Each glyph's own advance at `size` (the PDF's /W widths), to position the next one.
    public var advances: [Double]
    public var color: Color
}

/// A filled rectangle: table borders, the red separator, 版记 rules, underlines to write on.
public struct Rule: Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var color: Color
}

public struct PlacedImage: Sendable {
    /// Index into the images the writer was given (only the seal today).
    public var image: Int
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
}

public struct Color: Sendable, Equatable {
    public var red: Double, green: Double, blue: Double
    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let red = Color(red: 1, green: 0, blue: 0)
}
