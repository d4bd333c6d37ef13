import Foundation
import GongwenData
import GongwenModel
import GongwenRender
import GongwenTemplate

/// What the fuzzer feeds: bytes as a template, as an expression, as a data file. Each input must
/// end in a value or a located error — a trap, a hang (libFuzzer's -timeout) or a blow-up of
/// memory (-rss_limit_mb) is a finding. Shared by the libFuzzer entry point and the replay of the
/// committed corpus (`gongwen-fuzz TARGET FILES…`).
enum FuzzTarget: String, CaseIterable {
    case template, expression, csv, xlsx, json, yaml

    /// A record every merged template sees: text, a number, a date, a list of records.
    static let record = Record([
        ("县", .string("清水县")), ("户主", .string("张三")), ("出生率", .number(Number(Decimal(string: "12.5")!))),
        ("日期", .string("2025年3月1日")), ("区划代码", .string("520102")),
        ("列表", .list([.record(Record([("名称", .string("甲")), ("得分", .number(Number(90)))])),
                       .record(Record([("名称", .string("乙")), ("得分", .number(Number(80)))]))])),
    ])

    /// A scratch folder of this process for inputs the readers take as files.
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "gongwen-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .template:
            Self.compileAndRender(SourceText(path: Self.scratch + "/fuzz.xml", bytes: bytes))
        case .expression:
            // The expression inside an interpolation, as a template author writes it: markup characters escaped.
            let text = String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            Self.compileAndRender(SourceText(path: Self.scratch + "/fuzz.xml", text: "<文书><正文><段>{{ \(text) }}</段></正文></文书>"))
        case .csv, .xlsx, .json, .yaml:
            let path = Self.scratch + "/fuzz." + rawValue
            // Plain write: FileManager's createFile syncs to disk, a thousand times slower.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { return }
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else { return }
            _ = try? DataReader.read(path: path)
            // The streamed reader a batch uses, row by row.
            if DataReader.canStream(path), var streamed = try? DataReader.rows(path: path).rows {
                while (try? streamed.nextRow()) != nil {}
            }
        }
    }

    /// Compiles, merges with `record` and writes HTML and ODF: every stage a template reaches.
    private static func compileAndRender(_ source: SourceText) {
        guard let template = try? Template.compile(source),
              let merged = try? template.mergeCopies(record) else { return }
        let title = merged.documents.first?.plainTitle ?? ""
        _ = HTMLWriter().write(merged.documents, title: title)
        _ = ODFWriter().flat(merged.documents, title: title)
    }
}
