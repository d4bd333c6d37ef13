import Foundation
import GongwenFormat
import GongwenModel

/// Reads one sheet of an Office Open XML workbook (.xlsx, as Excel and WPS save it) into a
/// `Table`: shared and inline strings, numbers (shown with the decimals of their number format,
/// as the user sees them), booleans, dates stored as serial numbers under a date format, the
/// cached values of formulas, and errors such as `#DIV/0!` as text the contract will reject.
enum XLSXReader {
    static func table(path: String, file: String, sheet wanted: String?) throws(DiagnosticError) -> Table {
        let (rows, sheet) = try rows(path: path, file: file, sheet: wanted)
        var table = Table(file: file, sheet: sheet, rows: [], fixedWidth: false)
        while let row = try rows.nextRow() { table.rows.append(row) }
        return table
    }

    /// The rows of one sheet, read as its part is inflated: the sheet's XML is never held
    /// whole (the shared strings are: cells refer to them by number). Returns the sheet's name.
    static func rows(path: String, file: String, sheet wanted: String?) throws(DiagnosticError) -> (rows: SheetReader, sheet: String) {
        let zip = try ZipParts(path: path, file: file)
        let workbookPath = try officeDocumentPath(zip, file: file)
        let workbook = try Workbook.read(zip, path: workbookPath, file: file)
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
        let strings = try zip.read(resolve("sharedStrings.xml", relativeTo: base, rels: workbook.relationships, type: "sharedStrings"))
            .map { bytes throws(DiagnosticError) in try SharedStrings.read(bytes, file: file) } ?? []
        let styles = try zip.read(resolve("styles.xml", relativeTo: base, rels: workbook.relationships, type: "styles"))
            .map { bytes throws(DiagnosticError) in try CellStyles.read(bytes, file: file) } ?? CellStyles()
        guard let target = workbook.relationships[chosen.relationship]?.target, zip.contains(PartPath.join(base, target)) else {
            throw DiagnosticError(Diagnostic(id: "spreadsheet-corrupt", message: "工作表 “\(chosen.name)” 的内容缺失 / sheet part missing",
                                             dataLocation: DataLocation(file: file)))
        }
        // From here the archive belongs to the inflating thread.
        let stream = PartStream(zip: zip, name: PartPath.join(base, target), file: file)
        let reader = try XMLPullReader(stream: stream, part: target, file: file)
        return (SheetReader(reader: reader, file: file, strings: strings, styles: styles, date1904: workbook.date1904), chosen.name)
    }

    /// The workbook part named by the package relationships (`xl/workbook.xml` in practice).
    private static func officeDocumentPath(_ zip: ZipParts, file: String) throws(DiagnosticError) -> String {
        if let rels = try zip.read("_rels/.rels") {
            let relationships = try Relationships.read(rels, part: "_rels/.rels", file: file)
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
    static func read(_ bytes: [UInt8], part: String, file: String) throws(DiagnosticError) -> [String: Relationship] {
        let reader = try XMLPullReader(bytes, part: part, file: file)
        var result: [String: Relationship] = [:]
        while let event = try reader.next() {
            if case .start("Relationship", let a, _) = event, let id = a["Id"], let target = a["Target"], a["TargetMode"] != "External" {
                result[id] = Relationship(type: a["Type"] ?? "", target: target)
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

    static func read(_ zip: ZipParts, path: String, file: String) throws(DiagnosticError) -> Workbook {
        guard let bytes = try zip.read(path) else {
            throw DiagnosticError(Diagnostic(id: "spreadsheet-not-xlsx", message: "不是 Excel 工作簿：缺少 \(path) / workbook part missing",
                                             dataLocation: DataLocation(file: file)))
        }
        var workbook = Workbook()
        let reader = try XMLPullReader(bytes, part: path, file: file)
        while let event = try reader.next() {
            guard case .start(let name, let a, _) = event else { continue }
            switch name {
            case "sheet":
                if let sheetName = a["name"], let id = a["id"] { workbook.sheets.append(Sheet(name: sheetName, relationship: id)) }
            case "workbookPr":
                workbook.date1904 = a["date1904"] == "1" || a["date1904"] == "true"
            default:
                break
            }
        }
        let dir = (path as NSString).deletingLastPathComponent
        let relsPath = PartPath.join(dir, "_rels/" + (path as NSString).lastPathComponent + ".rels")
        if let rels = try zip.read(relsPath) {
            workbook.relationships = try Relationships.read(rels, part: relsPath, file: file)
        }
        return workbook
    }
}

/// `xl/sharedStrings.xml`: the text of every string cell, rich-text runs joined, phonetic
/// guides (`rPh`) left out.
enum SharedStrings {
    static func read(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> [String] {
        let reader = try XMLPullReader(bytes, part: "sharedStrings.xml", file: file)
        var strings: [String] = []
        var current = ""
        var inText = false
        while let event = try reader.next() {
            switch event {
            case .start("si", _, let isEmpty):
                current = ""
                if isEmpty { strings.append("") }
            case .start("rPh", _, let isEmpty):
                if !isEmpty { try reader.skipElement() }
            case .start("t", _, let isEmpty):
                inText = !isEmpty
            case .end("t"):
                inText = false
            case .end("si"):
                strings.append(current)
            case .text(let s) where inText:
                current += s
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

    static func read(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> CellStyles {
        let reader = try XMLPullReader(bytes, part: "styles.xml", file: file)
        var custom: [Int: String] = [:]
        var styles = CellStyles()
        var inCellXfs = false
        while let event = try reader.next() {
            switch event {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
            case .start("cellXfs", _, let isEmpty):
                inCellXfs = !isEmpty
            case .end("cellXfs"):
                inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                styles.kinds.append(kind(ofFormat: id, code: custom[id]))
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
