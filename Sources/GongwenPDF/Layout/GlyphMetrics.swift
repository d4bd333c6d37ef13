import GongwenRender

/// What layout needs of a face: its cmap and advances. `FontFace` (Fonts/) is the real one;
/// tests lay out with a made-up monospaced face, so line and page breaking are checked without
/// depending on which fonts a machine has.
public protocol GlyphMetrics: AnyObject, Sendable {
    func glyph(for scalar: Unicode.Scalar) -> UInt16?
    func advance(of glyph: UInt16) -> Int
    var unitsPerEm: Int { get }
    /// Ascent above the baseline in font units (positive) and descent below it (negative).
    var ascender: Int { get }
    var descender: Int { get }
}

/// The faces of each role, in the order they are tried, and a face of last resort for
/// characters none of them has.
public protocol FontProvider: Sendable {
    func faces(for role: FontRole) -> [any GlyphMetrics]
    /// Any face that has `scalar` (a rare 𠮷 or 䶮 missing from the role's faces).
    func lastResort(for scalar: Unicode.Scalar) -> (any GlyphMetrics)?
}
