import Foundation
import GongwenModel
import GongwenZip

/// A small .xlsx (Office Open XML spreadsheet) of a few sheets of text and number cells: what the
/// office opens in Excel or WPS. Inline strings, no shared-string table and no styles beyond a bold
/// header row — enough for reports, and nothing a clerk's spreadsheet program has to guess at.
public struct Workbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters (Excel's unit), first column first; missing ones default.
        public var widths: [Double]

        public init(name: String, rows: [[Cell]], widths: [Double] = []) {
            self.name = name
            self.rows = rows
            self.widths = widths
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The package's bytes.
    public func bytes() -> [UInt8] {
        let zip = ZipWriter()
        var entries = [
            zip.entry("[Content_Types].xml", Array(contentTypes.utf8)),
            zip.entry("_rels/.rels", Array(Self.rootRelationships.utf8)),
            zip.entry("xl/workbook.xml", Array(workbook.utf8)),
            zip.entry("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            zip.entry("xl/styles.xml", Array(Self.styles.utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            entries.append(zip.entry("xl/worksheets/sheet\(i + 1).xml", Array(Self.worksheet(sheet).utf8)))
        }
        return ZipWriter.archive(entries)
    }

    private var contentTypes: String {
        let sheetTypes = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheetTypes)</Types>
            """
    }

    private static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private var workbook: String {
        let list = sheets.enumerated().map { i, sheet in
            "<sheet name=\"\(Self.escaped(Self.sheetName(sheet.name)))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(list)</sheets></workbook>
            """
    }

    private var workbookRelationships: String {
        var list = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }
        list.append("<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(list.joined())</Relationships>
            """
    }

    /// Style 0: plain; style 1: bold (the header row); style 2: wrapped text (long explanations).
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>\
        </styleSheet>
        """

    static func worksheet(_ sheet: Sheet) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
            """
        if !sheet.widths.isEmpty {
            out += "<cols>"
            for (i, w) in sheet.widths.enumerated() { out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>" }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + "\(r + 1)"
                let style = r == 0 ? " s=\"1\"" : ""
                switch cell {
                case .empty:
                    continue
                case .number(let n) where n.isFinite:
                    out += "<c r=\"\(ref)\"\(style)><v>\(number(n))</v></c>"
                case .number:
                    continue
                case .text(let t):
                    let wrap = r > 0 && t.count > 40 ? " s=\"2\"" : style
                    out += "<c r=\"\(ref)\"\(wrap) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(t))</t></is></c>"
                }
            }
            out += "</row>"
        }
        out += "</sheetData></worksheet>"
        return out
    }

    /// A1-style column letters: 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Shortest text that reads back as the same Double (Swift's description), without an exponent
    /// for the figures reports hold.
    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// Excel refuses sheet names over 31 characters or with []:*?/\.
    static func sheetName(_ name: String) -> String {
        String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    }

    /// Text for an XML text node or attribute: escaped, characters XML cannot hold dropped, 32,767
    /// characters at most (Excel's cell limit).
    public static func escaped(_ text: String) -> String {
        // Most cells need nothing: one pass over the bytes decides (report cells are many and short).
        let plain = text.utf8.count <= 32767 && !text.utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
            && !XMLCharacters.containsForbidden(text)
        if plain { return text }
        var out = ""
        for scalar in text.unicodeScalars.prefix(32767) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if XMLCharacters.isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
