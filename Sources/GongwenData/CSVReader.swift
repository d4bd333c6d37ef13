import Foundation
import GongwenModel

/// Reads CSV (RFC 4180): first row = column headers, each further row = one record. Fields are
/// text; expressions treat text that reads as a number as a number when they compute, so codes
/// like `052` keep their zeros when printed. Written by hand rather than with a CSV package so
/// that every record knows the spreadsheet row it came from, for messages such as
/// `data.csv: row 118: …`.
enum CSVReader {
    static func read(_ data: Data, file: String) throws(DiagnosticError) -> DataSet {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DiagnosticError(Diagnostic(
                id: "data-encoding",
                message: "CSV 文件不是 UTF-8 编码（GB18030 等编码的支持见后续版本；可在 WPS/Excel 中另存为“CSV UTF-8”） / CSV must be UTF-8",
                dataLocation: DataLocation(file: file)))
        }
        let rows: [(line: Int, fields: [String])]
        do {
            rows = try parseRows(text)
        } catch {
            throw DiagnosticError(Diagnostic(id: "csv-syntax", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
        }
        guard let header = rows.first else {
            throw DiagnosticError(Diagnostic(id: "csv-empty", message: "CSV 文件为空 / CSV file is empty", dataLocation: DataLocation(file: file)))
        }
        var bag = DiagnosticBag()
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for (i, name) in names.enumerated() {
            if name.isEmpty {
                bag.append(Diagnostic(id: "csv-header", message: "第 \(i + 1) 列没有列名 / column \(i + 1) has no header",
                                      dataLocation: DataLocation(file: file, row: header.line)))
            } else if !seen.insert(name).inserted {
                bag.append(Diagnostic(id: "csv-header", message: "列名 “\(name)” 重复 / duplicate column header",
                                      dataLocation: DataLocation(file: file, row: header.line, field: name)))
            }
        }
        var records: [Record] = []
        var locations: [DataLocation] = []
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.isEmpty }) { continue }  // blank lines
            if row.fields.count != names.count {
                bag.append(Diagnostic(
                    id: "csv-ragged-row",
                    message: "此行有 \(row.fields.count) 个字段，而表头有 \(names.count) 列 / row has \(row.fields.count) fields, header has \(names.count)",
                    dataLocation: DataLocation(file: file, row: row.line)))
                continue
            }
            var record = Record()
            for (name, field) in zip(names, row.fields) { record[name] = .string(field) }
            records.append(record)
            locations.append(DataLocation(file: file, row: row.line))
        }
        try bag.throwIfErrors()
        return DataSet(file: file, records: records, locations: locations)
    }

    struct SyntaxError: Error {
        var message: String
        var line: Int
    }

    /// Splits CSV text into rows of fields, remembering the line each row starts on.
    static func parseRows(_ text: String) throws(SyntaxError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var quotedStartLine = 1
        var atFieldStart = true
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            atFieldStart = true
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                quotedStartLine = line
                atFieldStart = false
            case ",":
                endField()
            case "\r", "\n":
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endField()
                rows.append((rowLine, fields))
                fields = []
                line += 1
                rowLine = line
            default:
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if inQuotes {
            throw SyntaxError(message: "引号没有闭合 / unterminated quoted field", line: quotedStartLine)
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append((rowLine, fields))
        }
        return rows
    }
}
