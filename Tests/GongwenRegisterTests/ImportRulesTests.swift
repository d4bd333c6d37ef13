import Foundation
import GongwenData
import GongwenModel
import GRDB
@testable import GongwenRegister
import Testing

@Suite struct ImportRulesTests {
    func households(_ register: SQLiteRegister) throws -> Int {
        try register.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM households")! }
    }

    @Test func duplicateIDNumberInTheFileIsRefusedWithRowAndColumn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try SQLiteRegister(path: folder + "/承诺登记.sqlite")
        let path = try write(householdsCSV([("P-1", village1, idNumber(1)), ("P-2", village1, idNumber(2)), ("P-3", village1, idNumber(1))]),
                             folder, "households.csv")
        let error = try #require(throws: DiagnosticError.self) { try register.importHouseholds(path: path, regions: regions(folder), by: "王") }
        let d = try #require(error.diagnostics.first)
        #expect(d.id == "register-duplicate-household")
        #expect(d.dataLocation?.row == 4)
        #expect(d.dataLocation?.field == "身份证号")
        #expect(d.message.contains("第2行"))
        #expect(try households(register) == 0)
    }

    @Test func duplicateAgainstTheStoreRollsBackTheWholeImport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, idNumber(1))])
        let second = try write(householdsCSV([("P-2", village1, idNumber(2)), ("P-3", village1, idNumber(1))]), folder, "second.csv")
        let error = try #require(throws: DiagnosticError.self) { try register.importHouseholds(path: second, regions: regions(folder), by: "王") }
        #expect(error.diagnostics.map(\.id) == ["register-duplicate-household"])
        #expect(error.diagnostics.first?.dataLocation?.row == 3)
        // P-2 was valid but is not kept: all or nothing.
        #expect(try households(register) == 1)
        #expect(try register.auditLog().count == 1)
    }

    @Test func emptyIDNumbersAreNotGivenNeverDuplicates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, ""), ("P-2", village1, ""), ("P-3", village2, "")])
        #expect(try households(register) == 3)
    }

    @Test func aPledgeNumberPrintedTwiceIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try SQLiteRegister(path: folder + "/承诺登记.sqlite")
        let twice = try write(householdsCSV([("P-1", village1, ""), ("P-1", village2, "")]), folder, "a.csv")
        let error = try #require(throws: DiagnosticError.self) { try register.importHouseholds(path: twice, regions: regions(folder), by: "王") }
        #expect(error.diagnostics.map(\.id) == ["register-duplicate-pledge"])
        #expect(error.diagnostics.first?.dataLocation?.field == "承诺书编号")
        // Against the store: P-1 stored, a later sheet printing P-1 again is refused whole.
        try register.importHouseholds(path: write(householdsCSV([("P-1", village1, "")]), folder, "b.csv"), regions: regions(folder), by: "王")
        let again = try write(householdsCSV([("P-9", village1, ""), ("P-1", village2, "")]), folder, "c.csv")
        let error2 = try #require(throws: DiagnosticError.self) { try register.importHouseholds(path: again, regions: regions(folder), by: "王") }
        #expect(error2.diagnostics.map(\.id) == ["register-duplicate-pledge"])
        #expect(error2.diagnostics.first?.dataLocation?.row == 3)
        #expect(try households(register) == 1)
    }

    @Test func badIDNumberCategoryAndVillageAreAllReportedTogether() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try SQLiteRegister(path: folder + "/承诺登记.sqlite")
        let id = idNumber(3)
        let wrong = String(id.dropLast()) + (id.last == "1" ? "2" : "1")
        var text = householdsCSV([("P-1", village1, wrong), ("P-2", "660203001", ""), ("P-3", village1, "")])
        text = text.replacingOccurrences(of: "付花2,3,生育重点管理对象", with: "付花2,3,重点对象")
        let error = try #require(throws: DiagnosticError.self) {
            try register.importHouseholds(path: write(text, folder, "h.csv"), regions: regions(folder), by: "王")
        }
        let found = error.diagnostics.map { "\($0.id)@\($0.dataLocation!.row!):\($0.dataLocation!.field!)" }
        #expect(found == ["register-bad-id@2:身份证号", "register-bad-village@3:行政区划代码", "register-bad-category@4:类别"])
        #expect(try households(register) == 0)
    }

    @Test func manifestGivesCopiesPrinted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try SQLiteRegister(path: folder + "/承诺登记.sqlite")
        let data = try write(householdsCSV([("P-1", village1, ""), ("P-2", village1, "")]), folder, "households.csv")
        let manifest = try write("""
            序号,数据文件,行,记录,文件,字节数,页数,SHA-256,替换了已有文件
            1,households.csv,2,,P-1.odt,100,,ab,
            2,households.csv,2,,P-1副本.odt,100,,ab,
            3,households.csv,3,,P-2.odt,100,,ab,
            """, folder, "清单.csv")
        try register.importHouseholds(path: data, manifest: manifest, regions: regions(folder), by: "王")
        let copies = try register.pool.read { try Row.fetchAll($0, sql: "SELECT number, copies, printed_file FROM pledges ORDER BY number") }
        #expect(copies.map { $0["copies"] as Int } == [2, 1])
        #expect(copies.map { $0["printed_file"] as String } == ["P-1.odt", "P-2.odt"])
        // A manifest line for a row the sheet does not have is refused, located in the manifest.
        let other = try SQLiteRegister(path: folder + "/other.sqlite")
        let bad = try write("序号,数据文件,行,记录,文件\n1,households.csv,9,,X.odt\n", folder, "bad.csv")
        let error = try #require(throws: DiagnosticError.self) { try other.importHouseholds(path: data, manifest: bad, regions: regions(folder), by: "王") }
        #expect(error.diagnostics.first?.id == "register-manifest-row")
        #expect(error.diagnostics.first?.dataLocation?.row == 2)
    }

    @Test func theIssueSampleImportsAndRollsUp() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try SQLiteRegister(path: folder + "/承诺登记.sqlite")
        let list = try RegionList.read(path: examples + "/区划代码.csv")
        let summary = try register.importHouseholds(path: examples + "/households.csv", regions: list, by: "王")
        #expect(summary.households == 2000)
        #expect(summary.withoutIDNumber == 2000)
        // Independently: count the CSV's rows per township code (first 9 digits of the village code).
        let lines = try String(contentsOfFile: examples + "/households.csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var expected: [String: Int] = [:]
        for line in lines { expected[String(line.split(separator: ",", omittingEmptySubsequences: false)[9].prefix(9)), default: 0] += 1 }
        let rates = try register.signRates(level: .township, regions: list)
        #expect(Dictionary(uniqueKeysWithValues: rates.map { ($0.code, $0.target) }) == expected)
        #expect(rates.allSatisfy { $0.signed == 0 && !$0.meetsGoal })
    }
}
