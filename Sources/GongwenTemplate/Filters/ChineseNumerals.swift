/// Chinese numerals for integers, with the rules of standard written Chinese: 零 for each run of
/// missing units inside a number (一千零一, 一万零一百), 万 and 亿 groups, and 十 rather than 一十 at
/// the start (十二, but 一百一十).
public enum ChineseNumerals {
    static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let units = ["", "十", "百", "千"]
    static let groups = ["", "万", "亿", "万亿"]

    /// Lower-case numerals: 0 → 零, 10 → 十, 101 → 一百零一, 100010000 → 一亿零一万.
    public static func lowercase(_ value: Int) -> String {
        if value < 0 { return "负" + lowercase(-value) }
        if value == 0 { return "零" }
        var groupsOfFour: [Int] = []
        var rest = value
        while rest > 0 {
            groupsOfFour.append(rest % 10000)
            rest /= 10000
        }
        var out = ""
        var pendingZero = false
        for index in stride(from: groupsOfFour.count - 1, through: 0, by: -1) {
            let group = groupsOfFour[index]
            if group == 0 {
                pendingZero = !out.isEmpty
                continue
            }
            // A gap inside the number (a group below 1000 after a higher group) is read as 零.
            if pendingZero || (!out.isEmpty && group < 1000) { out += "零" }
            out += groupText(group) + groupName(index)
            pendingZero = false
        }
        if out.hasPrefix("一十") { out.removeFirst() }
        return out
    }

    private static func groupName(_ index: Int) -> String {
        index < groups.count ? groups[index] : String(repeating: "万", count: index)
    }

    /// 1–9999 without leading 零.
    private static func groupText(_ group: Int) -> String {
        var out = ""
        var zero = false
        for position in stride(from: 3, through: 0, by: -1) {
            let divisor = [1, 10, 100, 1000][position]
            let digit = group / divisor % 10
            if digit == 0 {
                if !out.isEmpty { zero = true }
            } else {
                if zero { out += "零" }
                out.append(digits[digit])
                out += units[position]
                zero = false
            }
        }
        return out
    }
}
