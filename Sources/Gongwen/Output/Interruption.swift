import Dispatch
import Foundation
import GongwenModel

/// Ctrl-C (SIGINT) or SIGTERM during a batch.
///
/// The signal only sets a flag: the workers stop before their next file, the batch throws
/// `Interruption.error` once, its own error path removes the staging folder, and the command line
/// prints one line and exits 130 (143 for SIGTERM). Cleaning up on the batch's thread, not in the
/// handler, is what keeps the two from racing: a handler that deleted the staging folder while
/// workers were still filling it left tens of thousands of files behind.
///
/// The handler steps in itself only when the batch does not stop within a few seconds (a thread
/// busy in one long step) or at a second Ctrl-C: then it removes what is registered and exits.
/// While the output is being moved into place (`beginCommit`…`endCommit`, well under a second
/// even for 100,000 files) it waits, so the output folder is either as it was or complete.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var committing = false
    nonisolated(unsafe) private static var signalNumber: Int32 = 0
    nonisolated(unsafe) private static var exiting = false
    /// The output was moved into place: a signal from then on no longer stops the run (there is
    /// nothing left to undo, and "left as it was" would be untrue); the report is printed as usual.
    nonisolated(unsafe) private static var committed = false

    /// What a batch throws when it stops for a signal.
    public static let error = DiagnosticError(Diagnostic(id: "interrupted", message: "已中断 / interrupted"))

    /// The one line printed on the way out.
    public static let message = "已中断，输出文件夹保持原样。 / interrupted; the output was left as it was.\n"

    /// How long the batch gets to stop and clean up by itself before the handler does it.
    static let grace: useconds_t = 5_000_000

    /// Installs the handlers once; call at the start of a command that writes a batch.
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Set once a signal arrived before the output was in place; writers stop creating files
    /// and batches stop at the next chunk.
    public static var interrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber != 0 && !committed
    }

    /// The exit status for the signal received (130 for Ctrl-C), nil when none arrived.
    public static var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber == 0 ? nil : 128 + signalNumber
    }

    /// Prints the one line and exits with the signal's status; for the command line once the
    /// batch has cleaned up after itself.
    public static func exitInterrupted() -> Never {
        lock.lock()
        let status = 128 + (signalNumber == 0 ? SIGINT : signalNumber)
        if exiting {
            // The handler is already on its way out.
            lock.unlock()
            while true { pause() }
        }
        exiting = true
        lock.unlock()
        FileHandle.standardError.write(Data(("\n" + message).utf8))
        exit(status)
    }

    /// Throws `error` when a signal arrived; called between chunks of a batch.
    public static func check() throws(DiagnosticError) {
        if interrupted { throw error }
    }

    /// Registers a path to remove if the process is stopped by a signal. Call before creating
    /// it: once the handler is on its way out, this never returns (the process is exiting), so
    /// nothing is created that the handler would not remove.
    static func register(_ path: String) {
        lock.lock()
        if exiting {
            lock.unlock()
            while true { pause() }
        }
        paths.insert(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Marks the start of moving the output into place; false (do not start) after a signal.
    static func beginCommit() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard signalNumber == 0 else { return false }
        committing = true
        return true
    }

    /// Marks the end of moving the output into place; `completed` when everything is there.
    static func endCommit(completed: Bool) {
        lock.lock()
        committing = false
        if completed { committed = true }
        lock.unlock()
    }

    private static func received(_ number: Int32) {
        lock.lock()
        let first = signalNumber == 0
        if first { signalNumber = number }
        let idle = paths.isEmpty && !committing
        lock.unlock()
        guard first else {
            // A second Ctrl-C: do not wait for the batch any longer.
            finish(number)
            return
        }
        // Give the batch time to stop and clean up; it exits the process when done. With nothing
        // staged yet (still reading the data) there is nothing to wait for.
        let wait: useconds_t = idle ? 200_000 : grace
        DispatchQueue.global().asyncAfter(deadline: .now() + .microseconds(Int(wait))) { finish(number) }
    }

    /// Removes whatever is still registered and exits — unless the output was moved into place
    /// after all (the signal came during the move): then the batch ends as it would have.
    private static func finish(_ number: Int32) {
        // Never cut a move into place short: wait for it to end (it ends quickly).
        while true {
            lock.lock()
            let busy = committing
            lock.unlock()
            if !busy { break }
            usleep(20_000)
        }
        lock.lock()
        if exiting || committed {
            lock.unlock()
            return
        }
        exiting = true
        let pending = paths
        lock.unlock()
        // A worker may be finishing a file: try again until everything is gone.
        for _ in 0..<50 {
            for path in pending { RemoveTree.remove(path) }
            if pending.allSatisfy({ access($0, F_OK) != 0 }) { break }
            usleep(20_000)
        }
        FileHandle.standardError.write(Data(("\n" + message).utf8))
        _exit(128 + number)
    }
}
