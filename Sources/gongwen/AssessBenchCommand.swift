import ArgumentParser
import Foundation
import Gongwen
import GongwenAssess
import GongwenFormat
import GongwenHistory

/// `gongwen assess-bench` (hidden; Benchmarks/assess.sh runs it in a release build): the rules over
/// one data file per period, in order, each period decided against the SQLite history and saved to
/// it — the engine and the store without process start-up and report writing, which the
/// benchmark measures separately with whole `gongwen assess` runs. Prints the CPU time (clock()) and
/// the resident memory after each period (and how much of the CPU was the save), so growth with the number of periods shows.
struct AssessBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess-bench", abstract: "考核速度测试 / assessment benchmark",
                                                    shouldDisplay: false)

    @Argument(help: "考核办法 / rules") var rules: String
    @Argument(help: "考核历史库（新建） / a new history store") var store: String
    @Argument(help: "各期数据文件，按期别顺序，文件名即期别（2025-01.csv） / data files named by period") var files: [String]

    func run() throws {
        let compiled = try RulesCompiler.compile(path: rules)
        let history = try SQLiteHistory(path: store)
        let assessor = Assessor(rules: compiled)
        var total = 0.0
        var totalSaving = 0.0
        var decided = 0
        for file in files {
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            guard let period = Period(parsing: name) else { throw ValidationError("文件名不是期别：\(file)") }
            let start = clock()
            let a = try assessor.assess(dataFile: file, period: period, history: history)
            let assessed = clock()
            try history.save(a, replacing: false)
            let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
            let saving = Double(clock() - assessed) / Double(CLOCKS_PER_SEC)
            total += seconds
            totalSaving += saving
            let count = a.jurisdictions.reduce(0) { $0 + $1.decisions.count }
            decided += count
            print(String(format: "%@  %d 个地区  %5d 项决定  CPU %.3f s（其中存入 %.3f s）  常驻内存 %.1f MiB", period.description,
                         a.jurisdictions.count, count, seconds, saving, Self.residentMiB()))
        }
        print(String(format: "合计 %d 期  %d 项决定  CPU %.3f s（其中存入 %.3f s）", files.count, decided, total, totalSaving))
    }

    /// VmRSS of this process (Linux), MiB.
    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}
