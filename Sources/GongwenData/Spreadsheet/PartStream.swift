import Foundation
import GongwenModel

/// One part of a zipped spreadsheet, inflated on a background thread and pulled piece by piece
/// by the XML reader, so a sheet of a hundred thousand rows (about 30 MB of XML) is parsed
/// without ever being held inflated. `ZipParts` only pushes inflated pieces to a callback;
/// this turns the push into a pull through a queue of a few pieces (a bounded buffer).
///
/// The thread owns the archive while it runs: nothing else reads the same `ZipParts` meanwhile.
final class PartStream: @unchecked Sendable {
    /// Pieces waiting to be read (`ZipParts.pieceSize`, 64 KB).
    static let queuedPieces = 16

    private let condition = NSCondition()
    private var pieces: [[UInt8]] = []
    private var finished = false
    private var failure: DiagnosticError?
    private var cancelled = false
    /// The piece being read, on the reading side only.
    private var current: [UInt8] = []
    private var offset = 0

    private struct Cancelled: Error {}

    /// Starts inflating `name`; a missing part is reported on the first read.
    init(zip: ZipParts, name: String, file: String) {
        let thread = Thread { [self] in
            do throws(DiagnosticError) {
                let found = try zip.extract(name) { piece in try self.put(piece) }
                if !found {
                    throw DiagnosticError(Diagnostic(id: "spreadsheet-corrupt", message: "表格文件缺少 “\(name)” / part missing",
                                                     dataLocation: DataLocation(file: file)))
                }
                self.end(nil)
            } catch {
                self.end(error)
            }
        }
        thread.name = "gongwen.inflate"
        thread.start()
    }

    /// Copies up to `count` bytes into `buffer`; 0 at the end of the part.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DiagnosticError) -> Int {
        if offset == current.count {
            condition.lock()
            while pieces.isEmpty && !finished { condition.wait() }
            if pieces.isEmpty {
                // The pieces inflated before a failure are read first: the failure comes where it happened.
                let failure = self.failure
                condition.unlock()
                if let failure { throw failure }
                return 0
            }
            current = pieces.removeFirst()
            offset = 0
            condition.broadcast()
            condition.unlock()
        }
        let n = min(count, current.count - offset)
        current.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + offset, count: n)
        }
        offset += n
        return n
    }

    /// Waits until the inflating thread has let go of the archive: after the end of the part, or
    /// after `cancel`. The next part of the same `ZipParts` may be read only then.
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Stops the thread (the reader is done with the part, or gave up on it).
    func cancel() {
        condition.lock()
        cancelled = true
        pieces = []
        condition.broadcast()
        condition.unlock()
    }

    private func put(_ piece: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while pieces.count >= Self.queuedPieces && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        pieces.append(piece)
        condition.broadcast()
    }

    private func end(_ error: DiagnosticError?) {
        condition.lock()
        finished = true
        // A stop asked for by `cancel` is not a failure of the file.
        if !cancelled { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
