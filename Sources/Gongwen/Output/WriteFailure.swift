import Foundation
import GongwenModel

/// A file-system failure while writing output, said the way a clerk can act on it: what could not
/// be done, to which path, and why in plain Chinese (磁盘已满, 没有写入权限, 只读) — never Foundation's
/// “NSCocoaErrorDomain error 512”. A full disk has its own id so that a batch whose workers all hit
/// it reports it once.
public enum WriteFailure {
    /// Ids of failures that end a batch at once: every later file would fail the same way.
    public static let ids: Set<String> = ["output-disk-full", "output-write", "output-exists", "output-folder-in-the-way",
                                          "output-not-a-folder", "interrupted", "pdf-failed"]

    /// `action` says what was being done (“写入”, “创建文件夹”); `path` is the place the user
    /// named or will find the file at, not a hidden staging path.
    public static func diagnostic(errno code: Int32, action: String, path: String) -> Diagnostic {
        let full = code == ENOSPC || code == EDQUOT
        let english = full ? "disk full" : String(cString: strerror(code))
        return Diagnostic(id: full ? "output-disk-full" : "output-write",
                          message: "无法\(action) “\(path)”：\(reason(code)) / cannot \(englishAction(action)): \(english)")
    }

    public static func error(errno code: Int32, action: String, path: String) -> DiagnosticError {
        DiagnosticError(diagnostic(errno: code, action: action, path: path))
    }

    /// The reason in Chinese, with what to do where there is something to do.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "磁盘已满，请腾出空间或换一个输出位置"
        case EDQUOT: "磁盘已满（超出磁盘配额），请腾出空间或换一个输出位置"
        case EACCES, EPERM: "没有写入权限"
        case EROFS: "该磁盘是只读的（U 盘写保护？）"
        case ENAMETOOLONG: "文件名或路径太长"
        case ENOENT: "路径中的文件夹不存在"
        case ENOTDIR: "路径中有一项不是文件夹"
        case EEXIST, ENOTEMPTY: "已有同名文件或文件夹"
        case EISDIR: "同名的是一个文件夹"
        case EIO: "磁盘读写出错（U 盘被拔出？）"
        case EXDEV: "不在同一个磁盘上"
        case EMFILE, ENFILE: "同时打开的文件太多"
        case EILSEQ, EINVAL: "文件名中有该磁盘不允许的字符"
        default: "系统错误 \(code)（\(String(cString: strerror(code)))）"
        }
    }

    private static func englishAction(_ action: String) -> String {
        switch action {
        case "创建文件夹": "create the folder"
        case "创建": "create"
        case "移入": "move into place"
        default: "write"
        }
    }
}
