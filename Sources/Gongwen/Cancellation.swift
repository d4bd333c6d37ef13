import Foundation
import GongwenModel

/// A per-batch stop request (the web page's 取消 button): unlike `Interruption`, which is the
/// whole process's signal, each batch has its own. The batch renderers check it between records
/// and between chunks; the batch then throws `Cancellation.error` and its staged output is
/// removed as on any other error.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// What a batch throws when it stops because it was cancelled.
    public static let error = DiagnosticError(Diagnostic(id: "cancelled", message: "已取消 / cancelled"))

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Throws `Cancellation.error` once cancelled.
    public func check() throws(DiagnosticError) {
        if isCancelled { throw Self.error }
    }
}
