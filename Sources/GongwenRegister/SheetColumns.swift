import GongwenData
import GongwenModel

/// Finds the columns of an input sheet by header, whatever order and spacing the clerk's copy
/// has (`HeaderName.normalize`), and reads a cell as text with its location — file, row and the
/// header as written — for the messages.
struct SheetColumns {
    let data: DataSet
    private var headers: [String: String] = [:]  // wanted name → header as written

    init(_ data: DataSet, required: [String], optional: [String] = [], aliases: [String: [String]] = [:]) throws(DiagnosticError) {
        self.data = data
        let written = data.records.first?.order ?? []
        for name in required + optional {
            let names = [name] + (aliases[name] ?? [])
            if let header = written.first(where: { names.map(HeaderName.normalize).contains(HeaderName.normalize($0)) }) {
                headers[name] = header
            }
        }
        let missing = required.filter { headers[$0] == nil }
        if !data.records.isEmpty, !missing.isEmpty {
            throw RegisterError.make("register-missing-column", "表中缺少列：\(missing.joined(separator: "、")) / missing columns",
                                     at: DataLocation(file: data.file, row: 1))
        }
    }

    func has(_ name: String) -> Bool { headers[name] != nil }

    /// The trimmed text of a cell, "" when the column is absent or the cell empty.
    func text(_ index: Int, _ name: String) -> String {
        guard let header = headers[name], let value = data.records[index][header] else { return "" }
        return value.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The cell's location: the row's, with the column header as written in the sheet.
    func location(_ index: Int, _ name: String) -> DataLocation {
        var location = data.locations[index]
        location.field = headers[name] ?? name
        return location
    }
}
