import Foundation
import GongwenModel

/// Moves the files of a staging folder into an existing output folder on the same file system,
/// as a transaction: a file of the same name is set aside (renamed into the staging folder) rather
/// than deleted, and `rollBack` puts the folder back as it was if any move fails — a full disk can
/// refuse even a rename when the folder's own listing must grow.
struct StagedMove {
    /// Where the replaced files wait until the batch is in place, inside the staging folder.
    static let asideName = ".replaced"

    private let staging: String
    private let directory: String
    private let overwrite: Bool
    /// Names moved so far, in order, and whether each set an old file aside: what `rollBack` undoes.
    private var moved: [(name: String, replaced: Bool)] = []
    private(set) var replacedFirst: [String] = []
    private(set) var replacedCount = 0

    init(staging: String, directory: String, overwrite: Bool) {
        self.staging = staging
        self.directory = directory
        self.overwrite = overwrite
    }

    /// Moves every staged file, a few thousand names at a time, reading the staging folder afresh
    /// for each lot (what a listing returns while its entries are being moved is unspecified).
    mutating func moveAll() throws(DiagnosticError) {
        var asideCreated = false
        while true {
            let lot = try nextLot()
            if lot.isEmpty { return }
            for name in lot {
                let target = directory + "/" + name
                var status = stat()
                var replaces = false
                if lstat(target, &status) == 0 {
                    // A folder is never replaced, whatever it holds.
                    if (status.st_mode & S_IFMT) == S_IFDIR { throw Self.folderInTheWay(target) }
                    guard overwrite else { throw Self.exists(target) }
                    if !asideCreated {
                        guard mkdir(staging + "/" + Self.asideName, 0o755) == 0 || errno == EEXIST else { throw failure(target) }
                        asideCreated = true
                    }
                    guard rename(target, aside(name)) == 0 else { throw failure(target) }
                    replaces = true
                }
                if rename(staging + "/" + name, target) != 0 {
                    let error = failure(target)
                    if replaces { rename(aside(name), target) }
                    throw error
                }
                moved.append((name, replaces))
                if replaces {
                    replacedCount += 1
                    if replacedFirst.count < StagedOutput.listedNames { replacedFirst.append(name) }
                }
            }
        }
    }

    /// Undoes every move made, newest first: the new file goes back to the staging folder (its
    /// place there is still allocated) and the old one, if any, returns to its name.
    mutating func rollBack() {
        for (name, replaced) in moved.reversed() {
            let target = directory + "/" + name
            if rename(target, staging + "/" + name) != 0 { unlink(target) }
            if replaced { rename(aside(name), target) }
        }
        moved = []
    }

    private func aside(_ name: String) -> String { staging + "/" + Self.asideName + "/" + name }

    private func nextLot() throws(DiagnosticError) -> [String] {
        guard let listing = opendir(staging) else { throw failure(directory) }
        defer { closedir(listing) }
        var lot: [String] = []
        while lot.count < 4096, let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." && name != Self.asideName { lot.append(name) }
        }
        return lot
    }

    private func failure(_ path: String) -> DiagnosticError {
        WriteFailure.error(errno: errno, action: "移入", path: path)
    }

    static func folderInTheWay(_ path: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "output-folder-in-the-way", message:
            "输出文件夹里已有与输出文件同名的文件夹 “\(path)”；Gongwen 不会删除文件夹，请把它改名或换一个 --out / a folder has the name of an output file; it is never deleted"))
    }

    static func exists(_ path: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(id: "output-exists", message:
            "输出文件夹里已有同名文件 “\(path)”（可能不止一个），未替换任何文件。要用新生成的文件替换它们请加 --overwrite，或换一个 --out / a file of that name exists; add --overwrite to replace it"))
    }
}
