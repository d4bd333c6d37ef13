import GongwenModel
import Testing
@testable import GongwenTemplate

@Suite("Filters")
struct FilterTests {
    @Test("round and fixed round half away from zero on exact decimals", arguments: [
        ("12.915 | round(2)", "12.92"), ("12.925 | round(2)", "12.93"), ("2.5 | round", "3"),
        ("-1.375 | round(2)", "-1.38"), ("12.9 | fixed(2)", "12.90"), ("84.25 | fixed(1)", "84.3"),
        ("7 | fixed(1)", "7.0"), ("0.005 | fixed(2)", "0.01"), ("12.90 | round(3)", "12.9"),
    ])
    func rounding(_ expression: String, _ expected: String) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("list filters")
    func lists() throws {
        let regions = list([record([("名称", text("甲县")), ("分", number("2"))]), record([("名称", text("乙县")), ("分", number("3.5"))])])
        #expect(try evaluate("地区 | map('名称') | join('、')", [("地区", regions)]) == "甲县、乙县")
        #expect(try evaluate("地区 | length", [("地区", regions)]) == "2")
        #expect(try evaluate("地区 | sum('分')", [("地区", regions)]) == "5.5")
        #expect(try evaluate("地区 | sort('分', 'desc') | map('名称') | join", [("地区", regions)]) == "乙县、甲县")
        #expect(try evaluate("(地区 | first).名称", [("地区", regions)]) == "甲县")
    }

    @Test("default covers missing and empty fields")
    func defaults() throws {
        #expect(try evaluate("备注 | default('无')") == "无")
        #expect(try evaluate("备注 | default('无')", [("备注", text(""))]) == "无")
        #expect(try evaluate("备注 | default('无')", [("备注", text("有"))]) == "有")
    }

    @Test("中文数字 writes integers the standard way", arguments: [
        (0, "零"), (10, "十"), (11, "十一"), (20, "二十"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
        (1000, "一千"), (1001, "一千零一"), (10000, "一万"), (10001, "一万零一"), (10100, "一万零一百"),
        (100000, "十万"), (100000000, "一亿"), (100010000, "一亿零一万"), (1000001, "一百万零一"), (-17, "负十七"),
    ])
    func chineseNumerals(_ n: Int, _ expected: String) {
        #expect(ChineseNumerals.lowercase(n) == expected)
    }

    @Test("a filter given the wrong kind of value is a located error")
    func filterFailure() throws {
        let t = try compile("<正文><段>{{ 名称 | round(2) }}</段></正文>")
        #expect {
            _ = try merge(t, [("名称", text("清水县"))])
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "filter-failed" && d.location?.column == 16
        }
    }
}
