import Foundation
import GongwenData
import GongwenModel
import GongwenTemplate
import Testing
import TestSupport
@testable import Gongwen

/// A CSV batch is read twice instead of held (`StreamedTable`): what the renderers get must be
/// exactly what the whole-file path gives, and a file changed between the passes must stop the batch.
@Suite("CSV batches read in two passes")
struct StreamedTableTests {
    static let template = Repository.path("Templates/诚信计生双向承诺书")

    /// The shipped 2,000 households with three bad rows (a word for a number, an unknown region
    /// code, a required cell left empty), beside the shipped code list.
    func workspace() throws -> (dir: URL, csv: String) {
        let dir = temporaryDirectory()
        var lines = try String(contentsOfFile: Repository.path("Examples/南岭省/households.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n")  // as Excel writes it
        func setCell(_ line: Int, _ column: Int, _ text: String) {
            var cells = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = text
            lines[line] = cells.joined(separator: ",")
        }
        setCell(5, 5, "七")
        setCell(900, 9, "999999999999")
        setCell(1999, 5, "")
        writeFiles(["d.csv": lines.joined(separator: "\r\n")], into: dir)
        try FileManager.default.copyItem(atPath: Repository.path("Examples/南岭省/区划代码.csv"),
                                         toPath: dir.appendingPathComponent("区划代码.csv").path)
        return (dir, dir.appendingPathComponent("d.csv").path)
    }

    func scan(_ csv: String, skip: Bool, blockSize: Int = 333) throws -> StreamedTable.Scan {
        let template = try Pipeline.loadTemplate(Self.template)
        return try StreamedTable.scan(path: csv, read: ReadOptions(), template: template, regions: Pipeline.loadRegions(nil, beside: csv),
                                      shared: Record(), skipBadRecords: skip, pattern: TextPattern("{{ 村 }}-{{ 户主 }}", origin: "--name"),
                                      baseName: "承诺书", blockSize: blockSize)
    }

    func all(_ table: StreamedTable, limit: Int) throws -> (records: [Record], locations: [DataLocation]) {
        var records: [Record] = []
        var locations: [DataLocation] = []
        while let chunk = try table.next(limit) {
            #expect(chunk.start == records.count)
            #expect(chunk.records.count <= limit)
            records += chunk.records
            locations += chunk.locations
        }
        return (records, locations)
    }

    @Test("records, rows, file names and skipped problems are those of the file read whole; a restart reads them again")
    func sameAsWholeFile() throws {
        let (dir, csv) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = try Pipeline.loadTemplate(Self.template)
        let whole = try Pipeline.loadCheckedData(csv, template: template, skipBadRecords: true)
        let scan = try scan(csv, skip: true)
        #expect(scan.skipped == whole.skipped)
        #expect(scan.skipped.map(\.dataLocation?.row) == [6, 901, 2000])
        #expect(scan.table.count == 1997)
        let read = try all(scan.table, limit: 100)
        #expect(read.records == whole.data.records)
        #expect(read.locations == whole.data.locations)
        var options = RenderOptions(templatePath: Self.template, dataPath: csv, namePattern: "{{ 村 }}-{{ 户主 }}")
        options.combine = false
        let names = try Pipeline.fileNames(options, pattern: TextPattern("{{ 村 }}-{{ 户主 }}", origin: "--name"), data: whole.data,
                                           baseName: "承诺书")
        #expect((0..<1997).map { scan.names![$0] } == (0..<1997).map { names[$0] })
        scan.table.restart()
        #expect(try all(scan.table, limit: 512).records == whole.data.records)
    }

    @Test("without --skip-bad-records every problem is reported and nothing is handed out")
    func problemsStop() throws {
        let (dir, csv) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try scan(csv, skip: false)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.id) == ["data-not-a-number", "data-unknown-region", "data-required"]
        }
    }

    @Test("a file changed between the passes stops the batch")
    func changedFile() throws {
        let (dir, csv) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scan = try scan(csv, skip: true)
        _ = try scan.table.next(10)
        // A row added after the check: the file's size and time differ when pass 2 starts again.
        let handle = try #require(FileHandle(forWritingAtPath: csv))
        handle.seekToEndOfFile()
        handle.write(Data("\n660203-2025-99999,清水县,城关镇,坪上村,新户,2,其他应签订家庭,,18824767783,660203001002".utf8))
        try handle.close()
        scan.table.restart()
        #expect {
            _ = try all(scan.table, limit: 100)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "data-changed"
        }
    }

    @Test("a render from a streamed CSV writes what the same records give from memory")
    func renderMatchesInMemory() throws {
        let (dir, csv) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = RenderOptions(templatePath: Self.template, dataPath: csv, sharedPath: Self.template + "/data.yaml", formats: [.fodt],
                                    outputDirectory: dir.appendingPathComponent("streamed").path, combine: true)
        options.skipBadRecords = true
        _ = try Pipeline.render(options)
        // The same rows as a JSON list of records, all text: read whole, never streamed.
        let raw = try DataReader.read(path: csv)
        let rows = raw.records.map { record in
            Dictionary(uniqueKeysWithValues: zip(record.order, record.values.map { $0.text }))
        }
        let json = dir.appendingPathComponent("d.json")
        try JSONSerialization.data(withJSONObject: rows).write(to: json)
        options.dataPath = json.path
        options.outputDirectory = dir.appendingPathComponent("memory").path
        let report = try Pipeline.render(options)
        #expect(report.records == 1997)
        let streamed = try Data(contentsOf: dir.appendingPathComponent("streamed/诚信计生双向承诺书.fodt"))
        let memory = try Data(contentsOf: dir.appendingPathComponent("memory/诚信计生双向承诺书.fodt"))
        #expect(streamed == memory)
    }
}
