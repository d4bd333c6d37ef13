import Foundation
import GongwenFormat
import GongwenModel
@testable import GongwenAssess

/// Small data sheets for the tests: one row per county, every figure meeting its target unless a
/// test says otherwise, written as CSV to a temporary directory.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let exampleRules = packageRoot + "/Examples/南岭省/考核办法.xml"
    static let otherRules = packageRoot + "/Tests/GongwenAssessTests/Fixtures/另一省考核办法.xml"

    static let columns = ["行政区划代码", "名称", "所属市州", "出生率", "出生率目标", "自然增长率", "自然增长率目标",
                          "符合政策生育率", "符合政策生育率目标", "出生人口性别比", "性别比目标", "长效避孕措施落实率",
                          "长效避孕措施落实率目标", "社会抚养费征收到位率", "社会抚养费征收到位率目标", "流动人口信息反馈率",
                          "反馈率目标", "漏报率", "人均计生事业费", "人均计生事业费目标", "重大恶性案件", "严重弄虚作假",
                          "财政投入弄虚作假", "严重滞后", "书记", "行政首长", "分管领导"]

    /// A county meeting every target: full marks (100) under the example rules.
    static func county(_ n: Int, group: String = "龙溪州", _ changes: [String: String] = [:]) -> [String: String] {
        var row: [String: String] = [
            "行政区划代码": String(522600 + n), "名称": "县\(n)", "所属市州": group,
            "出生率": "12.00", "出生率目标": "13.00", "自然增长率": "6.00", "自然增长率目标": "7.00",
            "符合政策生育率": "92.00", "符合政策生育率目标": "90.00", "出生人口性别比": "110.0", "性别比目标": "115",
            "长效避孕措施落实率": "90.0", "长效避孕措施落实率目标": "85", "社会抚养费征收到位率": "95.0",
            "社会抚养费征收到位率目标": "90", "流动人口信息反馈率": "95.0", "反馈率目标": "90", "漏报率": "2.00",
            "人均计生事业费": "25.00", "人均计生事业费目标": "20", "重大恶性案件": "否", "严重弄虚作假": "否",
            "财政投入弄虚作假": "否", "严重滞后": "否", "书记": "书记\(n)", "行政首长": "县长\(n)", "分管领导": "副县长\(n)",
        ]
        for (k, v) in changes { row[k] = v }
        return row
    }

    /// Writes rows as CSV (columns in `columns` order, minus `dropping`) and returns the path.
    static func csv(_ rows: [[String: String]], name: String = "指标.csv", dropping: Set<String> = []) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-assess-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cols = columns.filter { !dropping.contains($0) }
        var text = cols.joined(separator: ",") + "\n"
        for row in rows { text += cols.map { row[$0] ?? "" }.joined(separator: ",") + "\n" }
        let path = dir.appendingPathComponent(name).path
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rules(_ path: String = exampleRules) throws -> AssessmentRules {
        try RulesCompiler.compile(path: path)
    }

    /// Compiles rules given as text (written to a temporary file named 考核办法.xml).
    static func compile(_ xml: String) throws(DiagnosticError) -> AssessmentRules {
        try RulesCompiler.compile(path: "考核办法.xml", bytes: Array(xml.utf8))
    }

    static func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    /// Assesses `rows` as `period` and saves the result in `history`.
    @discardableResult
    static func assess(_ rules: AssessmentRules, _ rows: [[String: String]], _ period: String, date: String? = nil,
                       history: any AssessmentHistory, save: Bool = true) throws -> PeriodAssessment {
        let a = try Assessor(rules: rules).assess(dataFile: csv(rows, name: "\(period).csv"), period: Period(parsing: period)!,
                                                  decisionDate: date.map(Fixture.date), history: history)
        if save { try history.save(a, replacing: false) }
        return a
    }
}

extension PeriodAssessment {
    subscript(_ name: String) -> JurisdictionResult {
        jurisdictions.first { $0.name == name }!
    }
}

extension JurisdictionResult {
    var outcomes: [String] { decisions.map(\.outcome) }
    func decision(_ outcome: String) -> Decision? { decisions.first { $0.outcome == outcome } }
}
