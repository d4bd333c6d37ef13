import Foundation
import GongwenFormat

/// Deadlines in a rules file's 文书 fields written relative to the decision (`决定后1个月`,
/// `决定后30日`, `决定后15天`): a notice's 整改期限 moves with each period's decision date.
enum RelativeDate {
    /// The ISO date `text` stands for, or nil when it is not such a phrase.
    static func resolve(_ text: String, from date: CivilDate) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("决定后") else { return nil }
        let rest = trimmed.dropFirst(3)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let n = Int(digits), (1...3650).contains(n) else { return nil }
        switch rest.dropFirst(digits.count) {
        case "个月": return addingMonths(n, to: date).iso
        case "日", "天": return addingDays(n, to: date).iso
        default: return nil
        }
    }

    /// The same day `months` later; a day the later month lacks becomes its last day (1月31日 + 1个月 = 2月28日).
    static func addingMonths(_ months: Int, to date: CivilDate) -> CivilDate {
        let ordinal = date.year * 12 + (date.month - 1) + months
        let year = ordinal / 12, month = ordinal % 12 + 1
        var day = date.day
        while (try? CivilDate(year: year, month: month, day: day)) == nil { day -= 1 }
        return try! CivilDate(year: year, month: month, day: day)
    }

    static func addingDays(_ days: Int, to date: CivilDate) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        let end = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: start)!)
        return try! CivilDate(year: end.year!, month: end.month!, day: end.day!)
    }
}
