import Foundation
import GongwenModel

/// Filters on figures. All arithmetic is decimal; rounding is half away from zero (四舍五入).
enum NumberFilters {
    static let all: [Filter] = [
        Filter("round", arity: 0...1, summary: "四舍五入到 n 位小数（默认 0），去掉末尾的 0：12.915 | round(2) → 12.92") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "round 的输入")
            let places = try args.first.map { v throws(FilterError) in try FilterArguments.integer(v, "小数位数", in: 0...10) } ?? 0
            return .number(Number(DecimalRounding.round(n.value, places: places)))
        },
        Filter("fixed", arity: 1...1, summary: "四舍五入并保留正好 n 位小数：12.9 | fixed(2) → 12.90") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "fixed 的输入")
            let places = try FilterArguments.integer(args[0], "小数位数", in: 0...10)
            return .string(DecimalRounding.fixed(n.value, places: places))
        },
        Filter("abs", arity: 0...0, summary: "绝对值：-1.37 | abs → 1.37") { input, _ throws(FilterError) in
            let n = try FilterArguments.number(input, "abs 的输入")
            return .number(Number(n.value < 0 ? -n.value : n.value))
        },
        Filter("中文数字", arity: 0...0, summary: "整数写成中文小写数字：105 → 一百零五") { input, _ throws(FilterError) in
            let n = try FilterArguments.number(input, "中文数字的输入")
            guard let i = n.intValue, abs(i) < 1_000_000_000_000 else {
                throw FilterError("中文数字只支持绝对值小于一万亿的整数，实际是“\(n.text)” / only integers below 10^12")
            }
            return .string(ChineseNumerals.lowercase(i))
        },
    ]
}
