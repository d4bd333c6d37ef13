import Dispatch
import Foundation
import GongwenData
import GongwenModel
import GongwenTemplate

/// A CSV or .xlsx batch read twice instead of held, so memory does not grow with the number of rows.
///
/// Pass 1 (`scan`) reads every row, checks it against the template's data requirements and
/// keeps only what the batch needs before anything is written: the problems, the rows to skip
/// (`--skip-bad-records`) and, with `--name`, the file names. Nothing is rendered when pass 1
/// finds a problem, as for a file read whole. Pass 2 (`next`) reads the rows again and hands the
/// good ones to the renderers a chunk at a time, checked again (the check converts them).
/// If the file changed between the passes (size, time, or a row that now fails), the batch
/// stops with an error rather than print records that were never checked.
final class StreamedTable: RecordSource, @unchecked Sendable {
    /// What pass 1 found.
    struct Scan {
        var table: StreamedTable
        /// File names from `--name` (made safe and unique), in record order; nil without a pattern.
        var names: [String]?
        /// Problems of the records left out by `--skip-bad-records`.
        var skipped: [Diagnostic]
        /// Invisible characters removed (pass 2 removes them again, without reporting).
        var warnings: [Diagnostic]
    }

    let file: String
    let shared: Record
    private(set) var count: Int
    /// How the file was read in pass 1 (a CSV's encoding as detected then).
    private let options: ReadOptions
    private let identity: FileIdentity
    private let contract: DataContract?
    private let regions: RegionList?
    /// Ordinals (0-based, among all data rows) of the rows left out.
    private let skippedRows: Set<Int>
    private let blockSize: Int
    /// Pass 2's reading state, opened at the first `next`.
    private var reader: TableRecordReader<AnyRows>?
    private var checker: RecordChecker?
    private var ordinal = 0
    private var handedOut = 0
    /// The chunk after the one handed out, read while the workers render (pass 2's reading
    /// state is touched by one thread at a time: `next` waits for it first).
    private let prefetchQueue = DispatchQueue(label: "gongwen.streamed-table")
    private var prefetch: DispatchWorkItem?
    private var prefetched: Result<RecordChunk?, DiagnosticError>?

    /// Whether a data file is read in two passes rather than whole: CSV (and its .txt/.tsv
    /// spellings) and .xlsx whose records are rendered one document each. .ods, JSON and YAML
    /// are parsed whole; records gathered under a list field are one document.
    static func applies(to path: String, listField: String?, template: Template) -> Bool {
        DataReader.canStream(path) && listField == nil && template.contract?.listField == nil
    }

    /// Rows read before they are checked on all cores, in pass 1.
    static let scanBatch = 4096
    /// Cells of the records held at once, in a batch of pass 1 or a chunk of pass 2: a header of
    /// thousands of columns makes every record that wide, and 4,096 records of 16,384 cells
    /// would take a gigabyte.
    static let maximumBatchCells = 1 << 20

    /// How many records of `width` cells a batch or chunk may hold.
    static func batchLimit(_ limit: Int, width: Int) -> Int {
        max(1, min(limit, maximumBatchCells / max(1, width)))
    }

    /// Pass 1: reads and checks every row, keeping no record. The rows are parsed on this
    /// thread and checked (and named) on all cores, a batch at a time.
    static func scan(path: String, read options: ReadOptions, template: Template, regions: RegionList?, shared: Record,
                     skipBadRecords: Bool, pattern: TextPattern?, baseName: String,
                     blockSize: Int = CSVFileRows.defaultBlockSize) throws(DiagnosticError) -> Scan {
        let opened = try open(path: path, options: options, contract: template.contract, regions: regions, blockSize: blockSize)
        var reader = opened.reader
        let tableProblems = reader.headerProblems
        var warnings = WarningList()
        warnings.append(contentsOf: reader.headerWarnings)
        let columnProblems = opened.columnProblems
        let checkers = ParallelCheckers(opened.checker, workers: Workers.count)
        var recordProblems: [Diagnostic] = []
        var badRows = Set<Int>()
        var rowCount = 0
        var nameTexts: [String] = []
        var nameProblems = DiagnosticBag()
        var batch: [(ordinal: Int, record: Record, location: DataLocation)] = []
        let batchSize = batchLimit(scanBatch, width: reader.keys.names.count)
        func checkBatch() {
            defer { batch.removeAll(keepingCapacity: true) }
            // Once the file has a problem that stops the batch, rows are only read for problems of the same kind.
            guard tableProblems.isEmpty, columnProblems.isEmpty, !batch.isEmpty else { return }
            let results = checkers.check(batch.map { ($0.record, $0.location) })
            var toName: [(serial: Int, record: Record, location: DataLocation)] = []
            for (entry, result) in zip(batch, results) {
                if !result.problems.isEmpty {
                    recordProblems += result.problems
                    badRows.insert(entry.ordinal)
                } else if pattern != nil && (recordProblems.isEmpty || skipBadRecords) {
                    toName.append((nameTexts.count + toName.count + 1, result.record, entry.location))
                }
            }
            if let pattern, !toName.isEmpty {
                for named in Workers.map(toName, workers: Workers.count, { item, _ in
                    Result { () throws(DiagnosticError) in
                        try pattern.render(item.record, shared: shared, extra: [("序号", .number(Number(item.serial)))], at: item.location)
                    }
                }) {
                    switch named {
                    case .success(let text): nameTexts.append(text)
                    case .failure(let error):
                        nameProblems.append(contentsOf: error.diagnostics)
                        nameTexts.append("")
                    }
                }
            }
        }
        while let entry = try reader.next() {
            defer { rowCount += 1 }
            warnings.append(contentsOf: entry.warnings)
            guard entry.problems.isEmpty, let record = entry.record else {
                // A row that cannot be a record (ragged, a stray byte, a cell too long) is a bad
                // row like any other: reported with the others, skipped with --skip-bad-records.
                checkBatch()  // the rows before it first, to keep the problems in row order
                recordProblems += entry.problems
                badRows.insert(rowCount)
                continue
            }
            batch.append((rowCount, record, entry.location))
            if batch.count >= batchSize { checkBatch() }
        }
        checkBatch()
        // Errors stop the batch; the invisible characters found are reported with them.
        if !tableProblems.isEmpty { throw DiagnosticError(tableProblems + recordProblems + warnings.all) }
        // A column is only missing when there are rows to miss it (else: the file has no records).
        let fileProblems = columnProblems.filter { rowCount > 0 || $0.id != "data-missing-column" }
        if !fileProblems.isEmpty { throw DiagnosticError(fileProblems + recordProblems + warnings.all) }
        if !recordProblems.isEmpty && (!skipBadRecords || badRows.count == rowCount) {
            throw DiagnosticError(recordProblems + warnings.all)
        }
        try nameProblems.throwIfErrors()
        let count = rowCount - badRows.count
        guard count > 0 else {
            throw DiagnosticError(Diagnostic(id: "data-empty", message: "数据文件中没有记录 / the data file has no records",
                                             dataLocation: DataLocation(file: path)))
        }
        let table = StreamedTable(file: path, shared: shared, count: count, options: opened.options, identity: opened.identity,
                                  contract: template.contract, regions: regions, skippedRows: badRows, blockSize: blockSize)
        let names = pattern.map { _ in
            SafeFileName.uniqued(nameTexts.enumerated().map { i, text in
                SafeFileName.make(text, fallback: FileNames.numbered(base: baseName, count: count)[i])
            })
        }
        return Scan(table: table, names: names, skipped: recordProblems, warnings: warnings.all)
    }

    /// One pass's start, the same for both: the rows from the header on, and the checker with
    /// each rule's column resolved from the header (nil when nothing is checked).
    private struct Pass {
        var reader: TableRecordReader<AnyRows>
        var checker: RecordChecker?
        var columnProblems: [Diagnostic]
        var identity: FileIdentity
        /// How the file was read (a CSV's encoding as detected), to read it the same way again.
        var options: ReadOptions
    }

    /// - Parameter expected: for pass 2, the file as pass 1 found it; another one is `changed`.
    private static func open(path: String, options: ReadOptions, contract: DataContract?, regions: RegionList?,
                             blockSize: Int, expected: FileIdentity? = nil) throws(DiagnosticError) -> Pass {
        let opened = try DataReader.rows(path: path, options: options, blockSize: blockSize)
        if let expected, opened.identity != expected { throw changed(path) }
        let reader = try TableRecordReader(rows: opened.rows, file: path, fixedWidth: opened.fixedWidth, headerRow: options.headerRow)
        var checker = RecordChecker(contract: contract, regions: regions, file: path)
        let columnProblems = checker?.resolve(keys: reader.keys.names) ?? []
        return Pass(reader: reader, checker: checker, columnProblems: columnProblems, identity: opened.identity, options: opened.options)
    }

    private init(file: String, shared: Record, count: Int, options: ReadOptions, identity: FileIdentity,
                 contract: DataContract?, regions: RegionList?, skippedRows: Set<Int>, blockSize: Int) {
        self.file = file
        self.shared = shared
        self.count = count
        self.options = options
        self.identity = identity
        self.contract = contract
        self.regions = regions
        self.skippedRows = skippedRows
        self.blockSize = blockSize
    }

    /// Pass 2: the next good records, read and checked again; the chunk after them is read meanwhile.
    func next(_ limit: Int) throws(DiagnosticError) -> RecordChunk? {
        let result: Result<RecordChunk?, DiagnosticError>
        if let prefetch {
            prefetch.wait()
            self.prefetch = nil
            result = prefetched!
            prefetched = nil
        } else {
            result = Result { () throws(DiagnosticError) in try read(limit) }
        }
        if case .success(.some) = result {
            let work = DispatchWorkItem { [self] in prefetched = Result { () throws(DiagnosticError) in try read(limit) } }
            prefetch = work
            prefetchQueue.async(execute: work)
        }
        return try result.get()
    }

    private func read(_ limit: Int) throws(DiagnosticError) -> RecordChunk? {
        if reader == nil {
            let opened = try Self.open(path: file, options: options, contract: contract, regions: regions, blockSize: blockSize,
                                       expected: identity)
            guard opened.columnProblems.isEmpty else { throw changed() }
            reader = opened.reader
            checker = opened.checker
        }
        let limit = Self.batchLimit(limit, width: reader!.keys.names.count)
        var chunk = RecordChunk(start: handedOut, records: [], locations: [])
        chunk.records.reserveCapacity(limit)
        chunk.locations.reserveCapacity(limit)
        while chunk.records.count < limit, let entry = try reader!.next() {
            defer { ordinal += 1 }
            if skippedRows.contains(ordinal) { continue }
            guard entry.problems.isEmpty, var record = entry.record else { throw changed() }
            if checker != nil {
                let (checked, problems) = checker!.check(record, at: entry.location)
                guard problems.isEmpty else { throw changed() }
                record = checked
            }
            chunk.records.append(record)
            chunk.locations.append(entry.location)
        }
        handedOut += chunk.records.count
        if chunk.records.isEmpty {
            guard handedOut == count else { throw changed() }
            return nil
        }
        guard handedOut <= count else { throw changed() }
        return chunk
    }

    func restart() {
        prefetch?.wait()
        prefetch = nil
        prefetched = nil
        reader = nil
        checker = nil
        ordinal = 0
        handedOut = 0
    }

    private func changed() -> DiagnosticError { Self.changed(file) }

    private static func changed(_ file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "data-changed", message: "数据文件在生成过程中被修改了，请重新生成 / the data file changed while rendering",
                                   dataLocation: DataLocation(file: file)))
    }
}
