import GongwenModel

/// The merged blocks of template elements that come out the same for every record of a batch:
/// a clause list drawn from the shared fields (`<each in="村委会承诺">`), a paragraph of fixed
/// text. Most of a form is such text; merging it once per worker instead of once per record is
/// what static hoisting does in other template compilers.
///
/// An element qualifies when no name it reads is a field of the record or a name bound around
/// it (a loop variable, a copy's `联`): then only literals and shared fields reach it, and
/// shared fields are the same for the whole batch. The names an element reads are a superset
/// (every name in its expressions, also those bound inside it), which can only make it
/// qualify less often. Merges that report anything are not kept. One cache per worker and
/// batch (it is not thread-safe, and shared fields differ between batches).
public final class MergeCache {
    /// Every name read inside an element, by element id.
    private var names: [Int: [String]] = [:]
    private var blocks: [Int: [Block]] = [:]
    /// Whether an element qualified, and for which names around it: the records of a batch
    /// share their table of field names and meet the element inside the same loops and copies,
    /// so the answer is looked up once per batch, not once per record (each name is a lookup in
    /// the record and in the bindings, costly for Chinese names).
    private var verdicts: [Int: Verdict] = [:]

    private struct Verdict {
        /// Held, not only compared: a table held here is never changed in place or freed and
        /// its address reused (see `Record.keyTable`).
        var recordKeys: RecordKeys
        var boundNames: [String]
        var qualifies: Bool
    }

    public init() {}

    func cached(_ element: TemplateElement, _ scope: Scope) -> [Block]? {
        guard let blocks = blocks[element.id], readsOnlyShared(element, scope) else { return nil }
        return blocks
    }

    func store(_ result: [Block], for element: TemplateElement, _ scope: Scope) {
        if readsOnlyShared(element, scope) { blocks[element.id] = result }
    }

    private func readsOnlyShared(_ element: TemplateElement, _ scope: Scope) -> Bool {
        let keys = scope.record.keyTable
        if let verdict = verdicts[element.id], verdict.recordKeys === keys, scope.hasBoundNames(verdict.boundNames) {
            return verdict.qualifies
        }
        let qualifies = namesRead(by: element).allSatisfy { !scope.isBoundOrInRecord($0) }
        verdicts[element.id] = Verdict(recordKeys: keys, boundNames: scope.boundNames, qualifies: qualifies)
        return qualifies
    }

    private func namesRead(by element: TemplateElement) -> [String] {
        let read: [String]
        if let known = names[element.id] {
            read = known
        } else {
            var found = Set<String>()
            Self.collect(element, into: &found)
            read = Array(found)
            names[element.id] = read
        }
        return read
    }

    private static func collect(_ element: TemplateElement, into names: inout Set<String>) {
        for value in element.attributes.values {
            if case .text(let interpolation) = value { collect(interpolation, into: &names) }
        }
        collect(element.children, into: &names)
    }

    private static func collect(_ nodes: [TemplateNode], into names: inout Set<String>) {
        for node in nodes {
            switch node {
            case .element(let element): collect(element, into: &names)
            case .text(let interpolation, _): collect(interpolation, into: &names)
            case .each(let collection, let variable, let body, _):
                collect(collection, into: &names)
                names.insert(variable)
                names.insert("loop")
                collect(body, into: &names)
            case .conditional(let branches, let otherwise):
                for branch in branches {
                    collect(branch.test, into: &names)
                    collect(branch.body, into: &names)
                }
                if let otherwise { collect(otherwise, into: &names) }
            case .binding(let name, let value, _):
                names.insert(name)
                collect(value, into: &names)
            }
        }
    }

    private static func collect(_ interpolation: Interpolation, into names: inout Set<String>) {
        for segment in interpolation.segments {
            if case .expression(let expression) = segment { collect(expression, into: &names) }
        }
    }

    private static func collect(_ expression: Expression, into names: inout Set<String>) {
        switch expression.kind {
        case .literal: break
        case .name(let name): names.insert(name)
        case .member(let base, _): collect(base, into: &names)
        case .index(let base, let index):
            collect(base, into: &names)
            collect(index, into: &names)
        case .unary(_, let operand): collect(operand, into: &names)
        case .binary(_, let left, let right):
            collect(left, into: &names)
            collect(right, into: &names)
        case .filter(_, let input, let arguments):
            collect(input, into: &names)
            for argument in arguments { collect(argument, into: &names) }
        }
    }
}
