import Foundation
import GongwenFormat
import GongwenModel

/// Numbers written the Chinese way.
enum ChineseNumberFilters {
    static let all: [Filter] = [
        Filter("中文数字", arity: 0...1, summary: "中文小写数字：105 → 一百零五，10 → 十，3.14 → 三点一四，-1.17 → 负一点一七；中文数字('两') → 两千、两万") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            let liang = try args.first.map { v throws(FilterError) in try FilterArguments.option(v, ["两"], "选项") } != nil
            return .string(try wrap { () throws(FormatError) in try ChineseNumerals.decimal(n.value, digits: .lower, liang: liang) })
        },
        Filter("大写数字", arity: 0...0, summary: "中文大写数字：123 → 壹佰贰拾叁") { input, _ throws(FilterError) in
            let n = try FilterArguments.number(input, "输入")
            return .string(try wrap { () throws(FormatError) in try ChineseNumerals.decimal(n.value, digits: .upper) })
        },
        Filter("序数", arity: 0...1, summary: "序数：12 | 序数('条') → 第十二条，3 | 序数('章') → 第三章") { input, args throws(FilterError) in
            let n = try FilterArguments.wholeNumber(input, "输入")
            return .string(try wrap { () throws(FormatError) in try ChineseNumerals.ordinal(n, unit: args.first?.text ?? "") })
        },
        Filter("大写金额", arity: 0...1, summary: "人民币大写金额：13000 → 壹万叁仟元整，20025.5 → 贰万零贰拾伍元伍角；大写金额('人民币') 加前缀") { input, args throws(FilterError) in
            let n = try FilterArguments.number(input, "金额")
            return .string(try wrap { () throws(FormatError) in try RMBUppercase.format(n.value, prefix: args.first?.text ?? "") })
        },
    ]
}

/// Runs a formatting function, turning its error into a filter error.
func wrap<T>(_ body: () throws(FormatError) -> T) throws(FilterError) -> T {
    do {
        return try body()
    } catch {
        throw FilterError(error.message)
    }
}
