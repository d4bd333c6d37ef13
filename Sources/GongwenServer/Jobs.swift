import Dispatch
import Foundation
import GRDB
import Gongwen
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate
import ZIPFoundation

/// Runs blocking work (reading a workbook, checking, rendering) off the server's threads.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// At most `limit` batch renders at once; the others wait their turn in order.
actor BatchGate {
    let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A batch in progress, as the progress bar and the cancel button see it.
final class BatchRun: @unchecked Sendable {
    private let lock = NSLock()
    let cancellation = Cancellation()
    private var _done = 0
    private var _total = 0
    private var _state = "queued"

    var snapshot: (done: Int, total: Int, state: String) {
        lock.lock()
        defer { lock.unlock() }
        return (_done, _total, _state)
    }

    func progress(_ done: Int, _ total: Int) {
        lock.lock()
        _done = done
        _total = total
        lock.unlock()
    }

    func set(_ state: String) {
        lock.lock()
        _state = state
        lock.unlock()
    }
}

/// What the render form asked for.
struct GenerateRequest: Sendable {
    var combine = false
    var formats: [OutputFormat] = [.odt]
    var copies: Int?
    var copyNumbers: ClosedRange<Int>?
    var duplex = false
    var manifest = false
    var namePattern: String?
}

/// Everything the pages share: configuration, the store, the batch queue and the batches running.
final class Services: @unchecked Sendable {
    let configuration: ServerConfiguration
    let store: JobStore
    let gate: BatchGate
    /// The 考核 page's runs and the office's shared history.
    let assess: AssessRuns
    private let lock = NSLock()
    private var runs: [String: BatchRun] = [:]
    private var sweeper: Task<Void, Never>?

    /// `database` is the server's one store when the access control has opened it already.
    init(configuration: ServerConfiguration, database: DatabasePool? = nil, startSweeper: Bool = true) throws {
        self.configuration = configuration
        store = JobStore(pool: try database ?? ServerDatabase.open(in: configuration.dataDirectory))
        gate = BatchGate(limit: configuration.maxConcurrentBatches)
        assess = try AssessRuns(configuration: configuration)
        try FileManager.default.createDirectory(atPath: jobsRoot, withIntermediateDirectories: true)
        if startSweeper {
            let interval = configuration.sweepInterval
            sweeper = Task.detached { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    self?.sweep()
                }
            }
        }
    }

    deinit { sweeper?.cancel() }

    var jobsRoot: String { (configuration.dataDirectory as NSString).appendingPathComponent("jobs") }

    func folder(_ id: String) -> String { (jobsRoot as NSString).appendingPathComponent(id) }

    func run(_ id: String) -> BatchRun? {
        lock.lock()
        defer { lock.unlock() }
        return runs[id]
    }

    /// Removes the folders and rows of jobs unused for longer than `jobLifetime` (not while a
    /// batch of theirs runs), and folders no row knows.
    func sweep(now: Date = Date()) {
        let seconds = Double(configuration.jobLifetime.components.seconds)
        guard let expired = try? store.expired(before: now.addingTimeInterval(-seconds)) else { return }
        for id in expired where run(id) == nil {
            try? store.delete(id)
            try? FileManager.default.removeItem(atPath: folder(id))
        }
        // Folders no row knows (an upload cut short, a row removed by hand), once as old as a job may get.
        let known = Set((try? store.allIDs()) ?? [])
        for name in (try? FileManager.default.contentsOfDirectory(atPath: jobsRoot)) ?? [] where !known.contains(name) {
            let path = (jobsRoot as NSString).appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            if let modified, modified < now.addingTimeInterval(-seconds) { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Deletes a job (its folder and row); a running batch is cancelled first.
    func remove(_ id: String) {
        run(id)?.cancellation.cancel()
        try? store.delete(id)
        try? FileManager.default.removeItem(atPath: folder(id))
    }

    // MARK: Reading the job's inputs

    func template(_ job: JobRow) throws(DiagnosticError) -> Template {
        try Template.load(path: job.settings.templatePath)
    }

    static func readOptions(_ settings: JobSettings) -> ReadOptions {
        ReadOptions(encoding: settings.encoding.flatMap(TextEncoding.init(name:)), sheet: settings.sheet, headerRow: settings.headerRow)
    }

    func sharedPath(_ id: String) -> String { (folder(id) as NSString).appendingPathComponent("shared.json") }

    func renderOptions(_ job: JobRow) -> RenderOptions {
        let folder = folder(job.id)
        let s = job.settings
        let shared = sharedPath(job.id)
        // Without an uploaded list the codes are not checked (nothing beside the upload is looked at).
        let regions = s.regionsFile.map { (folder as NSString).appendingPathComponent($0) }
        return RenderOptions(templatePath: s.templatePath, dataPath: (folder as NSString).appendingPathComponent(s.dataFile ?? "none"),
                             sharedPath: FileManager.default.fileExists(atPath: shared) ? shared : nil,
                             read: Self.readOptions(s), regionsPath: regions, skipBadRecords: s.skipBadRecords)
    }

    // MARK: Check

    struct CheckResult: Sendable {
        var count: Int
        var problems: [Diagnostic]
        var warnings: [Diagnostic]
    }

    /// The CLI's `check`: every problem of template and data at once.
    func check(_ job: JobRow) async throws -> CheckResult {
        var unchecked = renderOptions(job)
        unchecked.skipBadRecords = false
        let options = unchecked
        return try await offload { () -> CheckResult in
            do throws(DiagnosticError) {
                let template = try Template.load(path: options.templatePath)
                let (count, warnings) = try Pipeline.check(template, options)
                return CheckResult(count: count, problems: [], warnings: template.warnings + warnings)
            } catch {
                return CheckResult(count: 0, problems: error.diagnostics.filter(\.isError),
                                   warnings: error.diagnostics.filter { !$0.isError })
            }
        }
    }

    // MARK: Preview

    /// The `index`-th document (0-based) as the HTML writer prints it, and how many there are.
    func preview(_ job: JobRow, index: Int) async throws -> (html: String, count: Int) {
        let options = renderOptions(job)
        return try await offload { () throws -> (html: String, count: Int) in
            let template = try Template.load(path: options.templatePath)
            let (data, _) = try Pipeline.loadCheckedData(options.dataPath, template: template, sharedPath: options.sharedPath,
                                                          read: options.read, regionsPath: options.regionsPath,
                                                          skipBadRecords: true)
            guard !data.records.isEmpty else {
                throw DiagnosticError(Diagnostic(id: "data-empty", message: "数据文件中没有可生成的记录 / no records to render"))
            }
            let i = min(max(0, index), data.records.count - 1)
            let result = try template.mergeCopies(data.records[i], shared: data.shared, at: data.locations[i])
            let html = HTMLWriter().write(result.documents, title: result.documents.first?.plainTitle ?? "")
            return (html, data.records.count)
        }
    }

    // MARK: Generate

    /// Queues the batch; returns at once. The result is staged in the job folder as
    /// `output/<name>.zip` (or the one combined file) and the job row says how it went.
    func startBatch(_ job: JobRow, _ request: GenerateRequest) throws {
        let run = BatchRun()
        lock.lock()
        if let existing = runs[job.id], existing.snapshot.state == "queued" || existing.snapshot.state == "running" {
            lock.unlock()
            return
        }
        runs[job.id] = run
        lock.unlock()
        try store.update(job.id, state: "queued", message: "")
        let outputRoot = (folder(job.id) as NSString).appendingPathComponent("output")
        try? FileManager.default.removeItem(atPath: outputRoot)
        try FileManager.default.createDirectory(atPath: outputRoot, withIntermediateDirectories: true)
        var batch = renderOptions(job)
        batch.combine = request.combine
        batch.formats = request.formats
        batch.copies = CopyPlan(count: request.copies, numbers: request.copyNumbers)
        batch.duplex = request.duplex
        batch.manifest = request.manifest
        batch.namePattern = request.namePattern
        batch.cancellation = run.cancellation
        batch.progress = { done, total in run.progress(done, total) }
        let base = SafeFileName.make((job.settings.templateName as NSString).deletingPathExtension, fallback: "公文")
        let single = request.combine && request.formats.count == 1 && !request.manifest
        let stage = (outputRoot as NSString).appendingPathComponent("files")
        // Anything but one combined file is written straight into the .zip, as `--out 批次.zip`
        // does: zipping a folder afterwards deflated every document a second time (a third of the
        // CLI's speed for 10,000 households).
        let zipName = base + ".zip"
        let zipPath = (outputRoot as NSString).appendingPathComponent(zipName)
        batch.outputDirectory = single ? stage : zipPath
        let store = self.store, gate = self.gate, id = job.id
        let options = batch
        let initialSettings = job.settings
        Task.detached { [weak self] in
            var settings = initialSettings
            await gate.acquire()
            defer { Task { await gate.release() } }
            if run.cancellation.isCancelled {
                run.set("cancelled")
                try? store.update(id, state: "cancelled", message: Cancellation.error.diagnostics[0].message)
                return
            }
            run.set("running")
            try? store.update(id, state: "running")
            do {
                let report = try await offload { () throws -> RenderReport in try Pipeline.render(options) }
                // The download: the one combined file as it is, else a .zip of the folder.
                let fileName: String
                if single, let only = report.files.first(where: { $0.hasSuffix("." + (options.formats.first?.fileExtension ?? "")) }) {
                    fileName = only
                    try FileManager.default.moveItem(atPath: (stage as NSString).appendingPathComponent(only),
                                                     toPath: (outputRoot as NSString).appendingPathComponent(only))
                } else {
                    fileName = zipName
                    if options.manifest { try ZipFolder.extract("清单.csv", from: zipPath, into: outputRoot) }
                }
                settings.outputFile = "output/" + fileName
                settings.outputName = fileName
                settings.manifestFile = [("output/清单.csv", outputRoot + "/清单.csv"), ("output/files/清单.csv", stage + "/清单.csv")]
                    .first { FileManager.default.fileExists(atPath: $0.1) }?.0
                settings.recordCount = report.records
                let skipped = Set(report.skipped.compactMap { $0.dataLocation?.row ?? $0.dataLocation?.record }).count
                // A .zip is one file to the pipeline; the clerk wants to know what is inside it.
                let files = single ? report.fileCount : ZipFolder.count(zipPath)
                let note = "已生成 \(files) 个文件（\(report.records) 条记录）" + (single ? "" : "，打包为 \(zipName)")
                    + (skipped > 0 ? "，跳过了 \(skipped) 条有问题的记录" : "")
                try store.update(id, settings: settings, state: "done", message: note)
                run.set("done")
            } catch let error as DiagnosticError {
                let cancelled = error.diagnostics.contains { $0.id == "cancelled" }
                run.set(cancelled ? "cancelled" : "failed")
                try? store.update(id, state: cancelled ? "cancelled" : "failed",
                                  message: error.diagnostics.filter(\.isError).prefix(5).map(\.message).joined(separator: "\n"))
            } catch {
                run.set("failed")
                try? store.update(id, state: "failed", message: "生成失败：\(error) / the batch failed")
            }
            self?.finished(id, run)
        }
    }

    private func finished(_ id: String, _ run: BatchRun) {
        // Keep the finished run a little while for the progress stream, then forget it.
        Task.detached { [weak self] in
            try? await Task.sleep(for: .seconds(60))
            self?.forget(id, run)
        }
    }

    private func forget(_ id: String, _ run: BatchRun) {
        lock.lock()
        if runs[id] === run { runs[id] = nil }
        lock.unlock()
    }
}

/// Reads one file back out of the batch's .zip (the manifest, for the jobs page's link).
enum ZipFolder {
    static func extract(_ name: String, from zip: String, into folder: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read)
        guard let entry = archive[name] else { return }
        _ = try archive.extract(entry, to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
    }

    /// The files in a .zip (its central directory only).
    static func count(_ zip: String) -> Int {
        guard let archive = try? Archive(url: URL(fileURLWithPath: zip), accessMode: .read) else { return 0 }
        return archive.reduce(0) { count, _ in count + 1 }
    }
}
