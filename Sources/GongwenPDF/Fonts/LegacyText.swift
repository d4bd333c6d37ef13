#if canImport(Glibc)
import Glibc
#endif

/// Text in a legacy Chinese code page (GB18030, a superset of GB2312/GBK, or Big5) converted
/// with the C library's iconv: only font names use it, while the library is scanned, so a
/// converter is opened per call. Nil where iconv lacks the code page or the bytes are invalid
/// (on macOS, whose iconv is a separate library, such names are skipped: fonts there carry
/// Unicode names too).
enum LegacyText {
    static func decode(_ bytes: [UInt8], from codePage: String) -> String? {
        #if canImport(Glibc)
        guard !bytes.isEmpty else { return nil }
        let converter = iconv_open("UTF-8", codePage)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 4)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
        #else
        return nil
        #endif
    }
}
