import Foundation

/// A calendar date without time or zone: what a 成文日期 is. Parsed strictly from the forms
/// offices type and from Excel serial numbers; anything else is an error, never a guess.
public struct CivilDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(FormatError) {
        guard (1900...9999).contains(year) else { throw FormatError("年份 \(year) 不在 1900–9999 之间 / year out of range") }
        guard (1...12).contains(month) else { throw FormatError("月份 \(month) 无效 / invalid month") }
        guard (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            throw FormatError("\(year)年\(month)月没有\(day)日 / invalid day")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `2025-06-30`, `2025/6/30`, `2025.6.30`, `2025年6月30日` (full-width digits allowed,
    /// an ISO time after the date ignored).
    public init(parsing raw: String) throws(FormatError) {
        if let iso = CivilDate.isoParts(raw) {
            do {
                try self.init(year: iso.year, month: iso.month, day: iso.day)
                return
            } catch {
                throw FormatError("“\(raw)”不是有效日期：\(error.message)")
            }
        }
        let text = CivilDate.halfWidthDigits(raw.trimmingCharacters(in: .whitespaces))
        var parts: [Int] = []
        var current = ""
        var separators: [Character] = []
        var rest = Substring(text)
        // Cut an ISO time (`T10:00`, ` 10:00:00`).
        if let t = rest.firstIndex(where: { $0 == "T" || $0 == " " }), rest[rest.index(after: t)...].contains(":") {
            rest = rest[..<t]
        }
        // A part too long for `Int` (twenty digits from a data cell) is no date part.
        func part(_ digits: String) throws(FormatError) -> Int {
            guard let n = Int(digits) else { throw FormatError("“\(raw)”不是有效日期：“\(digits.prefix(24))”不是年、月或日 / not a date") }
            return n
        }
        for ch in rest {
            if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else {
                guard !current.isEmpty else { throw FormatError("“\(raw)”不是可识别的日期 / not a date") }
                parts.append(try part(current))
                current = ""
                separators.append(ch)
            }
        }
        if !current.isEmpty { parts.append(try part(current)) }
        let valid: Bool
        switch separators {
        case ["-", "-"], ["/", "/"], [".", "."]: valid = true
        case ["年", "月", "日"]: valid = current.isEmpty
        default: valid = false
        }
        guard valid, parts.count == 3, String(parts[0]).count == 4 else {
            throw FormatError("“\(raw)”不是可识别的日期（可用 2025-06-30、2025/6/30、2025.6.30、2025年6月30日） / not a date")
        }
        do {
            try self.init(year: parts[0], month: parts[1], day: parts[2])
        } catch {
            throw FormatError("“\(raw)”不是有效日期：\(error.message)")
        }
    }

    /// An Excel serial date (1900 date system): 1 = 1900-01-01; Excel's phantom 1900-02-29 is
    /// serial 60. A fraction (time of day) is ignored.
    public init(excelSerial serial: Decimal) throws(FormatError) {
        let days = serial < 1 || serial > 2_958_466 ? 0 : NSDecimalNumber(decimal: serial).intValue  // truncates the time
        guard days >= 1, days <= 2_958_465 else {
            throw FormatError("“\(DecimalRounding.plain(serial))”不是 Excel 日期序号（1–2958465） / not an Excel date serial")
        }
        guard days != 60 else { throw FormatError("Excel 日期序号 60 是不存在的 1900年2月29日 / Excel's phantom 1900-02-29") }
        // Days since 1899-12-31 for serials before the phantom day, since 1899-12-30 after it.
        var remaining = days < 60 ? days : days - 1
        var year = 1900
        while true {
            let length = CivilDate.isLeap(year) ? 366 : 365
            if remaining <= length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        while remaining > CivilDate.daysIn(month: month, year: year) {
            remaining -= CivilDate.daysIn(month: month, year: year)
            month += 1
        }
        try self.init(year: year, month: month, day: remaining)
    }

    /// `2025-06-30` exactly, read from its bytes: the form checked data is normalised to, so the
    /// one a merge sees for every record; the general parser walks Characters and allocates.
    private static func isoParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        text.utf8.withContiguousStorageIfAvailable { b -> (year: Int, month: Int, day: Int)? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    guard (0x30...0x39).contains(b[i]) else { return nil }
                    n = n * 10 + Int(b[i] - 0x30)
                }
                return n
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        } ?? nil
    }

    static func halfWidthDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (0xFF10...0xFF19).contains(s.value) ? Unicode.Scalar(UInt8(s.value - 0xFF10 + 0x30)) : s
        }))
    }

    // MARK: writing

    /// `2025-06-30`: the form data is normalised to.
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// GB/T 9704-2012 form: `2025年6月30日` (Arabic numerals, full year, no zero padding).
    public var standard: String { "\(year)年\(month)月\(day)日" }

    /// Chinese-numeral form: `二〇二五年六月三十日`.
    public var chinese: String {
        ChineseNumerals.yearDigits(year) + "年" + ChineseNumerals.lowercase(month) + "月" + ChineseNumerals.lowercase(day) + "日"
    }

    /// `2025年第二季度`.
    public var quarter: String { "\(year)年第\(ChineseNumerals.lowercase((month - 1) / 3 + 1))季度" }

    /// `2025年上半年` / `2025年下半年`.
    public var half: String { "\(year)年\(month <= 6 ? "上" : "下")半年" }
}

/// 五年规划 (计划) names from a year: 2025 → “十四五”. The first two plans ran 1953–1962; after the
/// adjustment years 1963–1965 the third began in 1966, and every plan since has five years.
public enum FiveYearPlan {
    public static func name(forYear year: Int) throws(FormatError) -> String {
        let number: Int
        switch year {
        case 1953...1962: number = (year - 1953) / 5 + 1
        case 1966...9999: number = (year - 1966) / 5 + 3
        default: throw FormatError("\(year)年不属于任何五年计划（规划） / no five-year plan for \(year)")
        }
        return "“" + ChineseNumerals.lowercase(number) + "五”"
    }
}
