import GongwenModel

/// Filters on text.
enum TextFilters {
    static let all: [Filter] = [
        Filter("default", arity: 1...1, summary: "字段缺失或为空时用给定的值：备注 | default('无')", acceptsMissingInput: true) { input, args in
            input.isEmptyValue ? args[0] : input
        },
        Filter("trim", arity: 0...0, summary: "去掉首尾空白") { input, _ in
            .string(input.text.trimmingCharacters(in: .whitespacesAndNewlines))
        },
        Filter("replace", arity: 2...2, summary: "替换文字：名称 | replace('人民政府', '')") { input, args throws(FilterError) in
            .string(try TextReplacement.replacing(args[0].text, with: args[1].text, in: input.text, limit: Limits.valueBytes))
        },
        Filter("text", arity: 0...0, summary: "按原样转为文字（数字保留原写法）") { input, _ in
            .string(input.text)
        },
    ]
}
