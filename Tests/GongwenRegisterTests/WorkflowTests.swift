import Foundation
import GongwenModel
import GRDB
@testable import GongwenRegister
import Testing

@Suite struct WorkflowTests {
    let clerk1 = VillageClerk(name: "坪上村文书", village: village1)
    let clerk2 = VillageClerk(name: "东门村文书", village: village2)

    @Test func aVillageSignsOnlyItsOwnHouseholdsAndOnlyOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, ""), ("P-2", village2, "")])
        let error = try #require(throws: DiagnosticError.self) { try register.sign("P-1", on: "2025-07-01", by: clerk2) }
        #expect(error.diagnostics.first?.id == "register-other-village")
        try register.sign("P-1", on: "2025年7月1日", by: clerk1)
        let again = try #require(throws: DiagnosticError.self) { try register.sign("P-1", on: "2025-07-02", by: clerk1) }
        #expect(again.diagnostics.first?.id == "register-already-signed")
        #expect(again.diagnostics.first?.message.contains("2025-07-01") == true)
        #expect(try #require(throws: DiagnosticError.self) { try register.sign("P-404", on: "2025-07-01", by: clerk1) }
            .diagnostics.first?.id == "register-unknown-pledge")
        #expect(try #require(throws: DiagnosticError.self) { try register.sign("P-2", on: "2025-02-30", by: clerk2) }
            .diagnostics.first?.id == "register-bad-date")
        // A date after today is refused; today is accepted.
        #expect(try #require(throws: DiagnosticError.self) { try register.sign("P-2", on: "2099-01-01", by: clerk2) }
            .diagnostics.first?.id == "register-future-date")
        try register.sign("P-2", on: RegisterDate.today(), by: clerk2)
    }

    @Test func aReturnedListIsAllOrNothingWithRowsAndColumns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, ""), ("P-2", village1, ""), ("P-3", village2, "")])
        let bad = try write("承诺书编号,签订日期\nP-1,2025-07-01\nP-3,2025-07-01\nP-2,2025-13-01\n", folder, "returned.csv")
        let error = try #require(throws: DiagnosticError.self) { try register.signList(path: bad, by: clerk1) }
        // The date is checked first (no store needed): row 4.
        #expect(error.diagnostics.map(\.id) == ["register-bad-date"])
        #expect(error.diagnostics.first?.dataLocation?.row == 4)
        #expect(error.diagnostics.first?.dataLocation?.field == "签订日期")
        let other = try write("承诺书编号,签订日期\nP-1,2025-07-01\nP-3,2025-07-01\n", folder, "returned2.csv")
        let error2 = try #require(throws: DiagnosticError.self) { try register.signList(path: other, by: clerk1) }
        #expect(error2.diagnostics.map(\.id) == ["register-other-village"])
        #expect(error2.diagnostics.first?.dataLocation?.row == 3)
        #expect(try register.signRates(level: .village).map(\.signed) == [0, 0])
        let good = try write("承诺书编号,签订日期\nP-1,2025-07-01\nP-2,2025/7/3\n", folder, "returned3.csv")
        #expect(try register.signList(path: good, by: clerk1) == 2)
        #expect(try register.signRates(level: .village).map(\.signed) == [2, 0])
    }

    @Test func ratesRollUpAndTheGoalIsMetAtEightyFivePercentExactly() throws {
        #expect(SignRate(code: "", name: "", target: 20, signed: 17).meetsGoal)
        #expect(!SignRate(code: "", name: "", target: 20, signed: 16).meetsGoal)
        #expect(!SignRate(code: "", name: "", target: 1000, signed: 849).meetsGoal)
        #expect(SignRate(code: "", name: "", target: 1000, signed: 850).meetsGoal)

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 20 households in village1, 7 in village2 (same township), 5 in village3 (another township,
        // same county), 3 in village4 (another county).
        var rows: [(pledge: String, village: String, id: String)] = []
        for (village, count) in [(village1, 20), (village2, 7), (village3, 5), (village4, 3)] {
            for i in 0..<count { rows.append(("\(village)-\(i)", village, "")) }
        }
        let register = try storeWith(folder, rows)
        let signedPerVillage = [village1: 17, village2: 2, village3: 5, village4: 0]
        for (village, signed) in signedPerVillage {
            for i in 0..<signed { try register.sign("\(village)-\(i)", on: "2025-07-01", by: VillageClerk(name: "文书", village: village)) }
        }
        // Independently from the input: sum per prefix of the code.
        func expected(_ length: Int) -> [String: (Int, Int)] {
            var result: [String: (Int, Int)] = [:]
            for r in rows {
                let key = String(r.village.prefix(length))
                let number = Int(r.pledge.split(separator: "-").last!)!
                let signed = number < signedPerVillage[r.village]! ? 1 : 0
                result[key] = ((result[key]?.0 ?? 0) + 1, (result[key]?.1 ?? 0) + signed)
            }
            return result
        }
        for (level, length) in [(SignRateLevel.village, 12), (.township, 9), (.county, 6)] {
            let rates = try register.signRates(level: level, regions: regions(folder))
            let want = expected(length)
            #expect(rates.count == want.count)
            for rate in rates {
                #expect(rate.target == want[rate.code]?.0)
                #expect(rate.signed == want[rate.code]?.1)
            }
        }
        let townships = try register.signRates(level: .township, regions: regions(folder))
        #expect(townships.map(\.name) == ["城关镇", "河口乡", "石门镇"])
        // 19 of 27 in 城关镇 (70 %): 未达标; 5 of 5 in 河口乡: 达标.
        #expect(townships.map(\.meetsGoal) == [false, true, false])
        #expect(try register.signRates(level: .village).first?.meetsGoal == true)  // 17 of 20
    }

    @Test func aCertificateIsRefusedWhileABreachIsOpenAndRevokedByALaterBreach() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, idNumber(1)), ("P-2", village2, "")])
        let breach = try register.addCredit("P-1", kind: .breach, date: "2025-08-01", reason: "未按时参加妇检", evidence: "村委会记录", by: "坪上村文书")
        let refused = try #require(throws: DiagnosticError.self) { try register.certify("P-1", by: clerk1) }
        #expect(refused.diagnostics.first?.id == "register-open-breach")
        // Another village cannot issue for this household either way.
        #expect(try #require(throws: DiagnosticError.self) { try register.certify("P-2", by: clerk1) }.diagnostics.first?.id == "register-other-village")
        // Nothing to clear for a household with no breach.
        #expect(try #require(throws: DiagnosticError.self) { try register.addCredit("P-2", kind: .honoured, reason: "x", by: "文书") }
            .diagnostics.first?.id == "register-nothing-to-clear")
        let honoured = try register.addCredit("P-1", kind: .honoured, date: "2025-09-01", reason: "已补检", by: "坪上村文书")
        let cleared = try register.pool.read { try Int64.fetchOne($0, sql: "SELECT clears FROM credit_entries WHERE id = ?", arguments: [honoured]) }
        #expect(cleared == breach)
        #expect(try register.creditState(ofPledge: "P-1") == CreditState(kept: 0, breaches: 1, openBreaches: 0))

        let certificate = try register.certify("P-1", on: "2025-09-02", by: clerk1)
        #expect(certificate.number == "\(village1)-2025-0001")
        #expect(try register.verify(code: certificate.code) == Verification(status: .valid, village: village1, issuedOn: "2025-09-02"))
        #expect(try register.verify(code: certificate.code.lowercased()).status == .valid)
        // A tampered check code, a tampered number, a bare number: unknown.
        var tampered = Array(certificate.checkCode)
        tampered[0] = tampered[0] == "A" ? "B" : "A"
        #expect(try register.verify(code: certificate.number + "-" + String(tampered)) == Verification(status: .unknown))
        #expect(try register.verify(code: "\(village1)-2025-0002-" + certificate.checkCode).status == .unknown)
        #expect(try register.verify(code: certificate.number).status == .unknown)

        try register.addCredit("P-1", kind: .breach, date: "2025-10-01", reason: "再次失信", by: "坪上村文书")
        #expect(try register.verify(code: certificate.code) == Verification(status: .revoked, village: village1, issuedOn: "2025-09-02"))
        #expect(try register.auditLog().filter { $0.action == "验证履约证明" }.count == 6)
    }

    @Test func creditEntriesCertificatesAndTheAuditLogAreAppendOnly() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, "")])
        try register.addCredit("P-1", kind: .kept, reason: "按时参加妇检", by: "文书")
        _ = try register.certify("P-1", by: clerk1)
        for sql in ["UPDATE credit_entries SET reason = 'x'", "DELETE FROM credit_entries",
                    "UPDATE certificates SET village = 'x'", "DELETE FROM certificates",
                    "UPDATE audit_log SET who = 'x'", "DELETE FROM audit_log"] {
            let error = #expect(throws: DatabaseError.self) { try register.pool.write { try $0.execute(sql: sql) } }
            #expect(error?.message?.contains("只能追加") == true, "\(sql)")
        }
        #expect(try register.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM credit_entries") } == 1)
        #expect(try register.auditLog().map(\.action) == ["导入农户", "信用记录：守信", "开具履约证明"])
    }

    @Test func aQueryShowsTheStateMaskedAndIsLogged() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let id = idNumber(5)
        let register = try storeWith(folder, [("P-1", village1, id), ("P-2", village1, idNumber(6))])
        try register.sign("P-1", on: "2025-07-01", by: clerk1)
        try register.addCredit("P-1", kind: .breach, reason: "未落实措施", by: "文书")
        let answer = try #require(try register.query(.idNumber(id.lowercased()), department: "县公安局", why: "办理户口迁移"))
        #expect(answer.head == "付**")  // 付花0: only the first character shown
        #expect(answer.idNumber == IDNumber.mask(id))
        #expect(answer.pledge == "P-1")
        #expect(answer.signedOn == "2025-07-01")
        #expect(answer.state.openBreaches == 1)
        #expect(try register.query(.idNumber(idNumber(99)), department: "县公安局", why: "核查") == nil)
        let certificate = try register.certify("P-2", by: clerk1)
        #expect(try register.query(.certificate(certificate.code), department: "人社局", why: "就业补贴")?.pledge == "P-2")
        #expect(try register.query(.certificate(certificate.number), department: "人社局", why: "就业补贴")?.certificates.first?.valid == true)
        #expect(try register.query(.certificate(certificate.number + "-00000000"), department: "人社局", why: "就业补贴") == nil)
        #expect(throws: DiagnosticError.self) { try register.query(.idNumber(id), department: "县公安局", why: " ") }
        let log = try register.auditLog().filter { $0.action == "查询信用记录" }
        #expect(log.map(\.who) == ["县公安局", "县公安局", "人社局", "人社局", "人社局"])
        #expect(log.first?.why == "办理户口迁移")
        #expect(log.first?.subject == "身份证号 " + IDNumber.mask(id))
    }
}
