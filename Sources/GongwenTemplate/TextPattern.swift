import GongwenModel

/// A one-line text with `{{ }}` holes outside any template, such as the `--name` pattern for
/// output file names. Compiled once, rendered per record.
public struct TextPattern: Sendable {
    let interpolation: Interpolation
    let origin: SourceLocation

    /// Compiles `text`; `origin` names where it came from in messages (e.g. `--name`).
    public init(_ text: String, origin: String) throws(DiagnosticError) {
        let source = SourceText(path: origin, text: text)
        let interpolation: Interpolation
        do {
            interpolation = try InterpolationParser.parse(text) { source.location(ofByte: $0) }
        } catch {
            throw DiagnosticError(Diagnostic(id: error.id, message: error.message, location: source.location(ofByte: error.offset)))
        }
        var bag = DiagnosticBag()
        for case .expression(let e) in interpolation.segments { TextPattern.checkFilters(e, into: &bag) }
        try bag.throwIfErrors()
        self.interpolation = interpolation
        self.origin = SourceLocation(file: origin, line: 1, column: 1)
    }

    private static func checkFilters(_ e: Expression, into bag: inout DiagnosticBag) {
        e.forEach { e in
            guard case .chain(_, let steps) = e.kind else { return }
            for step in steps {
                if case .filter(let name, _) = step.kind, Filters.named(name) == nil {
                    bag.append(Diagnostic(id: "unknown-filter", message: "未知过滤器 '\(name)' / unknown filter '\(name)'", location: step.location))
                }
            }
        }
    }

    /// The text for one record. `extra` adds names (such as the record number) to the scope.
    public func render(_ record: Record, shared: Record, extra: [(String, Value)] = [], at dataLocation: DataLocation?) throws(DiagnosticError) -> String {
        var merger = Merger(dataLocation: dataLocation)
        var scope = Scope(record: record, shared: shared)
        for (name, value) in extra { scope = scope.binding(name, to: value) }
        var inlines: [Inline] = []
        merger.interpolate(interpolation, scope, into: &inlines, at: origin)
        try merger.bag.throwIfErrors()
        return Inline.plainText(inlines)
    }
}
