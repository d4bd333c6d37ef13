import Foundation
import GongwenData
import GongwenModel

/// The cells of an input sheet as text, with their spreadsheet row numbers.
///
/// A CSV file is streamed row by row (`CSVFileRows`) and only the cells' text kept: a prefecture's
/// 500,000 households exceed the reading budget `DataReader` holds every table to (96 MB of
/// records), which protects the web page from a hostile upload but not a clerk's own register.
/// Workbooks (.xlsx, .ods) go through `DataReader` and its budget as for any document.
struct SheetRows {
    var file: String
    var header: [String] = []
    var cells: [[String]] = []
    var numbers: [Int] = []

    static func read(path: String, options: ReadOptions = ReadOptions()) throws(DiagnosticError) -> SheetRows {
        var sheet = SheetRows(file: path)
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt", "tsv":
            let rows = try CSVFileRows(path: path, encoding: options.encoding)
            while let row = try rows.nextRow() {
                let texts = row.cells.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                if texts.allSatisfy(\.isEmpty) { continue }
                if sheet.header.isEmpty && (options.headerRow == nil || options.headerRow == row.number) {
                    sheet.header = texts
                } else if !sheet.header.isEmpty {
                    sheet.cells.append(texts)
                    sheet.numbers.append(row.number)
                }
            }
        default:
            let data = try DataReader.read(path: path, options: options)
            sheet.header = data.records.first?.order ?? []
            for (record, location) in zip(data.records, data.locations) {
                sheet.cells.append(sheet.header.map { (record[$0]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) })
                sheet.numbers.append(location.row ?? (sheet.numbers.count + 2))
            }
        }
        return sheet
    }
}

/// Finds the columns of an input sheet by header, whatever order and spacing the clerk's copy
/// has (`HeaderName.normalize`), and reads a cell as text with its location — file, row and the
/// header as written — for the messages.
struct SheetColumns {
    let sheet: SheetRows
    private var columns: [String: Int] = [:]  // wanted name → column index

    init(_ sheet: SheetRows, required: [String], optional: [String] = [], aliases: [String: [String]] = [:]) throws(DiagnosticError) {
        self.sheet = sheet
        let written = sheet.header.map(HeaderName.normalize)
        for name in required + optional {
            let names = ([name] + (aliases[name] ?? [])).map(HeaderName.normalize)
            if let index = written.firstIndex(where: { names.contains($0) }) { columns[name] = index }
        }
        let missing = required.filter { columns[$0] == nil }
        if !sheet.cells.isEmpty, !missing.isEmpty {
            throw RegisterError.make("register-missing-column", "表中缺少列：\(missing.joined(separator: "、")) / missing columns",
                                     at: DataLocation(file: sheet.file, row: 1))
        }
    }

    var file: String { sheet.file }
    var indices: Range<Int> { sheet.cells.indices }
    func rowNumber(_ index: Int) -> Int { sheet.numbers[index] }

    /// The trimmed text of a cell, "" when the column is absent or the cell empty.
    func text(_ index: Int, _ name: String) -> String {
        guard let column = columns[name] else { return "" }
        let row = sheet.cells[index]
        return column < row.count ? row[column] : ""
    }

    /// The cell's location: its row, with the column header as written in the sheet.
    func location(_ index: Int, _ name: String) -> DataLocation {
        DataLocation(file: sheet.file, row: sheet.numbers[index], field: columns[name].map { sheet.header[$0] } ?? name)
    }
}
