import Foundation
import GongwenFormat

extension CivilDate {
    /// The day before the same date `months` later (第八条: 执行期限为一年，自作出否决决定之日算起 —
    /// decided 2025-12-31, in force through 2026-12-30). A day that the later month lacks (31 →
    /// 30 June) becomes that month's last day.
    func lastDayInForce(months: Int) -> CivilDate {
        let ordinal = year * 12 + (month - 1) + months
        let y = ordinal / 12, m = ordinal % 12 + 1
        let d = min(day, CivilDate.days(inMonth: m, year: y))
        let end = try! CivilDate(year: y, month: m, day: d)
        return end.dayBefore
    }

    var dayBefore: CivilDate {
        if day > 1 { return try! CivilDate(year: year, month: month, day: day - 1) }
        if month > 1 { return try! CivilDate(year: year, month: month - 1, day: CivilDate.days(inMonth: month - 1, year: year)) }
        return try! CivilDate(year: year - 1, month: 12, day: 31)
    }

    static func days(inMonth m: Int, year y: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
}
