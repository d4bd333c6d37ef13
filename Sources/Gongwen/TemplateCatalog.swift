import Foundation
import GongwenModel
import GongwenTemplate

/// The shipped templates: one folder each under the templates folder (`--templates`,
/// `$GONGWEN_TEMPLATES`, the installed `share/gongwen/Templates` or the checkout's `Templates/`:
/// see `Installation.templatesDirectory()`), named by the document's Chinese name.
public enum TemplateCatalog {
    public struct Entry: Sendable {
        /// The folder's name, which is the template's Chinese name (`通报批评`).
        public var name: String
        public var folder: String
        /// 文种 from the root element.
        public var kind: String?
        /// Fields the template reads (top-level names).
        public var fields: [String]
        /// What the template's `<数据要求>` declares about its data.
        public var contract: DataContract?
    }

    /// Where shipped templates are looked for.
    public static var root: String {
        Installation.templatesDirectory().path
    }

    public static func folder(named name: String) -> String? {
        let folder = (root as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("template.xml")) ? folder : nil
    }

    /// Every shipped template, compiled to learn its kind and fields; templates that do not
    /// compile are reported, not skipped silently.
    public static func entries() -> (entries: [Entry], problems: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        for name in names {
            guard let folder = folder(named: name) else { continue }
            do {
                let template = try Template.load(path: (folder as NSString).appendingPathComponent("template.xml"))
                entries.append(Entry(name: name, folder: folder, kind: template.kind, fields: template.referencedFields,
                                     contract: template.contract))
            } catch {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        return (entries, problems)
    }
}
