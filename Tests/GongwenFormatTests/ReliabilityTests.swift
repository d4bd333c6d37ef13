import Foundation
import Testing
@testable import GongwenFormat

/// Hostile data cells (issue 15): every formatter ends in text or an error, in linear time.
@Suite("Reliability: formatting hostile values")
struct FormatReliabilityTests {
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let elapsed = try ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("a date part too long for Int is an error, not a trap", arguments: [
        "2025-06-123456789012345678901", "99999999999999999999-1-1", "2025年1月99999999999999999999999日",
        "２０２５-０６-１２３４５６７８９０１２３４５６７８９０１", "1/2/333333333333333333333333333333333333",
    ])
    func hugeDateParts(_ raw: String) {
        #expect(throws: FormatError.self) { try CivilDate(parsing: raw) }
    }

    @Test("rates and ratios past the range of decimals are errors, not “NaN”")
    func nanRates() throws {
        let huge = try #require(Decimal(string: "1e127")), tiny = try #require(Decimal(string: "1e-127"))
        #expect(throws: FormatError.self) { try Statistics.percent(huge, places: 2, denominator: tiny) }
        #expect(throws: FormatError.self) { try Statistics.perMille(huge, places: 0, denominator: tiny) }
        #expect(throws: FormatError.self) { try Statistics.sexRatio(boys: huge, girls: tiny) }
        #expect(throws: FormatError.self) { try RMBUppercase.format(.nan) }
        #expect(throws: FormatError.self) { try ChineseNumerals.decimal(.nan) }
    }

    @Test("full-width punctuation of a 200,000-character cell is linear", arguments: [
        String(repeating: "中文,", count: 70_000),
        String(repeating: ".", count: 200_000),
        String(repeating: "-", count: 200_000) + "@",
        "中" + String(repeating: " ", count: 200_000) + ",",
    ])
    func punctuationLinear(_ text: String) {
        var out = ""
        let elapsed = seconds { out = Punctuation.fullWidth(text) }
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(!out.isEmpty)
    }

    @Test("full-width punctuation still converts what it did")
    func punctuationUnchanged() {
        #expect(Punctuation.fullWidth("你好,世界. 见 www.example.com, 邮件 a.b@c.cn.") == "你好，世界。见 www.example.com，邮件 a.b@c.cn.")
        #expect(Punctuation.fullWidth("比例 12.5, 时间 10:30 (上午)") == "比例 12.5，时间 10:30（上午）")
        #expect(Punctuation.fullWidth("他说 \"好\" 了 'a' ") == "他说“好”了‘a’")
        #expect(Punctuation.fullWidth("HTTP://EXAMPLE.COM/x.y 中") == "HTTP://EXAMPLE.COM/x.y 中")
    }
}
