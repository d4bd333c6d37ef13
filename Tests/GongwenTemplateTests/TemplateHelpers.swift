import GongwenModel
@testable import GongwenTemplate

/// Compiles template text given as the body of a `<公文>` (or a whole document when it starts
/// with `<?xml` or `<公文`/`<文书`).
func compile(_ text: String, path: String = "t.xml") throws(DiagnosticError) -> Template {
    let full = text.hasPrefix("<") && (text.hasPrefix("<?xml") || text.hasPrefix("<公文") || text.hasPrefix("<文书") || text.hasPrefix("<!"))
        ? text : "<公文>\n\(text)\n</公文>"
    return try Template.compile(SourceText(path: path, text: full))
}

/// The diagnostics compiling `text` produces (empty when it compiles).
func compileErrors(_ text: String, path: String = "t.xml") -> [Diagnostic] {
    do {
        _ = try compile(text, path: path)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Merges one record given as pairs.
func merge(_ template: Template, _ pairs: [(String, Value)], shared: [(String, Value)] = []) throws(DiagnosticError) -> Document {
    try template.merge(Record(pairs), shared: Record(shared), at: DataLocation(file: "data.yaml", record: 1)).document
}

func text(_ s: String) -> Value { .string(s) }
func number(_ s: String) -> Value { .number(Number(parsing: s)!) }
func list(_ items: [Value]) -> Value { .list(items) }
func record(_ pairs: [(String, Value)]) -> Value { .record(Record(pairs)) }

/// Evaluates a single expression against a record.
func evaluate(_ expression: String, _ pairs: [(String, Value)] = []) throws -> String {
    let t = try compile("<正文><段>{{ \(expression) }}</段></正文>")
    let d = try merge(t, pairs)
    guard case .paragraph(let inlines)? = d.body.first else { return "" }
    return Inline.plainText(inlines)
}
