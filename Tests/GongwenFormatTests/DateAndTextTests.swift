import Foundation
import Testing
@testable import GongwenFormat

@Suite("Dates")
struct DateTests {
    @Test("accepted forms", arguments: [
        "2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日", "２０２５年６月３０日", "2025-06-30T10:00:00", " 2025/06/30 ",
    ])
    func parses(_ text: String) throws {
        let d = try CivilDate(parsing: text)
        #expect(d.standard == "2025年6月30日")
        #expect(d.chinese == "二〇二五年六月三十日")
    }

    @Test("bad dates are errors, not guesses", arguments: [
        "2025-02-29", "2025-13-01", "2025-6", "6/30/2025", "30.6.2025", "2025年6月", "明天", "", "2025-06-30-01", "2025/06-30", "1899-12-31",
    ])
    func rejects(_ text: String) {
        #expect(throws: FormatError.self) { try CivilDate(parsing: text) }
    }

    @Test("Chinese-numeral days and months", arguments: [
        ("2000-01-01", "二〇〇〇年一月一日"), ("2024-10-10", "二〇二四年十月十日"), ("2024-12-31", "二〇二四年十二月三十一日"),
        ("2024-02-29", "二〇二四年二月二十九日"), ("2010-11-20", "二〇一〇年十一月二十日"),
    ])
    func chinese(_ text: String, _ expected: String) throws {
        #expect(try CivilDate(parsing: text).chinese == expected)
    }

    @Test("Excel serial numbers (1900 system)", arguments: [
        (1, "1900年1月1日"), (59, "1900年2月28日"), (61, "1900年3月1日"), (45838, "2025年6月30日"), (36526, "2000年1月1日"),
        (2958465, "9999年12月31日"),
    ])
    func excel(_ serial: Int, _ expected: String) throws {
        #expect(try CivilDate(excelSerial: Decimal(serial)).standard == expected)
    }

    @Test("Excel serial errors", arguments: [0, 60, -5, 2958466])
    func excelErrors(_ serial: Int) {
        #expect(throws: FormatError.self) { try CivilDate(excelSerial: Decimal(serial)) }
    }

    @Test("periods")
    func periods() throws {
        #expect(try CivilDate(parsing: "2025-05-10").quarter == "2025年第二季度")
        #expect(try CivilDate(parsing: "2025-12-31").quarter == "2025年第四季度")
        #expect(try CivilDate(parsing: "2025-06-30").half == "2025年上半年")
        #expect(try CivilDate(parsing: "2025-07-01").half == "2025年下半年")
    }

    @Test("five-year plans", arguments: [
        (1953, "“一五”"), (1962, "“二五”"), (1966, "“三五”"), (2011, "“十二五”"), (2015, "“十二五”"), (2016, "“十三五”"),
        (2021, "“十四五”"), (2025, "“十四五”"), (2026, "“十五五”"),
    ])
    func plans(_ year: Int, _ expected: String) throws {
        #expect(try FiveYearPlan.name(forYear: year) == expected)
    }

    @Test("no plan for the adjustment years")
    func noPlan() {
        #expect(throws: FormatError.self) { try FiveYearPlan.name(forYear: 1964) }
    }
}

@Suite("Statistics")
struct StatisticsTests {
    @Test("rates round half up on exact decimals", arguments: [
        ("12.915", 2, "12.92‰"), ("12.925", 2, "12.93‰"), ("12.9149", 2, "12.91‰"), ("0", 2, "0.00‰"), ("-0.004", 2, "0.00‰"), ("7", 1, "7.0‰"),
    ])
    func perMille(_ v: String, _ p: Int, _ expected: String) throws {
        #expect(try Statistics.perMille(Decimal(string: v)!, places: p) == expected)
    }

    @Test("rates from counts")
    func fromCounts() throws {
        #expect(try Statistics.perMille(1292, places: 2, denominator: 100000) == "12.92‰")
        #expect(try Statistics.percent(1, places: 1, denominator: 3) == "33.3%")
        #expect(throws: FormatError.self) { try Statistics.percent(1, places: 1, denominator: 0) }
    }

    @Test("signed changes", arguments: [
        ("-1.37", "千分点", nil as Int?, "提高/下降", "下降1.37个千分点"), ("0.5", "百分点", nil, "提高/下降", "提高0.5个百分点"),
        ("0.50", "百分点", nil, "提高/下降", "提高0.50个百分点"), ("0.504", "百分点", 1, "提高/下降", "提高0.5个百分点"),
        ("0", "百分点", nil, "提高/下降", "持平"), ("0.004", "百分点", 2, "提高/下降", "持平"), ("-120", "人", nil, "增加/减少", "减少120人"),
    ])
    func changes(_ v: String, _ unit: String, _ places: Int?, _ words: String, _ expected: String) throws {
        #expect(try Statistics.change(Decimal(string: v)!, unit: unit, places: places, words: words, literal: v) == expected)
    }

    @Test("sex ratio and abbreviations")
    func ratios() throws {
        #expect(try Statistics.sexRatio(boys: 1125, girls: 1000) == "112.5")
        #expect(try Statistics.sexRatio(boys: 1234, girls: 1100, places: 2) == "112.18")
        #expect(try Statistics.abbreviated(3752000, unit: "万", places: 1) == "375.2万")
        #expect(try Statistics.abbreviated(123456789, unit: "亿", places: 2) == "1.23亿")
        #expect(Statistics.grouped("446750") == "446,750")
        #expect(Statistics.grouped("-1234567.891") == "-1,234,567.891")
        #expect(Statistics.grouped("999") == "999")
    }
}

@Suite("发文字号, punctuation, personal data")
struct OfficialTextTests {
    @Test("发文字号")
    func documentNumber() throws {
        #expect(try DocumentNumber.make(code: "黔人口发", year: "2025", sequence: "17") == "黔人口发〔2025〕17号")
        #expect(try DocumentNumber.make(code: "黔人口发", year: "2025", sequence: "017") == "黔人口发〔2025〕17号")
        #expect(try DocumentNumber.make(code: "黔人口发", year: "2025", sequence: "第17号") == "黔人口发〔2025〕17号")
        #expect(throws: FormatError.self) { try DocumentNumber.make(code: "黔人口发", year: "25", sequence: "17") }
        #expect(throws: FormatError.self) { try DocumentNumber.make(code: "黔人口发", year: "2025", sequence: "0") }
    }

    @Test("wrong brackets are normalised", arguments: [
        "黔人口发[2025]17号", "黔人口发【2025】017号", "黔人口发（2025）第17号", "黔人口发(2025)17号", "黔人口发〔2025〕17号", "黔人口发［２０２５］１７号",
    ])
    func normalize(_ text: String) throws {
        #expect(try DocumentNumber.normalize(text) == "黔人口发〔2025〕17号")
    }

    @Test("full-width punctuation inside Chinese, untouched elsewhere", arguments: [
        ("你好,世界.", "你好，世界。"),
        ("出生率为12.5‰,比上年下降0.3个千分点.", "出生率为12.5‰，比上年下降0.3个千分点。"),
        ("共1,000人:其中", "共1,000人：其中"),
        ("时间:10:30", "时间：10:30"),
        ("详见 http://www.example.gov.cn/a.html,请查阅.", "详见 http://www.example.gov.cn/a.html，请查阅。"),
        ("他说\"要落实\",然后(略)离开", "他说“要落实”，然后（略）离开"),
        ("Don't change English, ok.", "Don't change English, ok."),
        ("联系 a.b@example.cn 或(0851)", "联系 a.b@example.cn 或（0851）"),
        ("真的吗? 是的!", "真的吗？是的！"),
        ("她说'好'", "她说‘好’"),
    ])
    func punctuation(_ input: String, _ expected: String) {
        #expect(Punctuation.fullWidth(input) == expected)
    }

    @Test("masking")
    func masking() throws {
        #expect(try PersonalData.maskID("522401199001011234") == "5224**********1234")
        #expect(try PersonalData.maskID("52240119900101123x") == "5224**********123X")
        #expect(try PersonalData.maskPhone("13812345678") == "138****5678")
        #expect(try PersonalData.maskPhone("+86 138-1234-5678") == "138****5678")
        #expect(try PersonalData.maskPhone("１３８ １２３４ ５６７８") == "138****5678")
        #expect(throws: FormatError.self) { try PersonalData.maskPhone("138123456789") }
        #expect(throws: FormatError.self) { try PersonalData.maskID("12345") }
        #expect(throws: FormatError.self) { try PersonalData.maskPhone("0851-1234567") }
    }

    @Test("ID check digits (GB 11643)")
    func idCheck() throws {
        #expect(try PersonalData.validateID("11010519491231002X") == "11010519491231002X")
        #expect(try PersonalData.validateID("11010519491231002x") == "11010519491231002X")
        #expect(try PersonalData.validateID("440524188001010014") == "440524188001010014")
        #expect(throws: FormatError.self) { try PersonalData.validateID("110105194912310021") }  // wrong check digit
        #expect(throws: FormatError.self) { try PersonalData.validateID("110105194902300020") }  // 2月30日
        #expect {
            try PersonalData.validateID("110105194912310021")
        } throws: { error in
            let m = (error as! FormatError).message
            return m.contains("1101…0021") && !m.contains("110105194912310021")
        }
    }
}
