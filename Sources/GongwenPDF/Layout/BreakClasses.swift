/// Where a line may break in Chinese text, after GB/T 15834-2011 (标点符号用法) and the
/// strict line breaking browsers use for it: 句号、逗号、顿号、分号、冒号、问号、叹号 and the second
/// half of quotes, brackets and 书名号 never begin a line; the first half never ends one;
/// 破折号 and 省略号 (two characters) are never split; runs of digits and Latin letters are one
/// word (10.53‰, 2025, GB/T), broken only at spaces.
enum BreakClasses {
    /// May not begin a line.
    static func closes(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,  // ，。、；：？！
             0xFF09, 0xFF3D, 0xFF5D, 0x300B, 0x300D, 0x300F, 0x3015, 0x3011, 0x3009, 0x3017,  // ）］｝》」』〕】〉〗
             0x201D, 0x2019, 0xFF5E, 0x00B7, 0x30FB, 0xFF0E,  // ”’～·・．
             0x3005, 0x30FC, 0x2030, 0x2103, 0xFF05,  // 々ー‰℃％
             0x29, 0x5D, 0x7D, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x25:  // ) ] } , . ; : ! ? %
            return true
        default:
            return false
        }
    }

    /// May not end a line.
    static func opens(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x300C, 0x300E, 0x3014, 0x3010, 0x3008, 0x3016,  // （［｛《「『〔【〈〖
             0x201C, 0x2018, 0x28, 0x5B, 0x7B:  // “‘([{
            return true
        default:
            return false
        }
    }

    /// Part of a word of digits or Latin letters, not broken inside.
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x2F, 0x2D, 0x2B, 0x25, 0x5F, 0x26, 0x23, 0x40, 0xB0, 0x2030, 0x2103,
             0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return true
        default:
            return false
        }
    }

    /// Whether justification may add space after this character: CJK characters and spaces
    /// (not letters inside a word).
    static func stretches(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x20 || s.value == 0x3000 || s.value >= 0x2E80
    }

    /// A space that disappears at the end of a line (the ideographic space is text: it indents).
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.value == 0x20 }

    /// 破折号 —— and 省略号 ……: the two halves stay on one line.
    static func isDoubled(_ s: Unicode.Scalar) -> Bool { s.value == 0x2014 || s.value == 0x2026 }
}
