import GongwenModel

/// The result of merging one record: the document and any warnings (such as characters dropped
/// because XML cannot hold them).
public struct MergeResult: Sendable {
    public var document: Document
    public var warnings: [Diagnostic]
}

extension Template {
    /// Merges one record (with the data file's shared fields) into a document. Does no file or
    /// parsing work: everything was compiled. Throws all errors found in this record.
    /// `bindings` are names seen before the record's own fields (a copy's `联`, `份号`): passing
    /// them here rather than adding them to the record keeps the record's shared key table.
    /// A `cache` (one per worker) reuses the blocks that are the same for every record.
    public func merge(_ record: Record, shared: Record = Record(), bindings: [(String, Value)] = [],
                      at dataLocation: DataLocation? = nil, cache: MergeCache? = nil) throws(DiagnosticError) -> MergeResult {
        var merger = Merger(dataLocation: dataLocation, cache: cache)
        var builder = DocumentBuilder(genre: genre, kind: kind)
        var scope = Scope(record: record, shared: shared, optional: optionalFields)
        for (name, value) in bindings { scope = scope.binding(name, to: value) }
        merger.parts(nodes, scope: scope, into: &builder)
        try merger.bag.throwIfErrors()
        return MergeResult(document: builder.finish(), warnings: merger.bag.diagnostics)
    }
}

/// Walks the compiled template for one record, expanding directives and building the document.
struct Merger {
    var bag = DiagnosticBag()
    /// What this record has used of `Limits`.
    var budget = MergeBudget()
    let dataLocation: DataLocation?
    let cache: MergeCache?

    init(dataLocation: DataLocation?, cache: MergeCache? = nil) {
        self.dataLocation = dataLocation
        self.cache = cache
    }

    /// A node after directives are expanded: an element or a piece of text, with its scope.
    enum Expanded {
        case element(TemplateElement)
        case text(Interpolation, SourceLocation)
    }

    // MARK: directives

    /// Calls `visit` for each element and text that `nodes` produce for this record, expanding
    /// `each`, `if` and `let`.
    mutating func expand(_ nodes: [TemplateNode], scope: Scope, _ visit: (inout Merger, Expanded, Scope) -> Void) {
        var scope = scope
        for node in nodes {
            if budget.isExhausted { return }
            if let overrun = budget.spendNode() {
                report(overrun, at: node.location)
                return
            }
            switch node {
            case .element(let element):
                visit(&self, .element(element), scope)
            case .text(let interpolation, let location):
                visit(&self, .text(interpolation, location), scope)
            case .binding(let name, let expression, let location):
                guard scope.bindingCount < Limits.bindings else {
                    report("too-many-bindings",
                           "同时有效的 <let> 和循环变量超过 \(Limits.bindings) 个 / more than \(Limits.bindings) names bound at once", at: location)
                    budget.exhaust()
                    return
                }
                guard let value = evaluate(expression, scope) else {
                    scope = scope.failing(name)
                    continue
                }
                scope.bind(name, to: value)
            case .failure(let message, let location):
                var text: [Inline] = []
                interpolate(message, scope, into: &text, at: location)
                report("template-fail", Inline.plainText(text), at: location)
            case .conditional(let branches, let otherwise):
                var taken: [TemplateNode]? = otherwise
                for branch in branches {
                    guard let test = evaluate(branch.test, scope) else { taken = nil; break }
                    if test.isTruthy {
                        taken = branch.body
                        break
                    }
                }
                if let taken { expand(taken, scope: scope, visit) }
            case .each(let collectionExpression, let variable, let body, _):
                guard let collection = evaluate(collectionExpression, scope) else { continue }
                let items: [Value]
                switch collection {
                case .list(let list): items = list
                case .null: items = []
                default:
                    report("not-a-list", "each 的 in 应为列表，实际是\(collection.kindName) / 'in' must be a list", at: collectionExpression.location)
                    continue
                }
                if let overrun = budget.spendLoop(items.count) {
                    report(overrun, at: node.location)
                    return
                }
                for (index, item) in items.enumerated() {
                    if budget.isExhausted { return }
                    let loop = Record(keys: Self.loopKeys, values: [
                        .number(Number(index + 1)), .number(Number(index)),
                        .bool(index == 0), .bool(index == items.count - 1), .number(Number(items.count)),
                    ])
                    expand(body, scope: scope.binding(variable, to: item).binding("loop", to: .record(loop)), visit)
                }
            }
        }
    }

    /// The fields of `loop`, one key table for every iteration of every loop.
    private static let loopKeys = RecordKeys(["index", "index0", "first", "last", "length"])

    /// Evaluates, reporting a failure and returning nil.
    mutating func evaluate(_ expression: Expression, _ scope: Scope) -> Value? {
        do {
            return try Evaluator.evaluate(expression, in: scope)
        } catch {
            if error.id != Evaluator.afterError { report(error.id, error.message, at: error.location) }
            return nil
        }
    }

    mutating func report(_ id: String, _ message: String, at location: SourceLocation, severity: Severity = .error) {
        bag.append(Diagnostic(id: id, severity: severity, message: message, location: location, dataLocation: dataLocation))
    }

    mutating func report(_ overrun: MergeBudget.Overrun, at location: SourceLocation) {
        report(overrun.id, overrun.message, at: location)
    }

    /// Counts `bytes` of text written at `location`, reporting the record's document too large.
    mutating func spendText(_ bytes: Int, at location: SourceLocation) {
        if let overrun = budget.spendText(bytes) { report(overrun, at: location) }
    }

    // MARK: text

    /// The text an interpolation produces, with data inserted as text: characters XML forbids
    /// are dropped (and reported), line breaks in data become line breaks. `location` is where
    /// the text is written, for a document grown too large.
    mutating func interpolate(_ interpolation: Interpolation, _ scope: Scope, into inlines: inout [Inline], at location: SourceLocation) {
        for segment in interpolation.segments {
            if budget.isExhausted { return }
            switch segment {
            case .literal(let s):
                spendText(s.utf8.count, at: location)
                InlineText.append(s, to: &inlines)
            case .expression(let expression):
                guard let value = evaluate(expression, scope) else { continue }
                if case .record = value {
                    report("not-text", "不能把整条记录写进文档，请指明字段 / a whole record cannot be written; name a field", at: expression.location)
                    continue
                }
                var text = value.text
                spendText(text.utf8.count, at: expression.location)
                if budget.isExhausted { return }
                if XMLCharacters.containsForbidden(text) {
                    text = XMLCharacters.removingForbidden(text)
                    report("control-character-removed", "数据中含有无法打印的控制字符，已删除 / removed control characters from data",
                           at: expression.location, severity: .warning)
                }
                InlineText.appendData(text, to: &inlines)
            }
        }
    }

    /// Evaluates a text attribute (`称谓="{{ … }}"`).
    mutating func attributeText(_ element: TemplateElement, _ name: String, _ scope: Scope) -> String? {
        guard let interpolation = element.text(name) else { return nil }
        var inlines: [Inline] = []
        interpolate(interpolation, scope, into: &inlines, at: element.location)
        return Inline.plainText(inlines)
    }

    /// Inline content of an element: text, line breaks and blanks, trimmed at both ends.
    mutating func inlines(_ nodes: [TemplateNode], _ scope: Scope) -> [Inline] {
        var result: [Inline] = []
        expand(nodes, scope: scope) { merger, item, scope in
            switch item {
            case .text(let interpolation, let location):
                merger.interpolate(interpolation, scope, into: &result, at: location)
            case .element(let element):
                switch element.part {
                case .lineBreak: result.append(.lineBreak)
                case .blank: result.append(.blank(width: element.integer("宽") ?? 4))
                default: break  // the compiler admits only inline elements here
                }
            }
        }
        return InlineText.trimmed(result)
    }

    /// Inline content flattened to one line of plain text (份号, 发文字号, dates …).
    mutating func plainText(_ nodes: [TemplateNode], _ scope: Scope) -> String? {
        let text = Inline.plainText(inlines(nodes, scope))
        return text.isEmpty ? nil : text
    }
}
