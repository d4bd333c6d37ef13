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
        // Forbidden scalars are C0 controls (bytes < 0x20 other than tab, LF, CR), U+FFFE/U+FFFF
        // (EF BF BE/BF) and unpaired surrogates (never in a Swift string): scan bytes first.
        var sawEF = false
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            if byte == 0xEF { sawEF = true }
        }
        return sawEF && text.unicodeScalars.contains { !isAllowed($0) }
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
