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
        var rules = contract?.fields ?? []
        // Without a declaration, a 行政区划代码 column is still checked against the code list.
        if regions != nil && !rules.contains(where: { if case .regionCode = $0.kind { true } else { false } }) {
            rules.append(FieldRule(name: regionCodeColumn, kind: .regionCode(level: nil), required: false))
            if contract == nil { rules.append(FieldRule(name: "名称", kind: .regionName(codeField: regionCodeColumn), required: false)) }
        }
        guard !rules.isEmpty else { return DataCheckResult(data: data, problems: [], badRecords: []) }
        let checker = Checker(rules: rules, regions: regions, file: data.file)

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
                let (checked, problems, bad) = checker.check(&itemsToCheck, locations: locations, nested: true)
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
        let (checked, problems, bad) = checker.check(&records, locations: data.locations, nested: false)
        data.records = checked
        return DataCheckResult(data: data, problems: problems, badRecords: bad)
    }
}

private struct Checker {
    let rules: [FieldRule]
    let regions: RegionList?
    let file: String

    /// The checked records; `records` are emptied one by one as their checked copies are made.
    func check(_ records: inout [Record], locations: [DataLocation], nested: Bool)
        -> (records: [Record], problems: [Diagnostic], bad: Set<Int>) {
        var problems: [Diagnostic] = []
        var bad = Set<Int>()
        // Which data key each rule reads, from the keys of all records (headers of a table).
        var allKeys: [String] = []
        var seenKeys = Set<String>()
        var previous: [String]?
        for record in records where record.order != previous {
            previous = record.order
            for key in record.order where seenKeys.insert(key).inserted { allKeys.append(key) }
        }
        var keyFor: [String: String] = [:]
        for rule in rules {
            switch resolve(rule, keys: allKeys) {
            case .found(let key):
                keyFor[rule.name] = key
            case .ambiguous(let keys):
                problems.append(Diagnostic(
                    id: "data-ambiguous-column",
                    message: "“\(rule.name)” 对应多列：\(keys.map { "“\($0)”" }.joined(separator: "、"))，请删去或改名其中一列 / several columns match",
                    dataLocation: DataLocation(file: file)))
            case .missing:
                let implicit = rule.location == nil
                if rule.required && !implicit && !records.isEmpty {
                    let headers = allKeys.prefix(30).map { "“\($0)”" }.joined(separator: "、")
                    problems.append(Diagnostic(
                        id: "data-missing-column",
                        message: nested ? "缺少字段 “\(rule.name)” / missing field"
                            : "缺少模板需要的列 “\(rule.name)”（现有的列：\(headers)） / missing column",
                        dataLocation: nested ? locations.first.map { var l = $0; l.field = nil; return l } : DataLocation(file: file)))
                }
            }
        }
        if !problems.isEmpty { return (records, problems, Set(records.indices)) }

        // Per row, work on arrays indexed by rule: hashing Chinese names costs more than the checks.
        let plan: [(rule: FieldRule, key: String)] = rules.compactMap { rule in keyFor[rule.name].map { (rule, $0) } }
        let planIndex = Dictionary(plan.enumerated().map { ($1.rule.name, $0) }, uniquingKeysWith: { a, _ in a })
        let codeSlot: [Int?] = plan.map { step in
            if case .regionName(let codeField) = step.rule.kind { return planIndex[codeField] } else { return nil }
        }
        let renamed = Dictionary(uniqueKeysWithValues: keyFor.map { ($0.value, $0.key) })
        var lastOrder: [String] = []
        var lastSlots: [Int?] = []
        var lastKeys = RecordKeys([])
        var lastKeysWithRegion: RecordKeys?
        var regionCache: [String: Value] = [:]

        var output: [Record] = []
        output.reserveCapacity(records.count)
        for index in records.indices {
            let record = records[index]
            records[index] = Record()
            let order = record.order
            // Where each planned field sits in this record, and the record's names after renaming:
            // computed once for all rows of a table, which share one order.
            if order != lastOrder {
                lastOrder = order
                let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                lastSlots = plan.map { position[$0.key] }
                lastKeys = RecordKeys(order.map { renamed[$0] ?? $0 })
                lastKeysWithRegion = order.contains(DataCheck.regionField) ? nil : RecordKeys(lastKeys.names + [DataCheck.regionField])
            }
            var values = record.values
            _ = consume record  // the values array is now held once: converted in place
            var converted = [Value?](repeating: nil, count: plan.count)
            var regionValue: Value?
            var ok = true
            func report(_ step: Int, _ id: String, _ message: String) {
                var location = locations[index]
                let header = plan[step].key
                location.field = location.field.map { "\($0).\(header)" } ?? header
                problems.append(Diagnostic(id: id, message: message, dataLocation: location))
                ok = false
            }
            for (step, (rule, _)) in plan.enumerated() {
                let raw = lastSlots[step].map { values[$0] } ?? .null
                if FieldValue.isBlank(raw) {
                    if rule.required { report(step, "data-required", "此项必填，但是空的 / required, but empty") }
                    converted[step] = .null
                    continue
                }
                do {
                    converted[step] = try FieldValue.convert(raw, as: rule)
                } catch {
                    report(step, error.id, error.message)
                }
            }
            // Region codes and the names that go with them.
            if let regions {
                for (step, (rule, _)) in plan.enumerated() {
                    guard case .regionCode(let level) = rule.kind, case .string(let code)?? = converted[step] else { continue }
                    guard let region = regions.region(code) else {
                        report(step, "data-unknown-region", "行政区划代码 “\(code)” 不在区划代码表（\(regions.file)）中 / unknown region code")
                        continue
                    }
                    if let level, region.level != level {
                        report(step, "data-region-level",
                               "代码 \(code) 是\(region.level.name)级区划（\(region.name)），此处应为\(level.name)级 / wrong level")
                    }
                    if regionValue == nil {
                        // One value per region, shared by all its rows (a county's thousand households).
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
            if !ok { bad.insert(index) }
            // Declared fields under the template's names, the other columns as they were.
            for step in plan.indices {
                if let slot = lastSlots[step], let value = converted[step] { values[slot] = value }
            }
            if let regionValue, let withRegion = lastKeysWithRegion {
                // In place when the reader left a spare slot (CSV does); else exactly one more:
                // a plain append would double the array, and a sheet would take twice the memory.
                values.reserveCapacity(values.count + 1)
                values.append(regionValue)
                output.append(Record(keys: withRegion, values: values))
            } else {
                output.append(Record(keys: lastKeys, values: values))
            }
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
