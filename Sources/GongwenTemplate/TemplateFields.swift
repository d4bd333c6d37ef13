import GongwenModel

extension Template {
    /// The top-level fields the template reads from a record or the shared fields, in order of
    /// first use: names not bound by `each` or `let`. `gongwen templates` lists them so an office
    /// knows which columns its spreadsheet needs.
    public var referencedFields: [String] {
        var seen: [String] = []
        func use(_ name: String, _ bound: Set<String>) {
            if !bound.contains(name), name != "loop", !seen.contains(name) { seen.append(name) }
        }
        func visit(_ e: Expression, _ bound: Set<String>) {
            e.forEach { e in
                if case .name(let n) = e.kind { use(n, bound) }
            }
        }
        func visit(_ i: Interpolation, _ bound: Set<String>) {
            for case .expression(let e) in i.segments { visit(e, bound) }
        }
        func walk(_ nodes: [TemplateNode], _ outer: Set<String>) {
            var bound = outer
            for node in nodes {
                switch node {
                case .element(let element):
                    for value in element.attributes.values { if case .text(let i) = value { visit(i, bound) } }
                    walk(element.children, bound)
                case .text(let i, _):
                    visit(i, bound)
                case .each(let collection, let variable, let body, _):
                    visit(collection, bound)
                    walk(body, bound.union([variable]))
                case .conditional(let branches, let otherwise):
                    for branch in branches {
                        visit(branch.test, bound)
                        walk(branch.body, bound)
                    }
                    if let otherwise { walk(otherwise, bound) }
                case .binding(let name, let value, _):
                    visit(value, bound)
                    bound.insert(name)
                case .failure(let message, _):
                    visit(message, bound)
                }
            }
        }
        walk(nodes, [])
        return seen
    }
}
