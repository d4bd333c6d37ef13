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
    /// Line `number` (from 1) of a file, or nil.
    public typealias LineProvider = @Sendable (_ file: String, _ number: Int) -> Substring?

    private let sourceLine: LineProvider

    public init(sourceLines: @escaping SourceProvider = { _ in nil }) {
        sourceLine = { file, number in
            guard let lines = sourceLines(file), number >= 1, number <= lines.count else { return nil }
            return lines[number - 1]
        }
    }

    /// For the CLI, which finds the one line in the file: a data file of millions of lines split
    /// into an array of them took 150 MB to show one (a YAML error at line 1,000,000).
    public init(line: @escaping LineProvider) {
        sourceLine = line
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

    /// Characters of a line shown around the column when the line is longer: a data file on one
    /// line (JSON often is) was printed whole, megabytes, with a caret line as long.
    static let excerptWidth = 100

    /// The source line with a caret under the column, or nothing when the line is unknown.
    private func excerpt(at location: SourceLocation) -> String {
        guard location.line >= 1, let line = sourceLine(location.file, location.line) else { return "" }
        var text = line.unicodeScalars
        var column = location.column
        var (before, after) = ("", "")
        if text.count > Self.excerptWidth {
            let skipped = max(0, min(column - 1 - Self.excerptWidth / 2, text.count - Self.excerptWidth))
            let start = text.index(text.startIndex, offsetBy: skipped)
            let end = text.index(start, offsetBy: Self.excerptWidth)
            if skipped > 0 { before = "…" }
            if end < text.endIndex { after = "…" }
            text = text[start..<end]
            column -= skipped
        }
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        // Tabs stay tabs and wide characters count as two cells so the caret lines up.
        var marker = before.unicodeScalars.map { String(repeating: " ", count: DisplayWidth.cells(of: $0)) }.joined()
        for (index, scalar) in text.enumerated() where index < column - 1 {
            marker += scalar == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.cells(of: scalar))
        }
        return " \(gutter) | \(before)\(String(text))\(after)\n \(pad) | \(marker)^\n"
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
