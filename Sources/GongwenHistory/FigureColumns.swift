import Foundation
import GongwenAssess
import GongwenFormat

/// The figures of a period stored as values only (schema v4). Every jurisdiction of a period reads
/// the same indicators from the same columns, so the column header, unit and target column are kept
/// once in `periods.figure_columns`, and each `results.figures` is an array in that order holding
/// what differs per row: the cell's text, the target, and the value only when it is not the text's
/// own number. The keyed form (13 objects of six fields for each of 3,000 jurisdictions) was the
/// largest part of a period's write — 2.5 KB a row, one row per 4 KB page, most of the store's CPU.
///
/// Lossless: a figure whose header, unit or target column differ from the period's is written in
/// the keyed form in its place, a figure a row lacks is `null`, and `decode(encode(x)) == x`.
struct FigureColumns: Equatable {
    struct Column: Equatable {
        var key: String
        var column: String
        var unit: String
        var targetColumn: String?
    }

    let columns: [Column]

    /// The union of the rows' figure keys in UTF-8 byte order, each described as the first row that
    /// has it describes it.
    init(_ jurisdictions: [JurisdictionResult]) {
        var found: [Column] = []
        var slots = KeySlots(keys: [])
        for j in jurisdictions {
            for (p, (key, f)) in j.figures.enumerated() where slots.slot(of: key, at: p) == nil {
                found.append(Column(key: key, column: f.column, unit: f.unit, targetColumn: f.targetColumn))
                slots.add(key, at: p)
            }
        }
        self.init(columns: found.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
    }

    init(columns: [Column]) {
        self.columns = columns
        slots = KeySlots(keys: columns.map(\.key))
    }

    /// Where each row's keys go (`KeySlots`), learnt from the rows encoded so far.
    private var slots: KeySlots

    static func == (a: FigureColumns, b: FigureColumns) -> Bool { a.columns == b.columns }

    /// `periods.figure_columns`: `[[key, column, unit, targetColumn-or-null], …]`.
    init(json text: String) throws {
        self.init(columns: try ColumnReader.parse(text).elements.map { c in
            let parts = try c.elements
            guard parts.count == 4, case .string(let key) = parts[0], case .string(let column) = parts[1],
                  case .string(let unit) = parts[2] else { throw ColumnReader.Malformed(what: "figure_columns") }
            switch parts[3] {
            case .null: return Column(key: key, column: column, unit: unit, targetColumn: nil)
            case .string(let t): return Column(key: key, column: column, unit: unit, targetColumn: t)
            default: throw ColumnReader.Malformed(what: "figure_columns")
            }
        })
    }

    var json: [UInt8] {
        var w = ColumnJSON()
        w.open("[")
        for (i, c) in columns.enumerated() {
            w.comma(i)
            w.open("[")
            w.string(c.key); w.open(","); w.string(c.column); w.open(","); w.string(c.unit); w.open(",")
            if let t = c.targetColumn { w.string(t) } else { w.literal("null") }
            w.close("]")
        }
        w.close("]")
        return w.bytes
    }

    /// One row: `[["14.64",13],["否"],null,…]` — `[text]`, `[text, target]`, or `[text, target, value]`
    /// when the value is not `Double(text)` (bit for bit); the keyed object when the row describes
    /// the figure differently from the period.
    mutating func encode(_ figures: [String: Figure]) -> [UInt8] {
        var w = ColumnJSON()
        encode(figures, into: &w)
        return w.bytes
    }

    mutating func encode(_ figures: [String: Figure], into w: inout ColumnJSON) {
        var placed = [Dictionary<String, Figure>.Index?](repeating: nil, count: columns.count)
        for (p, index) in figures.indices.enumerated() {
            if let k = slots.slot(of: figures.keys[index], at: p) { placed[k] = index }
        }
        w.open("[")
        // The columns read in place: `for c in columns` copied each Column's four strings (retained and
        // released) for every figure of every row.
        columns.withUnsafeBufferPointer { columns in
            for i in columns.indices {
                w.comma(i)
                guard let index = placed[i] else { w.literal("null"); continue }
                let f = figures.values[index]
                guard f.column == columns[i].column, f.unit == columns[i].unit, f.targetColumn == columns[i].targetColumn else {
                    w.figure(f)
                    continue
                }
                w.open("[")
                w.string(f.text)
                let valueIsText = Self.same(DecimalText.double(f.text), f.value)
                if f.target != nil || !valueIsText {
                    w.open(",")
                    if let t = f.target { w.number(t) } else { w.literal("null") }
                }
                if !valueIsText {
                    w.open(",")
                    if let v = f.value { w.number(v) } else { w.literal("null") }
                }
                w.close("]")
            }
        }
        w.close("]")
    }

    func decode(_ text: String) throws -> [String: Figure] {
        let json = try ColumnReader.parse(text)
        guard case .array(let items) = json else { return try ColumnReader.figures(json) }
        guard items.count == columns.count else { throw ColumnReader.Malformed(what: "figures 与 figure_columns 的个数不同") }
        var out: [String: Figure] = [:]
        out.reserveCapacity(items.count)
        for (c, item) in zip(columns, items) {
            switch item {
            case .null:
                continue
            case .object:
                out[c.key] = try ColumnReader.figure(item)
            case .array(let parts):
                guard (1...3).contains(parts.count), case .string(let text) = parts[0] else {
                    throw ColumnReader.Malformed(what: "figures")
                }
                let target = parts.count > 1 ? try Self.number(parts[1]) : nil
                let value = parts.count > 2 ? try Self.number(parts[2]) : DecimalText.double(text)
                out[c.key] = Figure(text: text, value: value, target: target, unit: c.unit, column: c.column, targetColumn: c.targetColumn)
            default:
                throw ColumnReader.Malformed(what: "figures")
            }
        }
        return out
    }

    private static func number(_ json: ColumnReader.JSON) throws -> Double? {
        guard let d = json.numberOrNull else { throw ColumnReader.Malformed(what: "figures 的数值") }
        return d
    }

    private static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.bitPattern == y.bitPattern
        default: return false
        }
    }

}

/// Finds the column of a row's key without hashing it. Hashing or comparing a Chinese key with `==`
/// normalises it (Unicode canonical equivalence) on every call: for 39,000 figures a period that
/// cost more than writing them. Rows the assessor builds are copies of one dictionary, so their keys
/// come in the same order and are the same String instances: the column of the p-th key of the last
/// row is tried first, and `==` on the same instance answers without reading a byte. Otherwise the
/// UTF-8 bytes are compared with each column's (keys of one row are distinct, so a byte match is the
/// key). A key spelt in another Unicode normal form than a column's may get a column of its own or,
/// through the guess (which compares as a dictionary does), share that column: either way it reads
/// back as the same dictionary key.
struct KeySlots {
    private var keys: [String]
    private var bytes: [[UInt8]]
    /// The column of the p-th key of the last row seen, -1 for none.
    private var order: [Int] = []

    init(keys: [String]) {
        self.keys = keys
        bytes = keys.map { Array($0.utf8) }
    }

    mutating func slot(of key: String, at position: Int) -> Int? {
        if position < order.count, order[position] >= 0, keys[order[position]] == key { return order[position] }
        let found = scan(key)
        remember(found ?? -1, at: position)
        return found
    }

    /// A new column for `key`, the p-th key of its row.
    mutating func add(_ key: String, at position: Int) {
        keys.append(key)
        bytes.append(Array(key.utf8))
        remember(keys.count - 1, at: position)
    }

    private mutating func remember(_ column: Int, at position: Int) {
        while order.count <= position { order.append(-1) }
        order[position] = column
    }

    private func scan(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { k in
            for i in bytes.indices where bytes[i].count == k.count {
                if bytes[i].withUnsafeBufferPointer({ memcmp($0.baseAddress!, k.baseAddress!, k.count) == 0 }) { return i }
            }
            return nil
        }
    }
}
