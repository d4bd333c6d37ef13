/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence and a
/// check character from ISO 7064 MOD 11-2. Checked at entry because a mistyped number would
/// otherwise become a second household that never matches the department's query.
public enum IDNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The form hashed and stored: spaces removed, a lower-case x upper-cased, full-width digits
    /// and Ｘ made ASCII (as WPS sometimes types them).
    public static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x3000, 0xA0: continue
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x78, 0xFF38, 0xFF58: out.append("X")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard first17.count == 17, digits.count == 17, first17.allSatisfy(\.isASCII) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Why a normalised number is not a valid 18-character 公民身份号码, or nil when it is.
    public static func problem(_ id: String) -> String? {
        guard id.count == 18 else { return "身份证号应为 18 位，此处为 \(id.count) 位" }
        let first17 = String(id.prefix(17))
        guard let expected = checkCharacter(first17) else { return "身份证号前 17 位应全为数字" }
        let birth = Array(first17.dropFirst(6).prefix(8)).compactMap(\.wholeNumberValue)
        let year = birth[0...3].reduce(0) { $0 * 10 + $1 }, month = birth[4] * 10 + birth[5], day = birth[6] * 10 + birth[7]
        guard (1850...2100).contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            return "身份证号中的出生日期 \(first17.dropFirst(6).prefix(8)) 不是有效日期"
        }
        guard id.last == expected else { return "身份证号校验位应为 \(expected)，此处为 \(id.last!)（号码有误）" }
        return nil
    }

    /// 5202**********1234: the first four and last four characters, the rest hidden.
    public static func mask(_ id: String) -> String {
        guard id.count > 8 else { return String(repeating: "*", count: id.count) }
        return String(id.prefix(4)) + String(repeating: "*", count: id.count - 8) + String(id.suffix(4))
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// 付花 → 付*, 于亮强 → 于**: only the first character is shown (a two-character 复姓 is not
/// guessed: 欧阳娜娜 → 欧***), so nothing of the given name is revealed to a department.
public enum NameMask {
    public static func mask(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(name.count - 1, 1))
    }
}
