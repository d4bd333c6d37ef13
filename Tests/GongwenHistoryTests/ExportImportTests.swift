import Foundation
import GongwenAssess
@testable import GongwenHistory
import Testing

@Suite struct ExportImportTests {
    /// Periods of two kinds, so the export's order and the import's HistoryOrder both matter.
    func filled(_ folder: String) throws -> SQLiteHistory {
        let history = try store(in: folder)
        try history.save(sample(Period(year: 2024, kind: .year), count: 6), replacing: false)
        for m in 1...3 { try history.save(sample(month(2025, m), count: 6, variant: m), replacing: false) }
        return history
    }

    @Test func exportThenImportGivesEqualAssessments() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try filled(folder)
        let backup = (folder as NSString).appendingPathComponent("备份.jsonl")
        let written = try history.export(to: backup)
        #expect(written == [month(2025, 1), month(2025, 2), month(2025, 3), Period(year: 2024, kind: .year)].sorted())
        let lines = try String(contentsOfFile: backup, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == #"{"格式":"gongwen-history","版本":1}"#)
        #expect(lines.count == 5)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("gongwen-tmp") }.isEmpty)

        let fresh = try store(in: folder, "新.sqlite")
        let imported = try fresh.import(from: backup)
        #expect(imported == written)
        for period in written {
            #expect(try fresh.assessment(of: period) == (try history.assessment(of: period)))
        }
        #expect(try fresh.verify() == [])
        // The same bytes again: sorted keys make the export stable.
        let again = (folder as NSString).appendingPathComponent("再备份.jsonl")
        try fresh.export(to: again)
        #expect(FileManager.default.contentsEqual(atPath: backup, andPath: again))
    }

    @Test func exportNeverOverwritesUnlessAsked() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try filled(folder)
        let backup = (folder as NSString).appendingPathComponent("备份.jsonl")
        try "别动".write(toFile: backup, atomically: true, encoding: .utf8)
        #expect(throws: HistoryError.self) { try history.export(to: backup) }
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == "别动")
        try history.export(to: backup, overwrite: true)
        #expect(try String(contentsOfFile: backup, encoding: .utf8).hasPrefix(#"{"格式":"gongwen-history""#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("gongwen-tmp") }.isEmpty)
    }

    @Test func malformedLineWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try filled(folder)
        let backup = (folder as NSString).appendingPathComponent("备份.jsonl")
        try history.export(to: backup)
        var lines = try String(contentsOfFile: backup, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].prefix(200))          // a line cut short
        let broken = (folder as NSString).appendingPathComponent("坏的.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: broken, atomically: true, encoding: .utf8)

        let fresh = try store(in: folder, "新.sqlite")
        do {
            try fresh.import(from: broken)
            Issue.record("imported a malformed file")
        } catch let error as HistoryError {
            #expect(error.kind == .badImport)
            #expect(error.message.hasPrefix("坏的.jsonl: 第4行"), "\(error.message)")
        }
        // Lines 2 and 3 were valid, and are not there either.
        #expect(try fresh.allPeriods().isEmpty)
        #expect(try fresh.verify() == [])

        // Not an export at all.
        let other = (folder as NSString).appendingPathComponent("别的.json")
        try #"{"名称":"x"}"#.write(toFile: other, atomically: true, encoding: .utf8)
        do { try fresh.import(from: other); Issue.record("imported a file without the header") } catch let error as HistoryError {
            #expect(error.message.hasPrefix("别的.json: 第1行"))
        }
    }

    @Test func importAppliesHistoryOrderAllOrNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try filled(folder)
        let backup = (folder as NSString).appendingPathComponent("备份.jsonl")
        try history.export(to: backup)
        // Into the same store: the first period is already there.
        do { try history.import(from: backup); Issue.record("imported over stored periods") } catch let error as HistoryError {
            #expect(error.kind == .alreadyAssessed)
            #expect(error.message.hasPrefix("备份.jsonl: 第2行"))
        }
        // A store whose latest month is 2024-06: 2025-01 leaves a gap; nothing of the file is saved.
        let other = try store(in: folder, "其他.sqlite")
        try other.save(sample(month(2024, 6)), replacing: false)
        do { try other.import(from: backup); Issue.record("imported across a gap") } catch let error as HistoryError {
            #expect(error.kind == .outOfOrder)
        }
        #expect(try other.allPeriods() == [month(2024, 6)])
    }

    /// Valid JSON that breaks a constraint (one code twice in a period) is located too, and undone.
    @Test func constraintBrokenByALineIsLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var twice = sample(month(2025, 2), count: 3)
        twice.jurisdictions[2].code = twice.jurisdictions[0].code
        let encoder = HistoryJSON.encoder()
        let lines = [#"{"格式":"gongwen-history","版本":1}"#, try HistoryJSON.text(sample(month(2025, 1)), encoder), try HistoryJSON.text(twice, encoder)]
        let path = (folder as NSString).appendingPathComponent("重复.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let history = try store(in: folder)
        do { try history.import(from: path); Issue.record("imported") } catch let error as HistoryError {
            #expect(error.message.hasPrefix("重复.jsonl: 第3行：2025年2月无法存入"))
        }
        #expect(try history.allPeriods().isEmpty)
    }

    /// The hand-written lines are JSONEncoder's (sorted keys) bytes, and read back equal.
    @Test func linesAreJSONEncoders() throws {
        let encoder = HistoryJSON.encoder()
        for a in [sample(month(2025, 4), count: 7), sample(Period(year: 2024, kind: .year), count: 3, variant: 2)] {
            let ours = ColumnJSON.line(a)
            #expect(String(decoding: ours, as: UTF8.self) == (try HistoryJSON.text(a, encoder)))
            #expect(try ColumnReader.line(Data(ours)) == a)
            #expect(try HistoryJSON.decoder().decode(PeriodAssessment.self, from: Data(ours)) == a)
        }
    }
}
