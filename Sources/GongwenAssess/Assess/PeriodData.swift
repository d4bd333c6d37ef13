import Foundation
import GongwenData
import GongwenFormat
import GongwenModel

/// One period's indicator sheet, read once into positions the rules use: per row the figures of each
/// indicator (number and the text as written), targets, facts, leaders and ranking groups, with the row
/// number and the column headers kept for explanations and errors.
struct PeriodData {
    struct Row {
        var number: Int
        var code: String
        var name: String
        var parent: String
        var values: [Double?]
        var valueTexts: [String]
        var targets: [Double?]
        var targetTexts: [String]
        var texts: [String?]
        var leaders: [String]
        /// Per ranking: the group (范围 column value), "" for 全部.
        var groups: [String]
    }

    /// The file's name as shown in explanations, and the path as given (for errors).
    var fileName: String
    var path: String
    var headerRow: Int
    var rows: [Row]

    static func read(path: String, rules: AssessmentRules) throws(DiagnosticError) -> PeriodData {
        let table = try DataReader.table(path: path)
        return try read(table: table, path: path, rules: rules)
    }

    static func read(table: GongwenData.Table, path: String, rules: AssessmentRules) throws(DiagnosticError) -> PeriodData {
        var bag = DiagnosticBag()
        guard let header = table.rows.first(where: { row in row.cells.contains { !$0.text.isEmpty } }) else {
            throw DiagnosticError(Diagnostic(id: "data-empty", message: "数据文件没有表头行 / the data has no header row",
                                             dataLocation: DataLocation(file: path)))
        }
        var columns: [String: Int] = [:]
        for (i, cell) in header.cells.enumerated() {
            let name = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty, columns[name] == nil { columns[name] = i }
        }
        func column(_ name: String, for what: String) -> Int {
            if let i = columns[name] { return i }
            bag.append(Diagnostic(id: "data-missing-column",
                                  message: "数据缺少\(what)列“\(name)”（表头在第\(header.number)行；考核办法 \(rules.file) 要求此列） / column '\(name)' is missing",
                                  dataLocation: DataLocation(file: path, row: header.number, field: name)))
            return -1
        }
        let code = column(rules.region.code, for: "地区代码")
        let name = column(rules.region.name, for: "地区名称")
        let parent = rules.region.parent.map { column($0, for: "上级") } ?? -1
        let leaders = rules.leaders.map { column($0.column, for: "负责人") }
        let values = rules.indicators.map { column($0.column, for: "指标") }
        let targets = rules.indicators.map { ind in ind.targetColumn.map { column($0, for: "目标") } ?? -1 }
        let texts = rules.facts.map { column($0.column, for: "情况") }
        let groups = rules.rankings.map { r in r.groupColumn.map { column($0, for: "排名范围") } ?? -1 }
        try bag.throwIfErrors()

        func cell(_ row: GongwenData.Table.Row, _ i: Int) -> Value { i >= 0 && i < row.cells.count ? row.cells[i] : .null }
        func text(_ v: Value) -> String {
            switch v {
            case .null: ""
            case .string(let s): trim(s)
            case .number(let n): n.literal ?? n.text
            default: v.text
            }
        }
        // The header is only needed for an error: taken as an autoclosure so the figures' loop neither
        // copies an Indicator (its strings retained and released) nor retains the column name per cell.
        func number(_ v: Value, _ row: Int, _ header: @autoclosure () -> String) -> (Double?, String) {
            switch v {
            case .null: return (nil, "")
            case .number(let n):
                return (n.literal.flatMap(Double.init) ?? NSDecimalNumber(decimal: n.value).doubleValue, n.literal ?? n.text)
            default:
                let shown = text(v)
                if shown.isEmpty { return (nil, "") }
                if let d = parseNumber(shown) { return (d, shown) }
                bag.append(Diagnostic(id: "data-not-a-number", message: "“\(shown)”不是数字 / not a number",
                                      dataLocation: DataLocation(file: path, row: row, field: header())))
                return (nil, shown)
            }
        }

        let indicatorCount = rules.indicators.count, factCount = rules.facts.count
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        rows.reserveCapacity(table.rows.count)
        for row in table.rows where row.number > header.number {
            if !row.cells.contains(where: { !text($0).isEmpty }) { continue }
            let c = text(cell(row, code))
            if c.isEmpty {
                bag.append(Diagnostic(id: "data-missing-code", message: "缺少地区代码 / no jurisdiction code",
                                      dataLocation: DataLocation(file: path, row: row.number, field: rules.region.code)))
                continue
            }
            if let first = seen[c] {
                bag.append(Diagnostic(id: "data-duplicate-code",
                                      message: "地区代码 \(c) 重复：第\(first)行和第\(row.number)行 / duplicate code in rows \(first) and \(row.number)",
                                      dataLocation: DataLocation(file: path, row: row.number, field: rules.region.code)))
                continue
            }
            seen[c] = row.number
            var r = Row(number: row.number, code: c, name: text(cell(row, name)), parent: text(cell(row, parent)),
                        values: [], valueTexts: [], targets: [], targetTexts: [], texts: [], leaders: [], groups: [])
            // Sized once: growing four arrays by appends was 85 M instructions of 416 M for 3 periods of
            // 3,000 rows (callgrind), and copying each Indicator / Fact out of the rules another 35 M.
            r.values.reserveCapacity(indicatorCount)
            r.valueTexts.reserveCapacity(indicatorCount)
            r.targets.reserveCapacity(indicatorCount)
            r.targetTexts.reserveCapacity(indicatorCount)
            r.texts.reserveCapacity(factCount)
            for i in 0..<indicatorCount {
                let (v, t) = number(cell(row, values[i]), row.number, rules.indicators[i].column)
                r.values.append(v)
                r.valueTexts.append(t)
                let (tv, tt) = targets[i] >= 0 ? number(cell(row, targets[i]), row.number, rules.indicators[i].targetColumn ?? "") : (nil, "")
                r.targets.append(tv)
                r.targetTexts.append(tt)
            }
            for i in 0..<factCount {
                let t = text(cell(row, texts[i]))
                if !t.isEmpty, !rules.facts[i].allowed.isEmpty, !rules.facts[i].allowed.contains(t) {
                    let fact = rules.facts[i]
                    bag.append(Diagnostic(id: "data-not-in-list",
                                          message: "“\(t)”不是“\(fact.name)”的可选值（\(fact.allowed.joined(separator: "、"))） / not one of the allowed values",
                                          dataLocation: DataLocation(file: path, row: row.number, field: fact.column)))
                }
                r.texts.append(t.isEmpty ? nil : t)
            }
            r.leaders = leaders.map { text(cell(row, $0)) }
            r.groups = groups.map { $0 >= 0 ? text(cell(row, $0)) : "" }
            rows.append(r)
        }
        try bag.throwIfErrors()
        return PeriodData(fileName: (path as NSString).lastPathComponent, path: path, headerRow: header.number, rows: rows)
    }

    /// `text` without surrounding white space; the common case (none) costs two scalar checks.
    static func trim(_ text: String) -> String {
        // The end scalars decoded from the UTF-8 bytes: `unicodeScalars.first` / `.last` were 53 M
        // instructions for 216,000 cells of 3 periods of 3,000 rows (callgrind). Same scalars, same test.
        let ends: (first: UInt32, last: UInt32)?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty ? nil : (scalar(bytes, at: 0), scalar(bytes, at: lastScalarStart(bytes)))
        }
        let first: UInt32, last: UInt32
        if let ends {
            guard let ends else { return text }
            (first, last) = ends
        } else {
            guard let f = text.unicodeScalars.first, let l = text.unicodeScalars.last else { return text }
            (first, last) = (f.value, l.value)
        }
        if first > 0x20, first < 0x7F || (0x4E00...0x9FFF).contains(first),
           last > 0x20, last < 0x7F || (0x4E00...0x9FFF).contains(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The scalar whose (valid, as every String's is) UTF-8 starts at `i`.
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return b0 }
        if b0 < 0xE0 { return (b0 & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F }
        if b0 < 0xF0 { return (b0 & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F }
        return (b0 & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F
    }

    /// Where the last scalar of non-empty UTF-8 starts: back over its continuation bytes (10xxxxxx).
    private static func lastScalarStart(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = b.count - 1
        while i > 0, b[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// A figure as offices write it: `12.85‰`, `93.5%`, `1,234.5`, with full-width digits and signs folded.
    static func parseNumber(_ raw: String) -> Double? {
        // Nearly every cell is plain decimal notation: read it without any cleaning.
        if let d = DecimalText.plainDecimal(raw) { return d }
        if let d = Double(raw), d.isFinite { return d }
        var s = raw.trimmingCharacters(in: .whitespaces)
        if let last = s.last, last == "‰" || last == "%" || last == "％" { s.removeLast() }
        if s.unicodeScalars.contains(where: { $0.value >= 0xFF00 }) {
            s = s.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? s
        }
        s = s.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }
}
