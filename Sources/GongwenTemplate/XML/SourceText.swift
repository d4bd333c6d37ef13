import GongwenModel

/// The bytes of a source file with a line table, to turn byte offsets into line and column.
///
/// Kept as UTF-8 bytes because libxml2 and our position walker both work in bytes; columns are
/// counted in Unicode scalars for people.
public final class SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts.
    private let lineStarts: [Int]
    /// How many Unicode scalars start before byte `i × scalarStride`: a column is then counted
    /// from the nearest checkpoint, not from the start of its line, so finding the place of every
    /// token of a long line (an expression of thousands of terms) stays linear.
    private let scalarCheckpoints: [Int]
    private static let scalarStride = 64

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / SourceText.scalarStride + 1)
        var scalars = 0
        for (i, b) in bytes.enumerated() {
            if i % SourceText.scalarStride == 0 { checkpoints.append(scalars) }
            if b & 0xC0 != 0x80 { scalars += 1 }
            if b == UInt8(ascii: "\n") { starts.append(i + 1) }
        }
        checkpoints.append(scalars)
        self.lineStarts = starts
        self.scalarCheckpoints = checkpoints
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The line and column of a byte offset.
    public func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        // Binary search for the last line start <= offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let column = scalars(before: clamped) - scalars(before: lineStarts[low]) + 1
        return SourceLocation(file: path, line: low + 1, column: column)
    }

    /// Unicode scalars starting before byte `offset`.
    private func scalars(before offset: Int) -> Int {
        let checkpoint = offset / SourceText.scalarStride
        var count = scalarCheckpoints[checkpoint]
        for byte in bytes[(checkpoint * SourceText.scalarStride)..<offset] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The text of each line, for diagnostic excerpts.
    public var lines: [Substring] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}
