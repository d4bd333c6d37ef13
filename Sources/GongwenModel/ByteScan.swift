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

extension String {
    /// `hasSuffix`, `hasPrefix` and `contains` by UTF-8 bytes. Where Foundation is imported
    /// anywhere in a module, the plain names resolve to NSString's locale-aware search, which
    /// costs a thousand times more; for fixed Chinese words (县, 盖章, 〕) bytes are the same
    /// answer. Not for text that may differ in normalization.
    @inlinable
    public func hasSuffixBytes(_ suffix: String) -> Bool {
        utf8.count >= suffix.utf8.count && utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    @inlinable
    public func hasPrefixBytes(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    @inlinable
    public func containsBytes(_ part: String) -> Bool {
        var hay = self, needle = part
        hay.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        return hay.utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n -> Bool in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            } ?? false
        } ?? false
    }
}
