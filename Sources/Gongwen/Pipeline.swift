import Foundation
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate

/// What `gongwen render` is asked to do.
public struct RenderOptions: Sendable {
    public var templatePath: String
    public var dataPath: String
    /// A JSON/YAML object of fields every record sees (for CSV data).
    public var sharedPath: String?
    /// Turns all records into one document, as a list under this field (a 通报 naming many
    /// counties from a CSV of counties).
    public var listField: String?
    public var formats: [OutputFormat]
    public var outputDirectory: String
    /// File name pattern over the record, e.g. `{{ 县 }}-通报`.
    public var namePattern: String?
    /// All records in one document, each from a new page.
    public var combine: Bool
    /// Encoding, sheet and header row of the data file.
    public var read: ReadOptions
    /// The 行政区划代码 list; looked up beside the data file when nil.
    public var regionsPath: String?
    /// Render the records that pass the data check and list the others, instead of stopping.
    public var skipBadRecords: Bool
    /// Also write 清单.csv and 清单.json: every file with its record, size and SHA-256.
    public var manifest: Bool = false
    /// Replace files of the same name already in the output folder (`--overwrite`); without it
    /// they stop the batch and nothing is put in place. A folder of that name is never replaced.
    public var overwrite = false
    /// Copies of each record: the template's 联次, `--copies`, `--copy-numbers`.
    public var copies = CopyPlan()
    /// In a combined file, start every record on a right-hand (odd) page.
    public var duplex = false
    /// In a combined file, number each record's pages from 1 (each copy of a form); nil: forms
    /// do, 公文 count on (a 通报 printed in fifty numbered copies is fifty copies of one document).
    public var restartPageNumbers: Bool?
    /// The office's electronic seal (`--seal`), printed where a document has `<印章/>`.
    public var seal: SealImage?
    /// PDF output as PDF/A-2b (`--pdfa`).
    public var pdfArchive = false
    /// Called with (records done, records in all) as the batch goes on.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Stops the batch between records when cancelled (the web page's 取消); nothing is written.
    public var cancellation: Cancellation?

    public init(templatePath: String, dataPath: String, sharedPath: String? = nil, listField: String? = nil,
                formats: [OutputFormat] = OutputFormat.defaults, outputDirectory: String = "out",
                namePattern: String? = nil, combine: Bool = false, read: ReadOptions = ReadOptions(),
                regionsPath: String? = nil, skipBadRecords: Bool = false) {
        self.templatePath = templatePath
        self.dataPath = dataPath
        self.sharedPath = sharedPath
        self.listField = listField
        self.formats = formats
        self.outputDirectory = outputDirectory
        self.namePattern = namePattern
        self.combine = combine
        self.read = read
        self.regionsPath = regionsPath
        self.skipBadRecords = skipBadRecords
    }
}

/// What a render produced.
public struct RenderReport: Sendable {
    /// The first files written (up to `StagedOutput.listedNames`, in order): names inside
    /// `directory`, or the path of the one .zip (`directory` nil). Not all of them, so a batch
    /// of a hundred thousand files keeps no list of them; `fileCount` says how many there are.
    public var files: [String]
    public var fileCount: Int
    public var directory: String?
    public var records: Int
    public var warnings: [Diagnostic]
    /// Records left out by `--skip-bad-records`, with their problems.
    public var skipped: [Diagnostic] = []
    /// Files that were there before and were replaced (`--overwrite`): the first of them and how many.
    public var replaced: [String] = []
    public var replacedCount = 0
}

/// The pipeline shared by the command line and, later, the web app: template → data → merge →
/// writers → staged output.
public enum Pipeline {
    /// Loads a template from a file, from `template.xml` inside a folder, or by the name of a
    /// shipped template (`通报批评`, looked up as `TemplateCatalog.root` says).
    public static func loadTemplate(_ path: String) throws(DiagnosticError) -> Template {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return try Template.load(path: isDirectory.boolValue ? (path as NSString).appendingPathComponent("template.xml") : path)
        }
        if !path.contains("/"), let shipped = TemplateCatalog.folder(named: path) {
            return try Template.load(path: (shipped as NSString).appendingPathComponent("template.xml"))
        }
        return try Template.load(path: path)
    }

    /// Reads the data file, adds `--shared` fields and applies `--list-field` (no check).
    public static func loadData(_ dataPath: String, sharedPath: String? = nil, listField: String? = nil,
                                read: ReadOptions = ReadOptions()) throws(DiagnosticError) -> DataSet {
        try loadCheckedData(dataPath, template: nil, sharedPath: sharedPath, listField: listField, read: read).data
    }

    /// Reads the data file and checks every record against the template's `<数据要求>` and the
    /// region code list before anything is rendered. All problems are thrown together, unless
    /// `skipBadRecords` is set: then the bad records are left out and returned as `skipped`.
    public static func loadCheckedData(_ dataPath: String, template: Template?, sharedPath: String? = nil, listField: String? = nil,
                                       read: ReadOptions = ReadOptions(), regionsPath: String? = nil,
                                       skipBadRecords: Bool = false) throws(DiagnosticError) -> (data: DataSet, skipped: [Diagnostic]) {
        let regions = try loadRegions(regionsPath, beside: dataPath)
        // The data set goes straight into the check, which releases each record as it converts
        // it: a large sheet is not held twice.
        // Rows that cannot be records (ragged, a stray byte) are bad rows like those the check
        // finds: reported with them, skipped with them.
        let loaded = try DataReader.read(path: dataPath, options: read, keepingBadRows: true)
        let rowProblems = loaded.rowProblems
        let check = DataCheck.run(loaded, contract: template?.contract, regions: regions)
        var data = check.data
        // Carried over the data sets made below.
        var warnings = data.warnings
        var skipped: [Diagnostic] = []
        let problems = inRowOrder(rowProblems, check.problems)
        if !problems.isEmpty {
            guard skipBadRecords, check.badRecords.count < data.records.count,
                  !check.problems.contains(where: { $0.dataLocation?.row == nil && $0.dataLocation?.record == nil }) else {
                throw DiagnosticError(problems + warnings)
            }
            skipped = problems
            let keep = data.records.indices.filter { !check.badRecords.contains($0) }
            data = DataSet(file: data.file, shared: data.shared, records: keep.map { data.records[$0] },
                           locations: keep.map { data.locations[$0] })
        }
        if let sharedPath {
            let shared = try DataReader.readSharedFields(path: sharedPath)
            data.shared = shared.record.merging(data.shared)
            warnings += shared.warnings
        }
        let contractList = template?.contract?.listField.flatMap { field in data.records.contains { $0[field] != nil } ? nil : field }
        if let listField = listField ?? contractList {
            let list = Value.list(data.records.map { .record($0) })
            data = DataSet(file: data.file, shared: data.shared, records: [Record([(listField, list)])],
                           locations: [DataLocation(file: data.file)])
        }
        data.warnings = warnings
        return (data, skipped)
    }

    /// Two lists of problems, each in row order, as one (file-wide problems first).
    static func inRowOrder(_ a: [Diagnostic], _ b: [Diagnostic]) -> [Diagnostic] {
        guard !a.isEmpty else { return b }
        func key(_ d: Diagnostic) -> Int { d.dataLocation?.row ?? d.dataLocation?.record ?? 0 }
        return (a + b).enumerated().sorted { x, y in
            key(x.element) != key(y.element) ? key(x.element) < key(y.element) : x.offset < y.offset
        }.map(\.element)
    }

    /// The code list named with `--regions`, else `区划代码.csv` (or .xlsx) beside the data file,
    /// else `$GONGWEN_REGIONS`; none is fine (codes are then not checked).
    public static func loadRegions(_ path: String?, beside dataPath: String) throws(DiagnosticError) -> RegionList? {
        if let path { return try RegionList.read(path: path) }
        let folder = (dataPath as NSString).deletingLastPathComponent
        for name in ["区划代码.csv", "区划代码.xlsx"] {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate),
               (candidate as NSString).standardizingPath != (dataPath as NSString).standardizingPath {
                return try RegionList.read(path: candidate)
            }
        }
        if let env = ProcessInfo.processInfo.environment["GONGWEN_REGIONS"], !env.isEmpty {
            return try RegionList.read(path: env)
        }
        return nil
    }

    /// Merges every record, collecting the errors of all records before failing.
    public static func merge(_ template: Template, _ data: DataSet, copies: CopyPlan = CopyPlan()) throws(DiagnosticError) -> (documents: [Document], warnings: [Diagnostic]) {
        var documents: [Document] = []
        documents.reserveCapacity(data.records.count)
        let warnings = try mergeEach(template, RecordsInMemory(data), copies) { documents.append(contentsOf: $0) }
        return (documents, warnings)
    }

    /// Checks the data against the template's contract and merges every record to find its
    /// problems, without keeping the documents (`gongwen check`): a CSV or .xlsx is streamed as
    /// for a render, so checking a large file needs no more memory than rendering it.
    /// `options.templatePath` is not read: the template is given.
    /// Returns the number of records and the warnings.
    public static func check(_ template: Template, _ options: RenderOptions) throws(DiagnosticError) -> (count: Int, warnings: [Diagnostic]) {
        let (records, _, _, dataWarnings) = try batchInput(options, template: template, pattern: nil, baseName: defaultBaseName(template))
        var count = 0
        let warnings = try mergeEach(template, records, CopyPlan()) { _ in count += 1 }
        return (count, dataWarnings + warnings)
    }

    /// Merges every record in order on this thread, collecting the errors of all records before failing.
    private static func mergeEach(_ template: Template, _ records: RecordSource, _ copies: CopyPlan,
                                  _ body: ([Document]) -> Void) throws(DiagnosticError) -> [Diagnostic] {
        var bag = DiagnosticBag()
        let cache = MergeCache()
        while let chunk = try records.next(1024) {
            try Interruption.check()
            for (record, location) in zip(chunk.records, chunk.locations) {
                do {
                    let result = try template.mergeCopies(record, shared: records.shared, at: location, plan: copies, cache: cache)
                    body(result.documents)
                    bag.append(contentsOf: result.warnings)
                } catch {
                    bag.append(contentsOf: error.diagnostics)
                }
            }
        }
        try bag.throwIfErrors()
        return bag.diagnostics
    }

    /// The whole job: nothing is written unless every record merged and rendered.
    public static func render(_ options: RenderOptions) throws(DiagnosticError) -> RenderReport {
        let template = try loadTemplate(options.templatePath)
        let sealWarnings = try sealProblems(options, template)
        let pattern = try options.namePattern.map { p throws(DiagnosticError) in try TextPattern(p, origin: "--name") }
        let baseName = defaultBaseName(template)
        let (records, names, skipped, dataWarnings) = try batchInput(options, template: template, pattern: pattern, baseName: baseName)
        try Interruption.check()
        try options.cancellation?.check()
        // Every format must be writable here (a PDF needs CJK fonts) before anything is written.
        let notes = WriterNotes()
        for format in options.formats { try WriterRegistry.check(format, writerOptions(options, template, notes)) }
        let sink = try OutputSink.open(options.outputDirectory, overwrite: options.overwrite)
        // The manifest is written line by line beside the files, never held.
        var manifest: Manifest?
        do throws(DiagnosticError) {
            if options.manifest {
                manifest = try Manifest(csvPath: sink.scratchPath(Manifest.csvName), jsonPath: sink.scratchPath(Manifest.jsonName))
            }
            let warnings = try render(options, template: template, records: records, names: names, sink: sink, manifest: manifest,
                                      writerOptions: writerOptions(options, template, notes))
            if !skipped.isEmpty {
                try sink.write(SkippedRecords.fileName, Array(SkippedRecords.csv(skipped).utf8))
            }
            if let manifest {
                try manifest.finish()
                try sink.adoptScratch(Manifest.csvName)
                try sink.adoptScratch(Manifest.jsonName)
            }
            let summary = try sink.commit()
            return RenderReport(files: summary.first, fileCount: summary.count, directory: sink.directory, records: records.count,
                                warnings: dataWarnings + warnings + template.warnings + sealWarnings + notes.diagnostics, skipped: skipped,
                                replaced: summary.replacedFirst, replacedCount: summary.replacedCount)
        } catch {
            manifest?.discard()
            sink.abort()
            throw error
        }
    }

    /// A seal passed with `--seal` must have a place: a warning when the template has no
    /// `<印章/>` (nothing is printed), an error for a joint document (7.3.5.1: each issuer's seal
    /// presses its own 署名; one image cannot stand for all).
    static func sealProblems(_ options: RenderOptions, _ template: Template) throws(DiagnosticError) -> [Diagnostic] {
        guard options.seal != nil else { return [] }
        if template.count(of: .signature) > 1 {
            throw DiagnosticError(Diagnostic(id: "seal-joint", message:
                "联合行文须加盖每个发文机关的印章，--seal 只用于单一机关行文的公文 / --seal is for documents of one issuer",
                location: SourceLocation(file: template.path, line: 1, column: 1)))
        }
        guard template.count(of: .seal) > 0 else {
            return [Diagnostic(id: "seal-unused", severity: .warning, message:
                "模板中没有 <印章/>，--seal 给出的印章不会印出 / the template has no <印章/>; the seal is not printed",
                location: SourceLocation(file: template.path, line: 1, column: 1))]
        }
        return []
    }

    /// The writers' settings for this render.
    static func writerOptions(_ options: RenderOptions, _ template: Template, _ notes: WriterNotes) -> WriterOptions {
        WriterOptions(duplex: options.duplex, restartPageNumbers: options.restartPageNumbers ?? (template.genre == .form), seal: options.seal,
                      pdfArchive: options.pdfArchive, notes: notes)
    }

    /// A record's own file numbers its pages straight through and has no blank backs, as it
    /// always had: `--duplex` and per-record page numbers are for combined files.
    static func perRecord(_ options: WriterOptions) -> WriterOptions {
        var options = options
        options.duplex = false
        options.restartPageNumbers = false
        return options
    }

    /// Writes every record's files (or the combined file per format) into `sink`.
    private static func render(_ options: RenderOptions, template: Template, records: RecordSource, names: FileNames,
                               sink: OutputSink, manifest: Manifest?, writerOptions: WriterOptions) throws(DiagnosticError) -> [Diagnostic] {
        if options.combine {
            var warnings: [Diagnostic] = []
            for (index, format) in options.formats.enumerated() {
                let name = "\(names[0]).\(format.fileExtension)"
                // Each format reads the records from the start again (a streamed CSV from disk).
                if index > 0 { records.restart() }
                let writer = WriterRegistry.writer(for: format, writerOptions)
                var renderer = CombinedRenderer(template: template, records: records, copies: options.copies, writer: writer,
                                                cancellation: options.cancellation)
                let total = records.count
                let path = sink.streamingPath(name)
                warnings = try renderer.run(to: path, display: sink.displayPath(name), title: names[0],
                                            progress: { done in options.progress?(done, total) })
                let digest = manifest == nil ? nil : SHA256Digest.file(path)
                let replaces = try sink.adopt(name)
                if let manifest, let digest {
                    manifest.add(OutputEntry(location: DataLocation(file: records.file), file: name, size: digest.size, sha256: digest.hex,
                                             replaced: replaces, pages: renderer.pages))
                }
            }
            return warnings
        }
        let batch = BatchRenderer(template: template, records: records, names: names, formats: options.formats, copies: options.copies,
                                  checksums: manifest != nil, writerOptions: perRecord(writerOptions), cancellation: options.cancellation)
        let total = records.count
        return try batch.run(writeInWorkers: sink.concurrentWriter, sink: { (chunk) throws(DiagnosticError) in
            for file in chunk {
                let replaces: Bool
                if let bytes = file.bytes {
                    replaces = try sink.write(file.name, bytes, compressed: file.compressed)
                } else {
                    replaces = try sink.register(file.name)
                }
                if let manifest, let sha = file.sha256 {
                    manifest.add(OutputEntry(location: file.location, file: file.name, size: file.size, sha256: sha, replaced: replaces,
                                             pages: file.pages))
                }
            }
        }, progress: { done in options.progress?(done, total) })
    }

    /// The records to render, their file names and the records left out. A CSV or .xlsx is streamed
    /// (`StreamedTable`: checked in a first pass, read again while rendering), so a batch of any
    /// size holds a chunk of records at a time; other data is read and checked whole.
    static func batchInput(_ options: RenderOptions, template: Template, pattern: TextPattern?,
                           baseName: String) throws(DiagnosticError)
        -> (records: RecordSource, names: FileNames, skipped: [Diagnostic], warnings: [Diagnostic]) {
        guard StreamedTable.applies(to: options.dataPath, listField: options.listField, template: template) else {
            let (data, skipped) = try loadCheckedData(options.dataPath, template: template, sharedPath: options.sharedPath,
                                                       listField: options.listField, read: options.read,
                                                       regionsPath: options.regionsPath, skipBadRecords: options.skipBadRecords)
            guard !data.records.isEmpty else {
                throw DiagnosticError(Diagnostic(id: "data-empty", message: "数据文件中没有记录 / the data file has no records",
                                                 dataLocation: DataLocation(file: data.file)))
            }
            return (RecordsInMemory(data), try fileNames(options, pattern: pattern, data: data, baseName: baseName), skipped, data.warnings)
        }
        let regions = try loadRegions(options.regionsPath, beside: options.dataPath)
        let sharedFields = try options.sharedPath.map { path throws(DiagnosticError) in try DataReader.readSharedFields(path: path) }
        let shared = sharedFields?.record ?? Record()
        let scan = try StreamedTable.scan(path: options.dataPath, read: options.read, template: template, regions: regions, shared: shared,
                                          skipBadRecords: options.skipBadRecords, pattern: options.combine ? nil : pattern, baseName: baseName)
        let names: FileNames
        if options.combine {
            names = try fileNames(options, pattern: pattern, data: DataSet(file: scan.table.file, shared: shared, records: []), baseName: baseName)
        } else {
            names = scan.names.map(FileNames.list) ?? .numbered(base: baseName, count: scan.table.count)
        }
        return (scan.table, names, scan.skipped, scan.warnings + (sharedFields?.warnings ?? []))
    }

    /// One name per record from `--name` (made safe and unique), or `模板名-0001`; one name for
    /// a combined file.
    static func fileNames(_ options: RenderOptions, pattern: TextPattern?, data: DataSet, baseName: String) throws(DiagnosticError) -> FileNames {
        if options.combine {
            let name = try pattern.map { p throws(DiagnosticError) in
                try p.render(Record(), shared: data.shared, at: DataLocation(file: data.file))
            } ?? baseName
            return .list([SafeFileName.make(name, fallback: baseName)])
        }
        let count = data.records.count
        guard let pattern else { return .numbered(base: baseName, count: count) }
        var names: [String] = []
        var bag = DiagnosticBag()
        for (index, (record, location)) in zip(data.records, data.locations).enumerated() {
            do {
                let text = try pattern.render(record, shared: data.shared, extra: [("序号", .number(Number(index + 1)))], at: location)
                names.append(SafeFileName.make(text, fallback: FileNames.numbered(base: baseName, count: count)[index]))
            } catch {
                bag.append(contentsOf: error.diagnostics)
            }
        }
        try bag.throwIfErrors()
        return .list(SafeFileName.uniqued(names))
    }

    /// The template's folder name (`Templates/通报批评/template.xml` → `通报批评`), else its file name.
    static func defaultBaseName(_ template: Template) -> String {
        let url = URL(fileURLWithPath: template.path)
        let stem = url.deletingPathExtension().lastPathComponent
        let name = stem == "template" ? url.deletingLastPathComponent().lastPathComponent : stem
        return SafeFileName.make(name, fallback: "文档")
    }
}
