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
        // Scanning the UTF-8 bytes (`forbiddenLength`) avoids decoding every scalar of every text.
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for i in bytes.indices where forbiddenLength(bytes, at: i) > 0 { return true }
            return false
        }
        if let found { return found }
        return containsForbidden(String(decoding: Array(text.utf8), as: UTF8.self))  // bridged: make it native
    }

    /// How many bytes from `i` make a character XML forbids: 1 for a C0 control other than tab,
    /// LF and CR, 3 for U+FFFE and U+FFFF (EF BF BE/BF), else 0. The rule on UTF-8 for every
    /// scan (`containsForbidden`, the ODF writer's escape); surrogates cannot occur.
    @inlinable
    public static func forbiddenLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let byte = bytes[i]
        if byte < 0x20 { return byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0 : 1 }
        if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return 3 }
        return 0
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
