import GongwenModel

/// Escaping for HTML text and attribute values. Data never becomes markup: `<`, `&`, quotes
/// are escaped, and characters HTML and XML forbid are dropped.
enum HTMLText {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape or drop: a scan of its bytes says so without
        // decoding it. What may need work: controls, & < > " ', DEL, and the lead bytes of
        // U+0080–U+00BF (C1 controls) and of U+F000–U+FFFF (U+FFFE, U+FFFF).
        guard text.containsByte(where: { byte in
            switch byte {
            case 0x00..<0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x7F, 0xC2, 0xEF: true
            default: false
            }
        }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": break
            default:
                if XMLCharacters.isAllowed(scalar), !(0x7F...0x9F).contains(scalar.value) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
