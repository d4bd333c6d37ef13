import GongwenRender

/// The installed faces for one role, in the order the HTML output names them (the office's
/// own fonts, then the open stand-ins): layout takes each character from the first face that
/// has it.
public struct FontChain: Sendable {
    public let role: FontRole
    /// Installed faces only, in order; the first is the primary face.
    public let faces: [FontFace]
    /// Whether the primary face is one of the role's office fonts (仿宋_GB2312 …); when false
    /// the document is set in a stand-in and the caller warns.
    public var isOfficeFont: Bool

    public init(role: FontRole, faces: [FontFace], isOfficeFont: Bool) {
        self.role = role
        self.faces = faces
        self.isOfficeFont = isOfficeFont
    }

    /// The first face of the chain that has `scalar`, with its glyph.
    public func glyph(for scalar: Unicode.Scalar) -> (face: FontFace, glyph: UInt16)? {
        for face in faces {
            if let glyph = face.glyph(for: scalar) { return (face, glyph) }
        }
        return nil
    }
}
