import Foundation
import GongwenModel

/// Dates as the register stores them: ISO `2025-06-30` (sortable text, as the history stores
/// them), read from what clerks type or Excel stores (2025-6-30, 2025/6/30, 2025年6月30日,
/// 20250630, or a spreadsheet date serial).
public enum RegisterDate {
    /// Today in the local time zone: the date a clerk means when signing in the office.
    public static func today() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The moment of a write, UTC, to the second.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// The ISO date for `text`, or nil when it is not a date.
    public static func parse(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 8, t.allSatisfy(\.isASCII), let n = Int(t) { return make(n / 10000, n / 100 % 100, n % 100) }
        // A spreadsheet date serial (days since 1899-12-30), as an unformatted date cell reads.
        if let serial = Double(t), serial > 20000, serial < 80000 {
            let date = Date(timeIntervalSince1970: (serial.rounded(.down) - 25569) * 86400)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return make(c.year!, c.month!, c.day!)
        }
        // 2025-06-30 00:00:00 (a date cell written with its time): the first three numbers.
        let parts = t.split(whereSeparator: { "-/.年月日 T".contains($0) }).prefix(3).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return make(parts[0], parts[1], parts[2])
    }

    static func make(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1900...2100).contains(y), (1...12).contains(m), (1...IDNumber.daysIn(m, y)).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
