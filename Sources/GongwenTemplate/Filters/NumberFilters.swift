import Foundation
import GongwenFormat
import GongwenModel

/// Filters on figures. All arithmetic is decimal; rounding is half away from zero (四舍五入).
enum NumberFilters {
    static let all: [Filter] = [
        Filter("round", arity: 0...1, summary: "四舍五入到 n 位小数（默认 0），去掉末尾的 0：12.915 | round(2) → 12.92") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let places = try args.first.map { v throws(FilterError) in try FilterArguments.integer(v, "小数位数", in: 0...10) } ?? 0
            return .number(Number(DecimalRounding.round(n.value, places: places)))
        },
        Filter("fixed", arity: 1...1, summary: "四舍五入并保留正好 n 位小数：12.9 | fixed(2) → 12.90") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            return .string(DecimalRounding.fixed(n.value, places: try FilterArguments.integer(args[0], "小数位数", in: 0...10)))
        },
        Filter("abs", arity: 0...0, summary: "绝对值：-1.37 | abs → 1.37") { input, _ throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            return .number(Number(n.value < 0 ? -n.value : n.value))
        },
        Filter("千分位", arity: 0...0, summary: "加千位分隔符（公文正文一般不用）：446750 → 446,750") { input, _ throws(FilterError) in
            .string(Statistics.grouped(try FilterArguments.number(input, "输入").text))
        },
    ]
}
