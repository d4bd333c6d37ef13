import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a text file into UTF-8 block by block, for files streamed rather than read whole
/// (`CSVFileRows`). Same encodings, same detection and same messages as `TextDecoder`; a block
/// may end inside a character, whose bytes are kept for the next block.
final class TextStreamDecoder {
    /// How the bytes are read: which encoding, how many BOM bytes to skip, whether the encoding
    /// was detected (then a failure says the file is neither UTF-8 nor GB18030).
    struct Plan: Equatable {
        var encoding: TextEncoding
        /// iconv's name for the source, nil for UTF-8 (validated, not converted).
        var iconvName: String?
        var skip: Int
        var detected: Bool
    }

    private let plan: Plan
    private var converter: iconv_t?
    /// Bytes of a character cut by the end of the last block.
    private var carry: [UInt8] = []
    private var skipLeft: Int
    /// Line breaks already decoded, so a failure names the line of the whole file.
    private var linesBefore = 0

    init(_ plan: Plan) throws(TextDecoder.Failure) {
        self.plan = plan
        skipLeft = plan.skip
        if let name = plan.iconvName {
            let cd = iconv_open("UTF-8", name)
            guard cd != iconv_t(bitPattern: -1) else {
                throw TextDecoder.Failure(message: "本机不支持 \(name) 编码转换 / iconv cannot convert \(name)", line: nil)
            }
            converter = cd
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// Decides how to read a file from its first bytes and, when no encoding is forced and
    /// there is no BOM, from whether the whole file is valid UTF-8 (read once through `blocks`,
    /// keeping nothing), as `TextDecoder` decides for a file read whole.
    static func plan(start: [UInt8], forced: TextEncoding?, wholeFileIsUTF8: () -> Bool) -> Plan {
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { return Plan(encoding: .utf8, iconvName: nil, skip: 3, detected: false) }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return Plan(encoding: .utf16, iconvName: start[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", skip: 2, detected: false)
        }
        switch forced {
        case .utf8?: return Plan(encoding: .utf8, iconvName: nil, skip: 0, detected: false)
        case .utf16?: return Plan(encoding: .utf16, iconvName: "UTF-16LE", skip: 0, detected: false)  // Windows writes little-endian
        case .gb18030?: return Plan(encoding: .gb18030, iconvName: "GB18030", skip: 0, detected: false)
        case nil:
            if wholeFileIsUTF8() { return Plan(encoding: .utf8, iconvName: nil, skip: 0, detected: true) }
            return Plan(encoding: .gb18030, iconvName: "GB18030", skip: 0, detected: true)
        }
    }

    /// The UTF-8 text of `block`; at the end of the file (`final`) a character left incomplete
    /// is an error.
    func decode(_ block: [UInt8], final: Bool) throws(TextDecoder.Failure) -> [UInt8] {
        // The block itself when nothing is carried or skipped: a file decoded whole is not copied.
        var input = block
        if !carry.isEmpty || skipLeft > 0 {
            let skipped = min(skipLeft, block.count)
            skipLeft -= skipped
            input = carry + block[skipped...]
            carry = []
        }
        let text = try plan.iconvName == nil ? validated(input, final: final) : converted(input, final: final)
        linesBefore += Self.lineBreaks(text)
        return text
    }

    /// UTF-8 passes through once checked; the bytes of a character the block cut are carried.
    private func validated(_ input: [UInt8], final: Bool) throws(TextDecoder.Failure) -> [UInt8] {
        let complete = final ? input.count : UTF8Validation.completePrefix(input)
        if complete < input.count { carry = Array(input[complete...]) }
        let text = complete == input.count ? input : Array(input[..<complete])
        guard UTF8Validation.isValid(text) else {
            let line = linesBefore + TextDecoder.firstInvalidUTF8Line(text)
            throw TextDecoder.Failure(message: TextDecoder.notUTF8Message(line: line), line: line)
        }
        return text
    }

    /// iconv converts what it can; an incomplete character at the end (EINVAL) is carried.
    private func converted(_ input: [UInt8], final: Bool) throws(TextDecoder.Failure) -> [UInt8] {
        guard let converter, !input.isEmpty else { return [] }
        var source = input
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var consumed = 0
        var written = 0
        var failure: Int32 = 0
        source.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                // The output holds twice the input, which no source encoding here exceeds
                // (GB18030 and UTF-16 take at least as many bytes per character as half of UTF-8).
                if iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { failure = errno }
                consumed = inBuf.count - inLeft
                written = outBuf.count - outLeft
            }
        }
        output.removeSubrange(written...)
        if failure == EINVAL && !final {
            carry = Array(input[consumed...])
            return output
        }
        if failure != 0 {
            let line = linesBefore + Self.lineBreaks(output) + 1
            let name = plan.iconvName ?? ""
            throw TextDecoder.Failure(message: plan.detected ? TextDecoder.unknownEncodingMessage(line: line)
                                        : "第 \(line) 行有不属于 \(name) 编码的字节 / bytes not valid in \(name)",
                                      line: line)
        }
        return output
    }

    static func lineBreaks(_ text: [UInt8]) -> Int {
        var count = 0
        for byte in text where byte == 0x0A { count += 1 }
        return count
    }
}

/// UTF-8 checks on blocks of a file.
enum UTF8Validation {
    /// How many leading bytes end on a character boundary: a character cut by the end of the
    /// block (a lead byte within the last three bytes whose sequence runs past the end) is left out.
    static func completePrefix(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        var back = 1
        while back <= 4 && back <= n {
            let b = bytes[n - back]
            if b & 0xC0 != 0x80 {
                // A lead byte (or ASCII): how long its sequence is.
                let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 1
                return length > back ? n - back : n
            }
            back += 1
        }
        return n
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        // ASCII needs no decoding: most of a CSV of codes, numbers and commas.
        let ascii = bytes.withUnsafeBufferPointer { buffer in buffer.allSatisfy { $0 < 0x80 } }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }
}
