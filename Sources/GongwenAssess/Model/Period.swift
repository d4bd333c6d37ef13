import Foundation
import GongwenFormat

/// One assessment period: a month, a quarter, a half year or a year (004 line 34: 每月一通报、每季一点评、
/// 半年一奖惩; the annual 责任目标考核 of 000 第三篇). Written `2025-06`, `2025-Q2`, `2025-H1`, `2025`, or in
/// Chinese (`2025年6月`, `2025年第二季度`, `2025年上半年`, `2025年`).
public struct Period: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case month = "月", quarter = "季", half = "半年", year = "年"

        /// Periods of this kind in a year.
        public var perYear: Int {
            switch self {
            case .month: 12
            case .quarter: 4
            case .half: 2
            case .year: 1
            }
        }
    }

    public let year: Int
    public let kind: Kind
    /// 1-based position in the year (month 1–12, quarter 1–4, half 1–2); 1 for a year.
    public let index: Int

    public init(year: Int, kind: Kind, index: Int = 1) {
        self.year = year
        self.kind = kind
        self.index = min(max(index, 1), kind.perYear)
    }

    /// Parses the written forms above; nil when the text is none of them.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, let year = Int(digits), (1900...9999).contains(year) else { return nil }
        var rest = String(text.dropFirst(4))
        if rest.isEmpty || rest == "年" || rest == "年度" {
            self.init(year: year, kind: .year)
            return
        }
        if rest.hasPrefix("-") || rest.hasPrefix("年") { rest.removeFirst() }
        let upper = rest.uppercased()
        if upper.hasPrefix("Q"), let q = Int(upper.dropFirst()), (1...4).contains(q) {
            self.init(year: year, kind: .quarter, index: q)
        } else if upper.hasPrefix("H"), let h = Int(upper.dropFirst()), (1...2).contains(h) {
            self.init(year: year, kind: .half, index: h)
        } else if rest == "上半年" {
            self.init(year: year, kind: .half, index: 1)
        } else if rest == "下半年" {
            self.init(year: year, kind: .half, index: 2)
        } else if rest.hasPrefix("第"), rest.hasSuffix("季度"),
                  let q = ["一", "二", "三", "四"].firstIndex(of: String(rest.dropFirst().dropLast(2))) {
            self.init(year: year, kind: .quarter, index: q + 1)
        } else {
            let month = rest.hasSuffix("月") ? String(rest.dropLast()) : rest
            guard let m = Int(month), (1...12).contains(m) else { return nil }
            self.init(year: year, kind: .month, index: m)
        }
    }

    /// `2025-06`, `2025-Q2`, `2025-H1`, `2025`: the form stored and used in file names.
    public var description: String {
        switch kind {
        case .month: String(format: "%04d-%02d", year, index)
        case .quarter: "\(year)-Q\(index)"
        case .half: "\(year)-H\(index)"
        case .year: "\(year)"
        }
    }

    /// `2025年6月`, `2025年第二季度`, `2025年上半年`, `2025年`: as documents write it.
    public var chineseName: String {
        switch kind {
        case .month: "\(year)年\(index)月"
        case .quarter: "\(year)年第\(["一", "二", "三", "四"][index - 1])季度"
        case .half: "\(year)年\(index == 1 ? "上" : "下")半年"
        case .year: "\(year)年"
        }
    }

    /// The period `n` steps earlier of the same kind (2025-01 back 1 → 2024-12).
    public func back(_ n: Int) -> Period {
        let ordinal = year * kind.perYear + (index - 1) - n
        return Period(year: ordinal / kind.perYear, kind: kind, index: ordinal % kind.perYear + 1)
    }

    public var previous: Period { back(1) }

    /// Months from January 1900: orders periods of one kind and measures gaps.
    var ordinal: Int { year * kind.perYear + index - 1 }

    /// The first and the last day of the period.
    public var firstDay: CivilDate { try! CivilDate(year: year, month: (index - 1) * (12 / kind.perYear) + 1, day: 1) }
    public var lastDay: CivilDate {
        let month = index * (12 / kind.perYear)
        let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return try! CivilDate(year: year, month: month, day: days[month - 1])
    }

    /// Periods of one kind order by time; different kinds by their last day, then the longer first.
    public static func < (a: Period, b: Period) -> Bool {
        if a.kind == b.kind { return a.ordinal < b.ordinal }
        if a.lastDay != b.lastDay { return a.lastDay < b.lastDay }
        return a.kind.perYear < b.kind.perYear
    }
}
