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

    public static func run(_ data: DataSet, contract: DataContract?, regions: RegionList?) -> DataCheckResult {
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
            var result = DataCheckResult(data: data, problems: [], badRecords: [])
            for (index, record) in data.records.enumerated() {
                guard case .list(let items)? = record[listField] else { continue }
                let itemRecords = items.compactMap { if case .record(let r) = $0 { r } else { nil } }
                let locations = itemRecords.indices.map { i in
                    var l = data.locations[index]
                    l.field = "\(listField)[\(i + 1)]"
                    return l
                }
                let (checked, problems, bad) = checker.check(itemRecords, locations: locations, nested: true)
                var updated = record
                updated[listField] = .list(checked.map { .record($0) })
                result.data.records[index] = updated
                result.problems += problems
                if !bad.isEmpty { result.badRecords.insert(index) }
            }
            return result
        }
        let (checked, problems, bad) = checker.check(data.records, locations: data.locations, nested: false)
        var result = data
        result.records = checked
        return DataCheckResult(data: result, problems: problems, badRecords: bad)
    }
}

private struct Checker {
    let rules: [FieldRule]
    let regions: RegionList?
    let file: String

    func check(_ records: [Record], locations: [DataLocation], nested: Bool)
        -> (records: [Record], problems: [Diagnostic], bad: Set<Int>) {
        var problems: [Diagnostic] = []
        var bad = Set<Int>()
        // Which data key each rule reads, from the keys of all records (headers of a table).
        var allKeys: [String] = []
        var seenKeys = Set<String>()
        for record in records { for key in record.order where seenKeys.insert(key).inserted { allKeys.append(key) } }
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

        var output: [Record] = []
        output.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            var converted: [String: Value] = [:]
            var regionValue: Value?
            var ok = true
            func report(_ rule: FieldRule, _ id: String, _ message: String) {
                var location = locations[index]
                let header = keyFor[rule.name] ?? rule.name
                location.field = location.field.map { "\($0).\(header)" } ?? header
                problems.append(Diagnostic(id: id, message: message, dataLocation: location))
                ok = false
            }
            for rule in rules {
                guard let key = keyFor[rule.name] else { continue }
                let raw = record[key] ?? .null
                if FieldValue.display(raw).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    if rule.required {
                        report(rule, nested ? "data-required" : "data-required", "此项必填，但是空的 / required, but empty")
                    }
                    converted[rule.name] = .null
                    continue
                }
                do {
                    converted[rule.name] = try FieldValue.convert(raw, as: rule)
                } catch {
                    report(rule, error.id, error.message)
                }
            }
            // Region codes and the names that go with them.
            if let regions {
                for rule in rules {
                    guard case .string(let code)? = converted[rule.name] else { continue }
                    switch rule.kind {
                    case .regionCode(let level):
                        guard let region = regions.region(code) else {
                            report(rule, "data-unknown-region", "行政区划代码 “\(code)” 不在区划代码表（\(regions.file)）中 / unknown region code")
                            continue
                        }
                        if let level, region.level != level {
                            report(rule, "data-region-level",
                                   "代码 \(code) 是\(region.level.name)级区划（\(region.name)），此处应为\(level.name)级 / wrong level")
                        }
                        if regionValue == nil { regionValue = regions.value(region) }
                    default:
                        break
                    }
                }
                for rule in rules {
                    guard case .regionName(let codeField) = rule.kind, case .string(let name)? = converted[rule.name],
                          case .string(let code)? = converted[codeField], let region = regions.region(code) else { continue }
                    if !RegionList.matches(name, region) {
                        report(rule, "data-region-mismatch",
                               "“\(name)” 与行政区划代码 \(code) 不符（代码表中为“\(region.name)”） / name does not match its code")
                    }
                }
            }
            if !ok { bad.insert(index) }
            // Declared fields under the template's names, the other columns as they were.
            var result = Record()
            let renamed = Dictionary(uniqueKeysWithValues: keyFor.map { ($0.value, $0.key) })
            for key in record.order {
                if let name = renamed[key] {
                    result[name] = converted[name] ?? record[key]
                } else {
                    result[key] = record[key]
                }
            }
            if let regionValue, result[DataCheck.regionField] == nil { result[DataCheck.regionField] = regionValue }
            output.append(result)
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
