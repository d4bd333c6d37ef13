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

    /// The source lines of a file of this template, for `DiagnosticFormatter`.
    public func sourceLines(_ file: String) -> [Substring]? {
        sources[file]?.lines
    }
}
