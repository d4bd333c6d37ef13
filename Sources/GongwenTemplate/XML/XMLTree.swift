import Foundation
import GongwenModel

/// A parsed XML element with the positions of everything in it. This is the raw syntax tree the
/// template compiler reads; it keeps only what templates use (elements, attributes, text).
public struct XMLElement: Sendable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// Where the start tag's `<` is.
    public var location: SourceLocation

    public func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name }
    }
}

public enum XMLNode: Sendable {
    case element(XMLElement)
    case text(XMLText)
}

public struct XMLAttribute: Sendable {
    public var name: String
    public var value: String
    /// Where the attribute's name starts.
    public var location: SourceLocation
    /// Maps offsets inside `value` back to the source.
    public var positions: PositionMap
}

public struct XMLText: Sendable {
    public var value: String
    public var positions: PositionMap

    public var location: SourceLocation { positions.location(ofUTF8Offset: 0) }

    /// Whether the text is only XML white space (between elements).
    public var isWhitespace: Bool {
        value.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// Turns a UTF-8 offset inside decoded text (an attribute value or text node) into the place in
/// the source file, accounting for `&amp;`-style references, CDATA markers and CR LF line ends.
/// Computed lazily: only expressions and errors ask.
public struct PositionMap: Sendable {
    let source: SourceText
    /// Byte offset in the source where the decoded text starts.
    let rawStart: Int

    public func location(ofUTF8Offset decodedOffset: Int) -> SourceLocation {
        var walker = RawTextWalker(bytes: source.bytes, offset: rawStart)
        walker.consume(decodedBytes: decodedOffset)
        return source.location(ofByte: walker.offset)
    }

    /// A function giving the same locations, faster when asked in increasing order (the tokens
    /// of an expression, the holes of a text): each answer walks on from the last one instead
    /// of from the start of the text, so locating every token of a long text is linear.
    public func locator() -> @Sendable (Int) -> SourceLocation {
        let cursor = Cursor(self)
        return { cursor.location(ofUTF8Offset: $0) }
    }

    /// The walk to the last offset asked for, kept to go on from there. Used by one compile on
    /// one thread; the lock only makes it `Sendable` for the closures that hold it.
    private final class Cursor: @unchecked Sendable {
        let map: PositionMap
        var walker: RawTextWalker
        let lock = NSLock()

        init(_ map: PositionMap) {
            self.map = map
            walker = RawTextWalker(bytes: map.source.bytes, offset: map.rawStart)
        }

        func location(ofUTF8Offset decodedOffset: Int) -> SourceLocation {
            lock.lock()
            defer { lock.unlock() }
            if decodedOffset < walker.decoded { walker = RawTextWalker(bytes: map.source.bytes, offset: map.rawStart) }
            walker.advance(toDecoded: decodedOffset)
            return map.source.location(ofByte: walker.offset)
        }
    }
}

/// Walks the raw bytes of XML character data in step with the text libxml2 decoded from it.
struct RawTextWalker {
    let bytes: [UInt8]
    var offset: Int
    /// Bytes of decoded text walked over.
    private(set) var decoded = 0
    private var inCDATA = false

    init(bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    private func hasPrefix(_ ascii: StaticString, at position: Int) -> Bool {
        let count = ascii.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let p = UnsafeBufferPointer(start: ascii.utf8Start, count: count)
        return bytes[position..<position + count].elementsEqual(p)
    }

    /// Advances over the raw source that decodes to `decodedBytes` bytes of text.
    mutating func consume(decodedBytes: Int) {
        advance(toDecoded: decoded + decodedBytes)
    }

    /// Advances until `target` bytes of decoded text are walked over.
    mutating func advance(toDecoded target: Int) {
        while offset < bytes.count {
            let byte = bytes[offset]
            if !inCDATA, byte == UInt8(ascii: "<"), hasPrefix("<![CDATA[", at: offset) {
                inCDATA = true
                offset += 9
                continue
            }
            if inCDATA, byte == UInt8(ascii: "]"), hasPrefix("]]>", at: offset) {
                inCDATA = false
                offset += 3
                continue
            }
            if decoded >= target { return }
            if byte == UInt8(ascii: "&"), !inCDATA {
                var end = offset + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                decoded += RawTextWalker.decodedLength(ofReference: bytes[(offset + 1)..<min(end, bytes.count)])
                offset = min(end + 1, bytes.count)
            } else if byte == 0x0D, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A {
                decoded += 1
                offset += 2
            } else {
                decoded += 1
                offset += 1
            }
        }
    }

    /// UTF-8 length of what `&name;` or `&#n;` stands for.
    static func decodedLength(ofReference name: ArraySlice<UInt8>) -> Int {
        guard name.first == UInt8(ascii: "#") else { return 1 }  // the five predefined entities are ASCII
        let digits = String(decoding: name.dropFirst(), as: UTF8.self)
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value) else { return 1 }
        return String(scalar).utf8.count
    }
}

/// Safe parsing of other XML a user hands over (an SVG seal): the same libxml2 settings as for
/// templates — no network, no entities, no DOCTYPE with declarations — and the same located
/// errors.
public enum SafeXML {
    public static func parse(path: String, bytes: [UInt8]) throws(DiagnosticError) -> XMLElement {
        try LibXMLParser.parse(SourceText(path: path, bytes: bytes))
    }
}
