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
        let decoded: TextDecoder.Decoded
        do {
            decoded = try TextDecoder.decode(bytes, as: encoding)
        } catch {
            throw DiagnosticError(Diagnostic(id: "data-encoding", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
        }
        let delimiter = detectDelimiter(decoded.text)
        let rows: [Table.Row]
        do {
            rows = try parseRows(decoded.text, delimiter: delimiter, checkUTF8: decoded.damaged)
        } catch {
            throw DiagnosticError(Diagnostic(id: "csv-syntax", message: error.message, dataLocation: DataLocation(file: file, row: error.line)))
        }
        if decoded.plan.strict, let bad = rows.first(where: { !$0.undecodable.isEmpty }) {
            throw undecodable(bad, plan: decoded.plan, file: file)
        }
        return Table(file: file, rows: rows, fixedWidth: true)
    }

    /// The error that stops a file read in the wrong encoding, at the first row with bytes
    /// outside it (the row as Excel numbers it, and the column).
    static func undecodable(_ row: Table.Row, plan: TextStreamDecoder.Plan, file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(
            id: "data-encoding", message: TextDecoder.undecodableMessage(plan, row: row.number),
            dataLocation: DataLocation(file: file, row: row.number, field: row.undecodable.first.map { ColumnName.letters($0) + "列" })))
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

    /// Splits UTF-8 CSV bytes into rows of fields (see `CSVParser`); linear in the file size.
    static func parseRows(_ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), checkUTF8: Bool = false) throws(SyntaxError) -> [Table.Row] {
        var parser = CSVParser(delimiter: delimiter)
        parser.checkUTF8 = checkUTF8
        var rows: [Table.Row] = []
        text.withUnsafeBufferPointer { parser.feed($0) { rows.append($0) } }
        try parser.finish { rows.append($0) }
        return rows
    }
}
