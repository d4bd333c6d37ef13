import Dispatch
import Foundation
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate

/// One file a batch produced, for the manifest and the report.
public struct OutputEntry: Sendable {
    /// Where the record came from (row of the spreadsheet, item of the list).
    public var location: DataLocation?
    public var file: String
    public var size: Int
    public var sha256: String
    /// Whether it replaced a file of the same name that was there before (`--overwrite`).
    public var replaced = false
    /// Its pages, when its writer laid them out (PDF).
    public var pages: Int?
}

/// Renders one document per record on all cores, streaming: records are merged, written and
/// forgotten chunk by chunk, so memory does not grow with the batch. Each worker owns its
/// writers, one per format, from `WriterRegistry` (they keep caches: an `.odt` writer holds a
/// deflate stream and the deflated shared parts).
struct BatchRenderer {
    /// Records handed out per worker per step: large enough to keep the cores busy, small enough
    /// that a chunk's output (kept only when writing a single .zip) stays small.
    static let chunkSize = 256

    let template: Template
    let records: RecordSource
    let names: FileNames
    let formats: [OutputFormat]
    let copies: CopyPlan
    /// Whether to compute each file's SHA-256 (for the manifest; a few per cent of the work).
    let checksums: Bool
    /// What the writers share (seal, notes, PDF/A).
    let writerOptions: WriterOptions
    let workers: Int
    /// Checked between records: a cancelled batch stops and throws `Cancellation.error`.
    let cancellation: Cancellation?

    init(template: Template, records: RecordSource, names: FileNames, formats: [OutputFormat], copies: CopyPlan, checksums: Bool,
         writerOptions: WriterOptions = WriterOptions(), cancellation: Cancellation? = nil) {
        self.writerOptions = writerOptions
        self.cancellation = cancellation
        self.template = template
        self.records = records
        self.names = names
        self.formats = formats
        self.copies = copies
        self.checksums = checksums
        workers = Workers.count
    }

    /// Renders every record. With `writeInWorkers`, each worker writes its files itself (into a
    /// staging folder: distinct files, so the disk's latency overlaps the other core's work) and
    /// `sink` receives them with `bytes` nil; otherwise `sink` receives the bytes in record order
    /// on the calling thread (one .zip). `progress` gets the number of records done. Merge
    /// errors of all records are collected and thrown at the end; nothing is written after the first.
    func run(writeInWorkers: (@Sendable (String, [UInt8]) throws(DiagnosticError) -> Void)?,
             sink: ([RenderedFile]) throws(DiagnosticError) -> Void,
             progress: (Int) -> Void) throws(DiagnosticError) -> [Diagnostic] {
        let options = writerOptions
        let formats = self.formats
        let states = (0..<workers).map { _ in WorkerState(writers: formats.map { WriterRegistry.writer(for: $0, options) }) }
        let shared = records.shared
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        while let chunk = try records.next(Self.chunkSize * workers) {
            try Interruption.check()
            try cancellation?.check()
            let slots = ChunkSlots<[RenderedFile]>(count: chunk.records.count)
            let cancellation = self.cancellation
            let template = self.template, names = self.names, copies = self.copies
            let checksums = self.checksums, workers = self.workers
            let failed = !errors.isEmpty
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let state = states[w]
                var k = w
                while k < chunk.records.count {
                    if cancellation?.isCancelled == true { break }
                    let i = chunk.start + k
                    do throws(DiagnosticError) {
                        let result = try template.mergeCopies(chunk.records[k], shared: shared, at: chunk.locations[k], plan: copies,
                                                              cache: state.mergeCache)
                        state.warnings.append(contentsOf: result.warnings)
                        if !failed {
                            var files: [RenderedFile] = []
                            let title = result.documents.first?.plainTitle ?? ""
                            for writer in state.writers {
                                let name = "\(names[i]).\(writer.fileExtension)"
                                let written = try writer.write(result.documents, title: title)
                                let bytes = written.bytes
                                try writeInWorkers?(name, bytes)
                                files.append(RenderedFile(location: chunk.locations[k], name: name, bytes: writeInWorkers == nil ? bytes : nil,
                                                          compressed: writer.isCompressed, pages: written.pages,
                                                          size: bytes.count, sha256: checksums ? SHA256Digest.hex(bytes) : nil))
                            }
                            slots.set(k, files)
                        }
                    } catch {
                        state.errors.append(contentsOf: error.diagnostics)
                    }
                    k += workers
                }
            }
            var chunkErrors: [Diagnostic] = []
            states.drainFindings(warnings: &warnings, errors: &chunkErrors)
            // A failure of the output (a full disk, a signal) ends the batch at once, said once:
            // every later file would fail the same way.
            try Interruption.check()
            try cancellation?.check()
            if let fatal = chunkErrors.first(where: { WriteFailure.ids.contains($0.id) }) { throw DiagnosticError(fatal) }
            errors += chunk.inRecordOrder(chunkErrors)
            if errors.isEmpty {
                var files: [RenderedFile] = []
                for k in chunk.records.indices { files += slots.take(k) ?? [] }
                try sink(files)
            }
            progress(chunk.end)
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return warnings
    }
}

/// A file a worker produced: its bytes when the caller writes it (a .zip), else nil (written).
struct RenderedFile {
    /// Where the record came from, for the manifest.
    var location: DataLocation
    var name: String
    var bytes: [UInt8]?
    /// Whether the bytes are compressed already (a zip stores them as they are).
    var compressed: Bool
    /// The file's pages when its writer knows them (for the manifest, once it lists them).
    var pages: Int?
    var size: Int
    var sha256: String?
}

/// A worker's own writers (one per format asked for, in order), merge cache and findings.
private final class WorkerState: WorkerFindings, @unchecked Sendable {
    let writers: [any DocumentWriter]
    let mergeCache = MergeCache()

    init(writers: [any DocumentWriter]) {
        self.writers = writers
    }
}
