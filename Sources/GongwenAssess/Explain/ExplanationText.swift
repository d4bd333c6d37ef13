import Foundation

/// How a reason reads to a clerk. A condition reads many names (出生率, 出生率.目标, 出生率.完成 …), each
/// with the cell it came from; listed one by one they bury the reason. Here an indicator's figure,
/// target, shortfall and completion become one phrase — `符合政策生育率 87.00%（目标 90.00%，差 3.00个百分点）` —
/// the data row is named once per period, and earlier periods are labelled with their name:
/// `黄牌警告 是；2024年：黄牌警告 是`.
public enum ExplanationText {
    public static func ground(_ ground: Ground) -> String {
        let head = [ground.item, ground.summary].filter { !$0.isEmpty }.joined()
        let read = readings(ground.readings)
        let tail = ([read].filter { !$0.isEmpty } + ground.notes).joined(separator: "；")
        return tail.isEmpty ? head : "\(head)：\(tail)"
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

    /// One phrase per indicator or name, in the order first read.
    static func phrases(_ readings: [Reading]) -> [String] {
        struct Parts { var value: String?; var target: String?; var gap: String?; var done: String? }
        var order: [String] = []
        var parts: [String: Parts] = [:]
        for r in readings {
            let (base, suffix) = split(r.name)
            if parts[base] == nil { order.append(base); parts[base] = Parts() }
            switch suffix {
            case "目标": parts[base]!.target = r.shown
            case "差距": parts[base]!.gap = r.shown
            case "完成": parts[base]!.done = r.shown
            default: parts[base]!.value = r.shown
            }
        }
        return order.map { base in
            let p = parts[base]!
            if let value = p.value {
                let extra = [p.target.map { "目标 \($0)" }, p.gap.map { "差 \($0)" }].compactMap { $0 }
                return "\(display(base, value))" + (extra.isEmpty ? "" : "（\(extra.joined(separator: "，"))）")
            }
            if let target = p.target { return "\(base)目标 \(target)" + (p.gap.map { "，差 \($0)" } ?? "") }
            if let gap = p.gap { return "\(base)差 \(gap)" }
            return "\(base)\(p.done ?? "")"
        }
    }

    /// `出生率.目标` → (出生率, 目标); names whose last part is not one of an indicator's own stay whole
    /// (`在期内.一票否决`, `全省排名.名次`).
    static func split(_ name: String) -> (String, String?) {
        for suffix in ["目标", "差距", "完成"] where name.hasSuffix("." + suffix) {
            return (String(name.dropLast(suffix.count + 1)), suffix)
        }
        return (name, nil)
    }

    /// Names a clerk reads as words rather than as a condition's syntax.
    static func display(_ name: String, _ value: String) -> String {
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
