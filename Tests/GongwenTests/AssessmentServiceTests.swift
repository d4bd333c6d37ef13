import Foundation
import Testing
import GongwenAssess
import GongwenData
import GongwenHistory
import GongwenModel
import TestSupport
@testable import Gongwen

/// `gongwen assess` as a clerk runs it on the shipped example: the 南岭省 rules over the 2023 and 2024
/// workbooks with a real SQLite history, the reports, and the documents rendered through the templates.
@Suite(.serialized) struct AssessmentServiceTests {
    let rules = Repository.path("Examples/南岭省/考核办法.xml")
    func data(_ period: String) -> String { Repository.path("Examples/南岭省/考核/\(period).xlsx") }

    func request(_ period: String, history: String, date: String? = nil) -> AssessmentRequest {
        var r = AssessmentRequest(rulesPath: rules, dataPath: data(period), period: period, historyPath: history)
        r.date = date
        return r
    }

    @Test func twoYearsWithHistoryDecideAndExplain() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("考核历史.sqlite").path
        let first = try AssessmentService.run(request("2023", history: store, date: "2024-03-28"))
        try AssessmentService.save(first)
        let second = try AssessmentService.run(request("2024", history: store, date: "2025-03-28"))
        #expect(second.previous?.period == Period(parsing: "2023"))
        try AssessmentService.save(second)

        // 盘州市: 出生率 13.90‰ against a target of 13.50‰ in 2024 — 第五条（一）, in force for a year from the decision.
        let panzhou = try #require(second.assessment.jurisdictions.first { $0.name == "盘州市" })
        let veto = try #require(panzhou.decisions.first { $0.outcome == "一票否决" })
        #expect(veto.article == "第五条")
        #expect(veto.inForceUntil == "2026-03-27")
        #expect(veto.explanation.contains("出生率 13.90‰（目标 13.50‰）"))
        #expect(veto.explanation.contains("2024.xlsx 第16行"))
        #expect(panzhou.prefecture == "安平市")
        // Bottom five in 2023 and 2024: 两年内不得提拔 reads the stored 2023.
        let twice = second.assessment.jurisdictions.filter { $0.has("两年内不得提拔") }.map(\.name)
        #expect(twice.count == 5)
        let again = try #require(second.assessment.jurisdictions.first { $0.name == twice[0] }?.decisions.first { $0.outcome == "两年内不得提拔" })
        #expect(again.explanation.contains("2023年：黄牌警告 是"))

        // What the store gives back is exactly what was decided (every field, through its JSON columns).
        let history = try SQLiteHistory(path: store)
        #expect(try history.assessment(of: Period(parsing: "2024")!) == second.assessment)
        #expect(try history.periods(of: .year) == [Period(parsing: "2023")!, Period(parsing: "2024")!])
        // A backup carries every field too: exported, imported into a new store, read back equal.
        let backup = dir.appendingPathComponent("备份.jsonl").path
        _ = try history.export(to: backup)
        let restored = try SQLiteHistory(path: dir.appendingPathComponent("恢复.sqlite").path)
        _ = try restored.import(from: backup)
        #expect(try restored.assessment(of: Period(parsing: "2024")!) == second.assessment)

        // The same period again is refused unless replaced; an earlier one is out of order.
        #expect(throws: DiagnosticError.self) { try AssessmentService.run(request("2024", history: store)) }
        #expect(throws: DiagnosticError.self) { try AssessmentService.run(request("2023", history: store)) }
        var replace = request("2024", history: store, date: "2025-03-28")
        replace.replace = true
        let replaced = try AssessmentService.run(replace)
        try AssessmentService.save(replaced)
        #expect(try history.assessment(of: Period(parsing: "2024")!) == replaced.assessment)
    }

    @Test func reportsAndDocumentsAreWrittenTogether() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("h.sqlite").path
        try AssessmentService.save(try AssessmentService.run(request("2023", history: store, date: "2024-03-28")))
        let outcome = try AssessmentService.run(request("2024", history: store, date: "2025-03-28"))
        let output = try StagedOutput(directory: dir.appendingPathComponent("out").path)
        let reports = try AssessmentService.stageReports(outcome, into: output)
        let documents = try AssessmentDocumentsOutput.stage(outcome, into: output, formats: [.odt])
        // Nothing is in place before the commit.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/考核结果-2024.xlsx").path))
        _ = try output.commit()
        #expect(reports == ["考核结果-2024.xlsx", "考核结果-2024.csv", "考核结果-2024.html"])
        for name in ["2024-一票否决决定.odt", "2024-通报批评.odt", "2024-诫勉谈话通知.odt", "2024-表彰通报.odt", "2024-一票否决决定-数据.json"] {
            #expect(documents.files.contains(name), "\(name)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(name)").path), "\(name)")
        }
        // The 决定 sheet reads back through the data reader: one row per decision, 一票否决 first.
        let table = try DataReader.table(path: dir.appendingPathComponent("out/考核结果-2024.xlsx").path)
        #expect(table.rows[0].cells.map(\.text).prefix(4) == ["行政区划代码", "名称", "所属", "决定"])
        #expect(table.rows[1].cells[1].text == "盘州市")
        #expect(table.rows[1].cells[3].text == "一票否决")
        let decisions = outcome.assessment.jurisdictions.reduce(0) { $0 + $1.decisions.count }
        #expect(table.rows.count == decisions + 1)
        // The data the veto was rendered from names 盘州市 under 第五条第（一）项, and nothing was typed by hand.
        let json = try String(contentsOfFile: dir.appendingPathComponent("out/2024-一票否决决定-数据.json").path, encoding: .utf8)
        #expect(json.contains("\"名称\": \"盘州市\""))
        #expect(json.contains("\"适用项\": 1"))
    }

    @Test func badRequestsAreLocatedAndStoreNothing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("h.sqlite").path
        #expect(throws: DiagnosticError.self) { try AssessmentService.run(request("2024年13月", history: store)) }
        var badDate = request("2023", history: store)
        badDate.date = "2024-02-30"
        #expect(throws: DiagnosticError.self) { try AssessmentService.run(badDate) }
        // A data file missing an indicator's column names the file and the column.
        let csv = dir.appendingPathComponent("缺列.csv")
        try "行政区划代码,名称,所属市州\n660101,中山区,南岭市\n".write(to: csv, atomically: true, encoding: .utf8)
        var missing = request("2023", history: store)
        missing.dataPath = csv.path
        do {
            _ = try AssessmentService.run(missing)
            Issue.record("a data file without the indicators was assessed")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("出生率") })
        }
        #expect(try SQLiteHistory(path: store).periods(of: .year).isEmpty)
    }
}
