import Foundation
import PropertyBased
import Testing
@testable import GongwenFormat

/// Reads numerals back, independently of the writer, so random values can be checked to
/// round-trip: what we print means the number we were given.
enum NumeralReader {
    static let lower: [Character: Int64] = ["零": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    static let upper: [Character: Int64] = ["零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9]
    static let smallUnits: [Character: Int64] = ["十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000]

    /// Parses an integer numeral: digits, 十百千 (拾佰仟) inside groups, 万, 亿 and 万亿 between them.
    static func integer(_ text: String, digits: [Character: Int64]) -> Int64? {
        var total: Int64 = 0      // completed 亿-level part
        var wan: Int64 = 0        // completed 万-level part below 亿
        var section: Int64 = 0    // current group below 万
        var digit: Int64? = nil
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let d = digits[c] {
                digit = d
            } else if let unit = smallUnits[c] {
                section += (digit ?? 1) * unit
                digit = nil
            } else if c == "万" {
                if i + 1 < chars.count, chars[i + 1] == "亿" {  // 万亿
                    total += (section + (digit ?? 0)) * 1_0000_0000_0000
                    i += 1
                } else {
                    wan += (section + (digit ?? 0)) * 10000
                }
                section = 0
                digit = nil
            } else if c == "亿" {
                total += (wan + section + (digit ?? 0)) * 1_0000_0000
                wan = 0
                section = 0
                digit = nil
            } else {
                return nil
            }
            i += 1
        }
        return total + wan + section + (digit ?? 0)
    }

    /// Parses 大写金额 back to an amount in 分.
    static func amount(_ text: String) -> Int64? {
        var t = Substring(text)
        var cents: Int64 = 0
        if t.hasSuffix("整") { t = t.dropLast() }
        if let yuan = t.firstIndex(of: "元") {
            guard let y = integer(String(t[..<yuan]), digits: upper) else { return nil }
            cents += y * 100
            t = t[t.index(after: yuan)...]
        }
        if t.hasPrefix("零") { t = t.dropFirst() }
        if let jiao = t.firstIndex(of: "角") {
            guard let d = upper[t[t.startIndex]], t.distance(from: t.startIndex, to: jiao) == 1 else { return nil }
            cents += d * 10
            t = t[t.index(after: jiao)...]
        }
        if let fen = t.firstIndex(of: "分") {
            guard let d = upper[t[t.startIndex]], t.distance(from: t.startIndex, to: fen) == 1 else { return nil }
            cents += d
            t = t[t.index(after: fen)...]
        }
        return t.isEmpty || t == "零元" ? cents : nil
    }
}

@Suite("Round trips over random values")
struct PropertyTests {
    @Test("lower-case numerals read back to the same integer")
    func lowerRoundTrip() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: 0...ChineseNumerals.maximum)) { n in
            let text = try ChineseNumerals.integer(n, digits: .lower)
            #expect(NumeralReader.integer(text, digits: NumeralReader.lower) == n, "\(n) → \(text)")
        }
    }

    @Test("numerals with 两 read back too")
    func liangRoundTrip() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: 0...9_9999_9999)) { n in
            let text = try ChineseNumerals.integer(n, digits: .lower, liang: true)
            #expect(NumeralReader.integer(text, digits: NumeralReader.lower) == n, "\(n) → \(text)")
        }
    }

    @Test("small numbers, where the 零 and 十 rules bite most")
    func smallRoundTrip() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: 0...200_000)) { n in
            let text = try ChineseNumerals.integer(n, digits: .lower)
            #expect(NumeralReader.integer(text, digits: NumeralReader.lower) == n, "\(n) → \(text)")
            #expect(!text.contains("零零"))
            #expect(n == 0 || !text.hasSuffix("零"))
        }
    }

    @Test("大写金额 reads back to the same amount")
    func amountRoundTrip() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: 0...999_999_999_999_999_999)) { cents in
            let amount = Decimal(cents) / 100
            let text = try RMBUppercase.format(amount)
            #expect(NumeralReader.amount(text) == cents, "\(amount) → \(text)")
            #expect(!text.contains("零零"))
        }
    }
}
