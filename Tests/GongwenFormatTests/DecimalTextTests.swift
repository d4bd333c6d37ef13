import GongwenFormat
import Testing

/// The fast reading of decimal text is `Double(String)`'s, bit for bit, wherever it answers.
@Suite struct DecimalTextTests {
    @Test func sameBitsAsStrtodOnManyDecimals() {
        // A fixed linear congruential sequence: the same 200,000 texts every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        var answered = 0
        for _ in 0..<200_000 {
            let digits = Int(next() % 17) + 1
            var text = next() % 4 == 0 ? "-" : ""
            let point = Int(next() % UInt64(digits + 1))
            for k in 0..<digits {
                if k == point, k > 0 { text += "." }
                text += String(next() % 10)
            }
            let fast = DecimalText.plainDecimal(text)
            if let fast {
                answered += 1
                #expect(fast.bitPattern == Double(text)!.bitPattern, "\(text)")
            }
            #expect(DecimalText.double(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        #expect(answered > 150_000)
    }

    @Test func edgesGoTheSlowWayOrAgree() {
        for text in ["0", "-0", "00012", "999999999999999", "9999999999999999", "0.1", "1.0000000000001", "5.", ".5", "1e3",
                     "+1", "--1", "1.2.3", "", "-", " 1", "1 ", "١٢", "12.85‰", "nan", "inf"] {
            let fast = DecimalText.plainDecimal(text)
            if let fast { #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)") }
            #expect(DecimalText.double(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        #expect(DecimalText.plainDecimal("-0")?.sign == .minus)
        #expect(DecimalText.plainDecimal("9999999999999999") == nil)   // 16 digits: strtod's
        #expect(DecimalText.plainDecimal("5.") == nil)
    }
}
