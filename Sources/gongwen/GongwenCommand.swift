import ArgumentParser
import Foundation
import Gongwen
import GongwenData
import GongwenModel
import GongwenTemplate
import GongwenRender

/// `gongwen`: merges data into Chinese official documents.
@main
struct GongwenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongwen",
        abstract: "公文模板引擎：把数据合并进公文，输出 HTML、ODT、FODT / merges data into Chinese official documents",
        version: Installation.version,
        subcommands: [RenderCommand.self, CheckCommand.self, DumpCommand.self, FiltersCommand.self, FontsCommand.self, TemplatesCommand.self, ServeCommand.self, UsersCommand.self, AssessCommand.self, HistoryCommand.self, AssessBenchCommand.self, RegisterCommand.self, VerifyCommand.self]
    )
}

/// Prints diagnostics compiler-style on stderr, with source excerpts read from disk.
enum Report {
    static func print(_ diagnostics: [Diagnostic]) {
        // The one line shown, found by its line breaks: never the file split into all its lines.
        let formatter = DiagnosticFormatter { path, number in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            var start = data.startIndex
            for _ in 1..<number {
                guard let newline = data[start...].firstIndex(of: 0x0A) else { return nil }
                start = newline + 1
            }
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            guard let text = String(data: data[start..<end], encoding: .utf8) else { return nil }
            return text.hasSuffix("\r") ? Substring(text.dropLast()) : Substring(text)
        }
        FileHandle.standardError.write(Data(formatter.format(diagnostics).utf8))
    }

    static func fail(_ error: DiagnosticError) -> ExitCode {
        print(error.diagnostics)
        let count = error.diagnostics.filter(\.isError).count
        FileHandle.standardError.write(Data("共 \(count) 个错误，未写出任何文件。 / \(count) error(s); nothing was written.\n".utf8))
        return ExitCode(1)
    }
}

/// `--templates DIR`: where shipped templates (`通报批评`) are looked up; first in
/// `Installation.templatesDirectory()`'s order.
struct TemplateLookupOptions: ParsableArguments {
    @Option(name: .long, help: "内置模板所在的文件夹；默认依次为 GONGWEN_TEMPLATES、安装目录 share/gongwen/Templates、Templates/ / folder of the shipped templates")
    var templates: String?

    func apply() {
        if let templates { Installation.templatesOption = templates }
    }
}

/// How the data file is read and checked; shared by render, check and dump.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "共用字段文件（.json .yaml），每条记录都能看到 / shared fields for every record")
    var shared: String?

    @Option(name: .long, help: "把所有记录合成一个文档，作为此字段下的列表 / put all records into one document under this list field")
    var listField: String?

    @Option(name: .long, help: "CSV 的编码：utf-8、gb18030（含 GBK）、utf-16；默认自动识别 / CSV encoding, detected by default")
    var encoding: String?

    @Option(name: .long, help: "工作表名称，默认第一个 / sheet of a workbook")
    var sheet: String?

    @Option(name: .long, help: "表头所在的行号（表头上方有标题行时） / spreadsheet row of the header")
    var headerRow: Int?

    @Option(name: .long, help: "行政区划代码表（.csv .xlsx）；默认使用数据文件旁的 区划代码.csv / region code list")
    var regions: String?

    func readOptions() throws -> ReadOptions {
        var options = ReadOptions(sheet: sheet, headerRow: headerRow)
        if let encoding {
            guard let e = TextEncoding(name: encoding) else {
                throw ValidationError("未知的编码 “\(encoding)”，可用：utf-8、gb18030、gbk、utf-16 / unknown encoding")
            }
            options.encoding = e
        }
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row 应为正整数 / must be 1 or more") }
        return options
    }
}

/// A required data file and how to read it.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "数据文件（.xlsx .ods .csv .json .yaml） / data file")
    var data: String

    @OptionGroup var reading: ReadingOptions

    var shared: String? { reading.shared }
    var listField: String? { reading.listField }
    var regions: String? { reading.regions }
    func readOptions() throws -> ReadOptions { try reading.readOptions() }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "按数据生成文档 / render one document per record")

    @Argument(help: "模板文件、含 template.xml 的文件夹，或内置模板名（如 通报批评） / template file, folder or shipped name")
    var template: String

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var lookup: TemplateLookupOptions

    @Option(name: .long, help: "输出格式，逗号分隔：html,odt,fodt,pdf（pdf 由 Gongwen 自己排版生成） / output formats")
    var format: String = "html,odt,fodt"

    @Option(name: .long, help: "输出文件夹 / output folder")
    var out: String = "out"

    @Option(name: .long, help: "文件名模式，如 '{{ 县 }}-通报' / file name pattern")
    var name: String?

    @Flag(name: .long, help: "所有记录合并为一个文件，每条记录另起一页 / all records in one file")
    var combine = false

    @Flag(name: .long, help: "跳过有问题的记录，只生成其余的，并写出 跳过的记录.csv / render the good records, list the bad ones")
    var skipBadRecords = false

    @Flag(name: .long, help: "同时写出 清单.csv 和 清单.json：每个文件对应的记录、大小和 SHA-256 / write a manifest")
    var manifest = false

    @Flag(name: .long, help: "输出文件夹里已有同名文件时用新文件替换（报告和清单中列出被替换的文件）；不加时不替换任何文件并报错。同名文件夹一律不删除 / replace files of the same name")
    var overwrite = false

    @Flag(name: .long, help: "双面打印：合并文件中每条记录从奇数页开始 / with --combine, each record starts on an odd page")
    var duplex = false

    @Flag(name: .long, help: "合并文件中每条记录（表单的每一联）页码从 1 起；表单默认如此 / restart page numbers per record (forms do by default)")
    var restartPageNumbers = false

    @Flag(name: .long, help: "合并文件中页码连续编排；公文默认如此 / number the pages of a combined file continuously (公文 do by default)")
    var continuousPageNumbers = false

    @Option(name: .long, help: "每条记录印几联（表单，如一式两份）；默认按模板的 联次 / copies per record")
    var copies: Int?

    @Option(name: .long, help: "按份号印制，每个号一份，如 1-50（份号 000001 至 000050） / numbered copies")
    var copyNumbers: String?

    @Option(name: .long, help: "经授权的电子印章图片（.png 或 .svg，透明背景），印在模板 <印章/> 的位置；不给时该处留空，盖实物印章 / electronic seal image")
    var seal: String?

    @Option(name: .long, help: "电子印章的直径（毫米），默认 42 / printed seal diameter in mm")
    var sealSize: Double?

    @Flag(name: .long, help: "PDF 按 PDF/A-2b 长期保存格式写出（用于 --format pdf） / write PDF/A-2b")
    var pdfa = false

    func run() throws {
        lookup.apply()
        guard let formats = OutputFormat.list(format) else {
            throw ValidationError("未知的输出格式 “\(format)”，可用：html, odt, fodt, pdf / unknown format")
        }
        var options = RenderOptions(
            templatePath: template, dataPath: dataOptions.data, sharedPath: dataOptions.shared,
            listField: dataOptions.listField, formats: formats, outputDirectory: out, namePattern: name, combine: combine,
            read: try dataOptions.readOptions(), regionsPath: dataOptions.regions, skipBadRecords: skipBadRecords)
        options.manifest = manifest
        options.overwrite = overwrite
        options.pdfArchive = pdfa
        options.duplex = duplex
        if restartPageNumbers && continuousPageNumbers {
            throw ValidationError("--restart-page-numbers 和 --continuous-page-numbers 只能选一个 / choose one")
        }
        options.restartPageNumbers = restartPageNumbers ? true : continuousPageNumbers ? false : nil
        if let copies {
            guard (1...20).contains(copies) else { throw ValidationError("--copies 应在 1 到 20 之间 / must be 1–20") }
            options.copies.count = copies
        }
        if let copyNumbers {
            guard let range = CopyPlan.numbers(copyNumbers) else {
                throw ValidationError("--copy-numbers 应写作 1-50（1 到 999999） / expected a range like 1-50")
            }
            guard range.count <= 10_000 else { throw ValidationError("--copy-numbers 最多 10000 份 / at most 10000 copies") }
            options.copies.numbers = range
        }
        if let sealSize, !(20...60).contains(sealSize) { throw ValidationError("--seal-size 应在 20 到 60 毫米之间 / must be 20–60 mm") }
        if sealSize != nil && seal == nil { throw ValidationError("--seal-size 要与 --seal 同用 / needs --seal") }
        if let seal {
            do {
                options.seal = try SealFile.load(path: seal, diameterMM: sealSize ?? SealFile.defaultDiameterMM)
            } catch {
                throw Report.fail(error)
            }
        }
        Interruption.install()
        FontCheck.shared.start()
        let bar = ProgressBar()
        if bar.isActive { options.progress = { done, total in bar.update(done, total) } }
        defer { bar.finish() }
        do {
            let report = try Pipeline.render(options)
            Report.print(report.warnings + (FontCheck.fallbackWarning().map { [$0] } ?? []))
            if !report.skipped.isEmpty {
                Report.print(report.skipped.map { var d = $0; d.severity = .warning; return d })
                let rows = Set(report.skipped.compactMap { $0.dataLocation.map { "\($0.row ?? 0)/\($0.record ?? 0)" } }).count
                FileHandle.standardError.write(Data("跳过了 \(rows) 条有问题的记录，清单见 \(out)/跳过的记录.csv / skipped \(rows) record(s)\n".utf8))
            }
            let place = { (file: String) in report.directory.map { ($0 as NSString).appendingPathComponent(file) } ?? file }
            print("已生成 \(report.fileCount) 个文件（\(report.records) 条记录） / wrote \(report.fileCount) file(s):")
            for file in report.files.prefix(20) { print("  \(place(file))") }
            if report.fileCount > 20 { print("  ……（共 \(report.fileCount) 个） / … \(report.fileCount) in all") }
            if report.replacedCount > 0 {
                print("其中 \(report.replacedCount) 个替换了输出文件夹里原有的同名文件 / \(report.replacedCount) replaced an existing file:")
                for file in report.replaced.prefix(20) { print("  \(place(file))") }
                if report.replacedCount > 20 { print("  ……（共 \(report.replacedCount) 个） / … \(report.replacedCount) in all") }
            }
        } catch {
            if Interruption.interrupted { Interruption.exitInterrupted() }
            throw Report.fail(error)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查模板，以及数据是否符合模板的数据要求；不生成文件 / check a template and its data without rendering")

    @Argument(help: "模板文件、含 template.xml 的文件夹，或内置模板名（如 通报批评） / template file, folder or shipped name")
    var template: String

    @Option(name: .long, help: "要检查的数据文件（.xlsx .ods .csv .json .yaml） / data file to check")
    var data: String?

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var lookup: TemplateLookupOptions

    func run() throws {
        lookup.apply()
        do {
            let template = try Pipeline.loadTemplate(template)
            Report.print(template.warnings)
            guard let data else {
                print("模板无误 / template OK: \(template.path)")
                return
            }
            let options = RenderOptions(templatePath: template.path, dataPath: data, sharedPath: reading.shared, listField: reading.listField,
                                        read: try reading.readOptions(), regionsPath: reading.regions)
            let (count, warnings) = try Pipeline.check(template, options)
            Report.print(warnings)
            print("模板和数据无误，共 \(count) 份文档 / template and data OK: \(count) document(s)")
        } catch let error as DiagnosticError {
            Report.print(error.diagnostics)
            let errors = error.diagnostics.filter(\.isError)
            let rows = Set(errors.compactMap { d in d.dataLocation.flatMap { l in l.row ?? l.record } }).count
            let summary = rows > 0 ? "，涉及 \(rows) 条记录" : ""
            FileHandle.standardError.write(Data("共 \(errors.count) 个问题\(summary)。 / \(errors.count) problem(s).\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "打印合并后的文档树 / print the merged document tree")

    @Argument(help: "模板文件、含 template.xml 的文件夹，或内置模板名（如 通报批评） / template file, folder or shipped name")
    var template: String

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var lookup: TemplateLookupOptions

    func run() throws {
        lookup.apply()
        let read = try dataOptions.readOptions()
        do {
            let template = try Pipeline.loadTemplate(template)
            let (data, _) = try Pipeline.loadCheckedData(dataOptions.data, template: template, sharedPath: dataOptions.shared,
                                                         listField: dataOptions.listField, read: read,
                                                         regionsPath: dataOptions.regions)
            let (documents, warnings) = try Pipeline.merge(template, data)
            Report.print(data.warnings + warnings)
            for document in documents { print(DocumentDump.dump(document), terminator: "") }
        } catch {
            throw Report.fail(error)
        }
    }
}

struct FiltersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filters", abstract: "列出全部过滤器及示例 / list the template filters")

    func run() {
        for filter in Filters.all.values.sorted(by: { $0.name < $1.name }) {
            print("\(filter.name)\t\(filter.summary)")
        }
    }
}

struct FontsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts", abstract: "本机各字体角色实际使用的字体 / which installed fonts the font roles use here")

    func run() throws {
        guard let resolutions = FontCheck.run() else {
            throw ValidationError("找不到 fc-match（fontconfig），无法检查字体 / fontconfig's fc-match is not installed")
        }
        var fallbacks = 0
        for r in resolutions {
            let names = r.role.officeNames.joined(separator: "、")
            if r.isOriginal, let installed = r.installed {
                print("\(r.role.odfName)\t\(installed)\t（已安装）")
            } else {
                fallbacks += 1
                let used = r.installed ?? r.substitute
                print("\(r.role.odfName)\t\(used)\t警告：未安装 \(names) 中的任何一种，将以替代字体印出 / fallback")
            }
        }
        if fallbacks > 0 {
            print("LibreOffice 只认样式中的第一个字体名（\(FontRole.allCases.map { $0.families[0] }.joined(separator: "、"))）；"
                + "没有这些字体时，可用 FONTCONFIG_FILE=Fonts/fontconfig/fonts.conf 让它们对应到开源字体。见 Fonts/README.md。")
        }
    }
}

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "列出内置模板及其需要的字段 / list the shipped templates and the fields they need")

    @OptionGroup var lookup: TemplateLookupOptions

    func run() throws {
        lookup.apply()
        let (entries, problems) = TemplateCatalog.entries()
        Report.print(problems)
        guard !entries.isEmpty else {
            throw ValidationError("在 \(TemplateCatalog.root) 中没有找到模板（可用 --templates 或环境变量 GONGWEN_TEMPLATES 指定） / no templates found")
        }
        for entry in entries {
            print("\(entry.name)\t\(entry.kind ?? "")\t\(entry.folder)")
            print("  字段：\(entry.fields.joined(separator: "、"))")
            if let contract = entry.contract {
                let list = contract.listField.map { "（表格的每一行是列表“\($0)”的一项）" } ?? ""
                print("  数据要求\(list)：\(contract.fields.map(\.summary).joined(separator: "；"))")
            }
        }
    }
}
