import Foundation
import Testing
@testable import GongwenFormat

@Suite("Chinese numerals")
struct NumeralTests {
    @Test("lower case integers", arguments: [
        (0, "零"), (1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (100, "一百"), (101, "一百零一"),
        (110, "一百一十"), (111, "一百一十一"), (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
        (10000, "一万"), (10001, "一万零一"), (10005, "一万零五"), (10100, "一万零一百"), (10010, "一万零一十"),
        (100000, "十万"), (110000, "十一万"), (1000001, "一百万零一"), (10000000, "一千万"), (100000000, "一亿"),
        (100010000, "一亿零一万"), (100000001, "一亿零一"), (1_0000_0000_0000, "一万亿"), (1_0001_0000_0000, "一万零一亿"),
        (9_999_9999_9999_9999, "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"), (1_0000_0001_0000, "一万亿零一万"),
        (2_0000_0000_0000, "二万亿"), (10_0000_0000, "十亿"), (12_0000_0000, "十二亿"), (110_0000_0000, "一百一十亿"),
        (-17, "负十七"), (123, "一百二十三"), (20250630, "二千零二十五万零六百三十"),
    ])
    func lower(_ n: Int, _ expected: String) throws {
        #expect(try ChineseNumerals.integer(Int64(n), digits: .lower) == expected)
    }

    @Test("两 where quantities are read so", arguments: [
        (2, "二"), (20, "二十"), (200, "二百"), (2000, "两千"), (20000, "两万"), (22000, "两万两千"), (200000000, "两亿"),
        (2222, "两千二百二十二"), (220000, "二十二万"), (2_0000_0000_0000, "两万亿"), (2_0002_0000, "两亿零两万"),
    ])
    func liang(_ n: Int, _ expected: String) throws {
        #expect(try ChineseNumerals.integer(Int64(n), digits: .lower, liang: true) == expected)
    }

    @Test("upper case", arguments: [
        (0, "零"), (10, "壹拾"), (123, "壹佰贰拾叁"), (1001, "壹仟零壹"), (10000, "壹万"), (100010000, "壹亿零壹万"),
    ])
    func upper(_ n: Int, _ expected: String) throws {
        #expect(try ChineseNumerals.uppercase(Int64(n)) == expected)
    }

    @Test("decimals and negatives", arguments: [
        ("3.14", "三点一四"), ("-1.17", "负一点一七"), ("0.1", "零点一"), ("0.01", "零点零一"), ("10.5", "十点五"), ("-0.5", "负零点五"),
    ])
    func decimals(_ text: String, _ expected: String) throws {
        #expect(try ChineseNumerals.decimal(Decimal(string: text)!) == expected)
    }

    @Test("ordinals")
    func ordinals() throws {
        #expect(try ChineseNumerals.ordinal(12, unit: "条") == "第十二条")
        #expect(try ChineseNumerals.ordinal(3, unit: "章") == "第三章")
        #expect(throws: FormatError.self) { try ChineseNumerals.ordinal(0, unit: "条") }
    }

    @Test("beyond 万亿 groups is an error naming the value")
    func tooLarge() {
        #expect(throws: FormatError.self) { try ChineseNumerals.integer(10_000_0000_0000_0000, digits: .lower) }
        #expect(throws: FormatError.self) { try ChineseNumerals.decimal(Decimal(string: "1e20")!) }
    }
}

@Suite("人民币大写")
struct RMBTests {
    @Test("bank rules", arguments: [
        ("13000.00", "壹万叁仟元整"), ("20025.50", "贰万零贰拾伍元伍角"), ("0.05", "伍分"), ("1000000", "壹佰万元整"),
        ("0", "零元整"), ("0.5", "伍角"), ("0.55", "伍角伍分"), ("1.05", "壹元零伍分"), ("1000.05", "壹仟元零伍分"),
        ("10", "壹拾元整"), ("10.5", "壹拾元伍角"), ("105", "壹佰零伍元整"), ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("100010000", "壹亿零壹万元整"), ("107000.53", "壹拾万柒仟元伍角叁分"), ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ])
    func amounts(_ text: String, _ expected: String) throws {
        #expect(try RMBUppercase.format(Decimal(string: text)!) == expected)
    }

    @Test("prefix")
    func prefix() throws {
        #expect(try RMBUppercase.format(13000, prefix: "人民币") == "人民币壹万叁仟元整")
    }

    @Test("errors name the amount", arguments: ["1.005", "-1", "10000000000000000"])
    func errors(_ text: String) {
        #expect {
            try RMBUppercase.format(Decimal(string: text)!)
        } throws: { error in
            (error as! FormatError).message.contains(text.hasPrefix("-") ? "-1" : text)
        }
    }
}
