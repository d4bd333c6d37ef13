import Foundation

/// Staging folders left behind by a run that could not clean up (killed with SIGKILL, a crash,
/// power lost): each later run into the same place removes those whose owner is gone. A folder
/// is abandoned when its lock can be taken — the lock of a living process cannot, and it is
/// released by the kernel whatever ends the process (`StagingFolder`).
enum StaleStaging {
    /// Removes abandoned staging folders directly inside `folder` whose names start with
    /// `prefix` + the staging marker. Returns how many were removed.
    @discardableResult
    static func removeAbandoned(in folder: String, prefix: String) -> Int {
        guard let directory = opendir(folder) else { return 0 }
        var candidates: [String] = []
        let wanted = prefix + StagingFolder.marker
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            // Hidden names only: a staging folder's name always starts with a dot.
            if name.hasPrefix("."), name.hasPrefix(wanted) { candidates.append(name) }
        }
        closedir(directory)
        var removed = 0
        for name in candidates {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            // Taken: nobody holds it, so nobody writes there any more.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            if RemoveTree.remove(path) { removed += 1 }
        }
        return removed
    }
}
