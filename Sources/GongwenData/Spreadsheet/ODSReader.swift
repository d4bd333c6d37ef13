import Foundation
import GongwenModel

/// Reads one table of an OpenDocument spreadsheet (.ods, as LibreOffice and WPS save it) into a
/// `Table`. Values come from the typed attributes (`office:value`, `office:date-value`,
/// `office:boolean-value`), and a number keeps the decimals it is displayed with when the cell's
/// text shows the same number. Repeated rows and columns (`number-rows-repeated`, used for the
/// million empty rows below the data) are counted, not expanded, unless data follows them.
enum ODSReader {
    static let maximumCells = SheetReader.maximumCells

    /// The table in memory: `content.xml` is read as it inflates, and every row kept (a repeated
    /// row as many times as it is repeated) is charged to `budget`.
    static func table(path: String, file: String, sheet wanted: String?, budget: ReadBudget? = nil) throws(DiagnosticError) -> Table {
        let zip = try ZipParts(path: path, file: file)
        var names: [String] = []
        var parser = TableParser(file: file, budget: budget ?? ReadBudget(file: file))
        let found = try zip.withXML("content.xml", file: file) { reader throws(DiagnosticError) -> Table? in
            while let event = try reader.next() {
                guard case .start("table", let a, let isEmpty) = event else { continue }
                let name = a["name"] ?? "Sheet\(names.count + 1)"
                if names.count < 10_000 { names.append(name) }
                let matches = wanted.map { $0 == name || HeaderName.normalize($0) == HeaderName.normalize(name) } ?? true
                if matches && !isEmpty {
                    let rows = try parser.rows(reader)
                    return Table(file: file, sheet: name, rows: rows, fixedWidth: false)
                }
                if !isEmpty { try reader.skipElement() }
            }
            return nil
        }
        guard let found else {
            throw DiagnosticError(Diagnostic(id: "spreadsheet-not-ods", message: "不是 OpenDocument 表格：缺少 content.xml / not an .ods file",
                                             dataLocation: DataLocation(file: file)))
        }
        if let table = found { return table }
        throw DiagnosticError(Diagnostic(
            id: wanted == nil ? "data-empty" : "data-sheet-not-found",
            message: wanted.map { "没有名为 “\($0)” 的工作表；有：\(names.map { "“\($0)”" }.joined(separator: "、")) / no such sheet" }
                ?? "表格文件中没有工作表 / no sheets",
            dataLocation: DataLocation(file: file)))
    }

    /// Reads `table:table-row`s until the end of the current `table:table`.
    private struct TableParser {
        let file: String
        let budget: ReadBudget
        var cellsSeen = 0

        init(file: String, budget: ReadBudget) {
            self.file = file
            self.budget = budget
        }

        /// A repeat count as given, within 1 and 2³⁰: sums of such counts cannot overflow.
        static func repeatCount(_ text: String?) -> Int {
            min(max(1, text.flatMap { Int($0) } ?? 1), 1 << 30)
        }

        mutating func rows(_ reader: XMLPullReader) throws(DiagnosticError) -> [Table.Row] {
            var rows: [Table.Row] = []
            var nextRow = 1
            var depth = 1
            while depth > 0, let event = try reader.next() {
                switch event {
                case .start("table-row", let a, let isEmpty):
                    let repeated = Self.repeatCount(a["number-rows-repeated"])
                    let cells = isEmpty ? [] : try rowCells(reader, row: nextRow)
                    if cells.contains(where: { $0 != .null }) {
                        guard repeated <= SheetReader.maximumCells / max(cells.count, 1) else { throw tooLarge(row: nextRow) }
                        // Each repeat is a row of its own once records are made from it.
                        let cost = ReadBudget.cost(of: Table.Row(number: nextRow, cells: cells))
                        for k in 0..<repeated {
                            try budget.charge(cost, part: "content.xml", row: nextRow + k)
                            rows.append(Table.Row(number: nextRow + k, cells: cells))
                            cellsSeen += cells.count
                            guard cellsSeen <= maximumCells else { throw tooLarge(row: nextRow + k) }
                        }
                    }
                    nextRow += repeated
                case .start(_, _, let isEmpty):
                    // table-header-rows, table-row-group, table-rows and others wrap rows.
                    if !isEmpty { depth += 1 }
                case .end:
                    depth -= 1
                case .text:
                    break
                }
            }
            return rows
        }

        /// The cells of one row; trailing empty cells dropped, repeated empty cells counted.
        private mutating func rowCells(_ reader: XMLPullReader, row: Int) throws(DiagnosticError) -> [Value] {
            var cells: [Value] = []
            var pendingEmpty = 0
            while let event = try reader.next() {
                switch event {
                case .start(let name, let a, let isEmpty) where name == "table-cell" || name == "covered-table-cell":
                    let repeated = Self.repeatCount(a["number-columns-repeated"])
                    let column = cells.count + pendingEmpty
                    let text = isEmpty ? "" : try cellText(reader, at: DataLocation(
                        file: file, row: row, field: ColumnName.letters(min(column, SheetReader.maximumColumns)) + "列"))
                    let value = cellValue(a, text: text)
                    if value == .null {
                        pendingEmpty = min(pendingEmpty + repeated, 1 << 40)
                    } else {
                        guard cells.count + pendingEmpty + repeated <= SheetReader.maximumColumns else { throw tooLarge(row: row) }
                        cells.append(contentsOf: repeatElement(.null, count: pendingEmpty))
                        pendingEmpty = 0
                        cells.append(contentsOf: repeatElement(value, count: repeated))
                    }
                case .start(_, _, let isEmpty):
                    if !isEmpty { try reader.skipElement() }
                case .end:
                    return cells  // end of table-row
                case .text:
                    break
                }
            }
            return cells
        }

        /// The displayed text: paragraphs joined by line breaks, `text:s` as spaces, `text:tab`
        /// and `text:line-break` as themselves; annotations (comments) left out.
        /// A cell longer than a cell can be (`text:s` repeats spaces: a few bytes of XML for a
        /// thousand characters) is refused at `location` before it grows further.
        private func cellText(_ reader: XMLPullReader, at location: DataLocation) throws(DiagnosticError) -> String {
            var paragraphs: [String] = []
            var length = 0
            var current = ""
            var depth = 1
            var inParagraph = false
            while depth > 0, let event = try reader.next() {
                if length + current.utf8.count > TableRecords.maximumCellBytes {
                    throw DiagnosticError(Diagnostic(
                        id: "data-cell-too-long", message: "内容过长（超过 \(TableRecords.maximumCellLength) 个字符） / cell text too long",
                        dataLocation: location))
                }
                switch event {
                case .start("annotation", _, let isEmpty):
                    if !isEmpty { try reader.skipElement() }
                case .start("p", _, let isEmpty):
                    if isEmpty { paragraphs.append(""); length += 1 } else { inParagraph = true; current = ""; depth += 1 }
                case .start("s", let a, let isEmpty):
                    current += String(repeating: " ", count: min(max(1, a["c"].flatMap { Int($0) } ?? 1), 1000))
                    if !isEmpty { depth += 1 }
                case .start("tab", _, let isEmpty):
                    current += "\t"
                    if !isEmpty { depth += 1 }
                case .start("line-break", _, let isEmpty):
                    current += "\n"
                    if !isEmpty { depth += 1 }
                case .start(_, _, let isEmpty):
                    if !isEmpty { depth += 1 }
                case .end(let name):
                    depth -= 1
                    if name == "p" && inParagraph && depth == 1 {
                        paragraphs.append(current)
                        length += current.utf8.count + 1
                        current = ""
                        inParagraph = false
                    }
                case .text(let s):
                    if inParagraph { current += s }
                }
            }
            return paragraphs.joined(separator: "\n")
        }

        private func cellValue(_ a: [String: String], text: String) -> Value {
            switch a["value-type"] {
            case "float", "currency":
                guard let raw = a["value"], let double = Double(raw), double.isFinite, double == 0 || (1e-100...1e100).contains(abs(double)) else {
                    return text.isEmpty ? .null : .string(text)
                }
                let shortest = SpreadsheetNumber.shortest(double)
                let decimal = Decimal(string: shortest, locale: SpreadsheetNumber.posix) ?? Decimal(double)
                // Keep the displayed form (13.00) when it is the same number in plain notation.
                if let shown = Number(parsing: text), shown.value == decimal { return .number(shown) }
                return .number(Number(decimal, literal: shortest))
            case "percentage":
                guard let raw = a["value"], let double = Double(raw), double.isFinite else { return .string(text) }
                if text.hasSuffix("%") && !text.contains(" ") { return .string(text) }
                return .string(SpreadsheetNumber.shortest(double * 100) + "%")
            case "date":
                guard let raw = a["date-value"] else { return .string(text) }
                if raw.hasSuffix("T00:00:00") { return .string(String(raw.dropLast(9))) }
                return .string(raw.replacingOccurrences(of: "T", with: " ").split(separator: ":").prefix(2).joined(separator: ":"))
            case "boolean":
                return .bool(a["boolean-value"] == "true")
            default:
                return text.isEmpty ? .null : .string(text)
            }
        }

        private func tooLarge(row: Int) -> DiagnosticError {
            DiagnosticError(Diagnostic(id: "spreadsheet-too-large",
                                       message: "工作表过大（单元格过多，读到第\(row)行时） / sheet has too many cells",
                                       dataLocation: DataLocation(file: file, row: row)))
        }
    }
}
