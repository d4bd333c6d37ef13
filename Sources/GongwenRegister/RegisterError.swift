import GongwenModel

/// The register reports every refusal as a `DiagnosticError`, like the data readers: a stable
/// English id for scripts and tests, a Chinese message for the clerk, and — for spreadsheet
/// input — the file, the row and the column header, so the clerk can find the cell.
enum RegisterError {
    static func make(_ id: String, _ message: String, at location: DataLocation? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: id, message: message, dataLocation: location))
    }

    /// A refusal about a stored record (no file to point at).
    static func refused(_ id: String, _ message: String) -> DiagnosticError { make(id, message) }

    static func storage(_ path: String, _ error: any Error) -> DiagnosticError {
        make("register-storage", "承诺登记 \(path) 读写失败：\(error) / register store error")
    }
}
