import Foundation
import GongwenFormat
import GongwenModel

/// Dates: GB/T 9704 form, Chinese-numeral form, quarters, halves and five-year plans.
/// Inputs: `2025-06-30`, `2025/6/30`, `2025.6.30`, `2025年6月30日`, or an Excel serial number.
enum DateFilters {
    static func date(_ value: Value) throws(FilterError) -> CivilDate {
        try wrap { () throws(FormatError) in
            switch value {
            case .number(let n):
                return try CivilDate(excelSerial: n.value)
            case .string(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), t.filter({ $0 == "." }).count <= 1,
                   let n = Number(parsing: t) {
                    return try CivilDate(excelSerial: n.value)
                }
                return try CivilDate(parsing: s)
            default:
                throw FormatError("\(value.kindName)“\(value.text)”不是日期 / not a date")
            }
        }
    }

    static let all: [Filter] = [
        Filter("日期", arity: 0...0, summary: "GB/T 9704 的日期写法：2025-06-30 → 2025年6月30日") { input, _ throws(FilterError) in
            .string(try date(input).standard)
        },
        Filter("中文日期", arity: 0...0, summary: "汉字日期：2025-06-30 → 二〇二五年六月三十日") { input, _ throws(FilterError) in
            .string(try date(input).chinese)
        },
        Filter("季度", arity: 0...0, summary: "所在季度：2025-05-10 → 2025年第二季度") { input, _ throws(FilterError) in
            .string(try date(input).quarter)
        },
        Filter("半年", arity: 0...0, summary: "所在半年：2025-05-10 → 2025年上半年") { input, _ throws(FilterError) in
            .string(try date(input).half)
        },
        Filter("规划期", arity: 0...0, summary: "年份所在的五年规划：2025 → “十四五”") { input, _ throws(FilterError) in
            let year: Int
            if let n = input.asNumber?.intValue, (1000...9999).contains(n) {
                year = n
            } else {
                year = try date(input).year
            }
            return .string(try wrap { () throws(FormatError) in try FiveYearPlan.name(forYear: year) })
        },
    ]
}
