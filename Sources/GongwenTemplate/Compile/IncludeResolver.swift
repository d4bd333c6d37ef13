import Foundation
import GongwenModel

/// Finds partials for `<include src="…">`, sandboxed to the template's own folder: no absolute
/// paths, no `..`, no symbolic link that leads outside, no cycles. A template can therefore
/// never make Gongwen read an arbitrary file.
struct IncludeResolver: Sendable {
    /// The template's folder, with symbolic links resolved.
    let directory: URL
    static let maximumDepth = Limits.includeDepth

    struct Failure: Error {
        var id: String
        var message: String
    }

    init(templatePath: String) {
        let url = URL(fileURLWithPath: templatePath).deletingLastPathComponent()
        directory = url.resolvingSymlinksInPath().standardizedFileURL
    }

    /// Loads `src`; `chain` lists the files already being compiled (for cycle detection).
    func load(_ src: String, chain: [String]) throws(Failure) -> SourceText {
        let path = src.trimmingCharacters(in: .whitespaces)
        if path.isEmpty {
            throw Failure(id: "include-path", message: "include 的 src 为空 / empty include path")
        }
        if path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") || path.contains(":") {
            throw Failure(id: "include-path", message: "include 只能使用模板所在文件夹中的相对路径：“\(path)” / include paths must be relative to the template's folder")
        }
        let components = path.split(separator: "/")
        if components.contains("..") || components.contains(".") || path.contains("{{") {
            throw Failure(id: "include-path", message: "include 路径不能含 “..” 或表达式：“\(path)” / include paths may not contain '..'")
        }
        if chain.count > IncludeResolver.maximumDepth {
            throw Failure(id: "include-depth", message: "include 嵌套超过 \(IncludeResolver.maximumDepth) 层 / includes nested too deeply")
        }
        let url = directory.appendingPathComponent(path).resolvingSymlinksInPath().standardizedFileURL
        guard url.path.hasPrefix(directory.path + "/") else {
            throw Failure(id: "include-path", message: "include 的文件不在模板所在文件夹中：“\(path)” / included file is outside the template's folder")
        }
        let resolved = displayPath(for: url, relativeTo: chain.first)
        if chain.contains(resolved) {
            throw Failure(id: "include-cycle", message: "循环包含：\((chain + [resolved]).joined(separator: " → ")) / include cycle")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Failure(id: "include-not-found", message: "找不到被包含的文件 “\(path)” / included file not found")
        }
        return SourceText(path: resolved, bytes: Array(data))
    }

    /// The partial's path as the user would write it: beside the root template's path.
    private func displayPath(for url: URL, relativeTo root: String?) -> String {
        let relative = String(url.path.dropFirst(directory.path.count + 1))
        guard let root else { return relative }
        let folder = (root as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : folder + "/" + relative
    }
}
