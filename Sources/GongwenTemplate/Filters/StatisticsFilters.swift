import Foundation
import GongwenFormat
import GongwenModel

/// Rates and statistics as official text writes them.
enum StatisticsFilters {
    static func places(_ args: [Value], _ index: Int, default value: Int) throws(FilterError) -> Int {
        guard index < args.count else { return value }
        return try FilterArguments.integer(args[index], "小数位数", in: 0...10)
    }

    static func denominator(_ args: [Value], _ index: Int) throws(FilterError) -> Decimal? {
        guard index < args.count else { return nil }
        return try FilterArguments.number(args[index], "分母").value
    }

    static let all: [Filter] = [
        Filter("千分率", arity: 0...2, summary: "千分率，n 位小数（默认 2）：12.915 → 12.92‰；千分率(2, 总人口) 先除以总人口再乘 1000") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let p = try places(args, 0, default: 2)
            let d = try denominator(args, 1)
            return .string(try wrap { () throws(FormatError) in try Statistics.perMille(n.value, places: p, denominator: d) })
        },
        Filter("百分率", arity: 0...2, summary: "百分率，n 位小数（默认 2）：84.25 → 84.25%；百分率(1, 总数) 先除以总数再乘 100") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let p = try places(args, 0, default: 2)
            let d = try denominator(args, 1)
            return .string(try wrap { () throws(FormatError) in try Statistics.percent(n.value, places: p, denominator: d) })
        },
        Filter("升降", arity: 1...3, summary: "带方向的变化：-1.37 | 升降('千分点') → 下降1.37个千分点；0.5 | 升降('百分点') → 提高0.5个百分点；可加小数位数和用词 '增加/减少'") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let p: Int? = args.count > 1 ? try places(args, 1, default: 2) : nil
            let words = args.count > 2 ? args[2].text : "提高/下降"
            return .string(try wrap { () throws(FormatError) in
                try Statistics.change(n.value, unit: args[0].text, places: p, words: words, literal: n.literal)
            })
        },
        Filter("性别比", arity: 1...2, summary: "出生人口性别比（女=100）：男婴数 | 性别比(女婴数) → 112.5；第二个参数为小数位数（默认 1）") { input, args throws(FilterError) in
            let boys = try FilterArguments.number(input, "男婴数")
            let girls = try FilterArguments.number(args[0], "女婴数")
            let p = try places(args, 1, default: 1)
            return .string(try wrap { () throws(FormatError) in try Statistics.sexRatio(boys: boys.value, girls: girls.value, places: p) })
        },
        Filter("万", arity: 0...1, summary: "以万为单位：3752000 | 万(1) → 375.2万") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let p = try places(args, 0, default: 0)
            return .string(try wrap { () throws(FormatError) in try Statistics.abbreviated(n.value, unit: "万", places: p) })
        },
        Filter("亿", arity: 0...1, summary: "以亿为单位：123456789 | 亿(2) → 1.23亿") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let p = try places(args, 0, default: 0)
            return .string(try wrap { () throws(FormatError) in try Statistics.abbreviated(n.value, unit: "亿", places: p) })
        },
    ]
}
