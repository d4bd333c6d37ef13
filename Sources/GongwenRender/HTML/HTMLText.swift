import GongwenModel

/// Escaping for HTML text and attribute values. Data never becomes markup: `<`, `&`, quotes
/// are escaped, and characters HTML and XML forbid are dropped.
enum HTMLText {
    static func escape(_ text: String) -> String {
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
