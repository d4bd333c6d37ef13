import Foundation
import GongwenData
import GongwenModel
import GRDB

/// What an import wrote.
public struct ImportSummary: Sendable, Equatable {
    public var households: Int
    public var pledges: Int
    public var withoutIDNumber: Int
}

/// One household row, checked and ready to store.
struct HouseholdInput {
    var row: Int
    var pledge: String
    var village: String, township: String, county: String
    var head: String
    var members: Int
    var category: HouseholdCategory
    var id: String?      // normalised; nil when the sheet gives none
    var phone: String
    var source: String
    var copies: Int?
    var printedFile: String?
}

extension SQLiteRegister {
    /// Imports the households of the sheet the 承诺书 batch was printed from (承诺书编号, 户主, 家庭人口,
    /// 类别, 身份证号, 联系电话, 行政区划代码; 县/乡镇/村 names are ignored: the code decides), with
    /// the batch's 清单.csv linking each printed file to its row (copies printed).
    ///
    /// All or nothing: every row is checked first and every problem reported together; then all
    /// rows are written in one transaction, which a conflict with what is already stored (an ID
    /// number or 承诺书编号 registered before) rolls back whole.
    @discardableResult
    public func importHouseholds(path: String, manifest: String? = nil, regions: RegionList, by clerk: String,
                                 options: ReadOptions = ReadOptions()) throws(DiagnosticError) -> ImportSummary {
        let data = try SheetRows.read(path: path, options: options)
        let printed = try manifest.map { m throws(DiagnosticError) in try ManifestLinks.read(path: m, dataFile: path, rows: Set(data.numbers)) }
        let inputs = try HouseholdRows.check(data, regions: regions, printed: printed)
        let key = self.key
        let file = (path as NSString).lastPathComponent
        return try write { db in
            let now = RegisterDate.now()
            var bag = DiagnosticBag()
            let household = try db.makeStatement(sql: """
                INSERT INTO households (village, township, county, head, members, category, id_mac, id_sealed, phone_sealed,
                    source, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_mac) DO NOTHING
                """)
            let pledge = try db.makeStatement(sql: """
                INSERT INTO pledges (number, household, copies, printed_file) VALUES (?, ?, ?, ?) ON CONFLICT (number) DO NOTHING
                """)
            for input in inputs {
                let idMac = input.id.map { Data(key.mac($0)) }
                try household.execute(arguments: [
                    input.village, input.township, input.county, input.head, input.members, input.category.rawValue,
                    idMac, input.id.map { Data(key.seal($0)) }, input.phone.isEmpty ? nil : Data(key.seal(input.phone)),
                    input.source, now, clerk,
                ])
                guard db.changesCount == 1 else {
                    bag.append(Diagnostic(id: "register-duplicate-household",
                                          message: "身份证号与登记中已有的一户重复（同一户不能登记两次） / household already registered",
                                          dataLocation: DataLocation(file: path, row: input.row, field: "身份证号")))
                    continue
                }
                try pledge.execute(arguments: [input.pledge, db.lastInsertedRowID, input.copies, input.printedFile])
                if db.changesCount != 1 {
                    bag.append(Diagnostic(id: "register-duplicate-pledge",
                                          message: "承诺书编号 \(input.pledge) 已印给登记中的另一户（同一编号印了两次） / pledge number printed twice",
                                          dataLocation: DataLocation(file: path, row: input.row, field: "承诺书编号")))
                }
            }
            try bag.throwIfErrors()
            try Self.audit(db, who: clerk, action: "导入农户", subject: "\(file)：\(inputs.count) 户")
            return ImportSummary(households: inputs.count, pledges: inputs.count, withoutIDNumber: inputs.filter { $0.id == nil }.count)
        }
    }
}

/// The checks of one sheet of households, before anything is written.
enum HouseholdRows {
    static let columns = ["承诺书编号", "户主", "家庭人口", "类别", "身份证号", "联系电话", "行政区划代码"]

    static func check(_ data: SheetRows, regions: RegionList, printed: ManifestLinks?) throws(DiagnosticError) -> [HouseholdInput] {
        let sheet = try SheetColumns(data, required: ["承诺书编号", "户主", "类别", "行政区划代码"], optional: ["家庭人口", "身份证号", "联系电话"],
                                     aliases: ["行政区划代码": ["区划代码", "村代码"], "身份证号": ["身份证号码", "公民身份号码"], "户主": ["户主姓名"]])
        var bag = DiagnosticBag()
        var inputs: [HouseholdInput] = []
        inputs.reserveCapacity(data.cells.count)
        var seenPledge: [String: Int] = [:], seenID: [String: Int] = [:]
        func refuse(_ i: Int, _ column: String, _ id: String, _ message: String) {
            bag.append(Diagnostic(id: id, message: message, dataLocation: sheet.location(i, column)))
        }
        for i in sheet.indices {
            let row = sheet.rowNumber(i)
            let pledge = sheet.text(i, "承诺书编号")
            if pledge.isEmpty { refuse(i, "承诺书编号", "register-no-pledge", "缺少承诺书编号"); continue }
            if let first = seenPledge[pledge] {
                refuse(i, "承诺书编号", "register-duplicate-pledge", "承诺书编号 \(pledge) 与第\(first)行重复（同一编号印了两次）")
            } else { seenPledge[pledge] = row }
            let head = sheet.text(i, "户主")
            if head.isEmpty { refuse(i, "户主", "register-no-head", "缺少户主姓名") }
            let membersText = sheet.text(i, "家庭人口")
            let members = membersText.isEmpty ? 0 : Int(membersText) ?? -1
            if members < 0 || members > 99 { refuse(i, "家庭人口", "register-bad-members", "家庭人口应为 0–99 的整数，此处为“\(membersText)”") }
            let categoryText = sheet.text(i, "类别")
            let category = HouseholdCategory(text: categoryText)
            if category == nil { refuse(i, "类别", "register-bad-category", "类别“\(categoryText)”不是六类目标人群之一（\(HouseholdCategory.list)）") }
            let codeText = sheet.text(i, "行政区划代码")
            var chain: (String, String, String)?
            if let code = RegionList.normalize(codeText), code.count == 12, let village = regions.region(code),
               let township = village.parent.flatMap({ regions.region($0) }), township.level == .township,
               let county = township.parent.flatMap({ regions.region($0) }) {
                chain = (village.code, township.code, county.code)
            } else {
                refuse(i, "行政区划代码", "register-bad-village", "行政区划代码“\(codeText)”不是区划代码表 \(regions.file) 中的村（应为 12 位村级代码）")
            }
            var id: String?
            let idText = IDNumber.normalize(sheet.text(i, "身份证号"))
            if !idText.isEmpty {
                if let problem = IDNumber.problem(idText) {
                    refuse(i, "身份证号", "register-bad-id", problem)
                } else if let first = seenID[idText] {
                    refuse(i, "身份证号", "register-duplicate-household", "身份证号与第\(first)行相同（同一户登记了两次）")
                } else {
                    seenID[idText] = row
                    id = idText
                }
            }
            guard let category, let chain, !head.isEmpty, members >= 0 else { continue }
            inputs.append(HouseholdInput(row: row, pledge: pledge, village: chain.0, township: chain.1, county: chain.2, head: head,
                                         members: members, category: category, id: id, phone: sheet.text(i, "联系电话"),
                                         source: "\((data.file as NSString).lastPathComponent):\(row)",
                                         copies: printed.map { $0.copies[row] ?? 0 }, printedFile: printed?.files[row]))
        }
        try bag.throwIfErrors()
        return inputs
    }
}

/// The batch manifest (`清单.csv`, written by `Manifest`): 序号, 数据文件, 行, 记录, 文件, … — each
/// printed file with the data row it was made from. A row printed into two files counts two copies.
struct ManifestLinks {
    var copies: [Int: Int] = [:]
    var files: [Int: String] = [:]

    static func read(path: String, dataFile: String, rows: Set<Int>) throws(DiagnosticError) -> ManifestLinks {
        let sheet = try SheetColumns(SheetRows.read(path: path), required: ["行", "文件"], optional: ["数据文件"])
        var links = ManifestLinks()
        var bag = DiagnosticBag()
        let name = (dataFile as NSString).lastPathComponent
        for i in sheet.indices {
            let source = sheet.text(i, "数据文件")
            if !source.isEmpty, (source as NSString).lastPathComponent != name { continue }
            guard let row = Int(sheet.text(i, "行")), rows.contains(row) else {
                bag.append(Diagnostic(id: "register-manifest-row", message: "清单中的行号“\(sheet.text(i, "行"))”不是 \(name) 中的数据行 / manifest row not in the data",
                                      dataLocation: sheet.location(i, "行")))
                continue
            }
            links.copies[row, default: 0] += 1
            if links.files[row] == nil { links.files[row] = sheet.text(i, "文件") }
        }
        try bag.throwIfErrors()
        return links
    }
}
