/// Byte searches in a string's UTF-8, for checks that run on every text of every document
/// (is there a space, a line break?). The generic `utf8.contains` walks the string through its
/// index API; a native string's bytes are contiguous and can be scanned directly.
extension String {
    /// Whether any UTF-8 byte of the string satisfies `predicate`.
    @inlinable
    public func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in bytes.contains(where: predicate) }) {
            return found
        }
        return utf8.contains(where: predicate)
    }
}
