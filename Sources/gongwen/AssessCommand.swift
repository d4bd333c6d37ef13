import ArgumentParser
import Foundation
import Gongwen
import GongwenAssess
import GongwenModel

/// `gongwen assess`: one period's indicators through the office's 考核办法 — scores, ranks and
/// decisions with their reasons, kept in the history, and the notices that announce them.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "按考核办法考核一期指标：得分、排名、决定及依据，存入考核历史，并生成通报等文书 / assess a period by the rules")

    @Argument(help: "考核办法（规则文件，如 Examples/南岭省/考核办法.xml） / the rules file")
    var rules: String

    @Option(name: .long, help: "本期指标数据（.xlsx、.ods 或 .csv，每行一个地区） / the period's indicator data")
    var data: String

    @Option(name: .long, help: "考核期别：2025-06（月）、2025-Q2（季）、2025-H1（半年）、2025（年），也可写 2025年6月 / the period")
    var period: String

    @Option(name: .long, help: "考核历史库（SQLite 文件，不存在时新建）；不给时只按本期数据考核，不存历史 / the history store")
    var history: String?

    @Flag(name: .long, help: "本期已考核并存入历史时重新考核并替换（只能替换最近一期） / re-assess a stored period")
    var replace = false

    @Option(name: .long, help: "决定日期，如 2025-07-05；默认为考核期最后一天 / date of the decisions")
    var date: String?

    @Option(name: .long, help: "考核结果（.xlsx、.csv、.html）的输出文件夹 / folder of the reports")
    var out = "考核结果"

    @Option(name: .long, help: "同时按决定生成文书（一票否决决定、通报批评、诫勉谈话通知、动态综合排名通报、表彰通报）到此文件夹 / render the documents into this folder")
    var documents: String?

    @Option(name: .long, help: "文书的输出格式，逗号分隔：html,odt,fodt,pdf / formats of the documents")
    var format = "odt,html"

    @Option(name: .long, help: "文书的起始发文序号，默认 1 / first document number")
    var numberFrom = 1

    @Flag(name: .long, help: "输出文件夹里已有同名文件时替换 / replace files of the same name")
    var overwrite = false

    @OptionGroup var lookup: TemplateLookupOptions

    func run() throws {
        lookup.apply()
        guard let formats = OutputFormat.list(format) else {
            throw ValidationError("未知的输出格式 “\(format)”，可用：html, odt, fodt, pdf / unknown format")
        }
        guard numberFrom >= 1 else { throw ValidationError("--number-from 应为正整数 / must be positive") }
        Interruption.install()
        var request = AssessmentRequest(rulesPath: rules, dataPath: data, period: period, historyPath: history)
        request.replace = replace
        request.date = date
        var staged: [StagedOutput] = []
        do throws(DiagnosticError) {
            let outcome = try AssessmentService.run(request)
            let reports = try StagedOutput(directory: out, overwrite: overwrite)
            staged.append(reports)
            let reportNames = try AssessmentService.stageReports(outcome, into: reports)
            var written: AssessmentDocumentsOutput.Written?
            if let documents {
                let same = URL(fileURLWithPath: documents).standardizedFileURL == URL(fileURLWithPath: out).standardizedFileURL
                let output = same ? reports : try StagedOutput(directory: documents, overwrite: overwrite)
                if !same { staged.append(output) }
                written = try AssessmentDocumentsOutput.stage(outcome, into: output, formats: formats, numberFrom: numberFrom)
            }
            try Interruption.check()
            // The period is stored only when every file is ready, and the files are moved into place
            // only once it is stored: a failure before leaves neither.
            try AssessmentService.save(outcome)
            for output in staged { _ = try output.commit() }
            summarize(outcome, reports: reportNames, documents: written)
        } catch {
            for output in staged { output.abort() }
            if Interruption.interrupted { Interruption.exitInterrupted() }
            throw Report.fail(error)
        }
    }

    private func summarize(_ outcome: AssessmentOutcome, reports: [String], documents: AssessmentDocumentsOutput.Written?) {
        let a = outcome.assessment
        if let written = documents { Report.print(written.warnings) }
        print("\(a.rulesName)：\(a.period.chineseName)，参评 \(a.jurisdictions.count) 个，决定日期 \(a.decisionDate)。")
        let counts = AssessmentTables.outcomeCounts(a, order: outcome.rules.outcomes)
        print(counts.isEmpty ? "本期没有作出任何决定。" : counts.map { "\($0.outcome) \($0.count) 个" }.joined(separator: "，") + "。")
        var shown = 0
        for j in a.jurisdictions {
            for d in j.decisions where shown < 30 {
                print("  \(j.name)：\(d.outcome)（\(d.article)）\(d.explanation)")
                shown += 1
            }
        }
        let total = a.jurisdictions.reduce(0) { $0 + $1.decisions.count }
        if total > shown { print("  ……共 \(total) 项决定，全部见报告 / \(total) decisions in all") }
        if let path = outcome.historyPath { print("已存入考核历史 \(path)。") }
        print("考核结果：")
        for name in reports { print("  \((out as NSString).appendingPathComponent(name))") }
        if let documents {
            print("文书（\(documents.files.count) 个文件）：")
            for name in documents.files { print("  \((documents.directory as NSString).appendingPathComponent(name))") }
            for note in documents.notes { print("  注意：\(note)") }
        }
    }
}
