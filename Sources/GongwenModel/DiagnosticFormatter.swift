/// Prints diagnostics the way compilers do, so editors can jump to them:
///
///     Templates/x/template.xml:12:7: error: unknown filter 'daxie' [unknown-filter]
///        12 |   <标题>{{ 金额 | daxie }}</标题>
///           |                ^
///
/// The source text is looked up through `sourceLines`, which the caller provides (the CLI reads
/// the files it was given; tests pass the text they parsed).
public struct DiagnosticFormatter: Sendable {
    public typealias SourceProvider = @Sendable (String) -> [Substring]?

    private let sourceLines: SourceProvider

    public init(sourceLines: @escaping SourceProvider = { _ in nil }) {
        self.sourceLines = sourceLines
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description + "\n"
        if let location = diagnostic.location { out += excerpt(at: location) }
        for note in diagnostic.notes {
            out += note.description + "\n"
        }
        return out
    }

    /// The source line with a caret under the column, or nothing when the line is unknown.
    private func excerpt(at location: SourceLocation) -> String {
        guard let lines = sourceLines(location.file),
              location.line >= 1, location.line <= lines.count else { return "" }
        let text = lines[location.line - 1]
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        // Tabs stay tabs and wide characters count as two cells so the caret lines up.
        var marker = ""
        for (index, scalar) in text.unicodeScalars.enumerated() where index < location.column - 1 {
            marker += scalar == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.cells(of: scalar))
        }
        return " \(gutter) | \(text)\n \(pad) | \(marker)^\n"
    }
}

/// Terminal cell width of a character: East Asian wide and full-width characters take two.
public enum DisplayWidth {
    public static func cells(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
