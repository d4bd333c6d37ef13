/// Bounds-checked big-endian reads over a font's bytes. OpenType stores every number big-endian
/// and unaligned; a damaged or hostile file may point anywhere, so every read past the end gives
/// 0 (callers check sizes up front where a zero would mislead) instead of trapping.
struct BigEndianReader: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    var count: Int { bytes.count }

    @inline(__always)
    func uint8(_ offset: Int) -> Int {
        guard offset >= 0, offset < bytes.count else { return 0 }
        return Int(bytes[offset])
    }

    @inline(__always)
    func uint16(_ offset: Int) -> Int {
        guard offset >= 0, offset &+ 2 <= bytes.count else { return 0 }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    @inline(__always)
    func int16(_ offset: Int) -> Int {
        Int(Int16(truncatingIfNeeded: uint16(offset)))
    }

    @inline(__always)
    func uint32(_ offset: Int) -> Int {
        guard offset >= 0, offset &+ 4 <= bytes.count else { return 0 }
        return Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16
            | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }

    /// Whether `length` bytes from `offset` lie inside the data.
    func contains(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    /// The bytes of a sub-range (already checked with `contains`).
    func slice(_ offset: Int, _ length: Int) -> BigEndianReader {
        guard contains(offset, length), let base = bytes.baseAddress else {
            return BigEndianReader(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return BigEndianReader(bytes: UnsafeRawBufferPointer(start: base + offset, count: length))
    }
}

/// A four-letter table tag as the 32-bit number the table directory stores.
func tableTag(_ name: StaticString) -> UInt32 {
    var tag: UInt32 = 0
    name.withUTF8Buffer { for byte in $0.prefix(4) { tag = tag << 8 | UInt32(byte) } }
    return tag
}
