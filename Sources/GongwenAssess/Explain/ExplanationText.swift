import Foundation

/// How a reason reads to a clerk. A condition reads many names (出生率, 出生率.目标, 出生率.完成 …), each
/// with the cell it came from; listed one by one they bury the reason. Here an indicator's figure,
/// target, shortfall and completion become one phrase — `符合政策生育率 87.00%（目标 90.00%，差 3.00个百分点）` —
/// the data row is named once per period, and earlier periods are labelled with their name:
/// `黄牌警告 是；2024年：黄牌警告 是`.
public enum ExplanationText {
    public static func ground(_ ground: Ground) -> String {
        let head = [ground.item, ground.summary].filter { !$0.isEmpty }.joined()
        let tail = detail(ground)
        return tail.isEmpty ? head : "\(head)：\(tail)"
    }

    /// What a case read and noted, without its words (the reports' 依据 column, beside a 情形 column).
    public static func detail(_ ground: Ground) -> String {
        ([readings(ground.readings)].filter { !$0.isEmpty } + ground.notes).joined(separator: "；")
    }

    /// The readings grouped by period (the assessed, latest period first and unlabelled).
    public static func readings(_ readings: [Reading]) -> String {
        guard let latest = readings.map(\.period).max() else { return "" }
        var periods: [Period] = []
        for r in readings where !periods.contains(r.period) { periods.append(r.period) }
        periods.sort { $0 > $1 }
        return periods.map { period in
            let these = readings.filter { $0.period == period }
            let text = phrases(these).joined(separator: "，") + places(these)
            return period == latest ? text : "\(period.chineseName)：\(text)"
        }.joined(separator: "；")
    }

    /// One phrase per indicator or name, in the order first read. A condition reads a handful of names,
    /// so the parts are kept in a small array searched linearly (no hashing of Chinese text).
    static func phrases(_ readings: [Reading]) -> [String] {
        struct Parts { var base: Substring; var value: String?; var target: String?; var gap: String?; var done: String? }
        var parts: [Parts] = []
        for r in readings {
            let (base, suffix) = split(r.name)
            let at: Int
            if let found = parts.firstIndex(where: { $0.base.utf8.elementsEqual(base.utf8) }) {
                at = found
            } else {
                parts.append(Parts(base: base))
                at = parts.count - 1
            }
            switch suffix {
            case .target: parts[at].target = r.shown
            case .gap: parts[at].gap = r.shown
            case .done: parts[at].done = r.shown
            case nil: parts[at].value = r.shown
            }
        }
        return parts.map { p in
            let base = String(p.base)
            if let value = p.value {
                var text = display(base, value)
                if p.target != nil || p.gap != nil {
                    text += "（"
                    if let target = p.target { text += "目标 " + target }
                    if let gap = p.gap { text += (p.target == nil ? "" : "，") + "差 " + gap }
                    text += "）"
                }
                return text
            }
            if let target = p.target { return "\(base)目标 \(target)" + (p.gap.map { "，差 \($0)" } ?? "") }
            if let gap = p.gap { return "\(base)差 \(gap)" }
            return base + (p.done ?? "")
        }
    }

    enum Suffix { case target, gap, done }
    private static let suffixes: [(Suffix, [UInt8])] = [(.target, Array(".目标".utf8)), (.gap, Array(".差距".utf8)), (.done, Array(".完成".utf8))]

    /// `出生率.目标` → (出生率, 目标); names whose last part is not one of an indicator's own stay whole
    /// (`在期内.一票否决`, `全省排名.名次`). Compared as UTF-8 bytes: no grapheme breaking per name.
    static func split(_ name: String) -> (Substring, Suffix?) {
        let utf8 = name.utf8
        for (suffix, bytes) in suffixes where utf8.count > bytes.count && utf8.suffix(bytes.count).elementsEqual(bytes) {
            let end = utf8.index(utf8.endIndex, offsetBy: -bytes.count)
            return (name[..<end], suffix)
        }
        return (name[...], nil)
    }

    /// Names a clerk reads as words rather than as a condition's syntax.
    static func display(_ name: String, _ value: String) -> String {
        // Most names are an indicator's: no dot, shown as they are.
        guard name.utf8.contains(UInt8(ascii: ".")) else { return name + " " + value }
        if name.hasPrefix("负责人在期内.") {
            let outcome = name.dropFirst("负责人在期内.".count)
            return value == "是" ? "负责人在“\(outcome)”期内" : "负责人不在“\(outcome)”期内"
        }
        if name.hasPrefix("在期内.") {
            let outcome = name.dropFirst("在期内.".count)
            return value == "是" ? "在“\(outcome)”期内" : "不在“\(outcome)”期内"
        }
        if name.hasPrefix("类别.") { return "\(name.dropFirst(3))得分 \(value)" }
        // 全省排名.倒数名次 倒数第2名 → 全省排名倒数第2名; 州内排名.名次 第3名 → 州内排名第3名.
        for place in [".倒数名次", ".名次"] where name.hasSuffix(place) && (value.hasPrefix("第") || value.hasPrefix("倒数第")) {
            return "\(name.dropLast(place.count))\(value)"
        }
        return "\(name.replacingOccurrences(of: ".", with: "")) \(value)"
    }

    /// `（2024.xlsx 第16行）`: where the figures of one period came from, once.
    static func places(_ readings: [Reading]) -> String {
        var seen: [String] = []
        for r in readings {
            guard let row = r.row else { continue }
            let place = [r.file, "第\(row)行"].compactMap { $0 }.joined(separator: " ")
            if !seen.contains(place) { seen.append(place) }
        }
        return seen.isEmpty ? "" : "（\(seen.joined(separator: "；"))）"
    }
}
