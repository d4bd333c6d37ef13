import GongwenModel

/// The memory that reading one data file may spend on what it builds from the file's content:
/// shared strings, cell formats, relationships and, for a table read whole, its rows and cells.
///
/// Why: the size limits on inflating (`ZipParts`) bound the bytes of a part, not what they turn
/// into. A part of 128 MB of `<si/>` is 26 million empty strings, each a slot in memory (190 KB on
/// disk took 816 MB); an ODS row repeated a million times by one attribute is a million rows; a
/// cell in the last column makes its row 16,384 cells wide. Every such structure is charged here
/// as it grows, by an estimate of what it really costs, and reading stops with a located error
/// (the file and the part or row) well before the process nears 256 MB, whatever the input.
///
/// Used by one thread at a time (the reader of one file), hence a class without locks.
public final class ReadBudget {
    /// What one file may take. A 100,000-row sheet of ten columns of short text costs about
    /// 40 MB by these estimates; the rest of the process (the template, the checked records,
    /// the documents being merged) must fit beside it under 256 MB.
    public static let defaultLimit = 96 * 1024 * 1024

    /// What a JSON or YAML file may take, and how many values it may hold once its aliases are
    /// expanded. Such a file is held whole (its bytes, up to 32 MB, beside the tree) and its tree
    /// is walked again by the checks and the merge; a tree is also denser than a table: `[]` and
    /// `{}` are three bytes each, so 32 MB of them would be 11 million values. A million values
    /// is some 90,000 records of ten fields, far beyond the jurisdictions an office lists in
    /// JSON or YAML; larger data belongs in a table, which is streamed.
    public static let structuredLimit = 64 * 1024 * 1024
    public static let structuredNodes = 1_000_000

    public let file: String
    public let limit: Int
    /// The most values (`nodes`) a JSON or YAML tree may hold.
    public let nodeLimit: Int
    public private(set) var used = 0
    public private(set) var nodes = 0

    public init(file: String, limit: Int = ReadBudget.defaultLimit, nodeLimit: Int = .max) {
        self.file = file
        self.limit = limit
        self.nodeLimit = nodeLimit
    }

    /// The budget of a JSON or YAML file.
    public static func structured(file: String) -> ReadBudget {
        ReadBudget(file: file, limit: structuredLimit, nodeLimit: structuredNodes)
    }

    /// Counts `count` values of a tree (an alias counts every value it repeats) and `bytes` of
    /// memory; false past either limit, and the caller throws `treeError` at its line and column
    /// (found only then: finding a column costs a scan of the line).
    @inline(__always)
    public func chargeTree(_ bytes: Int, nodes count: Int = 1) -> Bool {
        used += bytes
        nodes += count
        return used <= limit && nodes <= nodeLimit
    }

    /// Gives back what was charged for something released (the scaffolding of an object
    /// once it is made).
    public func release(_ bytes: Int) {
        used -= bytes
    }

    /// The error of a tree past its budget, at the line and column reached.
    public func treeError(kind: String, line: Int, column: Int) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "data-memory-limit",
            message: "\(kind) 文件内容过多：展开后超过 \(nodeLimit / 10_000) 万个值，或读入需要的内存超过 \(limit / 1024 / 1024) MB"
                + "（读到第 \(line) 行第 \(column) 列）；可能是恶意或损坏的文件（如成百万的空对象、层层引用的别名）；"
                + "大量记录请用 Excel 表格（.xlsx）或 CSV / the \(kind) file expands into too many values",
            location: SourceLocation(file: file, line: line, column: column)))
    }

    /// Counts `bytes` against the budget; past it, an error naming `part` (`sharedStrings.xml`,
    /// `content.xml`) and, when known, the spreadsheet row reached.
    public func charge(_ bytes: Int, part: String?, row: Int? = nil) throws(DiagnosticError) {
        used += bytes
        guard used > limit else { return }
        let place = part.map { "（在 “\($0)” 中）" } ?? ""
        throw DiagnosticError(Diagnostic(
            id: "data-memory-limit",
            message: "表格内容过多，读入需要的内存超过 \(limit / 1024 / 1024) MB\(place)；"
                + "可能是恶意或损坏的文件；若数据确实这么多，请拆成几个文件 / the file needs more memory than allowed\(part.map { " (in \($0))" } ?? "")",
            dataLocation: DataLocation(file: file, row: row)))
    }

    // Estimates, on a 64-bit platform, of what Swift's structures take.

    /// A `String`'s slot plus its heap storage (strings of up to 15 UTF-8 bytes are stored inline).
    @inline(__always)
    public static func cost(of string: String) -> Int {
        let bytes = string.utf8.count
        return MemoryLayout<String>.stride + (bytes > 15 ? (bytes + 32 + 15) & ~15 : 0)
    }

    /// A cell value: its slot and, for text, the text's storage.
    @inline(__always)
    public static func cost(of value: Value) -> Int {
        switch value {
        case .string(let s): return MemoryLayout<Value>.stride + cost(of: s) - MemoryLayout<String>.stride
        case .number: return MemoryLayout<Value>.stride + 64  // the boxed Number
        default: return MemoryLayout<Value>.stride
        }
    }

    /// A JSON or YAML list of `count` items, beyond the items' own costs: its array, grown by
    /// doubling (measured: a million `[[]]` took 110 MB).
    @inline(__always)
    public static func cost(ofList count: Int) -> Int {
        count == 0 ? 0 : 64 + 2 * count * MemoryLayout<Value>.stride
    }

    /// A field of a JSON or YAML object while the object is read, besides its name: its slots in
    /// the growing arrays of names and values, and its entry in the table that finds a key
    /// written twice. Charged as each key is read, so that one object of millions of keys is
    /// counted before it ends; given back when the object is made.
    public static let openField = 2 * MemoryLayout<String>.stride + 2 * MemoryLayout<Value>.stride + 64

    /// A JSON or YAML object of `count` fields, beyond its values: the array of its values and,
    /// unless it shares the names of the object before it, a `RecordKeys` of its own with its
    /// array of names and two hash tables (a few hundred bytes even for one name).
    @inline(__always)
    public static func cost(ofObject count: Int, newKeys: Bool) -> Int {
        guard count > 0 else { return 0 }
        let values = 64 + 2 * count * MemoryLayout<Value>.stride
        return newKeys ? values + 320 + 160 * count : values
    }

    /// A row kept in memory: its place in the table (twice: an array grows by doubling), its
    /// cells' array and the cells.
    public static func cost(of row: Table.Row) -> Int {
        var total = 2 * MemoryLayout<Table.Row>.stride + 32
        for cell in row.cells { total += cost(of: cell) }
        return total
    }
}
