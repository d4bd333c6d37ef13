import Dispatch
import Foundation

/// Ctrl-C (SIGINT) or SIGTERM during a batch: remove the hidden staging folder or temporary
/// zip so nothing is left beside the output, then exit with the conventional status. The
/// output folder itself is never touched before the final move, so it stays as it was.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers once; call at the start of a command that writes a batch.
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                cleanUp()
                FileHandle.standardError.write(Data("\n已中断，输出文件夹保持原样。 / interrupted; the output was left as it was.\n".utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    static func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Set once a signal arrived; writers stop creating files.
    nonisolated(unsafe) private(set) static var interrupted = false

    private static func cleanUp() {
        lock.lock()
        interrupted = true
        let pending = paths
        lock.unlock()
        // A worker may be finishing a file: try again until the folder is gone.
        for _ in 0..<50 {
            for path in pending { try? FileManager.default.removeItem(atPath: path) }
            if !pending.contains(where: { FileManager.default.fileExists(atPath: $0) }) { return }
            usleep(20_000)
        }
    }
}
