import Foundation
import GongwenModel

/// The folders above an output that does not exist yet: created with plain `mkdir` (errors said
/// as `WriteFailure`s), and only those this run created are removed again when it fails, so a
/// failed run leaves no empty folders behind either.
enum ParentFolders {
    /// Creates the missing folders up to and including `parent`, returning them deepest first.
    static func create(_ parent: String) throws(DiagnosticError) -> [String] {
        var missing: [String] = []
        var path = parent
        var status = stat()
        while !path.isEmpty, path != "/", stat(path, &status) != 0 {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        var created: [String] = []
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                let code = errno
                remove(created.reversed())
                throw WriteFailure.error(errno: code, action: "创建文件夹", path: folder)
            }
            created.append(folder)
        }
        return created.reversed()
    }

    static func remove(_ folders: some Sequence<String>) {
        for folder in folders { rmdir(folder) }
    }
}
