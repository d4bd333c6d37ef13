import Foundation
import GongwenData
import GongwenModel
import GRDB

/// Who records a signature: the clerk's name and the village he records for. A village records
/// only its own households (seed 004: the 村 signs with its households; the 乡镇 verifies).
public struct VillageClerk: Sendable {
    public var name: String
    public var village: String

    public init(name: String, village: String) {
        self.name = name
        self.village = RegionList.normalize(village) ?? village
    }
}

extension SQLiteRegister {
    /// Records that the household of pledge `number` signed on `date` (ISO or as typed).
    public func sign(_ number: String, on date: String, by clerk: VillageClerk) throws(DiagnosticError) {
        guard let iso = RegisterDate.parse(date) else {
            throw RegisterError.make("register-bad-date", "签订日期“\(date)”不是有效日期（如 2025-06-30） / bad date")
        }
        if let problem = Self.futureDate(iso) { throw RegisterError.make("register-future-date", problem) }
        try write { db in
            try Self.sign(number, on: iso, by: clerk, at: nil, db)
            try Self.audit(db, who: clerk.name, action: "登记签订", subject: number)
        }
    }

    /// Records the returned list of a village (columns 承诺书编号, 签订日期): every row checked,
    /// every problem reported with its row and column, and nothing recorded unless all pass.
    @discardableResult
    public func signList(path: String, by clerk: VillageClerk, options: ReadOptions = ReadOptions()) throws(DiagnosticError) -> Int {
        let sheet = try SheetColumns(SheetRows.read(path: path, options: options), required: ["承诺书编号", "签订日期"], aliases: ["签订日期": ["签订时间", "日期"]])
        var bag = DiagnosticBag()
        var rows: [(String, String, Int)] = []
        for i in sheet.indices {
            let number = sheet.text(i, "承诺书编号"), date = sheet.text(i, "签订日期")
            if number.isEmpty && date.isEmpty { continue }
            guard let iso = RegisterDate.parse(date) else {
                bag.append(Diagnostic(id: "register-bad-date", message: "签订日期“\(date)”不是有效日期（如 2025-06-30）",
                                      dataLocation: sheet.location(i, "签订日期")))
                continue
            }
            if let problem = Self.futureDate(iso) {
                bag.append(Diagnostic(id: "register-future-date", message: problem, dataLocation: sheet.location(i, "签订日期")))
                continue
            }
            rows.append((number, iso, i))
        }
        try bag.throwIfErrors()
        let file = (path as NSString).lastPathComponent
        return try write { db in
            var bag = DiagnosticBag()
            for (number, iso, i) in rows {
                do {
                    try Self.sign(number, on: iso, by: clerk, at: sheet.location(i, "承诺书编号"), db)
                } catch let error as DiagnosticError {
                    bag.append(contentsOf: error.diagnostics)
                }
            }
            try bag.throwIfErrors()
            try Self.audit(db, who: clerk.name, action: "登记签订（回收清单）", subject: "\(file)：\(rows.count) 份")
            return rows.count
        }
    }

    /// A signature dated after today is a typing error (2052 for 2025): refused, not recorded.
    static func futureDate(_ iso: String) -> String? {
        iso > RegisterDate.today() ? "签订日期 \(iso) 晚于今天，请核对" : nil
    }

    static func sign(_ number: String, on iso: String, by clerk: VillageClerk, at location: DataLocation?, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT h.village, p.signed_on FROM pledges p JOIN households h ON h.id = p.household WHERE p.number = ?
            """, arguments: [number]) else {
            throw RegisterError.make("register-unknown-pledge", "登记中没有承诺书编号 \(number)", at: location)
        }
        let village: String = row["village"]
        guard village == clerk.village else {
            throw RegisterError.make("register-other-village",
                                     "承诺书 \(number) 属于村 \(village)，不是登记人所在的村 \(clerk.village)：只能登记本村农户的签订", at: location)
        }
        if let signed: String = row["signed_on"] {
            throw RegisterError.make("register-already-signed", "承诺书 \(number) 已于 \(signed) 登记签订，不能重复登记", at: location)
        }
        try db.execute(sql: "UPDATE pledges SET signed_on = ?, recorded_by = ?, recorded_at = ? WHERE number = ?",
                       arguments: [iso, clerk.name, RegisterDate.now(), number])
    }
}
