import Foundation
import GongwenFormat
import GongwenModel

/// Reads one sheet of an Office Open XML workbook (.xlsx, as Excel and WPS save it) into a
/// `Table`: shared and inline strings, numbers (shown with the decimals of their number format,
/// as the user sees them), booleans, dates stored as serial numbers under a date format, the
/// cached values of formulas, and errors such as `#DIV/0!` as text the contract will reject.
enum XLSXReader {
    /// The whole sheet in memory: every row is charged to `budget` as it is kept.
    static func table(path: String, file: String, sheet wanted: String?, budget: ReadBudget? = nil) throws(DiagnosticError) -> Table {
        let budget = budget ?? ReadBudget(file: file)
        let (rows, sheet, part) = try open(path: path, file: file, sheet: wanted, budget: budget)
        var table = Table(file: file, sheet: sheet, rows: [], fixedWidth: false)
        while let row = try rows.nextRow() {
            try budget.charge(ReadBudget.cost(of: row), part: part, row: row.number)
            table.rows.append(row)
        }
        return table
    }

    /// The rows of one sheet, read as its part is inflated: the sheet's XML is never held
    /// whole (the shared strings are: cells refer to them by number). Returns the sheet's name.
    static func rows(path: String, file: String, sheet wanted: String?, budget: ReadBudget? = nil) throws(DiagnosticError) -> (rows: SheetReader, sheet: String) {
        let (rows, sheet, _) = try open(path: path, file: file, sheet: wanted, budget: budget ?? ReadBudget(file: file))
        return (rows, sheet)
    }

    /// The names of the workbook's sheets, in the order Excel shows their tabs (for a page that
    /// lets a clerk choose one instead of typing it).
    static func sheetNames(path: String, file: String) throws(DiagnosticError) -> [String] {
        let budget = ReadBudget(file: file)
        let zip = try ZipParts(path: path, file: file)
        let workbook = try Workbook.read(zip, path: try officeDocumentPath(zip, file: file, budget: budget), file: file, budget: budget)
        return workbook.sheets.map(\.name)
    }

    /// The sheet's rows, its name and its part; the shared strings, formats and relationships
    /// read on the way are charged to `budget`.
    private static func open(path: String, file: String, sheet wanted: String?,
                             budget: ReadBudget) throws(DiagnosticError) -> (rows: SheetReader, sheet: String, part: String) {
        let zip = try ZipParts(path: path, file: file)
        let workbookPath = try officeDocumentPath(zip, file: file, budget: budget)
        let workbook = try Workbook.read(zip, path: workbookPath, file: file, budget: budget)
        let chosen: Workbook.Sheet
        if let wanted {
            guard let match = workbook.sheets.first(where: { $0.name == wanted })
                    ?? workbook.sheets.first(where: { HeaderName.normalize($0.name) == HeaderName.normalize(wanted) }) else {
                throw DiagnosticError(Diagnostic(
                    id: "data-sheet-not-found",
                    message: "没有名为 “\(wanted)” 的工作表；有：\(workbook.sheets.map { "“\($0.name)”" }.joined(separator: "、")) / no such sheet",
                    dataLocation: DataLocation(file: file)))
            }
            chosen = match
        } else {
            guard let first = workbook.sheets.first else {
                throw DiagnosticError(Diagnostic(id: "data-empty", message: "工作簿中没有工作表 / the workbook has no sheets",
                                                 dataLocation: DataLocation(file: file)))
            }
            chosen = first
        }
        let base = (workbookPath as NSString).deletingLastPathComponent
        let stringsPart = resolve("sharedStrings.xml", relativeTo: base, rels: workbook.relationships, type: "sharedStrings")
        let strings = try zip.withXML(stringsPart, file: file) { reader throws(DiagnosticError) in
            try SharedStrings.read(reader, part: stringsPart, budget: budget)
        } ?? []
        let stylesPart = resolve("styles.xml", relativeTo: base, rels: workbook.relationships, type: "styles")
        let styles = try zip.withXML(stylesPart, file: file) { reader throws(DiagnosticError) in
            try CellStyles.read(reader, part: stylesPart, budget: budget)
        } ?? CellStyles()
        guard let target = workbook.relationships[chosen.relationship]?.target, zip.contains(PartPath.join(base, target)) else {
            throw DiagnosticError(Diagnostic(id: "spreadsheet-corrupt", message: "工作表 “\(chosen.name)” 的内容缺失 / sheet part missing",
                                             dataLocation: DataLocation(file: file)))
        }
        // From here the archive belongs to the inflating thread.
        let part = PartPath.join(base, target)
        let stream = PartStream(zip: zip, name: part, file: file)
        let reader = try XMLPullReader(stream: stream, part: part, file: file)
        return (SheetReader(reader: reader, file: file, strings: strings, styles: styles, date1904: workbook.date1904), chosen.name, part)
    }

    /// The workbook part named by the package relationships (`xl/workbook.xml` in practice).
    private static func officeDocumentPath(_ zip: ZipParts, file: String, budget: ReadBudget) throws(DiagnosticError) -> String {
        if let relationships = try zip.withXML("_rels/.rels", file: file, { reader throws(DiagnosticError) in
            try Relationships.read(reader, part: "_rels/.rels", budget: budget)
        }) {
            if let main = relationships.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                return PartPath.join("", main.target)
            }
        }
        if zip.contains("xl/workbook.xml") { return "xl/workbook.xml" }
        throw DiagnosticError(Diagnostic(
            id: "spreadsheet-not-xlsx", message: "不是 Excel 工作簿（.xlsx）：找不到 workbook.xml。旧的 .xls 格式请先另存为 .xlsx / not an .xlsx workbook",
            dataLocation: DataLocation(file: file)))
    }

    private static func resolve(_ fallback: String, relativeTo base: String, rels: [String: Relationship], type: String) -> String {
        if let r = rels.values.first(where: { $0.type.hasSuffix("/" + type) }) { return PartPath.join(base, r.target) }
        return PartPath.join(base, fallback)
    }
}

/// A relationship from a `.rels` part. External targets (links to other files or to the web)
/// are dropped when read, so nothing outside the archive is ever opened.
struct Relationship {
    var type: String
    var target: String
}

enum Relationships {
    static func read(_ reader: XMLPullReader, part: String, budget: ReadBudget) throws(DiagnosticError) -> [String: Relationship] {
        var result: [String: Relationship] = [:]
        while let event = try reader.next() {
            if case .start("Relationship", let a, _) = event, let id = a["Id"], let target = a["Target"], a["TargetMode"] != "External" {
                let type = a["Type"] ?? ""
                // A dictionary entry costs about twice its key and value.
                try budget.charge(2 * (ReadBudget.cost(of: id) + ReadBudget.cost(of: type) + ReadBudget.cost(of: target)), part: part)
                result[id] = Relationship(type: type, target: target)
            }
        }
        return result
    }
}

/// Paths inside the archive: targets are relative to the referring part's folder, or absolute
/// from the archive root; `..` is resolved within the archive and can never leave it.
enum PartPath {
    static func join(_ base: String, _ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: the sheets in order, and whether dates count from 1904.
struct Workbook {
    struct Sheet {
        var name: String
        var relationship: String
    }

    var sheets: [Sheet] = []
    var date1904 = false
    var relationships: [String: Relationship] = [:]

    static func read(_ zip: ZipParts, path: String, file: String, budget: ReadBudget) throws(DiagnosticError) -> Workbook {
        let read = try zip.withXML(path, file: file) { reader throws(DiagnosticError) in
            var workbook = Workbook()
            while let event = try reader.next() {
                guard case .start(let name, let a, _) = event else { continue }
                switch name {
                case "sheet":
                    if let sheetName = a["name"], let id = a["id"] {
                        try budget.charge(2 * (ReadBudget.cost(of: sheetName) + ReadBudget.cost(of: id)), part: path)
                        workbook.sheets.append(Sheet(name: sheetName, relationship: id))
                    }
                case "workbookPr":
                    workbook.date1904 = a["date1904"] == "1" || a["date1904"] == "true"
                default:
                    break
                }
            }
            return workbook
        }
        guard var workbook = read else {
            throw DiagnosticError(Diagnostic(id: "spreadsheet-not-xlsx", message: "不是 Excel 工作簿：缺少 \(path) / workbook part missing",
                                             dataLocation: DataLocation(file: file)))
        }
        let dir = (path as NSString).deletingLastPathComponent
        let relsPath = PartPath.join(dir, "_rels/" + (path as NSString).lastPathComponent + ".rels")
        if let relationships = try zip.withXML(relsPath, file: file, { reader throws(DiagnosticError) in
            try Relationships.read(reader, part: relsPath, budget: budget)
        }) {
            workbook.relationships = relationships
        }
        return workbook
    }
}

/// `xl/sharedStrings.xml`: the text of every string cell, rich-text runs joined, phonetic
/// guides (`rPh`) left out.
enum SharedStrings {
    /// Every entry is charged to `budget` (an empty one too: it still takes a slot), and an entry
    /// longer than a cell can be is refused before it grows further.
    static func read(_ reader: XMLPullReader, part: String, budget: ReadBudget) throws(DiagnosticError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        func add(_ string: String) throws(DiagnosticError) {
            // Twice the slot: the array grows by doubling.
            try budget.charge(ReadBudget.cost(of: string) + MemoryLayout<String>.stride, part: part)
            strings.append(string)
        }
        while let event = try reader.next() {
            switch event {
            case .start("si", _, let isEmpty):
                current = ""
                if isEmpty { try add("") }
            case .start("rPh", _, let isEmpty):
                if !isEmpty { try reader.skipElement() }
            case .start("t", _, let isEmpty):
                inText = !isEmpty
            case .end("t"):
                inText = false
            case .end("si"):
                try add(current)
            case .text(let s) where inText:
                current += s
                if current.utf8.count > TableRecords.maximumCellBytes {
                    throw DiagnosticError(Diagnostic(
                        id: "data-cell-too-long",
                        message: "“\(part)” 中第 \(strings.count + 1) 条共享字符串过长（超过 \(TableRecords.maximumCellLength) 个字符），"
                            + "可能是恶意或损坏的文件 / shared string too long",
                        dataLocation: DataLocation(file: budget.file)))
                }
            default:
                break
            }
        }
        return strings
    }
}

/// `xl/styles.xml`, as far as reading values needs it: which cell formats show dates,
/// percentages or a fixed number of decimals.
struct CellStyles {
    enum Kind: Equatable {
        case general
        case date
        case percent(decimals: Int)
        case fixed(decimals: Int)
    }

    /// Indexed by a cell's `s` attribute.
    var kinds: [Kind] = []

    func kind(_ index: Int?) -> Kind {
        guard let index, index >= 0, index < kinds.count else { return .general }
        return kinds[index]
    }

    /// Every number format and cell format is charged to `budget`.
    static func read(_ reader: XMLPullReader, part: String, budget: ReadBudget) throws(DiagnosticError) -> CellStyles {
        var custom: [Int: String] = [:]
        var known: [Int: Kind] = [:]
        var styles = CellStyles()
        var inCellXfs = false
        while let event = try reader.next() {
            switch event {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] {
                    try budget.charge(2 * (ReadBudget.cost(of: code) + MemoryLayout<Int>.stride), part: part)
                    custom[id] = code
                    known[id] = nil
                }
            case .start("cellXfs", _, let isEmpty):
                inCellXfs = !isEmpty
            case .end("cellXfs"):
                inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                try budget.charge(2 * MemoryLayout<Kind>.stride, part: part)
                // Once per format, not per cell format: a long code read for each of millions
                // of cell formats would take hours.
                let kind = known[id] ?? kind(ofFormat: id, code: custom[id])
                known[id] = kind
                styles.kinds.append(kind)
            default:
                break
            }
        }
        return styles
    }

    /// Built-in formats (ECMA-376 §18.8.30, with the East Asian ids 27–36 and 50–58 that Excel
    /// and WPS use for 年月日 dates), or the kind a custom format code shows.
    static func kind(ofFormat id: Int, code: String?) -> Kind {
        if let code { return kind(ofCode: code) }
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return .date
        case 9: return .percent(decimals: 0)
        case 10: return .percent(decimals: 2)
        case 2, 4: return .fixed(decimals: 2)
        case 1, 3: return .fixed(decimals: 0)
        default: return .general
        }
    }

    static func kind(ofCode code: String) -> Kind {
        // Only the first section (positive numbers) matters; quoted text, escapes and
        // [colour]/[locale] brackets are not part of the pattern.
        var pattern = ""
        var inQuote = false, inBracket = false, escape = false
        for ch in code {
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escape = true
            case ";": break
            default: pattern.append(ch); continue
            }
            if ch == ";" { break }
        }
        let lower = pattern.lowercased()
        if lower == "general" || lower == "@" { return .general }
        if lower.contains("y") || lower.contains("d") { return .date }
        if lower.contains(where: { "mhs".contains($0) }) && !lower.contains("0") && !lower.contains("#") { return .date }
        let decimals: Int
        if let dot = pattern.firstIndex(of: ".") {
            decimals = pattern[pattern.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count { $0 == "0" }
        } else {
            decimals = 0
        }
        if pattern.contains("%") { return .percent(decimals: decimals) }
        if pattern.contains("0") { return .fixed(decimals: decimals) }
        return .general
    }
}
