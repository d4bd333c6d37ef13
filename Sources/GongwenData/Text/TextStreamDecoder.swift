import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a text file into UTF-8 block by block, for files streamed rather than read whole
/// (`CSVFileRows`). Same encodings, same detection and same messages as `TextDecoder`; a block
/// may end inside a character, whose bytes are kept for the next block.
///
/// Bytes that are not text in the file's encoding are not dropped or replaced: they are passed
/// on as bytes that are not UTF-8 (invalid UTF-8 as it is; for GB18030 and UTF-16, one 0xFF per
/// bad byte, a byte UTF-8 never uses), so the CSV parser can tell which cell of which row they
/// are in (`CSVParser.checkUTF8`), and `damaged` says that there were some.
final class TextStreamDecoder {
    /// How the bytes are read: which encoding, how many BOM bytes to skip, whether the encoding
    /// was detected (then a failure says the file is neither UTF-8 nor GB18030).
    struct Plan: Equatable {
        var encoding: TextEncoding
        /// iconv's name for the source, nil for UTF-8 (validated, not converted).
        var iconvName: String?
        var skip: Int
        var detected: Bool
        /// Whether a cell with bytes outside the encoding stops the whole file (the encoding is
        /// wrong: a file detected as GB18030 that is not, one forced to UTF-8 that mostly is not)
        /// rather than being a problem of its row (a few stray bytes in a file of that encoding).
        var strict = false
    }

    /// What `census` found of a file's UTF-8.
    enum UTF8Verdict: Equatable {
        case valid
        /// UTF-8 but for a few stray bytes: read as UTF-8, each bad cell reported at its row.
        case damaged
        case invalid
    }

    private let plan: Plan
    private var converter: iconv_t?
    /// Bytes of a character cut by the end of the last block.
    private var carry: [UInt8] = []
    private var skipLeft: Int
    /// Line breaks already decoded, so a failure names the line of the whole file.
    private var linesBefore = 0
    /// Whether bytes outside the encoding were passed on.
    private(set) var damaged = false
    /// UTF-8 sequences seen by a UTF-8 plan: valid ones of more than one byte, and invalid ones
    /// (counted only when `countsValid`: for deciding the encoding, not while reading).
    private(set) var census = UTF8Validation.Census()
    var countsValid = false

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
    /// A file is UTF-8 with a few stray bytes, rather than in another encoding, when its valid
    /// multi-byte characters outnumber its invalid sequences this many times. GB18030 Chinese
    /// read as UTF-8 has about as many invalid sequences as valid ones.
    static let damageRatio = 20

    /// Decides how to read a file from its first bytes and, when no BOM decides, from a census of
    /// the whole file as UTF-8 (read once through `utf8Census`, keeping nothing), as `TextDecoder`
    /// decides for a file read whole.
    static func plan(start: [UInt8], forced: TextEncoding?, utf8Census: () -> UTF8Validation.Census) -> Plan {
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { return Plan(encoding: .utf8, iconvName: nil, skip: 3, detected: false) }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return Plan(encoding: .utf16, iconvName: start[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", skip: 2, detected: false)
        }
        switch forced {
        case .utf8?:
            // Forced: the file is read as UTF-8 whatever; mostly something else, it stops at the first bad cell.
            let verdict = utf8Census().verdict
            return Plan(encoding: .utf8, iconvName: nil, skip: 0, detected: false, strict: verdict == .invalid)
        case .utf16?: return Plan(encoding: .utf16, iconvName: "UTF-16LE", skip: 0, detected: false)  // Windows writes little-endian
        case .gb18030?: return Plan(encoding: .gb18030, iconvName: "GB18030", skip: 0, detected: false)
        case nil:
            if utf8Census().verdict != .invalid { return Plan(encoding: .utf8, iconvName: nil, skip: 0, detected: true) }
            return Plan(encoding: .gb18030, iconvName: "GB18030", skip: 0, detected: true, strict: true)
        }
    }

    /// The UTF-8 text of `block`; at the end of the file (`final`) a character left incomplete
    /// is an error.
    func decode(_ block: [UInt8], final: Bool) -> [UInt8] {
        // The block itself when nothing is carried or skipped: a file decoded whole is not copied.
        var input = block
        if !carry.isEmpty || skipLeft > 0 {
            let skipped = min(skipLeft, block.count)
            skipLeft -= skipped
            input = carry + block[skipped...]
            carry = []
        }
        let text = plan.iconvName == nil ? validated(input, final: final) : converted(input, final: final)
        linesBefore += Self.lineBreaks(text)
        return text
    }

    /// UTF-8 passes through once checked; the bytes of a character the block cut are carried.
    /// Invalid bytes pass through too, marking the decoder `damaged`.
    private func validated(_ input: [UInt8], final: Bool) -> [UInt8] {
        let complete = final ? input.count : UTF8Validation.completePrefix(input)
        if complete < input.count { carry = Array(input[complete...]) }
        let text = complete == input.count ? input : Array(input[..<complete])
        if UTF8Validation.isValid(text) {
            if countsValid { census.validMultibyte += UTF8Validation.leadBytes(text) }
        } else {
            census.add(text)
            damaged = true
        }
        return text
    }

    /// iconv converts what it can; an incomplete character at the end (EINVAL) is carried. A
    /// byte iconv cannot convert becomes 0xFF (never part of UTF-8) and converting goes on.
    private func converted(_ input: [UInt8], final: Bool) -> [UInt8] {
        guard let converter, !input.isEmpty else { return [] }
        var source = input
        // The output holds twice the input, which no source encoding here exceeds (GB18030 and
        // UTF-16 take at least as many bytes per character as half of UTF-8; a bad byte, one).
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = 0
        source.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                while inLeft > 0 {
                    if iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
                    let failure = errno
                    if failure == EINVAL && !final {
                        carry = Array(UnsafeBufferPointer(start: UnsafeRawPointer(inPtr!).assumingMemoryBound(to: UInt8.self), count: inLeft))
                        inLeft = 0
                        break
                    }
                    // EILSEQ, or a character cut by the end of the file: one marked byte for each bad byte.
                    guard failure == EILSEQ || failure == EINVAL, outLeft > 0 else { break }
                    outPtr!.pointee = CChar(bitPattern: 0xFF)
                    outPtr = outPtr! + 1
                    outLeft -= 1
                    inPtr = inPtr! + 1
                    inLeft -= 1
                    damaged = true
                    _ = iconv(converter, nil, nil, nil, nil)  // back to the initial state
                }
                written = outBuf.count - outLeft
            }
        }
        output.removeSubrange(written...)
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

    /// Counts of a file's UTF-8: valid characters of more than one byte, invalid sequences.
    struct Census: Equatable {
        var validMultibyte = 0
        var invalid = 0

        var verdict: TextStreamDecoder.UTF8Verdict {
            if invalid == 0 { return .valid }
            return invalid * TextStreamDecoder.damageRatio <= validMultibyte ? .damaged : .invalid
        }

        /// Walks `bytes`, counting each valid multi-byte character and each maximal invalid
        /// sequence (as the Unicode standard's substitution of U+FFFD counts them).
        mutating func add(_ bytes: [UInt8]) {
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: length = 1
                }
                var k = 1
                while k < length && i + k < n {
                    let c = bytes[i + k]
                    let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
                    guard c >= lo && c <= hi else { break }
                    k += 1
                }
                if length > 1 && k == length { validMultibyte += 1 } else { invalid += 1 }
                i += max(1, length > 1 && k == length ? length : k)
            }
        }
    }

    /// How many characters of more than one byte valid UTF-8 holds: its lead bytes.
    static func leadBytes(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in buffer.reduce(0) { $0 + ($1 >= 0xC2 ? 1 : 0) } }
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        // ASCII needs no decoding: most of a CSV of codes, numbers and commas.
        let ascii = bytes.withUnsafeBufferPointer { buffer in buffer.allSatisfy { $0 < 0x80 } }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }
}
