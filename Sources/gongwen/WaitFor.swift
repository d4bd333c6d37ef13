import Dispatch

/// Runs async work to its end from the synchronous command line. The root command stays
/// synchronous (`ParsableCommand`): an async `main` parks the main thread in libdispatch's
/// `sigsuspend`, which valgrind cannot follow, and the benchmarks count every command's
/// instructions with valgrind (Benchmarks/instructions.sh, long-text.sh). Only `serve` needs
/// concurrency; it blocks the main thread here while the server runs on the global executor.
enum WaitFor {
    static func completion(_ work: sending @escaping () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// The work's error, written by the task before it signals and read after the wait.
    private final class Outcome: @unchecked Sendable {
        var error: Error?
    }
}
