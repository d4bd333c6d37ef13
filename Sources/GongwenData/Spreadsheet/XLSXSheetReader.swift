import Foundation
import GongwenFormat
import GongwenModel

/// Streams `<sheetData>` of one worksheet part into table rows, one row per call, as the XML
/// reader pulls the part (inflated as it goes: `PartStream`).
final class SheetReader: RowSource {
    /// More cells than any office sheet holds is an attack or a broken file. Counted as the
    /// rows are laid out, empty cells before a filled one included: a cell in column XFD makes
    /// its row 16,384 cells wide, and a sheet of such rows is work and memory, not data.
    static let maximumCells = 20_000_000
    static let maximumColumns = 16_384
    /// Row numbers beyond any spreadsheet's (Excel's last row is 1,048,576) are clamped here,
    /// so a following row's number cannot overflow.
    static let maximumRowNumber = 1 << 31

    private let reader: XMLPullReader
    let file: String
    let strings: [String]
    let styles: CellStyles
    let date1904: Bool
    /// The last row read (a row without its number follows it) and the cells read so far.
    private var row = Table.Row(number: 0, cells: [])
    private var cells = 0

    init(reader: XMLPullReader, file: String, strings: [String], styles: CellStyles, date1904: Bool) {
        self.reader = reader
        self.file = file
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
    }

    func nextRow() throws(DiagnosticError) -> Table.Row? {
        var cell: (column: Int, type: String?, style: Int?)?
        var value = ""
        var inline = ""
        var collecting: Collect = .none
        while let event = try reader.next() {
            switch event {
            case .start("row", let a, let isEmpty):
                let number = min(a["r"].flatMap { Int($0) } ?? row.number + 1, Self.maximumRowNumber)
                row = Table.Row(number: number, cells: [])
                if isEmpty { return row }
            case .end("row"):
                return row
            case .start("c", let a, let isEmpty):
                let column = a["r"].flatMap { ColumnName.index(ofReference: $0) } ?? row.cells.count
                guard column < Self.maximumColumns else { throw tooLarge() }
                cell = (column, a["t"], a["s"].flatMap { Int($0) })
                value = ""
                inline = ""
                if isEmpty { cell = nil }
            case .start("v", _, _):
                collecting = .value
            case .start("t", _, _) where cell?.type == "inlineStr":
                collecting = .inline
            case .start("rPh", _, let isEmpty):
                if !isEmpty { try reader.skipElement() }
            case .start("f", _, let isEmpty):
                // Formulas: only the cached result in <v> is read, never the formula.
                if !isEmpty { try reader.skipElement() }
            case .end("v"), .end("t"):
                collecting = .none
            case .text(let s):
                switch collecting {
                case .value: value += s
                case .inline: inline += s
                case .none: break
                }
                // Rich-text runs are joined: a cell of many runs of the longest text libxml2 allows
                // would otherwise grow without end.
                if value.utf8.count + inline.utf8.count > TableRecords.maximumCellBytes, let current = cell {
                    throw DiagnosticError(Diagnostic(
                        id: "data-cell-too-long",
                        message: "内容过长（超过 \(TableRecords.maximumCellLength) 个字符） / cell text too long",
                        dataLocation: DataLocation(file: file, row: row.number, field: ColumnName.letters(current.column) + "列")))
                }
            case .end("c"):
                guard let current = cell else { continue }
                let v = try convert(type: current.type, style: current.style, value: value, inline: inline,
                                    at: DataLocation(file: file, row: row.number, field: ColumnName.letters(current.column) + "列"))
                if row.cells.count <= current.column {
                    let added = current.column - row.cells.count + 1
                    cells += added
                    guard cells <= Self.maximumCells else { throw tooLarge() }
                    row.cells.append(contentsOf: repeatElement(Value.null, count: added))
                }
                row.cells[current.column] = v
                cell = nil
            default:
                break
            }
        }
        return nil
    }

    private enum Collect { case none, value, inline }

    /// The value a cell shows, from its type attribute and number format.
    private func convert(type: String?, style: Int?, value: String, inline: String, at location: DataLocation) throws(DiagnosticError) -> Value {
        switch type {
        case "s":
            guard let index = Int(value), index >= 0, index < strings.count else {
                throw DiagnosticError(Diagnostic(id: "spreadsheet-corrupt", message: "单元格引用了不存在的共享字符串 / bad shared string index",
                                                 dataLocation: location))
            }
            return .string(strings[index])
        case "inlineStr":
            return .string(inline)
        case "str":
            return .string(value)
        case "b":
            return .bool(value == "1" || value == "true")
        case "e":
            return .string(value)  // #DIV/0!, #N/A …: text that no number field accepts
        case "d":
            return .string(value)  // ISO 8601 date, written by some producers
        default:
            if value.isEmpty { return .null }
            return SpreadsheetNumber.value(value, kind: styles.kind(style), date1904: date1904)
        }
    }

    private func tooLarge() -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "spreadsheet-too-large",
                                   message: "工作表过大（单元格过多，读到第\(row.number)行时超过 \(Self.maximumCells) 个，空单元格也计在内） / sheet has too many cells",
                                   dataLocation: DataLocation(file: file, row: row.number)))
    }
}

/// Numbers as spreadsheets store them (binary doubles written in up to 17 digits) turned into
/// what the user sees: 15 significant digits like Excel's display, the decimals of the cell's
/// number format, dates under a date format, percentages as `12.5%`.
enum SpreadsheetNumber {
    static func value(_ raw: String, kind: CellStyles.Kind, date1904: Bool) -> Value {
        // A whole number of at most 15 digits written plainly (a count, a phone number, a code)
        // is what Excel shows, as it is: no formatting through Double and Decimal, the slow part
        // of reading a large sheet.
        if case .general = kind, raw.utf8.count <= 15, let whole = Int(raw), String(whole) == raw {
            return .number(Number(Decimal(whole), literal: raw))
        }
        // Beyond what Decimal holds (1E+300): kept as the text, which no number field accepts.
        guard let double = Double(raw), double.isFinite, double == 0 || (1e-100...1e100).contains(abs(double)) else { return .string(raw) }
        switch kind {
        case .date:
            let serial = double + (date1904 ? 1462 : 0)
            let days = serial.rounded(.down)
            guard let date = try? CivilDate(excelSerial: Decimal(days)) else { return .string(raw) }
            let iso = date.iso
            let seconds = Int(((serial - days) * 86_400).rounded())
            if seconds == 0 { return .string(iso) }
            return .string(iso + String(format: " %02d:%02d", seconds / 3600, seconds % 3600 / 60))
        case .percent(let decimals):
            return .string(fixed(double * 100, decimals: decimals) + "%")
        case .fixed(let decimals):
            let text = fixed(double, decimals: decimals)
            return .number(Number(Decimal(string: text, locale: posix) ?? Decimal(double), literal: text))
        case .general:
            let text = shortest(double)
            return .number(Number(Decimal(string: text, locale: posix) ?? Decimal(double), literal: text))
        }
    }

    /// 15 significant digits, no exponent for the magnitudes of statistics, no trailing zeros.
    static func shortest(_ double: Double) -> String {
        var text = String(format: "%.15g", double)
        if text.contains("e") {
            text = Number.format(Decimal(string: text, locale: posix) ?? Decimal(double))
        }
        return text
    }

    /// Rounded half away from zero to `decimals` places, as Excel shows it.
    static func fixed(_ double: Double, decimals: Int) -> String {
        let exact = Decimal(string: shortest(double), locale: posix) ?? Decimal(double)
        var input = exact
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, decimals, .plain)
        let text = Number.format(rounded)
        guard decimals > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }

    static let posix = Locale(identifier: "en_US_POSIX")
}
