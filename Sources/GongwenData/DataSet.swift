import GongwenModel

/// What a data file holds: the records (one document each) and the shared fields that every
/// record sees (issuer, year, document number …).
public struct DataSet: Sendable {
    public var file: String
    public var shared: Record
    public var records: [Record]
    /// Where each record came from, in the units the user counts (spreadsheet row or list item).
    public var locations: [DataLocation]
    /// What reading found and mended without stopping: invisible characters removed.
    public var warnings: [Diagnostic] = []
    /// Problems of rows left out because they cannot be records (a ragged row, a stray byte),
    /// when read with `keepingBadRows`: the caller must report or skip them.
    public var rowProblems: [Diagnostic] = []

    public init(file: String, shared: Record = Record(), records: [Record], locations: [DataLocation]? = nil) {
        self.file = file
        self.shared = shared
        self.records = records
        self.locations = locations ?? records.indices.map { DataLocation(file: file, record: $0 + 1) }
    }

    /// The name of the list of records inside a JSON or YAML object; every other top-level key
    /// of that object is a shared field.
    public static let recordsKey = "记录"

    /// Splits a parsed JSON/YAML document into records and shared fields:
    /// a list is the records; an object with `记录` holds records plus shared fields; any other
    /// object is a single record.
    static func from(_ value: Value, file: String) throws(DiagnosticError) -> DataSet {
        var data = try split(value, file: file)
        var warnings = WarningList()
        for index in data.records.indices {
            InvisibleCharacters.clean(&data.records[index], at: data.locations[index], path: nil, into: &warnings)
        }
        InvisibleCharacters.clean(&data.shared, at: DataLocation(file: file), path: nil, into: &warnings)
        data.warnings = warnings.all
        return data
    }

    private static func split(_ value: Value, file: String) throws(DiagnosticError) -> DataSet {
        switch value {
        case .list(let items):
            return DataSet(file: file, records: try records(items, file: file))
        case .record(let object):
            if let list = object[recordsKey] {
                guard case .list(let items) = list else {
                    throw DiagnosticError(Diagnostic(id: "data-shape", message: "“\(recordsKey)” 应为列表 / '\(recordsKey)' must be a list",
                                                     dataLocation: DataLocation(file: file, field: recordsKey)))
                }
                var shared = object
                shared[recordsKey] = nil
                return DataSet(file: file, shared: shared, records: try records(items, file: file))
            }
            return DataSet(file: file, records: [object])
        default:
            throw DiagnosticError(Diagnostic(
                id: "data-shape", message: "数据文件应为记录的列表或对象，而不是\(value.kindName) / data must be a list of records or an object",
                dataLocation: DataLocation(file: file)))
        }
    }

    private static func records(_ items: [Value], file: String) throws(DiagnosticError) -> [Record] {
        var bag = DiagnosticBag()
        var records: [Record] = []
        for (index, item) in items.enumerated() {
            if case .record(let r) = item {
                records.append(r)
            } else {
                bag.append(Diagnostic(id: "data-shape", message: "每条记录应为对象（字段: 值），而不是\(item.kindName) / each record must be an object",
                                      dataLocation: DataLocation(file: file, record: index + 1)))
            }
        }
        try bag.throwIfErrors()
        return records
    }
}
