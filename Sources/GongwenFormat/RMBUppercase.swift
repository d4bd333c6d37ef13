import Foundation

/// 人民币大写金额 as banks and finance offices write it (《支付结算办法》附件《正确填写票据和结算凭证的基本规定》):
/// 13000.00 → 壹万叁仟元整, 20025.50 → 贰万零贰拾伍元伍角, 0.05 → 伍分, 1000000 → 壹佰万元整,
/// 1.05 → 壹元零伍分 (a zero 角 before a non-zero 分 is written 零).
public enum RMBUppercase {
    /// Amounts must stay below 一万万亿 (10^16) yuan: the 万亿 group is the largest unit written.
    public static let maximum = Decimal(string: "9999999999999999.99")!

    public static func format(_ amount: Decimal, prefix: String = "") throws(FormatError) -> String {
        let text = DecimalRounding.plain(amount)
        guard !amount.isNaN, amount >= 0 else {
            throw FormatError("金额“\(text)”为负数，不能写成大写金额 / negative amount")
        }
        guard amount <= maximum else {
            throw FormatError("金额“\(text)”超过万亿级，不能写成大写金额 / amount too large")
        }
        let (integerDigits, fraction) = DecimalRounding.digits(amount)
        guard fraction.count <= 2 else {
            throw FormatError("金额“\(text)”有 \(fraction.count) 位小数，大写金额只到分（两位小数） / more than two decimals")
        }
        let yuan = Int64(integerDigits) ?? 0
        let digits = Array(fraction + String(repeating: "0", count: 2 - fraction.count)).map { $0.wholeNumberValue ?? 0 }
        let (jiao, fen) = (digits[0], digits[1])
        let upper = ChineseNumerals.Digits.upper.digits

        var out = ""
        if yuan > 0 { out += try ChineseNumerals.integer(yuan, digits: .upper) + "元" }
        if jiao == 0, fen == 0 {
            out += yuan > 0 ? "整" : "零元整"
        } else {
            if jiao > 0 {
                out += upper[jiao] + "角"
            } else if yuan > 0 {
                out += "零"  // 1.05 → 壹元零伍分
            }
            if fen > 0 { out += upper[fen] + "分" }
        }
        return prefix + out
    }
}
