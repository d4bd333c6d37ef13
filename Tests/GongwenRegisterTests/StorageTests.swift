import Foundation
import GongwenModel
import GRDB
@testable import GongwenRegister
import Testing

@Suite struct StorageTests {
    @Test func thePlainIDNumberAndPhoneNeverReachTheFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = (0..<50).map(idNumber)
        let register = try storeWith(folder, ids.enumerated().map { ("P-\($0.offset)", village1, $0.element) })
        _ = try register.query(.idNumber(ids[3]), department: "公安", why: "核查")
        try register.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] { bytes += FileManager.default.contents(atPath: register.path + suffix) ?? Data() }
        #expect(bytes.count > 0)
        for id in ids {
            #expect(bytes.range(of: Data(id.utf8)) == nil)
            #expect(bytes.range(of: Data(id.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == nil)
        }
        #expect(bytes.range(of: Data("18824760003".utf8)) == nil)
        // The key file: 32 bytes, readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/承诺登记.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        // The stored ciphertext opens with the key to the number.
        let sealed = try register.pool.read { try Data.fetchOne($0, sql: "SELECT id_sealed FROM households ORDER BY id LIMIT 1") }
        #expect(register.key.unseal([UInt8](try #require(sealed))) == ids[0])
    }

    @Test func hmacAndAESMatchTheirDefinitions() {
        // RFC 4231 test case 2.
        let mac = HMAC.sha256(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let key = [UInt8](repeating: 7, count: 32)
        let box = AESGCM.seal(Array("520201199001011234".utf8), key: key)
        #expect(box.count == 12 + 18 + 16)
        #expect(AESGCM.open(box, key: key) == Array("520201199001011234".utf8))
        var altered = box
        altered[14] ^= 1
        #expect(AESGCM.open(altered, key: key) == nil)
        #expect(AESGCM.open(box, key: [UInt8](repeating: 8, count: 32)) == nil)
    }

    @Test func exportAndImportRoundTripWithTheSameKey() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, idNumber(1)), ("P-2", village2, "")])
        let clerk = VillageClerk(name: "文书", village: village1)
        try register.sign("P-1", on: "2025-07-01", by: clerk)
        try register.addCredit("P-1", kind: .breach, reason: "未落实", by: "文书")
        try register.addCredit("P-1", kind: .honoured, reason: "已落实", by: "文书")
        let certificate = try register.certify("P-1", by: clerk)
        let backup = folder + "/备份.jsonl"
        let rows = try register.export(to: backup)
        let text = try String(contentsOfFile: backup, encoding: .utf8)
        #expect(!text.contains(idNumber(1)))
        #expect(throws: DiagnosticError.self) { try register.export(to: backup) }

        let restored = try SQLiteRegister(path: folder + "/restored.sqlite", keyPath: folder + "/承诺登记.key")
        #expect(try restored.importBackup(from: backup) == rows)
        #expect(try restored.signRates(level: .village) == register.signRates(level: .village))
        #expect(try restored.verify(code: certificate.code).status == .valid)
        #expect(try restored.query(.idNumber(idNumber(1)), department: "公安", why: "核查")?.idNumber == IDNumber.mask(idNumber(1)))
        #expect(try restored.verifyFile() == [])
        // Not into a store that holds households: nothing written.
        let before = try register.auditLog().count
        #expect(throws: DiagnosticError.self) { try register.importBackup(from: backup) }
        #expect(try register.auditLog().count == before)
    }

    @Test func aBadBackupLineWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, "")])
        let backup = folder + "/b.jsonl"
        try register.export(to: backup)
        var lines = try String(contentsOfFile: backup, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert("{\"表\":\"pledges\",\"number\":\"P-9\",\"household\":999}", at: 2)
        try (lines.joined(separator: "\n") + "\n").write(toFile: backup, atomically: true, encoding: .utf8)
        let restored = try SQLiteRegister(path: folder + "/r.sqlite", keyPath: folder + "/承诺登记.key")
        let error = try #require(throws: DiagnosticError.self) { try restored.importBackup(from: backup) }
        #expect(error.diagnostics.first?.dataLocation?.row == 3)
        #expect(try restored.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM households") } == 0)
    }
}

@Suite struct BackupKeyTests {
    @Test func aBackupRestoredWithAnotherKeyIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try storeWith(folder, [("P-1", village1, idNumber(1))])
        let backup = folder + "/b.jsonl"
        try register.export(to: backup)
        let other = try SQLiteRegister(path: folder + "/other.sqlite")  // a new key of its own
        let error = try #require(throws: DiagnosticError.self) { try other.importBackup(from: backup) }
        #expect(error.diagnostics.first?.id == "register-import-key")
        #expect(try other.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM households") } == 0)
    }
}
