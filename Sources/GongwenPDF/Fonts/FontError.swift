/// A font that cannot be read, found or embedded. The message is in Chinese, for the office
/// user reading `gongwen render`'s output, and names the file (or says what to install), so
/// that the fix is clear without a stack trace.
public struct FontError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The font file `path` is damaged or not an OpenType font: `detail` says which part.
    static func malformed(_ path: String, _ detail: String) -> FontError {
        FontError("字体文件 \(path) 无法读取：\(detail)")
    }
}
