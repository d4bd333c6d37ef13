import Foundation
import GongwenAssess
import GongwenData
import GongwenModel

/// Renders the documents that announce a period's decisions through the shipped templates and puts
/// them, with the data each was made from, into one folder — all of them or none: each is rendered
/// into a scratch folder and staged; the caller moves everything into place together (StagedOutput)
/// after the period is stored, so a bad template or a full disk never leaves half a set of notices.
public enum AssessmentDocumentsOutput {
    public struct Written: Sendable {
        /// File names in the output folder, in order.
        public var files: [String]
        public var directory: String
        public var warnings: [Diagnostic]
        /// What the documents could not say (from the mapping), for the clerk.
        public var notes: [String]
    }

    /// Renders the documents into `output` (not yet committed: the caller commits it with the
    /// reports once the period is stored, or aborts it).
    public static func stage(_ outcome: AssessmentOutcome, into output: StagedOutput, formats: [OutputFormat],
                             numberFrom: Int = 1, templatesDirectory: String? = nil) throws(DiagnosticError) -> Written {
        let built = AssessmentService.documents(outcome, numberFrom: numberFrom)
        let prefix = "\(outcome.assessment.period)-"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-assess-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var warnings: [Diagnostic] = []
        var names: [String] = []
        for (index, document) in built.documents.enumerated() {
            try Interruption.check()
            let folder = scratch + "/\(index)"
            let dataPath = folder + "-数据.json"
            let dataBytes = Array(DataSetJSON.text(document.data).utf8)
            try writeFile(dataPath, dataBytes)
            let options = RenderOptions(templatePath: templatePath(document.template, in: templatesDirectory), dataPath: dataPath,
                                        sharedPath: nil, listField: nil, formats: formats, outputDirectory: folder,
                                        namePattern: namePattern(document), combine: false, read: ReadOptions(), regionsPath: nil,
                                        skipBadRecords: false)
            let report = try Pipeline.render(options)
            warnings += report.warnings
            for file in try files(in: folder) {
                names.append(prefix + file)
                _ = try output.write(prefix + file, try readFile(folder + "/" + file))
            }
            names.append(prefix + document.template + "-数据.json")
            _ = try output.write(prefix + document.template + "-数据.json", dataBytes)
        }
        return Written(files: names, directory: output.directory.path, warnings: warnings, notes: built.notes)
    }

    /// One record keeps the template's name; several (one per 市州) are told apart by their 发文序号,
    /// which is unique in the period: 动态综合排名通报-3号.
    static func namePattern(_ document: AssessmentDocuments.Document) -> String? {
        document.data.records.count > 1 ? document.template + "-{{ 发文序号 }}号" : nil
    }

    /// A shipped template by name (looked up as `gongwen render` does), or the one in
    /// `templatesDirectory` (an office's own copy).
    static func templatePath(_ name: String, in directory: String?) -> String {
        if let directory { return (directory as NSString).appendingPathComponent(name) }
        return name
    }

    static func files(in folder: String) throws(DiagnosticError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw DiagnosticError(Diagnostic(id: "assess-documents", message: "读取临时文件夹 \(folder) 失败：\(error) / scratch folder unreadable"))
        }
    }

    static func readFile(_ path: String) throws(DiagnosticError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(id: "assess-documents", message: "读取 \(path) 失败 / cannot read"))
        }
        return [UInt8](data)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError(Diagnostic(id: "assess-documents", message: "写入 \(path) 失败：\(error) / cannot write"))
        }
    }
}
