import GongwenModel

/// The outcome of checking a data set against a template's contract.
public struct DataCheckResult: Sendable {
    /// The records with declared fields converted (numbers, ISO dates, codes as text) and
    /// renamed to the names the template uses; records with problems are still in it.
    public var data: DataSet
    /// Every problem, in row order.
    public var problems: [Diagnostic]
    /// Indexes into `data.records` of records with at least one problem.
    public var badRecords: Set<Int>
}

/// Checks every record against a `DataContract` (and the 行政区划代码 of records against a code
/// list), collecting all problems at once so the user can fix the spreadsheet in one go.
public enum DataCheck {
    /// The field a record's region is put under for templates (`{{ 区划.全称 }}`).
    public static let regionField = "区划"
    /// The column name that means a region code even without a contract.
    public static let regionCodeColumn = "行政区划代码"

    /// Takes the data set (pass it straight in, as `Pipeline.loadCheckedData` passes the reader's
    /// result): each record is released as its checked copy is made, so a large sheet is never
    /// in memory twice.
    public static func run(_ data: consuming DataSet, contract: DataContract?, regions: RegionList?) -> DataCheckResult {
        guard var checker = RecordChecker(contract: contract, regions: regions, file: data.file) else {
            return DataCheckResult(data: data, problems: [], badRecords: [])
        }

        if let listField = contract?.listField, data.records.contains(where: { $0[listField] != nil }) {
            // Records that hold the list (YAML/JSON): check each item of it.
            var result = DataCheckResult(data: copy data, problems: [], badRecords: [])
            for (index, record) in data.records.enumerated() {
                guard case .list(let items)? = record[listField] else { continue }
                let itemRecords = items.compactMap { if case .record(let r) = $0 { r } else { nil } }
                let locations = itemRecords.indices.map { i in
                    var l = data.locations[index]
                    l.field = "\(listField)[\(i + 1)]"
                    return l
                }
                var itemsToCheck = itemRecords
                let (checked, problems, bad) = checker.checkAll(&itemsToCheck, locations: locations, nested: true)
                var updated = record
                updated[listField] = .list(checked.map { .record($0) })
                result.data.records[index] = updated
                result.problems += problems
                if !bad.isEmpty { result.badRecords.insert(index) }
            }
            return result
        }
        var records = data.records
        data.records = []
        let (checked, problems, bad) = checker.checkAll(&records, locations: data.locations, nested: false)
        data.records = checked
        return DataCheckResult(data: data, problems: problems, badRecords: bad)
    }
}

/// Checks and converts records one at a time: first `resolve` decides which column each rule
/// reads, then `check` converts each record. A streamed CSV is checked row by row this way
/// (`Pipeline`), and `DataCheck.run` checks a data set in memory with the same code.
public struct RecordChecker {
    let rules: [FieldRule]
    let regions: RegionList?
    let file: String
    /// Each rule with the data key it reads (a class, so the loops over it copy a reference,
    /// not the rule's strings and lists).
    private final class Step: Sendable {
        let rule: FieldRule
        let key: String
        init(_ rule: FieldRule, _ key: String) {
            self.rule = rule
            self.key = key
        }
    }
    private var plan: [Step] = []
    /// For a region name, the plan step of its code.
    private var codeSlot: [Int?] = []
    /// Data key → the template's name for it.
    private var renamed: [String: String] = [:]
    // Per row, work on arrays indexed by rule: hashing Chinese names costs more than the checks.
    // Where each planned field sits, and the names after renaming, are computed once for all
    // rows of a table, which share one order.
    private var lastOrder: [String] = []
    private var lastSlots: [Int?] = []
    private var lastKeys = RecordKeys([])
    private var lastKeysWithRegion: RecordKeys?
    /// One value per region, shared by all its rows (a county's thousand households).
    private var regionCache: [String: Value] = [:]

    /// The checks of `contract`, and of region codes when there is a code list; nil when there is
    /// nothing to check (records are then used as read).
    public init?(contract: DataContract?, regions: RegionList?, file: String) {
        var rules = contract?.fields ?? []
        // Without a declaration, a 行政区划代码 column is still checked against the code list.
        if regions != nil && !rules.contains(where: { if case .regionCode = $0.kind { true } else { false } }) {
            rules.append(FieldRule(name: DataCheck.regionCodeColumn, kind: .regionCode(level: nil), required: false))
            if contract == nil { rules.append(FieldRule(name: "名称", kind: .regionName(codeField: DataCheck.regionCodeColumn), required: false)) }
        }
        guard !rules.isEmpty else { return nil }
        self.rules = rules
        self.regions = regions
        self.file = file
    }

    /// Decides which of `keys` (a table's header, or the keys of all records) each rule reads.
    /// A missing or ambiguous column is a problem of the whole file: no record can be checked.
    /// - Parameters:
    ///   - nested: the records are items of a list field (messages say “field”, not “column”).
    ///   - hasRecords: a required column is only missing when there are records to miss it.
    ///   - location: where a nested list's problems are reported.
    public mutating func resolve(keys: [String], nested: Bool = false, hasRecords: Bool = true,
                                 location: DataLocation? = nil) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var keyFor: [String: String] = [:]
        for rule in rules {
            switch resolve(rule, keys: keys) {
            case .found(let key):
                keyFor[rule.name] = key
            case .ambiguous(let keys):
                problems.append(Diagnostic(
                    id: "data-ambiguous-column",
                    message: "“\(rule.name)” 对应多列：\(keys.map { "“\($0)”" }.joined(separator: "、"))，请删去或改名其中一列 / several columns match",
                    dataLocation: DataLocation(file: file)))
            case .missing:
                let implicit = rule.location == nil
                if rule.required && !implicit && hasRecords {
                    let headers = keys.prefix(30).map { "“\($0)”" }.joined(separator: "、")
                    problems.append(Diagnostic(
                        id: "data-missing-column",
                        message: nested ? "缺少字段 “\(rule.name)” / missing field"
                            : "缺少模板需要的列 “\(rule.name)”（现有的列：\(headers)） / missing column",
                        dataLocation: nested ? location.map { var l = $0; l.field = nil; return l } : DataLocation(file: file)))
                }
            }
        }
        // One column read as two fields (`出生率` and `出生率(‰)` both matching `出生率（‰）`, or
        // one field's alias being another's name) cannot be renamed to both: the file is ambiguous.
        var fieldsOf: [String: [String]] = [:]
        // Two rules of one name (a declared 行政区划代码 and the region-list check added above) are
        // one field read twice, not an ambiguity.
        for rule in rules {
            if let key = keyFor[rule.name], !(fieldsOf[key]?.contains(rule.name) ?? false) { fieldsOf[key, default: []].append(rule.name) }
        }
        for key in keys where (fieldsOf[key]?.count ?? 0) > 1 {
            let fields = fieldsOf[key]!
            problems.append(Diagnostic(
                id: "data-ambiguous-column",
                message: "列 “\(key)” 同时对应模板的 \(fields.map { "“\($0)”" }.joined(separator: "、")) 几个字段，请在表格中分成几列或修改模板的字段名、别名 / one column matches several fields",
                dataLocation: DataLocation(file: file, field: key)))
            for field in fields { keyFor[field] = nil }
        }
        plan = rules.compactMap { rule in keyFor[rule.name].map { Step(rule, $0) } }
        let planIndex = Dictionary(plan.enumerated().map { ($1.rule.name, $0) }, uniquingKeysWith: { a, _ in a })
        codeSlot = plan.map { step in
            if case .regionName(let codeField) = step.rule.kind { return planIndex[codeField] } else { return nil }
        }
        renamed = Dictionary(uniqueKeysWithValues: keyFor.map { ($0.value, $0.key) })
        lastOrder = []
        return problems
    }

    /// Converts the declared fields of `record` (numbers, ISO dates, codes as text), puts them
    /// under the template's names and adds the record's 区划; the record comes back with its
    /// problems (then it must not be rendered).
    public mutating func check(_ record: consuming Record, at location: DataLocation) -> (record: Record, problems: [Diagnostic]) {
        let order = record.order
        if order != lastOrder {
            lastOrder = order
            let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            lastSlots = plan.map { position[$0.key] }
            var names = order.map { renamed[$0] ?? $0 }
            // `resolve` gives each column at most one field, so renaming cannot make two columns
            // one name; if it ever did, the names as read are kept rather than a row losing a value.
            if Set(names).count != names.count { names = order }
            lastKeys = RecordKeys(names)
            // A column, or a field the template declares, already named 区划 keeps its values;
            // the region is not added under the same name a second time.
            lastKeysWithRegion = lastKeys.names.count != order.count || lastKeys.names.contains(DataCheck.regionField)
                ? nil : RecordKeys(lastKeys.names + [DataCheck.regionField])
        }
        var values = record.values
        _ = consume record  // the values array is now held once: converted in place
        var converted = [Value?](repeating: nil, count: plan.count)
        var regionValue: Value?
        var problems: [Diagnostic] = []
        func report(_ step: Int, _ id: String, _ message: String) {
            var here = location
            let header = plan[step].key
            here.field = here.field.map { "\($0).\(header)" } ?? header
            problems.append(Diagnostic(id: id, message: message, dataLocation: here))
        }
        for (step, planned) in plan.enumerated() {
            let raw = lastSlots[step].map { values[$0] } ?? .null
            if FieldValue.isBlank(raw) {
                if planned.rule.required { report(step, "data-required", "此项必填，但是空的 / required, but empty") }
                converted[step] = .null
                continue
            }
            do {
                converted[step] = try FieldValue.convert(raw, as: planned.rule)
            } catch {
                report(step, error.id, error.message)
            }
        }
        // Region codes and the names that go with them.
        if let regions {
            for (step, planned) in plan.enumerated() {
                guard case .regionCode(let level) = planned.rule.kind, case .string(let code)?? = converted[step] else { continue }
                guard let region = regions.region(code) else {
                    report(step, "data-unknown-region", "行政区划代码 “\(code)” 不在区划代码表（\(regions.file)）中 / unknown region code")
                    continue
                }
                if let level, region.level != level {
                    report(step, "data-region-level",
                           "代码 \(code) 是\(region.level.name)级区划（\(region.name)），此处应为\(level.name)级 / wrong level")
                }
                if regionValue == nil {
                    if let cached = regionCache[region.code] { regionValue = cached } else {
                        let value = regions.value(region)
                        regionCache[region.code] = value
                        regionValue = value
                    }
                }
            }
            for step in plan.indices {
                guard let codeStep = codeSlot[step], case .string(let name)?? = converted[step],
                      case .string(let code)?? = converted[codeStep], let region = regions.region(code) else { continue }
                if !RegionList.matches(name, region) {
                    report(step, "data-region-mismatch",
                           "“\(name)” 与行政区划代码 \(code) 不符（代码表中为“\(region.name)”） / name does not match its code")
                }
            }
        }
        // Declared fields under the template's names, the other columns as they were.
        for step in plan.indices {
            if let slot = lastSlots[step], let value = converted[step] { values[slot] = value }
        }
        if let regionValue, let withRegion = lastKeysWithRegion {
            // In place when the reader left a spare slot (CSV does); else exactly one more:
            // a plain append would double the array, and a sheet would take twice the memory.
            values.reserveCapacity(values.count + 1)
            values.append(regionValue)
            return (Record(keys: withRegion, values: values), problems)
        }
        return (Record(keys: lastKeys, values: values), problems)
    }

    /// Checks records in memory: columns resolved from the keys of all records, then each
    /// record converted; `records` are emptied one by one as their checked copies are made.
    mutating func checkAll(_ records: inout [Record], locations: [DataLocation], nested: Bool)
        -> (records: [Record], problems: [Diagnostic], bad: Set<Int>) {
        var allKeys: [String] = []
        var seenKeys = Set<String>()
        var previous: [String]?
        for record in records where record.order != previous {
            previous = record.order
            for key in record.order where seenKeys.insert(key).inserted { allKeys.append(key) }
        }
        var problems = resolve(keys: allKeys, nested: nested, hasRecords: !records.isEmpty, location: locations.first)
        if !problems.isEmpty { return (records, problems, Set(records.indices)) }
        var bad = Set<Int>()
        var output: [Record] = []
        output.reserveCapacity(records.count)
        for index in records.indices {
            let record = records[index]
            records[index] = Record()
            let (checked, found) = check(record, at: locations[index])
            if !found.isEmpty {
                problems += found
                bad.insert(index)
            }
            output.append(checked)
        }
        return (output, problems, bad)
    }

    private enum Resolution {
        case found(String)
        case ambiguous([String])
        case missing
    }

    /// The data key for a rule: the exact name, else the one key that matches loosely by name
    /// or alias (full-width/half-width, spaces, a unit in brackets).
    private func resolve(_ rule: FieldRule, keys: [String]) -> Resolution {
        if keys.contains(rule.name) { return .found(rule.name) }
        for alias in rule.aliases where keys.contains(alias) { return .found(alias) }
        let wanted = Set(([rule.name] + rule.aliases).map(HeaderName.normalize))
        let matches = keys.filter { wanted.contains(HeaderName.normalize($0)) }
        switch matches.count {
        case 0: return .missing
        case 1: return .found(matches[0])
        default: return .ambiguous(matches)
        }
    }
}
