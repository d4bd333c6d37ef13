import GongwenModel

/// The names of the objects of a JSON or YAML file, shared between consecutive objects at the
/// same depth that have the same keys in the same order: the records of a list, which would
/// otherwise each carry a `RecordKeys` of their own (a few hundred bytes even for one name, so
/// 100,000 records of ten fields took 100 MB more than the same rows of a spreadsheet).
struct SharedKeys {
    private var last: [RecordKeys?]

    init(maximumDepth: Int) {
        last = Array(repeating: nil, count: maximumDepth + 2)
    }

    /// The object of `names` (distinct) and `values` at `depth`, and what it costs beyond its
    /// values (`ReadBudget.cost(ofObject:newKeys:)` and, for a new table, its names).
    mutating func record(names: [String], values: [Value], depth: Int) -> (record: Record, cost: Int) {
        guard !names.isEmpty else { return (Record(), 0) }
        if let keys = last[depth], keys.names == names {
            return (Record(keys: keys, values: values), ReadBudget.cost(ofObject: names.count, newKeys: false))
        }
        let keys = RecordKeys(names)
        last[depth] = keys
        let cost = ReadBudget.cost(ofObject: names.count, newKeys: true) + names.reduce(0) { $0 + ReadBudget.cost(of: $1) }
        return (Record(keys: keys, values: values), cost)
    }
}
