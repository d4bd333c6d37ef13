/// How bad a diagnostic is. Errors stop a run; warnings are printed and the run goes on.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
    case note
}

/// Where a data problem is: the data file, the record (1-based, as the user counts rows or
/// list items) and the field, when known.
public struct DataLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Item number in a JSON/YAML list of records (1-based).
    public var record: Int?
    /// Line (spreadsheet row) of a CSV file, header included, as the user sees it.
    public var row: Int?
    public var field: String?

    public init(file: String, record: Int? = nil, row: Int? = nil, field: String? = nil) {
        self.file = file
        self.record = record
        self.row = row
        self.field = field
    }

    /// `县级指标.xlsx: 第118行 “出生率”`: the row number the user sees at the left of the sheet
    /// and the column header as written in it.
    public var description: String {
        var place: [String] = []
        if let row { place.append("第\(row)行") }
        if let record { place.append("第\(record)条记录") }
        if let field { place.append("“\(field)”") }
        return place.isEmpty ? file : "\(file): " + place.joined(separator: " ")
    }
}

/// One problem found in a user's input, modelled after swift-syntax's `Diagnostic`: a stable
/// English id that scripts and tests can match, a message for people, where it happened and
/// optional notes (for example the include chain that led to a partial).
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var id: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var dataLocation: DataLocation?
    public var notes: [Diagnostic]

    public init(
        id: String,
        severity: Severity = .error,
        message: String,
        location: SourceLocation? = nil,
        dataLocation: DataLocation? = nil,
        notes: [Diagnostic] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.dataLocation = dataLocation
        self.notes = notes
    }

    /// One line, without the source excerpt: `file:line:col: error: message [id]`.
    public var description: String {
        var prefix = ""
        if let dataLocation { prefix += "\(dataLocation): " }
        if let location { prefix = "\(location): " + prefix }
        return "\(prefix)\(severity.rawValue): \(message) [\(id)]"
    }

    public var isError: Bool { severity == .error }
}

/// Thrown when a stage found problems. It carries all of them, not just the first, so a user
/// fixes a template or a data file in one go.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a stage keeps going, so that every problem is reported at once.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }

    /// Throws the collected diagnostics if any of them is an error.
    public func throwIfErrors() throws(DiagnosticError) {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
