import Foundation

/// A value guarded by a lock, for the few shared caches of the font code (faces by file, glyphs
/// used, subsets made). Critical sections are a dictionary lookup or a bit set, so a plain
/// mutex is cheaper than any queue.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    @inline(__always)
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
