import GongwenData
import GongwenModel

/// The register as the command line and `gongwen serve` use it. A protocol, as DESIGN.md asks of
/// every store: `SQLiteRegister` is the embedded file an office needs; a shared PostgreSQL store
/// for a province can come later behind the same operations, without touching pages or commands.
///
/// Every operation enforces the scheme's rules itself (village of the recorder, open breaches,
/// GB 11643, duplicates) and writes its audit line in the same transaction; callers only decide
/// who is asking.
public protocol PledgeRegister: Sendable {
    /// Households from the 承诺书 batch's sheet, linked to its 清单.csv; all or nothing.
    func importHouseholds(path: String, manifest: String?, regions: RegionList, by clerk: String,
                          options: ReadOptions) throws(DiagnosticError) -> ImportSummary
    /// One signature, recorded by a clerk of the household's own village.
    func sign(_ number: String, on date: String, by clerk: VillageClerk) throws(DiagnosticError)
    /// A village's returned list (承诺书编号, 签订日期); all or nothing.
    func signList(path: String, by clerk: VillageClerk, options: ReadOptions) throws(DiagnosticError) -> Int
    /// 签订率 per 村, 乡镇 or 县 against the 85 % goal.
    func signRates(level: SignRateLevel, regions: RegionList?) throws(DiagnosticError) -> [SignRate]
    /// A new entry in the household's lifelong record (nothing is edited or deleted).
    func addCredit(_ number: String, kind: CreditKind, date: String?, reason: String, evidence: String?,
                   by clerk: String) throws(DiagnosticError) -> Int64
    func creditState(ofPledge number: String) throws(DiagnosticError) -> CreditState
    /// A 履约证明, refused while a breach is open.
    func certify(_ number: String, on date: String?, by clerk: VillageClerk) throws(DiagnosticError) -> IssuedCertificate
    /// Valid, revoked or unknown, with the issuing village and date only.
    func verify(code: String, by who: String) throws(DiagnosticError) -> Verification
    /// A department's masked, logged query.
    func query(_ key: QueryKey, department: String, why: String) throws(DiagnosticError) -> QueryAnswer?
    func auditLog() throws(DiagnosticError) -> [AuditEntry]
    func export(to file: String, overwrite: Bool) throws(DiagnosticError) -> Int
    func importBackup(from file: String) throws(DiagnosticError) -> Int
}

extension SQLiteRegister: PledgeRegister {}
