/// Why a value could not be written in the requested form. The message names the value; the
/// template engine adds the filter's name and where it was used.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
