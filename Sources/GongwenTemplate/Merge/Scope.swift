import GongwenModel

/// The names an expression can see while merging one record: loop variables and `let`
/// bindings (innermost first), then the record's fields, then the shared fields of the data file.
struct Scope {
    let record: Record
    let shared: Record
    /// Fields the template's `<数据要求>` declares as optional (`必填="否"`): a record without
    /// them reads them as empty, as if the column were there and blank, so an optional field
    /// left out of the data never stops a batch.
    let optional: Set<String>
    private var bindings: [(name: String, value: Value)] = []
    /// `let` names whose value failed: reading them again is not another error to report.
    private(set) var failed: Set<String> = []

    init(record: Record, shared: Record, optional: Set<String> = []) {
        self.record = record
        self.shared = shared
        self.optional = optional
    }

    func lookup(_ name: String) -> Value? {
        for binding in bindings.reversed() where binding.name.isSameName(as: name) { return binding.value }
        return record[name] ?? shared[name] ?? (optional.contains(name) ? .null : nil)
    }

    /// Whether `name` is bound by a loop, a `let` or a copy: what makes merged text differ from
    /// copy to copy (see `MergeCache`).
    func isBound(_ name: String) -> Bool {
        bindings.contains { $0.name.isSameName(as: name) }
    }

    /// Whether `name` is a field of the record: what makes merged text differ from record to record.
    func isInRecord(_ name: String) -> Bool {
        record[name] != nil
    }

    /// The bound names, innermost last.
    var boundNames: [String] { bindings.map(\.name) }

    /// Whether exactly `names` are bound, in this order. Cheap when they are the same strings
    /// as before (the template's own names): equal storage compares without reading it.
    func hasBoundNames(_ names: [String]) -> Bool {
        guard names.count == bindings.count else { return false }
        for (name, binding) in zip(names, bindings) where name != binding.name { return false }
        return true
    }

    /// The scope after `<let name>` failed (its error is reported once, where it failed).
    func failing(_ name: String) -> Scope {
        var copy = self
        copy.failed.insert(name)
        return copy
    }

    func binding(_ name: String, to value: Value) -> Scope {
        var copy = self
        copy.bind(name, to: value)
        return copy
    }

    /// Binds in place: a run of `<let>`s extends one list instead of copying it for each.
    mutating func bind(_ name: String, to value: Value) {
        bindings.append((name, value))
    }

    /// How many names are bound (each is looked at by every lookup: see `Limits.bindings`).
    var bindingCount: Int { bindings.count }

    /// Every visible name, for "did you mean" hints.
    var allNames: [String] {
        bindings.map(\.name) + record.order + shared.order
    }
}
