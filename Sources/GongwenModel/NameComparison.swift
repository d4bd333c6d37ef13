#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Field and variable names compared by their UTF-8 bytes where that is exact.
///
/// Swift compares and hashes strings by canonical equivalence, so every lookup of a Chinese
/// name (`户主`, `联系电话`) normalises it first: a name lookup cost over a thousand instructions,
/// and a form's merge does dozens per record. Names that are the same text from one template or
/// one sheet have the same bytes; names of ASCII and CJK characters only have one Unicode form,
/// so for them different bytes mean different names. Only other text (accents, kana) still
/// goes through Swift's canonical comparison.
extension String {
    /// Whether the two names are canonically equal, as `==` decides, mostly without normalising.
    public func isSameName(as other: String) -> Bool {
        var a = self, b = other
        let verdict: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                if Self.sameBytes(x, y) { return true }
                return Self.hasSingleUnicodeForm(x) && Self.hasSingleUnicodeForm(y) ? false : nil
            }
        }
        return verdict ?? (self == other)
    }

    /// Only ASCII, the dashes, quotes, ellipsis and ‰ of General Punctuation (not the spaces
    /// U+2000–200F: U+2000 and U+2001 decompose), CJK punctuation (without the combining tone
    /// marks U+302A–302F), unified ideographs and full-width forms: scalars without canonical
    /// decompositions that no combining mark follows. (Kana are left out: が is か with a
    /// combining mark.)
    public var hasSingleUnicodeForm: Bool {
        var copy = self
        return copy.withUTF8 { Self.hasSingleUnicodeForm($0) }
    }

    /// The same, on UTF-8 bytes (valid UTF-8: a Swift string's).
    static func hasSingleUnicodeForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // Every allowed scalar is three bytes long (U+3000–U+FFFF).
            guard lead & 0xF0 == 0xE0, i + 2 < n else { return false }
            let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            switch scalar {
            case 0x2010...0x2027, 0x2030...0x203E, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: i += 3
            default: return false
            }
        }
        return true
    }

    /// Whether two names have the same UTF-8 bytes (`isSameName` and `NameBytes`).
    static func sameBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
    }
}

/// A name as a dictionary key hashed and compared by its bytes (see `isSameName`).
struct NameBytes: Hashable {
    let name: String

    func hash(into hasher: inout Hasher) {
        var name = name
        name.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: NameBytes, b: NameBytes) -> Bool {
        var x = a.name, y = b.name
        return x.withUTF8 { p in y.withUTF8 { q in String.sameBytes(p, q) } }
    }
}
