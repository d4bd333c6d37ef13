import ArgumentParser
import Foundation
import GongwenAssess
import GongwenHistory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gongwen history`: the assessment history (考核历史.sqlite) — list, back up, restore, and
/// import past periods typed into a spreadsheet.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "考核历史：列出、导出备份、导入（备份或往年结果表格） / the assessment history store",
        subcommands: [List.self, Export.self, Import.self, Check.self, Bench.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出已存的各期考核 / list the stored periods")
        @Argument(help: "考核历史文件（.sqlite） / the history store") var store: String

        func run() throws {
            try History.run {
                let history = try History.open(store, create: false)
                let periods = try history.allPeriods()
                if periods.isEmpty { print("考核历史中还没有任何一期。"); return }
                for period in periods {
                    guard let a = try history.assessment(of: period) else { continue }
                    let decisions = a.jurisdictions.reduce(0) { $0 + $1.decisions.count }
                    print("\(period)\t\(period.chineseName)\t\(a.jurisdictions.count) 个地区\t\(decisions) 项决定\t决定日期 \(a.decisionDate)\t\(a.rulesName)")
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "把全部各期导出为备份文件（JSON Lines） / back up every period")
        @Argument(help: "考核历史文件（.sqlite） / the history store") var store: String
        @Argument(help: "备份文件（.jsonl） / the backup file") var file: String
        @Flag(name: .long, help: "备份文件已存在时覆盖 / replace an existing backup file") var overwrite = false

        func run() throws {
            try History.run {
                let history = try History.open(store, create: false)
                History.removeOnSignal(SQLiteHistory.temporaryPath(for: file))
                let periods = try history.export(to: file, overwrite: overwrite)
                print("已导出 \(periods.count) 期到 \(file)。")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "导入备份文件或往年结果表格（.xlsx .ods .csv），全部成功或一期也不写 / import a backup or past results")
        @Argument(help: "考核历史文件（.sqlite），不存在时新建 / the history store") var store: String
        @Argument(help: "备份文件（.jsonl）或往年结果表格 / a backup or a spreadsheet") var file: String
        @Flag(name: .long, help: "替换已存的同一期（其后不能已有更晚的一期） / replace periods already stored") var replace = false

        func run() throws {
            try History.run {
                guard FileManager.default.fileExists(atPath: file) else { throw HistoryError(.badImport, "找不到文件 \(file) / no such file") }
                History.removeOnSignal(nil)
                let periods = try History.open(store, create: true).import(from: file, replacing: replace)
                print("已导入 \(periods.count) 期：\(periods.map(\.description).joined(separator: "、"))。")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "检查考核历史文件是否完好 / verify the store")
        @Argument(help: "考核历史文件（.sqlite） / the history store") var store: String

        func run() throws {
            try History.run {
                let problems = try History.open(store, create: false).verify()
                guard problems.isEmpty else {
                    for p in problems { FileHandle.standardError.write(Data("\(p)\n".utf8)) }
                    throw HistoryError(.storage, "\(store) 有 \(problems.count) 处问题 / the store is damaged")
                }
                print("完好 / ok")
            }
        }
    }

    /// Saves N jurisdictions × 12 monthly periods into a new store and prints the CPU time:
    /// Benchmarks/history.sh runs it in a release build.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench", abstract: "写入速度测试 / write benchmark",
                                                        shouldDisplay: false)
        @Argument var store: String
        @Option var jurisdictions = 3000
        @Option var periods = 12

        func run() throws {
            try History.run {
                let history = try SQLiteHistory(path: store)
                let all = (1...periods).map { HistoryBench.assessment(Period(year: 2025, kind: .month, index: 1).back(-($0 - 1)), count: jurisdictions) }
                let start = Self.cpu()
                for a in all { try history.save(a, replacing: false) }
                let save = Self.cpu()
                for a in all { _ = try history.assessment(of: a.period) }
                let read = Self.cpu()
                print(String(format: "save %d × %d: %.3f s CPU (%.3f user + %.3f sys); read back: %.3f s CPU",
                             periods, jurisdictions, save.user + save.sys - start.user - start.sys, save.user - start.user,
                             save.sys - start.sys, read.user + read.sys - save.user - save.sys))
            }
        }
    }
}

extension HistoryCommand.Bench {
    /// User and system CPU seconds of the process so far.
    static func cpu() -> (user: Double, sys: Double) {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return (Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)
    }
}

/// Chinese errors, exit status 1, and what a signal leaves behind.
enum History {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as HistoryError {
            FileHandle.standardError.write(Data("错误：\(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func open(_ store: String, create: Bool) throws -> SQLiteHistory {
        if !create, !FileManager.default.fileExists(atPath: store) {
            throw HistoryError(.storage, "找不到考核历史文件 \(store) / no such store")
        }
        return try SQLiteHistory(path: store)
    }

    /// Ctrl-C or SIGTERM: a write in progress is one SQLite transaction, which a process that ends
    /// without committing leaves undone (the WAL is rolled back on the next open); an export's
    /// hidden file is removed here. The handler only calls async-signal-safe functions on a path
    /// prepared beforehand.
    static func removeOnSignal(_ path: String?) {
        temporary = path.map { strdup($0) } ?? nil
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in
                if let path = History.temporary { unlink(path) }
                let line = "\n已中断，未写入任何内容。 / interrupted; nothing was written.\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
                _exit(128 + received)
            }
        }
    }

    nonisolated(unsafe) static var temporary: UnsafeMutablePointer<CChar>?
}

/// Synthetic periods for `history bench`: figures, leaders and decisions of the size a real
/// assessment of the 南岭省 rules stores.
enum HistoryBench {
    static func assessment(_ period: Period, count: Int) -> PeriodAssessment {
        let date = "\(period.lastDay.year)-\(String(format: "%02d-%02d", period.lastDay.month, period.lastDay.day))"
        let names = ["出生率", "自然增长率", "符合政策生育率", "出生人口性别比", "长效避孕措施落实率", "社会抚养费征收到位率",
                     "流动人口信息反馈率", "漏报率", "人均计生事业费", "常住人口"]
        let jurisdictions = (0..<count).map { i -> JurisdictionResult in
            var figures: [String: Figure] = [:]
            for (k, name) in names.enumerated() {
                let value = Double((i * 7 + k * 13) % 1000) / 10
                figures[name] = Figure(text: "\(value)", value: value, target: 50, unit: "‰", column: name, targetColumn: name + "目标")
            }
            for name in ["重大恶性案件", "严重弄虚作假", "严重滞后"] { figures[name] = Figure(text: "否", value: nil, column: name) }
            var decisions: [Decision] = []
            if i % 10 == 0 {
                decisions.append(Decision(outcome: "黄牌", article: "第二条", grounds: [Ground(
                    item: "", summary: "后三名", condition: "州内排名.倒数名次 le 3",
                    readings: [Reading(name: "州内排名.倒数名次", shown: "第2名", period: period)], thresholds: ["3"])]))
            }
            if i % 25 == 0 {
                decisions.append(Decision(outcome: "一票否决", article: "第五条", grounds: [Ground(
                    item: "（一）", summary: "未完成上级下达的人口计划", condition: "出生率 gt 出生率.目标",
                    readings: [Reading(name: "出生率", shown: "14.62‰", period: period, row: i + 2, column: "出生率", file: "\(period).xlsx")],
                    thresholds: [])], inForceUntil: date))
            }
            return JurisdictionResult(
                code: String(format: "%06d", 430000 + i), name: "县\(i)", group: "州\(i % 14)", row: i + 2, figures: figures,
                categoryScores: [CategoryScore(name: "人口计划", score: 35.5, weight: 40), CategoryScore(name: "基础工作", score: 52.25, weight: 60)],
                score: 87.75, rank: i + 1, rankFromBottom: count - i, rankedCount: count,
                leaders: [Leader(role: "党委书记", name: "书记\(i)"), Leader(role: "政府主要负责人", name: "县长\(i)"),
                          Leader(role: "分管负责人", name: "分管\(i)")],
                decisions: decisions, excluded: [])
        }
        return PeriodAssessment(period: period, rulesName: "南岭省人口和计划生育责任目标考核", rulesDigest: "bench", decisionDate: date,
                                dataFile: "\(period).xlsx", total: 100, jurisdictions: jurisdictions)
    }
}
