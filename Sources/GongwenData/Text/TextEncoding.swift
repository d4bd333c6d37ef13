import Foundation
import GongwenModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings text data arrives in from Chinese offices: UTF-8 (with or without the BOM that
/// Excel's “CSV UTF-8” writes), UTF-16 with a BOM (Excel's “Unicode text”), and GB18030, the
/// superset of GBK and GB2312 that Excel and WPS on a Chinese Windows write for plain “CSV”.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case gb18030 = "gb18030"

    /// Accepts the names users type: `utf8`, `UTF-8`, `gbk`, `gb2312`, `GB18030`, `utf-16`, `unicode`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf16", "unicode", "utf-16le", "utf-16be": self = .utf16
        case "gb18030", "gbk", "gb2312", "cp936", "936": self = .gb18030
        default: return nil
        }
    }
}

/// Turns the bytes of a text data file into UTF-8, detecting the encoding when the user did not
/// name one. Detection: a BOM decides; otherwise text that is valid UTF-8 is UTF-8 (GB18030 text
/// of any length is almost never valid UTF-8), and anything else is read as GB18030.
/// GB18030 and UTF-16 are converted with the C library's iconv, which implements GB18030-2005
/// completely (four-byte sequences included), rather than with a table written by hand.
public enum TextDecoder {
    public struct Failure: Error, Sendable {
        public var message: String
        /// 1-based line of the first byte that could not be decoded.
        public var line: Int?
    }

    /// A whole file as UTF-8, and how it was read.
    struct Decoded {
        /// UTF-8, but for the bytes outside the encoding, passed on (see `TextStreamDecoder`).
        var text: [UInt8]
        var plan: TextStreamDecoder.Plan
        /// Whether there were such bytes.
        var damaged: Bool
    }

    /// Decodes a whole file: the streaming decoder given all of it as its last block, so a file
    /// read whole and one streamed (`CSVFileRows`) are read by the same code.
    static func decode(_ bytes: [UInt8], as forced: TextEncoding? = nil) throws(Failure) -> Decoded {
        let plan = TextStreamDecoder.plan(start: Array(bytes.prefix(4)), forced: forced) {
            var census = UTF8Validation.Census()
            // Valid characters are counted only when there is an invalid one to weigh them against.
            if !UTF8Validation.isValid(bytes) { census.add(bytes) }
            return census
        }
        let decoder = try TextStreamDecoder(plan)
        let text = decoder.decode(bytes, final: true)
        return Decoded(text: text, plan: plan, damaged: decoder.damaged)
    }

    /// The error that stops a file read in the wrong encoding (a `strict` plan), at the row of
    /// the first cell with bytes outside it.
    static func undecodableMessage(_ plan: TextStreamDecoder.Plan, row: Int) -> String {
        plan.detected ? unknownEncodingMessage(line: row) : notUTF8Message(line: row)
    }

    static func notUTF8Message(line: Int) -> String {
        "第 \(line) 行不是有效的 UTF-8 文本；若文件来自 Excel/WPS 的“CSV”，请用 --encoding gb18030 / not valid UTF-8"
    }

    static func unknownEncodingMessage(line: Int) -> String {
        "文件既不是 UTF-8 也不是 GB18030 编码（第 \(line) 行附近有无法识别的字节）；"
            + "请在 Excel/WPS 中另存为“CSV UTF-8”，或用 --encoding 指定编码 / unknown text encoding"
    }

    /// The line of the first byte sequence that is not UTF-8.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 || i + length > bytes.count
                || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return line }
            if b == 0x0A { line += 1 }
            i += length
        }
        return line
    }
}
