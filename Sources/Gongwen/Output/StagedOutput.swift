import Foundation
import GongwenModel

/// What a batch put into place.
public struct CommitSummary: Sendable {
    /// The first names written, in order (up to `StagedOutput.listedNames`), and how many in all.
    public var first: [String]
    public var count: Int
    /// Files of the same name that were there before and were replaced (`--overwrite`).
    public var replacedFirst: [String] = []
    public var replacedCount = 0
}

/// Writes a batch's files into a hidden staging folder and moves them into the output folder only
/// when all of them were written, so a failed run leaves the output folder exactly as it was.
///
/// The staging folder is on the output's own file system: inside the output folder when it exists
/// (it may be a mount point — a USB stick — whose parent is another disk), else beside the folder
/// about to be created. Moving is then `rename(2)` only, never copy-and-delete. A file of the same
/// name already in the output folder is refused unless `overwrite`; with it, the old file is set
/// aside until every new file is in place and put back if the move fails. A folder in the way is
/// never deleted.
public final class StagedOutput: @unchecked Sendable {
    public let directory: URL
    private let directoryPath: String
    private let overwrite: Bool
    /// Whether the output folder existed (files are moved into it one by one) or is new (the
    /// staging folder is renamed to it whole).
    private let existed: Bool
    private let staging: StagingFolder
    /// `staging` as a path ending in `/`: file paths are joined as strings, since building a
    /// URL per file was a measurable part of a batch of small files.
    private let stagingPrefix: String
    /// Parent folders of a new output folder that this run created, removed again on failure.
    private let createdParents: [String]
    /// How many files were registered, and the first of their names in order (for the report):
    /// a batch of a hundred thousand files keeps no list of them.
    private var registered = 0
    private var firstNames: [String] = []
    public static let listedNames = 100
    private var finished = false
    /// The first write failure: every later write throws it too, so a full disk is reported once.
    private let failureLock = NSLock()
    private var failure: DiagnosticError?

    public init(directory: String, overwrite: Bool = false) throws(DiagnosticError) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        directoryPath = self.directory.path
        self.overwrite = overwrite
        let parent = self.directory.deletingLastPathComponent().path
        let besidePrefix = "." + self.directory.lastPathComponent
        // Left by a run that was killed while the folder did not exist yet.
        StaleStaging.removeAbandoned(in: parent, prefix: besidePrefix)
        var status = stat()
        if stat(directoryPath, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw DiagnosticError(Diagnostic(id: "output-not-a-folder", message:
                    "输出位置 “\(directory)” 是一个文件，不是文件夹；请换一个 --out / the output path is a file, not a folder"))
            }
            existed = true
            createdParents = []
            StaleStaging.removeAbandoned(in: directoryPath, prefix: "")
            staging = try StagingFolder(in: directoryPath, prefix: "", display: directory)
        } else {
            existed = false
            createdParents = try ParentFolders.create(parent)
            do {
                staging = try StagingFolder(in: parent, prefix: besidePrefix, display: directory)
            } catch {
                ParentFolders.remove(createdParents)
                throw error
            }
        }
        stagingPrefix = staging.path + "/"
    }

    deinit {
        if !finished { abort() }
    }

    /// The place the user will find a file of this name (for messages).
    public func displayPath(_ name: String) -> String { directoryPath + "/" + name }

    /// Writes a file and counts it; returns whether it will replace a file already there.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) -> Bool {
        try writeUnregistered(name, bytes)
        return try register(name)
    }

    /// Where a file of this name is staged, for writers that stream into it themselves
    /// (`register` it when it is complete).
    public func stagedPath(_ name: String) -> String {
        stagingPrefix + name
    }

    /// Counts a file written with `writeUnregistered` (call in order; `commit` moves every staged
    /// file) and checks the output folder for a file of that name now, so a batch that could not
    /// be put into place stops at its first file rather than its last. Returns whether the file
    /// will replace one that is there (only with `overwrite`).
    @discardableResult
    public func register(_ name: String) throws(DiagnosticError) -> Bool {
        registered += 1
        if firstNames.count < Self.listedNames { firstNames.append(name) }
        guard existed else { return false }
        return try checkTarget(name)
    }

    /// Writes a file into the staging folder; safe from several threads for distinct names.
    public func writeUnregistered(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        if let failure = currentFailure() { throw failure }
        if Interruption.interrupted { throw Interruption.error }
        // Plain open/write/close: no fsync per file (Foundation's Data.write syncs), which would
        // make a batch of ten thousand files wait on the disk ten thousand times.
        let fd = open(stagingPrefix + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var code: Int32 = 0
        if fd < 0 {
            code = errno
        } else {
            bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { code = n < 0 ? errno : ENOSPC; return }
                    done += n
                }
            }
            if close(fd) != 0 && code == 0 { code = errno }
        }
        if code != 0 { throw fail(WriteFailure.error(errno: code, action: "写入", path: displayPath(name))) }
    }

    /// Records a failure of the batch's output (the first one wins) and returns what to throw.
    public func fail(_ error: DiagnosticError) -> DiagnosticError {
        failureLock.lock()
        defer { failureLock.unlock() }
        if failure == nil { failure = error }
        return failure!
    }

    private func currentFailure() -> DiagnosticError? {
        failureLock.lock()
        defer { failureLock.unlock() }
        return failure
    }

    /// Moves every staged file into the output folder and returns what was put there. On any
    /// failure the output folder is put back as it was.
    @discardableResult
    public func commit() throws(DiagnosticError) -> CommitSummary {
        if let failure = currentFailure() { abort(); throw failure }
        guard Interruption.beginCommit() else { abort(); throw Interruption.error }
        var completed = false
        defer { Interruption.endCommit(completed: completed) }
        var summary = CommitSummary(first: firstNames, count: registered)
        if existed {
            var mover = StagedMove(staging: staging.path, directory: directoryPath, overwrite: overwrite)
            do throws(DiagnosticError) {
                try mover.moveAll()
            } catch {
                mover.rollBack()
                abort()
                throw error
            }
            summary.replacedFirst = mover.replacedFirst
            summary.replacedCount = mover.replacedCount
            staging.remove()
        } else if rename(staging.path, directoryPath) == 0 {
            // A new output folder: one rename puts the whole batch in place.
            staging.release()
        } else {
            let code = errno
            abort()
            throw WriteFailure.error(errno: code, action: "移入", path: directoryPath)
        }
        finished = true
        completed = true
        return summary
    }

    public func abort() {
        guard !finished else { return }
        staging.remove()
        ParentFolders.remove(createdParents)
        finished = true
    }

    /// Checks the output folder for something named `name` before it is replaced: a folder is
    /// never replaced, a file only with `overwrite`.
    private func checkTarget(_ name: String) throws(DiagnosticError) -> Bool {
        var status = stat()
        guard lstat(directoryPath + "/" + name, &status) == 0 else { return false }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw fail(StagedMove.folderInTheWay(displayPath(name)))
        }
        guard overwrite else { throw fail(StagedMove.exists(displayPath(name))) }
        return true
    }
}
