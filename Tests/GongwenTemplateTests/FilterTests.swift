import Foundation
import GongwenModel
import Testing
@testable import GongwenTemplate
import GongwenFormat

@Suite("Filters")
struct FilterTests {
    @Test("replace finds what Foundation finds: CJK text by its bytes, other text by characters")
    func replaceMatchesFoundation() throws {
        let cases = [("城关镇坪上社区", "社区", ""), ("社区社区的社区", "社区", "村"), ("坪上村", "社区", "居委会"), ("社", "社区", ""),
                     ("A社区B", "社区", "<&>"), ("café", "e\u{301}", "E"), ("がが", "か", "x"), ("第1条", "1", "一")]
        for (text, target, replacement) in cases {
            #expect(try TextReplacement.replacing(target, with: replacement, in: text, limit: Limits.valueBytes) == text.replacingOccurrences(of: target, with: replacement),
                    "\(text) | replace('\(target)', '\(replacement)')")
        }
        #expect(try TextReplacement.replacing("", with: "x", in: "甲乙", limit: Limits.valueBytes) == "甲乙")
    }

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

@Suite("Chinese filters in templates")
struct ChineseFilterTests {
    @Test("each family through the template language", arguments: [
        ("n | 中文数字", [("n", "10005")], "一万零五"),
        ("n | 中文数字('两')", [("n", "22000")], "两万两千"),
        ("n | 中文数字", [("n", "-1.17")], "负一点一七"),
        ("n | 大写数字", [("n", "123")], "壹佰贰拾叁"),
        ("n | 序数('条')", [("n", "12")], "第十二条"),
        ("n | 大写金额('人民币')", [("n", "13000.00")], "人民币壹万叁仟元整"),
        ("n | 大写金额", [("n", "20025.50")], "贰万零贰拾伍元伍角"),
        ("d | 日期", [("d", "2025-06-30")], "2025年6月30日"),
        ("d | 日期", [("d", "45838")], "2025年6月30日"),
        ("d | 中文日期", [("d", "2025/6/30")], "二〇二五年六月三十日"),
        ("d | 季度", [("d", "2025.5.1")], "2025年第二季度"),
        ("d | 半年", [("d", "2025年8月1日")], "2025年下半年"),
        ("y | 规划期", [("y", "2025")], "“十四五”"),
        ("r | 千分率(2)", [("r", "12.915")], "12.92‰"),
        ("births | 千分率(2, pop)", [("births", "1292"), ("pop", "100000")], "12.92‰"),
        ("r | 百分率(1)", [("r", "84.25")], "84.3%"),
        ("(今年 - 去年) | 升降('千分点', 2)", [("今年", "11.55"), ("去年", "12.92")], "下降1.37个千分点"),
        ("c | 升降('百分点')", [("c", "0.5")], "提高0.5个百分点"),
        ("男 | 性别比(女)", [("男", "1125"), ("女", "1000")], "112.5"),
        ("p | 万(1)", [("p", "3752000")], "375.2万"),
        ("p | 千分位", [("p", "446750")], "446,750"),
        ("code | 发文字号(2025, 17)", [("code", "黔人口发")], "黔人口发〔2025〕17号"),
        ("n | 规范文号", [("n", "黔人口发[2025]017号")], "黔人口发〔2025〕17号"),
        ("t | 全角标点", [("t", "你好,世界.")], "你好，世界。"),
        ("id | 身份证脱敏", [("id", "522401199001011234")], "5224**********1234"),
        ("p | 手机号脱敏", [("p", "13812345678")], "138****5678"),
        ("id | 校验身份证", [("id", "11010519491231002x")], "11010519491231002X"),
    ])
    func filter(_ expression: String, _ fields: [(String, String)], _ expected: String) throws {
        #expect(try evaluate(expression, fields.map { ($0.0, .string($0.1)) }) == expected)
    }

    @Test("a wrong input names the value and the filter, at the filter's column", arguments: [
        ("d | 日期", "2025-02-30", "日期：“2025-02-30”不是有效日期"),
        ("d | 大写金额", "1.005", "大写金额：金额“1.005”有 3 位小数"),
        ("d | 千分率(2)", "1２.3", "千分率：输入应为数字，实际是文本“1２.3”"),
        ("d | 校验身份证", "110105194912310021", "校验身份证：身份证号码“1101…0021”的校验码不对"),
    ])
    func errors(_ expression: String, _ value: String, _ message: String) throws {
        let t = try compile("<正文><段>{{ \(expression) }}</段></正文>")
        #expect {
            _ = try merge(t, [("d", .string(value))])
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "filter-failed" && d.message.hasPrefix(message) && d.location?.column == 15
        }
    }
}

@Suite("Selecting from lists")
struct ListSelectionTests {
    let regions = list([
        record([("名称", text("甲")), ("得分", number("90")), ("上期黄牌", text("是"))]),
        record([("名称", text("乙")), ("得分", number("70")), ("上期黄牌", text("否"))]),
        record([("名称", text("丙")), ("得分", number("80")), ("上期黄牌", text(""))]),
        record([("名称", text("丁")), ("得分", number("60")), ("上期黄牌", text("是"))]),
    ])

    @Test("take, where and sort combine into top and bottom lists")
    func select() throws {
        #expect(try evaluate("地区 | sort('得分', 'desc') | take(2) | map('名称') | join", [("地区", regions)]) == "甲、丙")
        #expect(try evaluate("地区 | sort('得分') | take(2) | map('名称') | join", [("地区", regions)]) == "丁、乙")
        #expect(try evaluate("地区 | where('上期黄牌') | map('名称') | join", [("地区", regions)]) == "甲、丁")
        #expect(try evaluate("地区 | where('得分', 80) | map('名称') | join", [("地区", regions)]) == "丙")
        #expect(try evaluate("地区 | take(0) | length", [("地区", regions)]) == "0")
    }
}
