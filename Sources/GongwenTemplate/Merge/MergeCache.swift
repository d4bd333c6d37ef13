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
///
/// Within one record, the copies (一式两份's 村委会留存 and 农户留存, or fifty numbered copies)
/// differ only in the names bound for the copy (`联`, `份次`, `份号`): an element that reads
/// record fields but no bound name is merged once per record and reused by its other copies.
public final class MergeCache {
    /// Every name read inside an element, by element id.
    private var names: [Int: [String]] = [:]
    private var blocks: [Int: Entry] = [:]
    /// Blocks of the record whose copies are being merged (`beginRecord` … `endRecord`).
    private var recordBlocks: [Int: Entry] = [:]
    private var inRecord = false
    /// How many elements a copy took from an earlier copy of its record (for tests).
    private(set) var reusedInRecord = 0
    /// Whether an element qualified, and for which names around it: the records of a batch
    /// share their table of field names and meet the element inside the same loops and copies,
    /// so the answer is looked up once per batch, not once per record (each name is a lookup in
    /// the record and in the bindings, costly for Chinese names).
    private var verdicts: [Int: Verdict] = [:]

    /// An element's merged blocks, and the bytes of text merging it wrote (which a replay
    /// counts towards the record's `Limits.recordTextBytes`).
    struct Entry {
        var blocks: [Block]
        var textBytes: Int
    }

    /// How widely an element's merged blocks can be reused.
    enum Reuse {
        /// It reads only shared fields and literals: for every record of the batch.
        case batch
        /// It reads record fields but no bound name: for every copy of the record.
        case record
        case none
    }

    private struct Verdict {
        /// Held, not only compared: a table held here is never changed in place or freed and
        /// its address reused (see `Record.keyTable`).
        var recordKeys: RecordKeys
        var boundNames: [String]
        var reuse: Reuse
    }

    public init() {}

    /// The copies of one record are merged next; until `endRecord`, blocks that depend on the
    /// record but not on the copy are kept for them.
    func beginRecord() {
        recordBlocks.removeAll(keepingCapacity: true)
        inRecord = true
    }

    func endRecord() {
        recordBlocks.removeAll(keepingCapacity: true)
        inRecord = false
    }

    func cached(_ element: TemplateElement, _ scope: Scope) -> Entry? {
        switch reuse(of: element, scope) {
        case .batch:
            return blocks[element.id]
        case .record:
            guard inRecord, let blocks = recordBlocks[element.id] else { return nil }
            reusedInRecord += 1
            return blocks
        case .none:
            return nil
        }
    }

    func store(_ result: [Block], textBytes: Int, for element: TemplateElement, _ scope: Scope) {
        let entry = Entry(blocks: result, textBytes: textBytes)
        switch reuse(of: element, scope) {
        case .batch: blocks[element.id] = entry
        case .record: if inRecord { recordBlocks[element.id] = entry }
        case .none: break
        }
    }

    func reuse(of element: TemplateElement, _ scope: Scope) -> Reuse {
        let keys = scope.record.keyTable
        if let verdict = verdicts[element.id], verdict.recordKeys === keys, scope.hasBoundNames(verdict.boundNames) {
            return verdict.reuse
        }
        let read = namesRead(by: element)
        let reuse: Reuse = read.contains(where: scope.isBound) ? .none : read.contains(where: scope.isInRecord) ? .record : .batch
        verdicts[element.id] = Verdict(recordKeys: keys, boundNames: scope.boundNames, reuse: reuse)
        return reuse
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
            case .failure(let message, _):
                collect(message, into: &names)
            }
        }
    }

    private static func collect(_ interpolation: Interpolation, into names: inout Set<String>) {
        for segment in interpolation.segments {
            if case .expression(let expression) = segment { collect(expression, into: &names) }
        }
    }

    private static func collect(_ expression: Expression, into names: inout Set<String>) {
        expression.forEach { e in
            if case .name(let name) = e.kind { names.insert(name) }
        }
    }
}
