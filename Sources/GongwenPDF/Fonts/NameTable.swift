/// The names a face is known by, from its 'name' table: the family names every language gives
/// (an office font is often found by its Chinese name, 仿宋_GB2312, and an open font by its
/// English one), the PostScript name the PDF's /BaseFont carries, and the subfamily.
struct FaceNames: Sendable {
    var families: [String] = []
    var subfamilies: [String] = []
    var postScriptName: String?
    var fullNames: [String] = []

    init(table: BigEndianReader?) {
        guard let table else { return }
        let count = table.uint16(2), storage = table.uint16(4)
        for record in 0..<count {
            let at = 6 + 12 * record
            let platform = table.uint16(at), encoding = table.uint16(at + 2)
            let nameID = table.uint16(at + 6)
            guard [1, 2, 4, 6, 16, 17].contains(nameID) else { continue }
            let length = table.uint16(at + 8), offset = storage + table.uint16(at + 10)
            guard table.contains(offset, length),
                  let text = Self.decode(table.slice(offset, length), platform: platform, encoding: encoding),
                  !text.isEmpty
            else { continue }
            switch nameID {
            case 1, 16: if !families.contains(text) { families.append(text) }
            case 2, 17: if !subfamilies.contains(text) { subfamilies.append(text) }
            case 4: if !fullNames.contains(text) { fullNames.append(text) }
            default: if postScriptName == nil || platform == 3 { postScriptName = text }
            }
        }
    }

    /// Unicode and Windows Unicode names are UTF-16BE; Macintosh Roman names are read as
    /// Latin-1 (family names there are ASCII in practice). Older Chinese fonts may name
    /// themselves only in a legacy code page: Windows PRC (3/3) and Big5 (3/4), stored as 16-bit
    /// units holding one or two bytes each, and Macintosh Simplified/Traditional Chinese (1/25,
    /// 1/2) as plain bytes; these are converted with iconv.
    static func decode(_ bytes: BigEndianReader, platform: Int, encoding: Int) -> String? {
        switch (platform, encoding) {
        case (0, _), (3, 0), (3, 1), (3, 10):
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            for index in stride(from: 0, to: bytes.count - 1, by: 2) {
                units.append(UInt16(bytes.uint16(index)))
            }
            return String(decoding: units, as: UTF16.self)
        case (1, 0):
            var scalars = String.UnicodeScalarView()
            for index in 0..<bytes.count { scalars.append(Unicode.Scalar(UInt8(bytes.uint8(index)))) }
            return String(scalars)
        case (3, 3), (3, 4):
            var raw: [UInt8] = []
            for index in stride(from: 0, to: bytes.count - 1, by: 2) {
                let high = bytes.uint8(index), low = bytes.uint8(index + 1)
                if high != 0 { raw.append(UInt8(high)) }
                raw.append(UInt8(low))
            }
            return LegacyText.decode(raw, from: encoding == 3 ? "GB18030" : "BIG5")
        case (1, 25), (1, 2):
            let raw = (0..<bytes.count).map { UInt8(bytes.uint8($0)) }
            return LegacyText.decode(raw, from: encoding == 25 ? "GB18030" : "BIG5")
        default:
            return nil
        }
    }
}
