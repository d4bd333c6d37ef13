import Foundation
import GongwenModel

/// Reads CSV (RFC 4180 with the variations spreadsheets write): any of the encodings of
/// `TextDecoder`, comma, tab or semicolon as delimiter (detected), quoted fields with delimiters,
/// quotes and line breaks inside. Fields stay text; the data contract decides what is a number,
/// so codes like `052` keep their zeros. Written by hand rather than with SwiftCSV or CSV.swift
/// because every row must know the line the user sees for messages, and ragged rows must be
/// reported rather than padded.
enum CSVReader {
    static func table(_ bytes: consuming [UInt8], file: String, encoding: TextEncoding?) throws(DiagnosticError) -> Table {
        let text: [UInt8]
        do {
            text = try TextDecoder.decode(bytes, as: encoding).text
        } catch {
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
        }
        let delimiter = detectDelimiter(text)
        do {
            return Table(file: file, rows: try parseRows(text, delimiter: delimiter), fixedWidth: true)
        } catch {
            throw DiagnosticError(Diagnostic(id: "csv-syntax", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
        }
    }

    struct SyntaxError: Error {
        var message: String
        var line: Int
    }

    /// The candidate (comma, tab, semicolon) that occurs most often outside quotes in the first
    /// lines; comma when none does.
    static func detectDelimiter(_ text: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ";"): 0]
        var inQuotes = false
        var lines = 0
        for byte in text.prefix(64 * 1024) {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes {
                if byte == 0x0A { lines += 1; if lines == 20 { break } }
                else if counts[byte] != nil { counts[byte]! += 1 }
            }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    /// Splits UTF-8 CSV bytes into rows of fields, numbered as Excel and WPS number them when
    /// they open the file (a quoted line break does not start a new row). Works on bytes (every
    /// delimiter is ASCII, so it can never match inside a multi-byte character); linear in the
    /// file size. Each row's cells are allocated once at the width of the row before it (the
    /// header's, for a well-formed file) and one more, so a large file is held once.
    static func parseRows(_ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws(SyntaxError) -> [Table.Row] {
        let quote = UInt8(ascii: "\""), cr = UInt8(0x0D), lf = UInt8(0x0A)
        var rows: [Table.Row] = []
        var fields: [Value] = []
        var field: [UInt8] = []
        var line = 1  // the spreadsheet row being read
        var rowLine = 1
        var inQuotes = false
        var quotedStartLine = 1
        var atFieldStart = true
        var i = 0
        let n = text.count
        func endField() {
            fields.append(.string(String(decoding: field, as: UTF8.self)))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        while i < n {
            let c = text[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < n, text[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case quote where atFieldStart:
                inQuotes = true
                quotedStartLine = line
                atFieldStart = false
            case delimiter:
                endField()
            case cr, lf:
                if c == cr, i + 1 < n, text[i + 1] == lf { i += 1 }
                endField()
                rows.append(Table.Row(number: rowLine, cells: fields))
                let width = fields.count
                fields = []
                fields.reserveCapacity(width + 1)  // one spare: the data check adds a record's 区划
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
            rows.append(Table.Row(number: rowLine, cells: fields))
        }
        return rows
    }
}
