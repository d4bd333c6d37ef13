import GongwenFormat
import GongwenModel

/// 发文字号, punctuation and personal data.
enum OfficialTextFilters {
    static let all: [Filter] = [
        Filter("发文字号", arity: 2...2, summary: "由机关代字、年份、序号生成：'黔人口发' | 发文字号(2025, 17) → 黔人口发〔2025〕17号") { input, args throws(FilterError) in
            .string(try wrap { () throws(FormatError) in
                try DocumentNumber.make(code: input.text, year: args[0].text, sequence: args[1].text)
            })
        },
        Filter("规范文号", arity: 0...0, summary: "改正括号和序号：黔人口发[2025]017号 → 黔人口发〔2025〕17号") { input, _ throws(FilterError) in
            .string(try wrap { () throws(FormatError) in try DocumentNumber.normalize(input.text) })
        },
        Filter("全角标点", arity: 0...0, summary: "中文中的半角标点改为全角（GB/T 15834），数字、网址、英文不变") { input, _ in
            .string(Punctuation.fullWidth(input.text))
        },
        Filter("身份证脱敏", arity: 0...0, summary: "只显示身份证号前四位和后四位：5224**********1234") { input, _ throws(FilterError) in
            // Nothing to mask or check in an empty (optional) field.
            input.isEmptyValue ? .string("") : .string(try wrap { () throws(FormatError) in try PersonalData.maskID(input.text) })
        },
        Filter("手机号脱敏", arity: 0...0, summary: "手机号中间四位打星：138****5678") { input, _ throws(FilterError) in
            // Nothing to mask or check in an empty (optional) field.
            input.isEmptyValue ? .string("") : .string(try wrap { () throws(FormatError) in try PersonalData.maskPhone(input.text) })
        },
        Filter("校验身份证", arity: 0...0, summary: "按 GB 11643 校验 18 位身份证号码（出生日期和校验码），通过则原样输出") { input, _ throws(FilterError) in
            // Nothing to mask or check in an empty (optional) field.
            input.isEmptyValue ? .string("") : .string(try wrap { () throws(FormatError) in try PersonalData.validateID(input.text) })
        },
    ]
}
