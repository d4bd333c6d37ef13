import Foundation
import GongwenModel

/// A hidden folder that a batch writes into before anything reaches the user's output, on the
/// same file system as the output so that moving a file into place is one `rename(2)`: atomic,
/// never a copy that a full disk can cut short, never a delete of the user's file first.
///
/// The folder is locked (`flock` on its descriptor) for as long as the process lives, so a later
/// run can tell a folder whose owner is gone (killed, crashed, the machine turned off) from one a
/// running batch is still writing, and remove only the former (`StaleStaging`). The lock dies with
/// the process, whatever ends it; a process id in the name alone could be reused.
final class StagingFolder: @unchecked Sendable {
    /// Every staging folder's name contains this, so `StaleStaging` recognises them.
    static let marker = ".gongwen-staging-"

    let path: String
    private var lockDescriptor: Int32

    /// Creates `<parent>/<prefix>.gongwen-staging-<pid>-<random>` and locks it. `display` is the
    /// output path named in a failure.
    init(in parent: String, prefix: String, display: String) throws(DiagnosticError) {
        let name = prefix + Self.marker + "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        path = parent.hasSuffix("/") ? parent + name : parent + "/" + name
        try Interruption.check()
        Interruption.register(path)
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            Interruption.unregister(path)
            throw WriteFailure.error(errno: code, action: "写入", path: display)
        }
        lockDescriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lockDescriptor >= 0, flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            if lockDescriptor >= 0 { close(lockDescriptor) }
            rmdir(path)
            Interruption.unregister(path)
            throw WriteFailure.error(errno: code, action: "写入", path: display)
        }
    }

    deinit { unlock() }

    /// Removes the folder and everything in it.
    func remove() {
        RemoveTree.remove(path)
        unlock()
        Interruption.unregister(path)
    }

    /// Releases the lock without removing (the folder was renamed into place as the output).
    func release() {
        unlock()
        Interruption.unregister(path)
    }

    private func unlock() {
        if lockDescriptor >= 0 {
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }
}

/// Removal of a folder tree with plain system calls: no Foundation error objects, and a symbolic
/// link inside is removed, never followed. Staging folders are one or two levels deep.
enum RemoveTree {
    /// Removes `path` (a file or a folder with everything under it); true when nothing is left.
    @discardableResult
    static func remove(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return unlink(path) == 0 || errno == ENOENT }
        if let listing = opendir(path) {
            var names: [String] = []
            while let entry = readdir(listing) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(listing)
            for name in names { remove(path + "/" + name) }
        }
        return rmdir(path) == 0 || errno == ENOENT
    }
}
