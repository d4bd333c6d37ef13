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
        out = out.trimmingCharacters(in: .whitespaces)
        while out.hasPrefix(".") { out.removeFirst() }
        while out.hasSuffix(".") || out.hasSuffix(" ") { out.removeLast() }
        while out.utf8.count > maximumBytes { out.removeLast() }
        if out.isEmpty { out = fallback }
        let stem = out.split(separator: ".").first.map { $0.uppercased() } ?? ""
        let reserved = ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
        if reserved.contains(stem) { out = "_" + out }
        return out
    }

    /// Makes `names` unique, case-insensitively (Windows and macOS fold case): the second
    /// `A县` becomes `A县-2`, so no record overwrites another. Linear in the number of names:
    /// each name remembers the next suffix to try, so a hundred thousand households named after
    /// the same county do not try `-2`, `-3` … from the start each time.
    public static func uniqued(_ names: [String]) -> [String] {
        var used = Set<String>()
        var nextSuffix: [String: Int] = [:]
        return names.map { name in
            var candidate = name
            let key = name.lowercased()
            var n = nextSuffix[key] ?? 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(name)-\(n)"
                n += 1
            }
            nextSuffix[key] = n
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
