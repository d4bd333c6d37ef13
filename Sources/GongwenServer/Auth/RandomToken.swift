/// Random tokens (session ids, CSRF tokens, CSP nonces) from the system's CSPRNG, and the
/// constant-time comparison every token check uses.
enum RandomToken {
    /// `byteCount` random bytes as lowercase hex.
    static func hex(bytes byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(byteCount * 2)
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` looks like a token of `byteCount` bytes from `hex` (anything else in a
    /// cookie is ignored, never looked up).
    static func isHex(_ text: some StringProtocol, bytes byteCount: Int = 32) -> Bool {
        text.utf8.count == byteCount * 2 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Compares without stopping at the first difference, so the time taken tells nothing
    /// about how much of a guessed token was right.
    static func constantTimeEquals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
