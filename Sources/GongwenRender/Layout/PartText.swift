import GongwenModel

/// The words GB/T 9704-2012 adds around the parts of a document — the colon after the 主送机关,
/// the brackets of the 附注, “抄送：” and the full stop of the 版记, “印发” after the date, two
/// 签发人 to a line — written once so the HTML and ODF outputs always say the same.
package enum PartText {
    /// 主送机关 ending with a full-width colon.
    package static func addressee(_ addressee: [Inline]) -> [Inline] {
        Inline.plainText(addressee).hasSuffix("：") ? addressee : addressee + [.text("：")]
    }

    /// A clause's number as printed: 第一条 is followed by a full-width space, 1. is not.
    /// Compared as bytes: `hasSuffix` walks characters, and this runs for every clause of a batch.
    package static func clauseNumber(_ number: String) -> String {
        number.utf8.reversed().starts(with: "条".utf8.reversed()) ? number + "　" : number
    }

    /// 附注 in full-width brackets.
    package static func note(_ note: [Inline]) -> [Inline] {
        [.text("（")] + note + [.text("）")]
    }

    /// One 附件说明 item, numbered when there are several.
    package static func attachmentNote(_ note: [Inline], index: Int, count: Int) -> [Inline] {
        count > 1 ? [.text("\(index + 1).")] + note : note
    }

    /// The 抄送 line of the 版记, ending with a full stop.
    package static func copyTo(_ copyTo: [Inline]) -> [Inline] {
        [.text("抄送：")] + copyTo + (Inline.plainText(copyTo).hasSuffix("。") ? [] : [.text("。")])
    }

    /// 印发日期 ending with 印发.
    package static func printingDate(_ date: String) -> String {
        date.hasSuffix("印发") ? date : date + "印发"
    }

    /// 签发人 two to a line; the 发文字号 shares the last line.
    package static func signerLines(_ signers: [String]) -> [[String]] {
        stride(from: 0, to: signers.count, by: 2).map { Array(signers[$0..<min($0 + 2, signers.count)]) }
    }
}
