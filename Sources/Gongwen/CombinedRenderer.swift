import Dispatch
import Foundation
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate

/// Renders every record into one print file on all cores, streaming: each worker merges a
/// contiguous run of records and hands it to its appender of the writer's combined file, which
/// makes it one independent piece (for `.odt` deflated on its own, as pigz does); the pieces go
/// to a temporary file in record order and are forgotten. When all records are done, the writer
/// finishes the file: head, the body copied from the temporary file, tail. Memory holds one
/// chunk, whatever the batch. The format is the writer's business (`CombinedWriter`).
struct CombinedRenderer {
    /// Records per worker per step: each worker's run becomes one deflated piece of a few
    /// hundred kilobytes (enough for deflate to find its matches), and buffers stay small.
    static let chunkSize = 64

    let template: Template
    let records: RecordSource
    let copies: CopyPlan
    let writer: any DocumentWriter
    let workers: Int
    /// Checked between records: a cancelled batch stops and throws `Cancellation.error`.
    let cancellation: Cancellation?

    init(template: Template, records: RecordSource, copies: CopyPlan, writer: any DocumentWriter, cancellation: Cancellation? = nil) {
        self.cancellation = cancellation
        self.template = template
        self.records = records
        self.copies = copies
        self.writer = writer
        workers = Workers.count
    }

    /// Writes the combined file to `path` (which must not exist). Merge errors of all records
    /// are collected and thrown at the end, in record order; then nothing is left at `path`.
    /// `title` is the file's title when the first document has none; `display` is where the user
    /// will find the file, for messages (`path` is in the hidden staging folder).
    /// The file's pages, once `run` has written it, when its writer lays pages out (PDF).
    private(set) var pages: Int?

    mutating func run(to path: String, display: String, title fallbackTitle: String, progress: (Int) -> Void) throws(DiagnosticError) -> [Diagnostic] {
        let bodyPath = path + ".body"
        defer { unlink(bodyPath) }
        guard let bodyFile = fopen(bodyPath, "wbe") else { throw Self.writeError(display) }
        var bodyOpen = true
        defer { if bodyOpen { fclose(bodyFile) } }

        let combined = writer.begin()
        let states = (0..<workers).map { _ in CombinedWorker(appender: combined.appender()) }
        let shared = records.shared
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        var writeFailed: Int32 = 0
        while let chunk = try records.next(Self.chunkSize * workers) {
            try Interruption.check()
            try cancellation?.check()
            let cancellation = self.cancellation
            let perWorker = (chunk.records.count + workers - 1) / workers
            let pieces = ChunkSlots<BodyPiece>(count: workers)
            let template = self.template, copies = self.copies
            let workers = self.workers
            let failed = !errors.isEmpty
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let state = states[w]
                let range = min(chunk.records.count, w * perWorker)..<min(chunk.records.count, (w + 1) * perWorker)
                for k in range {
                    if cancellation?.isCancelled == true { break }
                    let i = chunk.start + k
                    do throws(DiagnosticError) {
                        let result = try template.mergeCopies(chunk.records[k], shared: shared, at: chunk.locations[k], plan: copies,
                                                              cache: state.mergeCache)
                        state.warnings.append(contentsOf: result.warnings)
                        if i == 0 { state.title = result.documents.first.map(\.plainTitle).flatMap { $0.isEmpty ? nil : $0 } }
                        guard !failed, state.errors.isEmpty else { continue }
                        state.appender.append(result.documents, record: i)
                    } catch {
                        state.errors.append(contentsOf: error.diagnostics)
                    }
                }
                guard state.errors.isEmpty, !failed else { return }
                pieces.set(w, state.appender.piece())
            }
            var chunkErrors: [Diagnostic] = []
            states.drainFindings(warnings: &warnings, errors: &chunkErrors)
            errors += chunk.inRecordOrder(chunkErrors)
            if errors.isEmpty {
                for w in 0..<workers {
                    guard let piece = pieces.take(w) else { continue }
                    combined.add(piece)
                    if writeFailed == 0, !piece.bytes.isEmpty,
                       fwrite(piece.bytes, 1, piece.bytes.count, bodyFile) != piece.bytes.count {
                        writeFailed = errno
                    }
                }
            }
            if writeFailed != 0 { throw Self.writeError(display, writeFailed) }
            try Interruption.check()
            try cancellation?.check()
            progress(chunk.end)
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        bodyOpen = false
        if fclose(bodyFile) != 0 { throw Self.writeError(display) }

        let title = states.lazy.compactMap(\.title).first ?? fallbackTitle
        try assemble(combined, to: path, display: display, title: title, bodyPath: bodyPath)
        pages = combined.pageCount
        return warnings
    }

    /// Has the writer write head, body (copied from `bodyPath`) and tail to `path`.
    private func assemble(_ combined: any CombinedWriter, to path: String, display: String, title: String,
                          bodyPath: String) throws(DiagnosticError) {
        guard let file = fopen(path, "wbe") else { throw Self.writeError(display) }
        // errno of the first failure, 0 while all went well.
        var failed: Int32 = 0
        let sink: ([UInt8]) -> Void = { bytes in
            if failed == 0, !bytes.isEmpty, fwrite(bytes, 1, bytes.count, file) != bytes.count { failed = errno == 0 ? ENOSPC : errno }
        }
        let copyBody: (@escaping ([UInt8]) -> Void) -> Void = { out in
            if !FileChunks.read(bodyPath, out), failed == 0 { failed = errno == 0 ? EIO : errno }
        }
        do throws(DiagnosticError) {
            try combined.finish(title: title, copyBody: copyBody, to: sink)
        } catch {
            fclose(file)
            unlink(path)
            throw error
        }
        if fclose(file) != 0, failed == 0 { failed = errno }
        if failed != 0 {
            unlink(path)
            throw Self.writeError(display, failed)
        }
    }

    static func writeError(_ display: String, _ code: Int32 = errno) -> DiagnosticError {
        WriteFailure.error(errno: code, action: "写入", path: display)
    }
}

/// What one worker of a combined file keeps between chunks: its appender (the writer's state
/// for this worker), its merge cache and the findings of its records.
private final class CombinedWorker: WorkerFindings, @unchecked Sendable {
    let appender: any CombinedAppender
    let mergeCache = MergeCache()
    /// The first document's title, from the worker that merged record 0.
    var title: String?

    init(appender: any CombinedAppender) {
        self.appender = appender
    }
}
