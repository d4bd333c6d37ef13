import Foundation
import GongwenModel

/// What the writers of a batch have to tell the user, said once per batch however many files
/// or threads hit it: the same note (same id and message) from ten thousand per-record PDFs is
/// one warning. Thread-safe: every worker's writer notes into the same object.
public final class WriterNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var list: [Diagnostic] = []

    public init() {}

    public func note(_ diagnostic: Diagnostic) {
        let key = diagnostic.id + "\u{0}" + diagnostic.message
        lock.lock(); defer { lock.unlock() }
        if seen.insert(key).inserted { list.append(diagnostic) }
    }

    /// The notes, in the order first made.
    public var diagnostics: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return list
    }
}
