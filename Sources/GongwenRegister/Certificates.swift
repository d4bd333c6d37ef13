import Foundation
import GongwenModel
import GRDB

/// A 履约证明 as issued: the number, the check code the QR code carries with it, and the code a
/// department types or scans (`number-check`).
public struct IssuedCertificate: Sendable, Equatable {
    public var number: String
    public var checkCode: String
    public var village: String
    public var issuedOn: String
    /// What the QR code carries and `gongwen verify` takes: `660203001002-2025-0001-3FA9C2D1`.
    public var code: String { "\(number)-\(checkCode)" }
}

/// What verification tells anyone holding a code — nothing about the household.
public struct Verification: Sendable, Equatable {
    public enum Status: String, Sendable { case valid = "有效", revoked = "已撤销", unknown = "无此证明" }
    public var status: Status
    public var village: String?
    public var issuedOn: String?
}

extension SQLiteRegister {
    /// Issues a 履约证明 for the household of pledge `number`, refused for another village's
    /// household and for a household with an open breach (a 失信 entry no 履约 has cleared).
    public func certify(_ number: String, on date: String? = nil, by clerk: VillageClerk) throws(DiagnosticError) -> IssuedCertificate {
        let day = date ?? RegisterDate.today()
        guard let iso = RegisterDate.parse(day) else {
            throw RegisterError.make("register-bad-date", "日期“\(day)”不是有效日期 / bad date")
        }
        let key = self.key
        return try write { db in
            let household = try Self.household(ofPledge: number, db)
            guard household.village == clerk.village else {
                throw RegisterError.refused("register-other-village",
                                            "承诺书 \(number) 属于村 \(household.village)，不是开具人所在的村 \(clerk.village)：只能为本村农户开具履约证明")
            }
            let state = try Self.creditState(household: household.id, db)
            guard state.openBreaches == 0 else {
                throw RegisterError.refused("register-open-breach",
                                            "承诺书 \(number) 的农户有未履约的失信记录（\(state.openBreaches) 条），履约后才能开具履约证明")
            }
            let prefix = "\(clerk.village)-\(iso.prefix(4))-"
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates WHERE number LIKE ? || '%'", arguments: [prefix]) ?? 0
            let certificateNumber = prefix + String(format: "%04d", count + 1)
            let check = Self.checkCode(certificateNumber, key: key)
            let last = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM credit_entries WHERE household = ?", arguments: [household.id]) ?? 0
            try db.execute(sql: """
                INSERT INTO certificates (number, household, village, issued_on, issued_by, check_code, after_entry) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [certificateNumber, household.id, clerk.village, iso, clerk.name, check, last])
            try Self.audit(db, who: clerk.name, action: "开具履约证明", subject: "\(number) → \(certificateNumber)")
            return IssuedCertificate(number: certificateNumber, checkCode: check, village: clerk.village, issuedOn: iso)
        }
    }

    /// Valid, revoked (a 失信 entry recorded after it was issued) or unknown (no such number, or a
    /// check code that does not match it) — with the issuing village and date only. Logged.
    public func verify(code: String, by who: String = "验证") throws(DiagnosticError) -> Verification {
        let code = code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard let dash = code.lastIndex(of: "-") else { return Verification(status: .unknown) }
        let number = String(code[..<dash]), check = String(code[code.index(after: dash)...])
        let key = self.key
        return try write { db in
            try Self.audit(db, who: who, action: "验证履约证明", subject: code)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM certificates WHERE number = ?", arguments: [number]),
                  Self.equal(Self.checkCode(number, key: key), check), Self.equal(row["check_code"], check) else {
                return Verification(status: .unknown)
            }
            let household: Int64 = row["household"], after: Int64 = row["after_entry"]
            let revoked = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM credit_entries WHERE household = ? AND kind = '失信' AND id > ?)",
                                            arguments: [household, after]) ?? false
            return Verification(status: revoked ? .revoked : .valid, village: row["village"], issuedOn: row["issued_on"])
        }
    }

    /// The first 8 hex digits of the HMAC of the number: short enough to type, and without the key
    /// a forger has one chance in 4 billion per guess.
    static func checkCode(_ number: String, key: RegisterKey) -> String {
        key.mac("certificate:" + number).prefix(4).map { String(format: "%02X", $0) }.joined()
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the code.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
