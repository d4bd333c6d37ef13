import Foundation
import Gongwen
import GongwenAssess
import GongwenModel
import ZIPFoundation

/// What one run of the 考核 page kept, in `run.json` of its folder.
struct AssessRun: Codable, Sendable {
    var id: String
    /// As written in the store: 2024, 2025-06.
    var period: String
    var periodName: String
    /// The clerk's file name (shown, escaped).
    var dataName: String
    var decisionDate: String
    var createdAt: Date
    var clerk: String
    var replaced: Bool
    var jurisdictions: Int
    var counts: [Count]
    /// The three reports (.xlsx, .csv, .html), file names in the folder.
    var reports: [String]
    /// The last 生成文书: the .zip in the folder, and what the documents could not say.
    var documentsZip: String?
    var documentsCount: Int?
    var documentsNotes: [String]?

    struct Count: Codable, Sendable {
        var outcome: String
        var count: Int
    }
}

/// A refusal of the 考核 page, in the clerk's words, with the status to answer with.
struct AssessRefusal: Error, Sendable {
    var messages: [String]
    var status: HTTPStatusCode
    enum HTTPStatusCode: Sendable { case badRequest, conflict, notFound }
}

/// The 考核 page's runs: each assessment's files in `<data-dir>/考核/<id>/` (the upload, the reports,
/// the assessment as JSON for the documents, the documents' .zip), the shared history in
/// `<data-dir>/考核历史.sqlite`. One assessment at a time (they share the history); the work runs
/// off the event loop.
final class AssessRuns: @unchecked Sendable {
    /// The office's 考核办法.xml, compiled once at start so a broken file stops the server; nil when
    /// `--rules` was not given.
    let rulesPath: String?
    let root: String
    let historyPath: String
    let gate = BatchGate(limit: 1)

    init(configuration: ServerConfiguration) throws {
        root = (configuration.dataDirectory as NSString).appendingPathComponent("考核")
        historyPath = (configuration.dataDirectory as NSString).appendingPathComponent("考核历史.sqlite")
        if let path = configuration.rulesPath {
            rulesPath = (path as NSString).standardizingPath
            _ = try RulesCompiler.compile(path: path)
        } else {
            rulesPath = nil
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// A run id is what `JobStore.newID` makes: 32 lower-case hex digits. Anything else (`..`, `/`,
    /// percent signs) is no run.
    static func isValidID(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    func folder(_ id: String) -> String { (root as NSString).appendingPathComponent(id) }

    func file(_ id: String, _ name: String) -> String { (folder(id) as NSString).appendingPathComponent(name) }

    func run(_ id: String) -> AssessRun? {
        guard Self.isValidID(id), let data = FileManager.default.contents(atPath: file(id, "run.json")) else { return nil }
        return try? Self.decoder.decode(AssessRun.self, from: data)
    }

    /// Every kept run, newest first.
    func list() -> [AssessRun] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.compactMap(run).sorted { $0.createdAt > $1.createdAt }
    }

    func write(_ run: AssessRun) throws {
        try Self.encoder.encode(run).write(to: URL(fileURLWithPath: file(run.id, "run.json")), options: .atomic)
    }

    func storedPeriods() -> [Period] {
        (try? AssessmentService.storedPeriods(historyPath: historyPath)) ?? []
    }

    /// What the form asked for.
    struct Request: Sendable {
        var period: String
        var date: String?
        var replace: Bool
        var dataPath: String
        var dataName: String
        var clerk: String
    }

    /// Assesses one period as `gongwen assess` does — run, stage the reports, store the period,
    /// then move the files into place — in a fresh run folder. On any error nothing is stored and
    /// the folder is removed.
    func assess(_ request: Request, id: String) async throws -> AssessRun {
        guard let rulesPath else { throw AssessRefusal(messages: [Self.noRules], status: .badRequest) }
        await gate.acquire()
        defer { Task { await gate.release() } }
        let historyPath = self.historyPath
        let folder = self.folder(id)
        return try await offload { () throws -> AssessRun in
            var assessment = AssessmentRequest(rulesPath: rulesPath, dataPath: request.dataPath, period: request.period,
                                               historyPath: historyPath)
            assessment.replace = request.replace
            assessment.date = request.date
            assessment.dataName = request.dataName
            let reportsFolder = (folder as NSString).appendingPathComponent("reports")
            var staged: StagedOutput?
            do {
                let outcome = try AssessmentService.run(assessment)
                let output = try StagedOutput(directory: reportsFolder)
                staged = output
                let names = try AssessmentService.stageReports(outcome, into: output)
                try AssessmentService.save(outcome)
                try output.commit()
                let a = outcome.assessment
                let encoder = JSONEncoder()
                try encoder.encode(a).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("assessment.json")))
                if let previous = outcome.previous {
                    try encoder.encode(previous).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("previous.json")))
                }
                try Data(AssessmentReportPage.fragment(a, order: outcome.rules.outcomes).utf8)
                    .write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("fragment.html")))
                let run = AssessRun(id: id, period: a.period.description, periodName: a.period.chineseName, dataName: request.dataName,
                                    decisionDate: a.decisionDate, createdAt: Date(), clerk: request.clerk, replaced: request.replace,
                                    jurisdictions: a.jurisdictions.count,
                                    counts: AssessmentTables.outcomeCounts(a, order: outcome.rules.outcomes).map { AssessRun.Count(outcome: $0.outcome, count: $0.count) },
                                    reports: names.map { "reports/" + $0 })
                try self.write(run)
                return run
            } catch let error as DiagnosticError {
                staged?.abort()
                throw AssessRefusal(messages: error.diagnostics.filter(\.isError).prefix(20).map {
                    Self.describe($0, dataPath: request.dataPath, dataName: request.dataName)
                }, status: error.diagnostics.contains { $0.id.hasPrefix("history-") } ? .conflict : .badRequest)
            }
        }
    }

    /// Renders the notices of a kept run (AssessmentDocumentsOutput) into `文书-<期别>.zip` in its folder.
    func documents(_ id: String, formats: [OutputFormat], templatesDirectory: String) async throws -> AssessRun {
        guard let rulesPath else { throw AssessRefusal(messages: [Self.noRules], status: .badRequest) }
        guard let found = run(id) else { throw AssessRefusal(messages: ["没有这次考核 / no such assessment"], status: .notFound) }
        let folder = self.folder(id)
        await gate.acquire()
        defer { Task { await gate.release() } }
        return try await offload { () throws -> AssessRun in
            var run = found
            let scratch = (folder as NSString).appendingPathComponent("documents-\(JobStore.newID())")
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            do {
                let decoder = JSONDecoder()
                let assessment = try decoder.decode(PeriodAssessment.self, from: Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("assessment.json"))))
                let previousPath = (folder as NSString).appendingPathComponent("previous.json")
                let previous = FileManager.default.fileExists(atPath: previousPath)
                    ? try decoder.decode(PeriodAssessment.self, from: Data(contentsOf: URL(fileURLWithPath: previousPath))) : nil
                let outcome = try AssessmentService.stored(assessment, previous: previous, rulesPath: rulesPath)
                let output = try StagedOutput(directory: scratch)
                let written = try AssessmentDocumentsOutput.stage(outcome, into: output, formats: formats,
                                                                             templatesDirectory: templatesDirectory)
                try output.commit()
                let zipName = "文书-\(run.period).zip"
                let zipPath = (folder as NSString).appendingPathComponent(zipName)
                let partial = zipPath + ".part"
                try? FileManager.default.removeItem(atPath: partial)
                let archive = try Archive(url: URL(fileURLWithPath: partial), accessMode: .create)
                for name in written.files {
                    try archive.addEntry(with: name, relativeTo: URL(fileURLWithPath: scratch), compressionMethod: .deflate)
                }
                _ = rename(partial, zipPath)
                run.documentsZip = zipName
                run.documentsCount = written.files.filter { !$0.hasSuffix("-数据.json") }.count
                run.documentsNotes = written.notes
                try self.write(run)
                return run
            } catch let error as DiagnosticError {
                throw AssessRefusal(messages: error.diagnostics.filter(\.isError).prefix(20).map { Self.describe($0, dataPath: "", dataName: "") },
                                    status: .badRequest)
            }
        }
    }

    /// A diagnostic as one line: the rules file's line and column, or the data file's row and
    /// column (under the clerk's file name, never the server's path).
    static func describe(_ d: Diagnostic, dataPath: String, dataName: String) -> String {
        var place = ""
        if d.id.hasPrefix("history-") {
            // The store's own file means nothing to the clerk; the message names the periods.
        } else if let l = d.location {
            place = "\((l.file as NSString).lastPathComponent) 第\(l.line)行第\(l.column)列："
        } else if let l = d.dataLocation {
            let file = l.file == dataPath || (l.file as NSString).lastPathComponent == (dataPath as NSString).lastPathComponent
                ? dataName : (l.file as NSString).lastPathComponent
            place = file.isEmpty ? "" : file + " "
            if let row = l.row { place += "第\(row)行 " }
            if let field = l.field { place += "“\(field)”列 " }
            place = place.trimmingCharacters(in: .whitespaces)
            if !place.isEmpty { place += "：" }
        }
        // The store speaks to the command line; on the page the flag is the checkbox.
        var message = d.message.replacingOccurrences(of: "请加 --replace", with: "请勾选“重新考核并替换”")
        if !dataPath.isEmpty { message = message.replacingOccurrences(of: dataPath, with: dataName) }
        return place + message
    }

    /// Where an upload is kept: under the clerk's file name (the explanations cite it: “2024.xlsx 第16行”),
    /// made safe — its last path component without control characters, at most 60 characters
    /// before the extension, in the run's own `input/` folder.
    static func uploadName(_ clerkName: String, ext: String) -> String {
        var base = (Uploads.displayName(clerkName) as NSString).deletingPathExtension
        base = String(base.unicodeScalars.filter { $0 != "/" && $0 != "\\" && $0 != ":" }.map(Character.init))
        while base.hasPrefix(".") { base.removeFirst() }
        if base.count > 60 { base = String(base.prefix(60)) }
        if base.isEmpty { base = "数据" }
        return base + "." + ext
    }

    static let noRules = "本网页还没有设置考核办法。请管理员在启动时指定规则文件：gongwen serve --rules 考核办法.xml（如 Examples/南岭省/考核办法.xml）。"

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
