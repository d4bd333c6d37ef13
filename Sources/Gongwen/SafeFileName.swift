import Foundation

/// Turns text from data into a file name that is safe on every file system an office uses
/// (Windows, macOS, Linux, USB sticks): no path separators or reserved characters, no control
/// characters, no `.`/`..`, no names Windows reserves, not too long.
public enum SafeFileName {
    /// Bytes of UTF-8; most file systems allow 255, and we leave room for `-2.fodt`.
    static let maximumBytes = 200

    public static func make(_ text: String, fallback: String = "文档") -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|":
                out.unicodeScalars.append("_")
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isNoncharacterCodePoint {
                    continue
                }
                if scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        // Trimmed and cut as a substring, without moving the text: removing a character at a
        // time from the front of a 32,767-character cell of dots moved it 32,767 times.
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        var text = trimmed.drop { $0 == "." }
        // Dots and spaces at the end, by bytes: nothing follows the last one to join it into
        // another character.
        let kept = text.utf8.reversed().drop { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") }.count
        text = text[..<text.utf8.index(text.startIndex, offsetBy: kept)]
        if text.utf8.count > maximumBytes {
            // The longest run of whole characters from the start that fits.
            var end = text.startIndex, bytes = 0
            for index in text.indices {
                bytes += text[index].utf8.count
                if bytes > maximumBytes { break }
                end = text.index(after: index)
            }
            text = text[..<end]
        }
        out = text.isEmpty ? fallback : String(text)
        let stem = out.split(separator: ".").first.map { $0.uppercased() } ?? ""
        let reserved = ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
        if reserved.contains(stem) { out = "_" + out }
        return out
    }

    /// Makes `names` unique, case-insensitively (Windows and macOS fold case): the second
    /// `A县` becomes `A县-2`, so no record overwrites another.
    /// Each name goes on from the number its last duplicate got (every number below it is
    /// taken already), so 100,000 records of one name are numbered in linear time, not by
    /// trying 2, 3, … again for each.
    public static func uniqued(_ names: [String]) -> [String] {
        var used = Set<String>()
        var nextNumber: [String: Int] = [:]
        return names.map { name in
            let key = name.lowercased()
            var candidate = name
            var n = nextNumber[key] ?? 2
            if used.contains(key) {
                repeat {
                    candidate = "\(name)-\(n)"
                    n += 1
                } while used.contains(candidate.lowercased())
                nextNumber[key] = n
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
