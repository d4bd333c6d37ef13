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
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = bytes.count
            for i in 0..<n {
                let byte = bytes[i]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                } else if byte == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE {
                    return true
                }
            }
            return false
        }
        if let found { return found }
        return containsForbidden(String(decoding: Array(text.utf8), as: UTF8.self))  // bridged: make it native
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
