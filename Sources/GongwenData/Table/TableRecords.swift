import GongwenModel

/// Turns a `Table` into records: one row is the header, every non-blank row below it a record
/// keyed by the header's names.
public enum TableRecords {
    /// Excel's own limit for the text of one cell; longer cells are not data a form can print.
    public static let maximumCellLength = 32_767

    /// - Parameter headerRow: the spreadsheet row number of the header. When nil, the first row
    ///   with at least two filled cells is the header, so a merged title row above it (one
    ///   filled cell) is skipped without being asked.
    public static func dataSet(_ table: Table, headerRow: Int?) throws(DiagnosticError) -> DataSet {
        let file = table.file
        let header: Table.Row
        if let headerRow {
            guard let row = table.rows.first(where: { $0.number == headerRow }), !row.isBlank else {
                throw DiagnosticError(Diagnostic(
                    id: "data-header-row", message: "第\(headerRow)行是空行，不能作为表头（--header-row） / header row is empty",
                    dataLocation: DataLocation(file: file, row: headerRow)))
            }
            header = row
        } else {
            let widest = table.rows.map(\.filledCount).max() ?? 0
            guard let row = table.rows.first(where: { $0.filledCount >= min(2, widest) && !$0.isBlank }) else {
                throw DiagnosticError(Diagnostic(id: "data-empty", message: "表格为空 / the table is empty", dataLocation: DataLocation(file: file)))
            }
            header = row
        }

        var bag = DiagnosticBag()
        var names: [String] = []
        var seen = Set<String>()
        let lastNamed = header.cells.lastIndex { $0 != .null && $0 != .string("") } ?? -1
        for (i, cell) in header.cells.enumerated() where i <= lastNamed {
            let name = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
            names.append(name)
            if name.isEmpty {
                bag.append(Diagnostic(id: "data-header", message: "第\(ColumnName.letters(i))列没有列名 / column \(i + 1) has no header",
                                      dataLocation: DataLocation(file: file, row: header.number)))
            } else if !seen.insert(name).inserted {
                bag.append(Diagnostic(id: "data-header", message: "列名 “\(name)” 重复 / duplicate column header",
                                      dataLocation: DataLocation(file: file, row: header.number, field: name)))
            }
        }

        var records: [Record] = []
        var locations: [DataLocation] = []
        // One key table for every row. Duplicate headers are already reported; they get
        // placeholder names so the rows can still be checked for their own problems.
        var distinct = Set<String>()
        let keys = RecordKeys(names.enumerated().map { i, name in
            distinct.insert(name).inserted ? name : "\(name)#\(ColumnName.letters(i))"
        })
        for row in table.rows where row.number > header.number && !row.isBlank {
            let location = DataLocation(file: file, row: row.number)
            if table.fixedWidth && row.cells.count != header.cells.count {
                bag.append(Diagnostic(
                    id: "csv-ragged-row",
                    message: "此行有 \(row.cells.count) 个字段，而表头有 \(header.cells.count) 列（多了或少了分隔符？） / row has \(row.cells.count) fields, header has \(header.cells.count)",
                    dataLocation: location))
                continue
            }
            if let extra = row.cells.indices.first(where: { $0 >= names.count && row.cells[$0] != .null && row.cells[$0] != .string("") }) {
                bag.append(Diagnostic(
                    id: "data-cell-without-header",
                    message: "第\(ColumnName.letters(extra))列有内容，但没有列名 / a cell outside the header's columns has data",
                    dataLocation: location))
                continue
            }
            for (i, name) in names.enumerated() where i < row.cells.count {
                if case .string(let s) = row.cells[i], s.utf8.count > maximumCellLength, s.count > maximumCellLength {
                    bag.append(Diagnostic(
                        id: "data-cell-too-long",
                        message: "内容过长（\(s.count) 个字符，最多 \(maximumCellLength) 个） / cell text too long",
                        dataLocation: DataLocation(file: file, row: row.number, field: name)))
                }
            }
            // The row's own array when it has the header's width (shared, not copied).
            var values = row.cells
            if values.count > names.count { values.removeLast(values.count - names.count) }
            while values.count < names.count { values.append(.null) }
            let record = Record(keys: keys, values: values)
            records.append(record)
            locations.append(location)
        }
        try bag.throwIfErrors()
        return DataSet(file: file, records: records, locations: locations)
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
