import Foundation
import GongwenModel

/// A compiled template: parsed once from XML, checked, and then merged with any number of
/// records. It is an immutable value (`Sendable`), so records can be merged on many threads.
public struct Template: Sendable {
    /// The path the template was loaded from, as given (used in messages).
    public let path: String
    public let genre: Document.Genre
    /// 文种 from the root element.
    public let kind: String?
    public let nodes: [TemplateNode]
    /// The text of the template and of every partial it includes, for diagnostic excerpts.
    public let sources: [String: SourceText]
    /// Warnings found while compiling (errors are thrown).
    public let warnings: [Diagnostic]
    /// The fields the template declares in `<数据要求>`, checked before anything is rendered.
    public let contract: DataContract?
    /// The labels of the copies printed of each record (`联次="村委会留存、农户留存"` on the root).
    public let copyLabels: [String]
    /// The fields `<数据要求>` declares optional: read as empty when a record has none. So is
    /// `区划` when a region code is declared: a record has it only when a code list is found.
    /// Worked out once, not per record.
    let optionalFields: Set<String>

    init(path: String, genre: Document.Genre, kind: String?, nodes: [TemplateNode], sources: [String: SourceText],
         warnings: [Diagnostic], contract: DataContract?, copyLabels: [String]) {
        self.path = path
        self.genre = genre
        self.kind = kind
        self.nodes = nodes
        self.sources = sources
        self.warnings = warnings
        self.contract = contract
        self.copyLabels = copyLabels
        var optional = Set(contract?.fields.filter { !$0.required }.map(\.name) ?? [])
        if contract?.fields.contains(where: { if case .regionCode = $0.kind { true } else { false } }) == true { optional.insert("区划") }
        optionalFields = optional
    }

    /// Reads and compiles the template at `path`.
    public static func load(path: String) throws(DiagnosticError) -> Template {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(id: "template-not-found", message: "找不到模板文件 “\(path)” / template not found"))
        }
        return try compile(SourceText(path: path, bytes: Array(data)))
    }

    /// Compiles template text; partials are looked up beside `source.path`.
    public static func compile(_ source: SourceText) throws(DiagnosticError) -> Template {
        let root: XMLElement
        do {
            root = try LibXMLParser.parse(source)
        } catch {
            throw DiagnosticError(error.diagnostics)
        }
        var compiler = TemplateCompiler(root: source, includes: IncludeResolver(templatePath: source.path))
        let (genre, kind, nodes, contract) = compiler.compileRoot(root)
        try compiler.bag.throwIfErrors()
        let labels = root.attribute("联次")?.value.split(whereSeparator: { "、,，".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
        return Template(path: source.path, genre: genre, kind: kind, nodes: nodes,
                        sources: compiler.sources, warnings: compiler.bag.diagnostics, contract: contract, copyLabels: labels)
    }

    /// How many elements of `part` the template holds (in every branch and loop body, once each).
    public func count(of part: Part) -> Int {
        func count(_ nodes: [TemplateNode]) -> Int {
            nodes.reduce(0) { total, node in
                switch node {
                case .element(let e): total + (e.part == part ? 1 : 0) + count(e.children)
                case .each(_, _, let body, _): total + count(body)
                case .conditional(let branches, let otherwise): total + branches.reduce(0) { $0 + count($1.body) } + count(otherwise ?? [])
                case .text, .binding, .failure: total
                }
            }
        }
        return count(nodes)
    }

    /// The source lines of a file of this template, for `DiagnosticFormatter`.
    public func sourceLines(_ file: String) -> [Substring]? {
        sources[file]?.lines
    }
}
