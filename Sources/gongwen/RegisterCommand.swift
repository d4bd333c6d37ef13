import ArgumentParser
import Foundation
import GongwenData
import GongwenModel
import GongwenRegister

/// `gongwen register`: the 双诚信双承诺 register (承诺登记.sqlite) — import households, record
/// signatures, credit entries and 履约证明, 签订率, department queries, backup. The rules live in
/// `GongwenRegister`; this file only parses arguments and prints.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "诚信计生承诺登记：导入农户、登记签订、信用记录、履约证明、签订率、部门查询、备份 / the pledge register",
        subcommands: [Import.self, Sign.self, Rates.self, Credit.self, Certify.self, Query.self, Export.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "导入农户表（.xlsx .ods .csv，与打印承诺书用的表相同）或备份文件（.jsonl）；全部成功或一户也不写 / import households or a backup")
        @Argument(help: "承诺登记文件（.sqlite），不存在时新建 / the register store") var store: String
        @Argument(help: "农户表或备份文件（.jsonl） / households sheet or backup") var file: String
        @Option(name: .long, help: "打印承诺书时生成的清单.csv，记录每份承诺书打印的份数 / the batch manifest") var manifest: String?
        @Option(name: .long, help: "行政区划代码表（村→乡镇→县） / the region list") var regions: String?
        @Option(name: .long, help: "登记人 / who imports") var by: String?
        @Option(name: .long, help: "工作表名称 / sheet of a workbook") var sheet: String?

        func run() throws {
            try RegisterCLI.run {
                guard FileManager.default.fileExists(atPath: file) else { throw RegisterCLI.error("找不到文件 \(file) / no such file") }
                let register = try RegisterCLI.open(store, create: true)
                if file.lowercased().hasSuffix(".jsonl") {
                    let rows = try register.importBackup(from: file)
                    print("已从备份导入 \(rows) 行。")
                    return
                }
                guard let regions, let by else { throw RegisterCLI.error("导入农户表须给出 --regions 区划代码表 和 --by 登记人 / --regions and --by are required") }
                let summary = try register.importHouseholds(path: file, manifest: manifest, regions: RegionList.read(path: regions), by: by,
                                                            options: ReadOptions(sheet: sheet))
                print("已导入 \(summary.households) 户、\(summary.pledges) 份承诺书（其中 \(summary.withoutIDNumber) 户未填身份证号）。")
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign", abstract: "登记签订：一份（承诺书编号 --date），或回收清单（--list，列：承诺书编号、签订日期） / record signatures")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Argument(help: "承诺书编号 / pledge number") var number: String?
        @Option(name: .long, help: "签订日期，如 2025-07-01；默认今天 / date signed") var date: String?
        @Option(name: .long, help: "回收清单（.xlsx .csv） / the returned list") var list: String?
        @Option(name: .long, help: "登记人 / who records") var by: String
        @Option(name: .long, help: "登记人所在村的 12 位区划代码 / the recorder's village") var village: String

        func validate() throws {
            if (number == nil) == (list == nil) { throw ValidationError("请给出承诺书编号或 --list 回收清单（二者取一） / give a pledge number or --list") }
        }

        func run() throws {
            try RegisterCLI.run {
                let register = try RegisterCLI.open(store, create: false)
                let clerk = VillageClerk(name: by, village: village)
                if let list {
                    let count = try register.signList(path: list, by: clerk)
                    print("已登记签订 \(count) 份。")
                } else if let number {
                    try register.sign(number, on: date ?? RegisterDate.today(), by: clerk)
                    print("已登记：承诺书 \(number) 已签订。")
                }
            }
        }
    }

    struct Rates: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rates", abstract: "签订率：按村、乡镇或县汇总，对照 85% 目标 / signing rates")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Option(name: .long, help: "汇总层级：村、乡镇、县（默认乡镇） / level") var level: String = "乡镇"
        @Option(name: .long, help: "行政区划代码表，用于显示名称 / the region list, for names") var regions: String?
        @Option(name: .long, help: "同时写出 CSV 文件 / also write a CSV file") var csv: String?

        func run() throws {
            try RegisterCLI.run {
                guard let level = SignRateLevel(rawValue: level) else { throw RegisterCLI.error("--level 应为 村、乡镇 或 县 / bad level") }
                let list = try regions.map { path throws(DiagnosticError) in try RegionList.read(path: path) }
                let rates = try RegisterCLI.open(store, create: false).signRates(level: level, regions: list)
                var lines = ["代码,名称,已签订户数,应签订户数,签订率,是否达标"]
                for r in rates {
                    let rate = String(format: "%.1f%%", r.rate * 100)
                    print("\(r.code)\t\(r.name)\t\(r.signed)/\(r.target)\t\(rate)\t\(r.meetsGoal ? "达标" : "未达标")")
                    lines.append([r.code, r.name, String(r.signed), String(r.target), rate, r.meetsGoal ? "达标" : "未达标"].joined(separator: ","))
                }
                if rates.isEmpty { print("登记中还没有农户。") }
                if let csv {
                    guard FileManager.default.createFile(atPath: csv, contents: Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)) else {
                        throw RegisterCLI.error("无法写入 \(csv) / cannot write")
                    }
                }
            }
        }
    }

    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "credit", abstract: "信用记录：登记守信、失信或履约（只能追加） / add a credit entry")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Argument(help: "承诺书编号 / pledge number") var number: String
        @Option(name: .long, help: "守信、失信 或 履约（履约消除最早一条未履约的失信） / kind") var kind: String
        @Option(name: .long, help: "事由 / reason") var reason: String
        @Option(name: .long, help: "证据（文件名、记录编号等） / evidence") var evidence: String?
        @Option(name: .long, help: "日期，默认今天 / date") var date: String?
        @Option(name: .long, help: "登记人 / who records") var by: String

        func run() throws {
            try RegisterCLI.run {
                guard let kind = CreditKind(rawValue: kind) else { throw RegisterCLI.error("--kind 应为 守信、失信 或 履约 / bad kind") }
                let id = try RegisterCLI.open(store, create: false).addCredit(number, kind: kind, date: date, reason: reason, evidence: evidence, by: by)
                print("已登记\(kind.rawValue)（第 \(id) 条）。")
            }
        }
    }

    struct Certify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certify", abstract: "开具履约证明（有未履约的失信记录时拒绝） / issue a 履约证明")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Argument(help: "承诺书编号 / pledge number") var number: String
        @Option(name: .long, help: "开具人 / who issues") var by: String
        @Option(name: .long, help: "开具村的 12 位区划代码 / the issuing village") var village: String
        @Option(name: .long, help: "开具日期，默认今天 / date") var date: String?

        func run() throws {
            try RegisterCLI.run {
                let c = try RegisterCLI.open(store, create: false).certify(number, on: date, by: VillageClerk(name: by, village: village))
                print("履约证明编号：\(c.number)\n校验码：\(c.checkCode)\n验证码（二维码内容）：\(c.code)")
            }
        }
    }

    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "query", abstract: "部门查询信用状态（信息已遮蔽，每次查询记入日志） / department query")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Option(name: .long, help: "身份证号 / ID number") var id: String?
        @Option(name: .long, help: "履约证明编号或验证码 / certificate number or code") var certificate: String?
        @Option(name: .long, help: "查询单位 / department") var by: String
        @Option(name: .long, help: "查询事由 / why") var why: String

        func validate() throws {
            if (id == nil) == (certificate == nil) { throw ValidationError("请给出 --id 或 --certificate（二者取一） / give --id or --certificate") }
        }

        func run() throws {
            try RegisterCLI.run {
                let key: QueryKey = id.map { .idNumber($0) } ?? .certificate(certificate!)
                guard let a = try RegisterCLI.open(store, create: false).query(key, department: by, why: why) else {
                    print("未找到。 / not found")
                    return
                }
                print("户主：\(a.head)")
                if let id = a.idNumber { print("身份证号：\(id)") }
                print("村：\(a.village)\n类别：\(a.category)\n承诺书编号：\(a.pledge)\n签订：\(a.signedOn ?? "未签订")\n信用状态：\(a.state.summary)")
                for c in a.certificates { print("履约证明：\(c.number)（\(c.valid ? "有效" : "已撤销")）") }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "导出备份（JSON Lines；恢复时须有同一密钥文件） / back up")
        @Argument(help: "承诺登记文件（.sqlite） / the register store") var store: String
        @Argument(help: "备份文件（.jsonl） / the backup file") var file: String
        @Flag(name: .long, help: "备份文件已存在时覆盖 / replace an existing backup") var overwrite = false

        func run() throws {
            try RegisterCLI.run {
                let rows = try RegisterCLI.open(store, create: false).export(to: file, overwrite: overwrite)
                print("已导出 \(rows) 行到 \(file)。请同时妥善保管密钥文件 \(SQLiteRegister.keyPath(for: store))。")
            }
        }
    }
}

/// `gongwen verify CODE --register STORE`: valid, revoked or unknown, with the issuing village and
/// date only — what anyone holding a 履约证明 may learn.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "验证履约证明：有效、已撤销或无此证明 / verify a 履约证明")
    @Argument(help: "验证码（二维码内容：证明编号-校验码） / the certificate code") var code: String
    @Option(name: .long, help: "承诺登记文件（.sqlite） / the register store") var register: String
    @Option(name: .long, help: "行政区划代码表，用于显示村名 / the region list, for the village name") var regions: String?

    func run() throws {
        try RegisterCLI.run {
            let v = try RegisterCLI.open(register, create: false).verify(code: code)
            var place = v.village ?? ""
            if let regions, let village = v.village, let region = try RegionList.read(path: regions).region(village) { place = "\(region.name)（\(village)）" }
            switch v.status {
            case .unknown: print("无此证明 / unknown")
            case .valid, .revoked: print("\(v.status.rawValue) / \(v.status == .valid ? "valid" : "revoked")：开具村 \(place)，日期 \(v.issuedOn ?? "")")
            }
        }
    }
}

/// Chinese errors on stderr and exit status 1.
enum RegisterCLI {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            FileHandle.standardError.write(Data("共 \(error.diagnostics.count) 个错误，承诺登记未作任何改动。 / nothing was changed.\n".utf8))
            throw ExitCode(1)
        }
    }

    static func error(_ message: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "register-usage", message: message))
    }

    static func open(_ store: String, create: Bool) throws -> SQLiteRegister {
        if !create, !FileManager.default.fileExists(atPath: store) { throw error("找不到承诺登记文件 \(store) / no such store") }
        return try SQLiteRegister(path: store)
    }
}
