/// XML 1.0 (§2.2) allows only some characters in a document. Data comes from spreadsheets and
/// may hold any control character; such characters are dropped before they reach a writer, so
/// every output stays well-formed. Merge reports what it dropped.
public enum XMLCharacters {
    /// Whether XML 1.0 allows `scalar` in character data.
    @inlinable
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether `text` holds any character XML forbids.
    public static func containsForbidden(_ text: String) -> Bool {
        // Forbidden scalars in a Swift string are the C0 controls other than tab, LF and CR
        // (single bytes below 0x20) and U+FFFE/U+FFFF (EF BF BE / EF BF BF); surrogates cannot
        // occur. Scanning the UTF-8 bytes avoids decoding every scalar of every text.
        var state = 0  // bytes of EF BF matched so far
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            switch (state, byte) {
            case (_, 0xEF): state = 1
            case (1, 0xBF): state = 2
            case (2, 0xBE), (2, 0xBF): return true
            default: state = 0
            }
        }
        return false
    }

    /// `text` without the characters XML forbids. Returns the input untouched (no copy) when it
    /// is already clean, which is the common case.
    public static func removingForbidden(_ text: String) -> String {
        guard containsForbidden(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { out.append(scalar) }
        return String(out)
    }
}
