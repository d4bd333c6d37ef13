import GongwenData
import GongwenModel
import GRDB

/// One line of the 签订率 table: a 村, 乡镇 or 县 with its target households and those signed.
public struct SignRate: Sendable, Equatable {
    public var code: String
    public var name: String
    public var target: Int
    public var signed: Int
    /// signed / target, 0 when there is no target.
    public var rate: Double { target == 0 ? 0 : Double(signed) / Double(target) }
    /// Whether the rate reaches the scheme's goal (≥ 85 %, counted exactly: 17 of 20 reaches it).
    public var meetsGoal: Bool { signed * 100 >= target * SignRate.goalPercent }
    public static let goalPercent = 85
}

public enum SignRateLevel: String, CaseIterable, Sendable {
    case village = "村", township = "乡镇", county = "县"

    var column: String {
        switch self {
        case .village: "village"
        case .township: "township"
        case .county: "county"
        }
    }

    /// The leading columns of `households_region` down to this level: grouped by them, SQLite
    /// walks the index in order and needs no sort (a township code starts with its county's).
    var groupBy: String {
        switch self {
        case .village: "h.county, h.township, h.village"
        case .township: "h.county, h.township"
        case .county: "h.county"
        }
    }
}

extension SQLiteRegister {
    /// 签订率 per 村, 乡镇 or 县, in code order: one GROUP BY over the region codes stored on each
    /// household at import, walked along `households_region`, so a prefecture rolls up in one query.
    /// Names come from the region list when given, else the code stands for the name.
    public func signRates(level: SignRateLevel, regions: RegionList? = nil) throws(DiagnosticError) -> [SignRate] {
        let column = level.column
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.\(column) AS code, count(*) AS target, count(p.signed_on) AS signed
                FROM households h LEFT JOIN pledges p ON p.household = h.id
                GROUP BY \(level.groupBy) ORDER BY \(level.groupBy)
                """).map { ($0["code"] as String, $0["target"] as Int, $0["signed"] as Int) }
        }
        return rows.map { SignRate(code: $0.0, name: regions?.region($0.0)?.name ?? $0.0, target: $0.1, signed: $0.2) }
    }
}
