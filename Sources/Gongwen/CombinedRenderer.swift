import Dispatch
import Foundation
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate

/// Renders every record into one print file on all cores, streaming: each worker merges a
/// contiguous run of records and writes their body (for `.odt` deflating it as an independent
/// piece, as pigz does); the pieces go to a temporary file in record order and are forgotten.
/// When all records are done, the styles they used are known and the file is assembled: head,
/// the body copied from the temporary file, tail. Memory holds one chunk, whatever the batch.
struct CombinedRenderer {
    /// Records per worker per step: each worker's run becomes one deflated piece of a few
    /// hundred kilobytes (enough for deflate to find its matches), and buffers stay small.
    static let chunkSize = 64

    let template: Template
    let records: RecordSource
    let copies: CopyPlan
    let format: OutputFormat
    let odf: ODFWriter
    let html: HTMLWriter
    let workers: Int
    /// Checked between records: a cancelled batch stops and throws `Cancellation.error`.
    let cancellation: Cancellation?

    init(template: Template, records: RecordSource, copies: CopyPlan, format: OutputFormat, duplex: Bool, restartPageNumbers: Bool,
         seal: SealImage? = nil, cancellation: Cancellation? = nil) {
        self.cancellation = cancellation
        self.template = template
        self.records = records
        self.copies = copies
        self.format = format
        odf = ODFWriter(duplex: duplex, restartPageNumbers: restartPageNumbers, seal: seal)
        html = HTMLWriter(duplex: duplex, restartPageNumbers: restartPageNumbers, seal: seal)
        workers = Workers.count
    }

    /// Writes the combined file to `path` (which must not exist). Merge errors of all records
    /// are collected and thrown at the end, in record order; then nothing is left at `path`.
    /// `title` is the file's title when the first document has none; `display` is where the user
    /// will find the file, for messages (`path` is in the hidden staging folder).
    func run(to path: String, display: String, title fallbackTitle: String, progress: (Int) -> Void) throws(DiagnosticError) -> [Diagnostic] {
        let bodyPath = path + ".body"
        defer { unlink(bodyPath) }
        guard let bodyFile = fopen(bodyPath, "wbe") else { throw Self.writeError(display) }
        var bodyOpen = true
        defer { if bodyOpen { fclose(bodyFile) } }

        let states = (0..<workers).map { _ in CombinedWorker(odf: odf) }
        let shared = records.shared
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        var deflated = JoinedPieces()
        var writeFailed: Int32 = 0
        while let chunk = try records.next(Self.chunkSize * workers) {
            try Interruption.check()
            try cancellation?.check()
            let cancellation = self.cancellation
            let perWorker = (chunk.records.count + workers - 1) / workers
            let pieces = ChunkSlots<ZipWriter.DeflatedPiece>(count: workers)
            let template = self.template, copies = self.copies, format = self.format, html = self.html, odf = self.odf
            let workers = self.workers
            let failed = !errors.isEmpty
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let state = states[w]
                let range = min(chunk.records.count, w * perWorker)..<min(chunk.records.count, (w + 1) * perWorker)
                var body: [UInt8] = []
                for k in range {
                    if cancellation?.isCancelled == true { break }
                    let i = chunk.start + k
                    do throws(DiagnosticError) {
                        let result = try template.mergeCopies(chunk.records[k], shared: shared, at: chunk.locations[k], plan: copies,
                                                              cache: state.mergeCache)
                        state.warnings.append(contentsOf: result.warnings)
                        if i == 0 { state.title = result.documents.first.map(\.plainTitle).flatMap { $0.isEmpty ? nil : $0 } }
                        state.documents += result.documents.count
                        guard !failed, state.errors.isEmpty else { continue }
                        switch format {
                        case .html:
                            body += html.articles(result.documents, memo: state.htmlBlocks).utf8
                            if result.documents.contains(where: HTMLWriter.needsPagination) { state.paginate = true }
                        case .odt, .fodt:
                            state.styles.collect(result.documents)
                            body += odf.body(result.documents, flat: format == .fodt, continuing: i > 0, record: i + 1, memo: state.blocks)
                        }
                    } catch {
                        state.errors.append(contentsOf: error.diagnostics)
                    }
                }
                guard state.errors.isEmpty, !failed else { return }
                pieces.set(w, format == .odt ? state.packager.deflatePiece(body) : ZipWriter.DeflatedPiece(compressed: body, crc: 0, length: body.count))
            }
            var chunkErrors: [Diagnostic] = []
            states.drainFindings(warnings: &warnings, errors: &chunkErrors)
            errors += chunk.inRecordOrder(chunkErrors)
            if errors.isEmpty {
                for w in 0..<workers {
                    guard let piece = pieces.take(w) else { continue }
                    deflated.append(piece)
                    if writeFailed == 0, !piece.compressed.isEmpty,
                       fwrite(piece.compressed, 1, piece.compressed.count, bodyFile) != piece.compressed.count {
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
        let documents = states.reduce(0) { $0 + $1.documents }
        try assemble(to: path, display: display, title: title, documents: documents, states: states, body: deflated, bodyPath: bodyPath)
        return warnings
    }

    /// Writes head, body (copied from `bodyPath`) and tail to `path`.
    private func assemble(to path: String, display: String, title: String, documents: Int, states: [CombinedWorker],
                          body: JoinedPieces, bodyPath: String) throws(DiagnosticError) {
        guard let file = fopen(path, "wbe") else { throw Self.writeError(display) }
        // errno of the first failure, 0 while all went well.
        var failed: Int32 = 0
        let sink: ([UInt8]) -> Void = { bytes in
            if failed == 0, !bytes.isEmpty, fwrite(bytes, 1, bytes.count, file) != bytes.count { failed = errno == 0 ? ENOSPC : errno }
        }
        let copyBody: (@escaping ([UInt8]) -> Void) -> Void = { out in
            if !FileChunks.read(bodyPath, out), failed == 0 { failed = errno == 0 ? EIO : errno }
        }
        var styles = ODFWriter.Styles(odf, recordStarts: documents > 1)
        for state in states { styles.formUnion(state.styles) }
        do throws(DiagnosticError) {
            switch format {
            case .odt:
                try states[0].packager.writeCombined(title: title, styles: styles, body: body, copyBody: copyBody, to: sink)
            case .fodt:
                let frame = odf.frame(flat: true, styles: styles, title: title)
                sink(frame.head)
                copyBody(sink)
                sink(frame.tail)
            case .html:
                sink(Array(html.head(title: title).utf8))
                copyBody(sink)
                sink(Array(html.tail(paginate: states.contains(where: \.paginate), documents: documents).utf8))
            }
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

/// What one worker of a combined file keeps between chunks: its deflate stream, the styles and
/// findings of its records.
private final class CombinedWorker: WorkerFindings, @unchecked Sendable {
    let packager: ODTPackager
    let mergeCache = MergeCache()
    let blocks = ODFBlockMemo()
    let htmlBlocks = HTMLBlockMemo()
    /// Only the styles' collections are used: the file's own record-start setting is decided
    /// when they are joined (`assemble`).
    var styles: ODFWriter.Styles
    /// The first document's title, from the worker that merged record 0.
    var title: String?
    var documents = 0
    /// Whether a document needs the HTML pagination script.
    var paginate = false

    init(odf: ODFWriter) {
        packager = ODTPackager(writer: odf)
        styles = ODFWriter.Styles(odf, recordStarts: true)
    }
}
