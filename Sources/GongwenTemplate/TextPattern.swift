import GongwenModel

/// A one-line text with `{{ }}` holes outside any template, such as the `--name` pattern for
/// output file names. Compiled once, rendered per record.
public struct TextPattern: Sendable {
    let interpolation: Interpolation

    /// Compiles `text`; `origin` names where it came from in messages (e.g. `--name`).
    public init(_ text: String, origin: String) throws(DiagnosticError) {
        do {
            interpolation = try InterpolationParser.parse(text) { offset in
                SourceLocation(file: origin, line: 1, column: String(decoding: text.utf8.prefix(offset), as: UTF8.self).unicodeScalars.count + 1)
            }
        } catch {
            let column = String(decoding: text.utf8.prefix(error.offset), as: UTF8.self).unicodeScalars.count + 1
            throw DiagnosticError(Diagnostic(id: "expression-syntax", message: error.message,
                                             location: SourceLocation(file: origin, line: 1, column: column)))
        }
        var bag = DiagnosticBag()
        for case .expression(let e) in interpolation.segments { TextPattern.checkFilters(e, into: &bag) }
        try bag.throwIfErrors()
    }

    private static func checkFilters(_ e: Expression, into bag: inout DiagnosticBag) {
        switch e.kind {
        case .filter(let name, let input, let arguments):
            if Filters.named(name) == nil {
                bag.append(Diagnostic(id: "unknown-filter", message: "未知过滤器 '\(name)' / unknown filter '\(name)'", location: e.location))
            }
            checkFilters(input, into: &bag)
            arguments.forEach { checkFilters($0, into: &bag) }
        case .member(let b, _): checkFilters(b, into: &bag)
        case .index(let b, let i): checkFilters(b, into: &bag); checkFilters(i, into: &bag)
        case .unary(_, let o): checkFilters(o, into: &bag)
        case .binary(_, let l, let r): checkFilters(l, into: &bag); checkFilters(r, into: &bag)
        case .literal, .name: break
        }
    }

    /// The text for one record. `extra` adds names (such as the record number) to the scope.
    public func render(_ record: Record, shared: Record, extra: [(String, Value)] = [], at dataLocation: DataLocation?) throws(DiagnosticError) -> String {
        var merger = Merger(dataLocation: dataLocation)
        var scope = Scope(record: record, shared: shared)
        for (name, value) in extra { scope = scope.binding(name, to: value) }
        var inlines: [Inline] = []
        merger.interpolate(interpolation, scope, into: &inlines)
        try merger.bag.throwIfErrors()
        return Inline.plainText(inlines)
    }
}
