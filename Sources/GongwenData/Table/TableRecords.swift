import Foundation
import GongwenModel

/// Turns a `Table` into records: one row is the header, every non-blank row below it a record
/// keyed by the header's names.
public enum TableRecords {
    /// Excel's own limit for the text of one cell; longer cells are not data a form can print.
    public static let maximumCellLength = 32_767
    /// The most UTF-8 bytes of such a cell (four per character): readers stop a cell that grows
    /// past it before it takes more memory.
    public static let maximumCellBytes = maximumCellLength * 4
    /// Rows held while the header is looked for (title rows above it, or a whole table of one
    /// column), counted in cells: a sheet of rows with one cell in its last column would
    /// otherwise be held whole, 16,384 cells a row.
    public static let maximumPendingCells = 1 << 20

    /// - Parameter headerRow: the spreadsheet row number of the header. When nil, the first row
    ///   with at least two filled cells is the header, so a merged title row above it (one
    ///   filled cell) is skipped without being asked.
    /// Takes the table (pass it straight in): each row is released as its record is made, so a
    /// large sheet is not held twice.
    /// - Parameter keepingBadRows: rows that cannot be records (a ragged row, a stray byte, a
    ///   cell too long) are left out and their problems put in `rowProblems`, for a caller that
    ///   reports them with the other rows' problems or skips them (`--skip-bad-records`); by
    ///   default they are thrown.
    public static func dataSet(_ table: consuming Table, headerRow: Int?, keepingBadRows: Bool = false) throws(DiagnosticError) -> DataSet {
        let file = table.file, fixedWidth = table.fixedWidth
        var reader = try TableRecordReader(rows: TableRows(consume table), file: file, fixedWidth: fixedWidth, headerRow: headerRow)
        var bag = DiagnosticBag()
        bag.append(contentsOf: reader.headerProblems)
        var warnings = WarningList()
        warnings.append(contentsOf: reader.headerWarnings)
        var records: [Record] = []
        var locations: [DataLocation] = []
        var rowProblems: [Diagnostic] = []
        while let entry = try reader.next() {
            warnings.append(contentsOf: entry.warnings)
            if !entry.problems.isEmpty {
                if keepingBadRows { rowProblems += entry.problems } else { bag.append(contentsOf: entry.problems) }
            } else if let record = entry.record {
                records.append(record)
                locations.append(entry.location)
            }
        }
        // Errors stop the reading; the invisible characters found are reported with them.
        if bag.hasErrors { throw DiagnosticError(bag.diagnostics + rowProblems + warnings.all) }
        var data = DataSet(file: file, records: records, locations: locations)
        data.warnings = warnings.all
        data.rowProblems = rowProblems
        return data
    }
}

/// The records of a table one row at a time, so a CSV file streamed from disk (`CSVFileRows`)
/// becomes records without the table in memory. Finds the header as `TableRecords` describes,
/// reading only as far as the header (or, for a table of one column, to its end).
public struct TableRecordReader<Rows: RowSource> {
    /// A data row: its record (nil when the row cannot be one: a missing or extra delimiter)
    /// and the problems of its cells.
    public struct Entry {
        public var record: Record?
        public var location: DataLocation
        public var problems: [Diagnostic]
        /// Invisible characters removed from the record's values.
        public var warnings: [Diagnostic] = []
    }

    public let file: String
    /// The header's spreadsheet row number.
    public let headerNumber: Int
    /// The header's names, for every record.
    public let keys: RecordKeys
    /// A column without a name, a name used twice.
    public let headerProblems: [Diagnostic]
    /// Invisible characters removed from the header's names.
    public let headerWarnings: [Diagnostic]
    private let names: [String]
    private let headerWidth: Int
    private let fixedWidth: Bool
    private var rows: Rows
    /// Rows read past the header while looking for it (a table whose header is decided at its end).
    private var pending: [Table.Row]
    private var pendingIndex = 0

    public init(rows: Rows, file: String, fixedWidth: Bool, headerRow: Int?) throws(DiagnosticError) {
        self.rows = rows
        self.file = file
        self.fixedWidth = fixedWidth
        var header: Table.Row?
        var seen: [Table.Row] = []
        var seenCells = 0
        while let row = try self.rows.nextRow() {
            if let headerRow {
                if row.number < headerRow { continue }
                if row.number == headerRow && !row.isBlank { header = row }
                break
            }
            if row.filledCount >= 2 {
                header = row
                break
            }
            if !row.isBlank {
                seenCells += row.cells.count + 1
                if seenCells > TableRecords.maximumPendingCells {
                    throw DiagnosticError(Diagnostic(
                        id: "data-header-row",
                        message: "读到第\(row.number)行还没有找到表头（至少两列有内容的一行）；请用 --header-row 指定表头所在的行 / no header found",
                        dataLocation: DataLocation(file: file, row: row.number)))
                }
                seen.append(row)
            }
        }
        if header == nil, headerRow == nil, let first = seen.first {
            // No row has two filled cells: a table of one column, whose first row is the header.
            header = first
            seen.removeFirst()
        } else {
            seen = []
        }
        guard let header else {
            if let headerRow {
                throw DiagnosticError(Diagnostic(
                    id: "data-header-row", message: "第\(headerRow)行是空行，不能作为表头（--header-row） / header row is empty",
                    dataLocation: DataLocation(file: file, row: headerRow)))
            }
            throw DiagnosticError(Diagnostic(id: "data-empty", message: "表格为空 / the table is empty", dataLocation: DataLocation(file: file)))
        }
        if let column = header.undecodable.first {
            throw DiagnosticError(Diagnostic(
                id: "data-encoding", message: "表头此格中有不属于文件编码的字节，无法确定列名 / bytes in the header are not text in the file's encoding",
                dataLocation: DataLocation(file: file, row: header.number, field: ColumnName.letters(column) + "列")))
        }
        pending = seen
        headerNumber = header.number
        headerWidth = header.cells.count
        // A CSV reader keeps one field more than a sheet can have, to tell a header that wide.
        if headerWidth > SheetReader.maximumColumns {
            throw DiagnosticError(Diagnostic(
                id: "data-too-many-columns", message: "表头超过 \(SheetReader.maximumColumns) 列 / the header has too many columns",
                dataLocation: DataLocation(file: file, row: header.number)))
        }

        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var names: [String] = []
        var seenNames = Set<String>()
        let lastNamed = header.cells.lastIndex { $0 != .null && $0 != .string("") } ?? -1
        for (i, cell) in header.cells.enumerated() where i <= lastNamed {
            // A name with a zero-width space would not match the name a template asks for.
            let (text, removed) = InvisibleCharacters.remove(from: cell.text)
            let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !removed.isEmpty {
                warnings.append(InvisibleCharacters.warning(removed, at: DataLocation(
                    file: file, row: header.number, field: name.isEmpty ? ColumnName.letters(i) + "列" : name)))
            }
            names.append(name)
            if name.isEmpty {
                problems.append(Diagnostic(id: "data-header", message: "第\(ColumnName.letters(i))列没有列名 / column \(i + 1) has no header",
                                           dataLocation: DataLocation(file: file, row: header.number)))
            } else if !seenNames.insert(name).inserted {
                problems.append(Diagnostic(id: "data-header", message: "列名 “\(name)” 重复 / duplicate column header",
                                           dataLocation: DataLocation(file: file, row: header.number, field: name)))
            }
        }
        headerProblems = problems
        headerWarnings = warnings
        self.names = names
        // One key table for every row. Duplicate headers are reported; they get placeholder
        // names so the rows can still be checked for their own problems.
        keys = RecordKeys(HeaderKeys.keys(names))
    }

    /// The next non-blank row below the header, nil after the last.
    public mutating func next() throws(DiagnosticError) -> Entry? {
        while true {
            let row: Table.Row
            if pendingIndex < pending.count {
                row = pending[pendingIndex]
                pendingIndex += 1
            } else if let next = try rows.nextRow() {
                row = next
            } else {
                return nil
            }
            if row.number > headerNumber && !row.isBlank { return entry(row) }
        }
    }

    private func entry(_ row: Table.Row) -> Entry {
        let location = DataLocation(file: file, row: row.number)
        if !row.undecodable.isEmpty {
            // A stray byte: the row is reported at each such cell, under its column's name, and
            // is not used (it is skipped with --skip-bad-records like any bad row).
            return Entry(record: nil, location: location, problems: row.undecodable.map { column in Diagnostic(
                id: "data-encoding",
                message: "此格中有不属于文件编码的字节，无法确定原来的文字（未删除也未替换）；请在 Excel/WPS 中重新输入此格 / bytes in this cell are not text in the file's encoding",
                dataLocation: DataLocation(file: file, row: row.number, field: column < names.count && !names[column].isEmpty
                                           ? names[column] : ColumnName.letters(column) + "列")) })
        }
        if fixedWidth && row.cells.count != headerWidth {
            return Entry(record: nil, location: location, problems: [Diagnostic(
                id: "csv-ragged-row",
                message: "此行有 \(row.cells.count) 个字段，而表头有 \(headerWidth) 列（多了或少了分隔符？） / row has \(row.cells.count) fields, header has \(headerWidth)",
                dataLocation: location)])
        }
        if let extra = row.cells.indices.first(where: { $0 >= names.count && row.cells[$0] != .null && row.cells[$0] != .string("") }) {
            return Entry(record: nil, location: location, problems: [Diagnostic(
                id: "data-cell-without-header",
                message: "第\(ColumnName.letters(extra))列有内容，但没有列名 / a cell outside the header's columns has data",
                dataLocation: location)])
        }
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        // The row's own array when it has the header's width (shared, not copied).
        var values = row.cells
        if values.count > names.count { values.removeLast(values.count - names.count) }
        while values.count < names.count { values.append(.null) }
        for (i, name) in names.enumerated() {
            guard case .string(let s) = values[i] else { continue }
            if s.utf8.count > TableRecords.maximumCellLength,
               s.utf8.count > TableRecords.maximumCellBytes || s.count > TableRecords.maximumCellLength {
                // A reader keeps one byte past the most a cell can hold: the real length is unknown then.
                let count = s.utf8.count > TableRecords.maximumCellBytes ? "超过 \(TableRecords.maximumCellLength)" : "\(s.count)"
                problems.append(Diagnostic(
                    id: "data-cell-too-long",
                    message: "内容过长（\(count) 个字符，最多 \(TableRecords.maximumCellLength) 个） / cell text too long",
                    dataLocation: DataLocation(file: file, row: row.number, field: name)))
            } else if InvisibleCharacters.contains(s) {
                let (text, removed) = InvisibleCharacters.remove(from: s)
                values[i] = .string(text)
                warnings.append(InvisibleCharacters.warning(removed, at: DataLocation(file: file, row: row.number, field: name)))
            }
        }
        return Entry(record: Record(keys: keys, values: values), location: location, problems: problems, warnings: warnings)
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
public enum ColumnName {
    public static func letters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// `B12` → column index 1; nil for anything that is not a cell reference.
    public static func index(ofReference reference: some StringProtocol) -> Int? {
        var n = 0
        var any = false
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            n = n * 26 + Int(scalar.value - 64)
            any = true
            if n > 1_000_000 { return nil }
        }
        return any ? n - 1 : nil
    }
}
