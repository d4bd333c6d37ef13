import Foundation
import GongwenModel
import GRDB

/// What a department (公安, 人社, 教育 …) sees before serving a household: the record state and
/// enough to know it has the right household — masked, never the history or the phone.
public struct QueryAnswer: Sendable, Equatable {
    public var head: String          // 付*
    public var idNumber: String?     // 5202**********1234
    public var village: String
    public var category: String
    public var pledge: String
    public var signedOn: String?
    public var state: CreditState
    /// The household's certificates: number and whether still valid.
    public var certificates: [(number: String, valid: Bool)]

    public static func == (a: QueryAnswer, b: QueryAnswer) -> Bool {
        a.head == b.head && a.idNumber == b.idNumber && a.village == b.village && a.pledge == b.pledge && a.signedOn == b.signedOn
            && a.state == b.state && a.certificates.map(\.number) == b.certificates.map(\.number)
    }
}

/// What to look up.
public enum QueryKey: Sendable {
    case idNumber(String)
    case certificate(String)
}

extension SQLiteRegister {
    /// Looks a household up by ID number or certificate number (with or without its check code).
    /// Every query is logged with who asked and why, found or not, in the same transaction as the
    /// answer: no answer leaves the store unlogged. Nil when nothing matches.
    public func query(_ key: QueryKey, department: String, why: String) throws(DiagnosticError) -> QueryAnswer? {
        guard !department.trimmingCharacters(in: .whitespaces).isEmpty, !why.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegisterError.make("register-query-unlogged", "查询须写明查询单位（--by）和事由（--why） / department and reason required")
        }
        let secret = self.key
        var subject: String
        switch key {
        case .idNumber(let text):
            let id = IDNumber.normalize(text)
            if let problem = IDNumber.problem(id) { throw RegisterError.make("register-bad-id", problem) }
            subject = "身份证号 " + IDNumber.mask(id)
        case .certificate(let text): subject = "履约证明 " + text
        }
        let logged = subject
        return try write { db in
            try Self.audit(db, who: department, action: "查询信用记录", subject: logged, why: why)
            let household: Int64?
            switch key {
            case .idNumber(let text):
                household = try Int64.fetchOne(db, sql: "SELECT id FROM households WHERE id_mac = ?",
                                               arguments: [Data(secret.mac(IDNumber.normalize(text)))])
            case .certificate(let text):
                var number = text.trimmingCharacters(in: .whitespaces).uppercased()
                // A full code (村-年-序号-校验码) carries the check code after the last dash: it must
                // match, as for `verify`, or the code names no certificate.
                var check: String?
                if number.split(separator: "-").count == 4, let dash = number.lastIndex(of: "-") {
                    check = String(number[number.index(after: dash)...])
                    number = String(number[..<dash])
                }
                if let check, !Self.equal(Self.checkCode(number, key: secret), check) {
                    household = nil
                } else {
                    household = try Int64.fetchOne(db, sql: "SELECT household FROM certificates WHERE number = ?", arguments: [number])
                }
            }
            guard let household else { return nil }
            let row = try Row.fetchOne(db, sql: """
                SELECT h.*, p.number, p.signed_on FROM households h JOIN pledges p ON p.household = h.id WHERE h.id = ?
                """, arguments: [household])!
            let state = try Self.creditState(household: household, db)
            let id = (row["id_sealed"] as Data?).flatMap { secret.unseal([UInt8]($0)) }
            let certificates = try Row.fetchAll(db, sql: """
                SELECT number, NOT EXISTS (SELECT 1 FROM credit_entries e WHERE e.household = c.household AND e.kind = '失信'
                    AND e.id > c.after_entry) AS valid FROM certificates c WHERE household = ? ORDER BY number
                """, arguments: [household]).map { (number: $0["number"] as String, valid: $0["valid"] as Bool) }
            return QueryAnswer(head: NameMask.mask(row["head"]), idNumber: id.map(IDNumber.mask), village: row["village"],
                               category: row["category"], pledge: row["number"], signedOn: row["signed_on"], state: state,
                               certificates: certificates)
        }
    }
}
