/// Personal data on forms: masking for printed lists, and the GB 11643-1999 check of
/// 公民身份号码.
public enum PersonalData {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// An ID number shown only by its first and last four characters, for messages.
    static func hint(_ text: String) -> String {
        text.count > 8 ? String(text.prefix(4)) + "…" + String(text.suffix(4)) : text
    }

    static func normalizedID(_ raw: String) throws(FormatError) -> String {
        let id = CivilDate.halfWidthDigits(raw).filter { $0 != " " && $0 != "-" }.uppercased()
        let valid = (id.count == 18 && id.prefix(17).allSatisfy(\.isASCII) && id.prefix(17).allSatisfy(\.isNumber)
            && (id.last?.isNumber == true || id.last == "X")) || (id.count == 15 && id.allSatisfy { $0.isASCII && $0.isNumber })
        guard valid else {
            throw FormatError("“\(hint(raw))”不是身份证号码（应为 18 位，或旧式 15 位） / not an ID-card number")
        }
        return id
    }

    /// `522401199001011234` → `5224**********1234`.
    public static func maskID(_ raw: String) throws(FormatError) -> String {
        let id = try normalizedID(raw)
        return String(id.prefix(4)) + String(repeating: "*", count: id.count - 8) + String(id.suffix(4))
    }

    /// Checks an 18-digit number's birth date and check character (GB 11643-1999) and returns it
    /// with an upper-case X.
    public static func validateID(_ raw: String) throws(FormatError) -> String {
        let id = try normalizedID(raw)
        guard id.count == 18 else {
            throw FormatError("“\(hint(raw))”是 15 位旧号码，无校验码 / 15-digit numbers have no check digit")
        }
        let digits = id.prefix(17).map { $0.wholeNumberValue ?? 0 }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard checkCharacters[sum % 11] == id.last else {
            throw FormatError("身份证号码“\(hint(raw))”的校验码不对 / ID-card check digit is wrong")
        }
        let birth = Array(id)[6..<14].map(String.init).joined()
        let (year, month, day) = (Int(birth.prefix(4)) ?? 0, Int(birth.dropFirst(4).prefix(2)) ?? 0, Int(birth.suffix(2)) ?? 0)
        guard (1800...9999).contains(year), (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            throw FormatError("身份证号码“\(hint(raw))”中的出生日期无效 / invalid birth date in ID-card number")
        }
        return id
    }

    /// `13812345678` (also `+86 138-1234-5678`) → `138****5678`.
    public static func maskPhone(_ raw: String) throws(FormatError) -> String {
        // The digits, half- or full-width, as ASCII; everything else (spaces, dashes, “+”) is
        // dropped. Scalars, not characters: this runs for every form of a batch.
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.append(UInt8(scalar.value))
            case 0xFF10...0xFF19: digits.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default: continue
            }
            if digits.count > 13 { break }
        }
        if digits.count == 13, digits[0] == 0x38, digits[1] == 0x36 { digits.removeFirst(2) }  // 86
        guard digits.count == 11, digits[0] == 0x31 else {
            throw FormatError("“\(raw)”不是 11 位手机号码 / not a mobile number")
        }
        return String(decoding: digits[..<3], as: UTF8.self) + "****" + String(decoding: digits[7...], as: UTF8.self)
    }
}
