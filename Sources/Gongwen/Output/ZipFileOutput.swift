import Foundation
import GongwenModel
import GongwenZip

/// A zip file written entry by entry (documents are already compressed as .odt, so large
/// parts are deflated once more only when that pays).
///
/// Everything is written inside a hidden staging folder beside the zip — the same folder, so the
/// same file system — and the finished zip is renamed over its name in one step: a full disk or
/// Ctrl-C leaves the old zip (or none) as it was. An existing zip is replaced only with
/// `overwrite`; a folder of that name never.
final class ZipFileOutput {
    private let target: String
    private let staging: StagingFolder
    private let overwrite: Bool
    /// Folders above the zip that this run created, removed again if it fails.
    private let createdParents: [String]
    private let archive: String
    private let file: UnsafeMutablePointer<FILE>
    private let deflater = ZipWriter()
    private var stream: ZipStream!
    /// errno of the first failed write, 0 while all went well.
    private var failedWith: Int32 = 0
    private var finished = false

    init(path: String, overwrite: Bool) throws(DiagnosticError) {
        target = URL(fileURLWithPath: path).standardizedFileURL.path
        self.overwrite = overwrite
        try Self.checkTarget(target, overwrite: overwrite)
        let parent = (target as NSString).deletingLastPathComponent
        createdParents = try ParentFolders.create(parent)
        let prefix = "." + (target as NSString).lastPathComponent
        StaleStaging.removeAbandoned(in: parent, prefix: prefix)
        do {
            staging = try StagingFolder(in: parent, prefix: prefix, display: path)
        } catch {
            ParentFolders.remove(createdParents)
            throw error
        }
        archive = staging.path + "/archive.zip"
        guard let handle = fopen(archive, "wbe") else {
            let code = errno
            staging.remove()
            ParentFolders.remove(createdParents)
            throw WriteFailure.error(errno: code, action: "写入", path: path)
        }
        file = handle
        stream = ZipStream { [unowned self] bytes in
            if self.failedWith == 0 && !bytes.isEmpty && fwrite(bytes, 1, bytes.count, self.file) != bytes.count {
                self.failedWith = errno == 0 ? ENOSPC : errno
            }
        }
    }

    deinit {
        if !finished { abort() }
    }

    /// A zip is never put over a folder, and over a file only with `overwrite`; true when it
    /// will replace a file.
    @discardableResult
    private static func checkTarget(_ target: String, overwrite: Bool) throws(DiagnosticError) -> Bool {
        var status = stat()
        guard lstat(target, &status) == 0 else { return false }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticError(Diagnostic(id: "output-folder-in-the-way", message:
                "“\(target)” 是一个文件夹；Gongwen 不会删除文件夹，请换一个 zip 文件名 / a folder has the zip's name; it is never deleted"))
        }
        if !overwrite { throw StagedMove.exists(target) }
        return true
    }

    /// Adds a file, deflated unless it is `compressed` already (deflating it again gains nothing).
    func add(_ name: String, _ bytes: [UInt8], compressed: Bool = false) throws(DiagnosticError) {
        guard stream.fits(bytes.count) else { throw tooLarge() }
        stream.add(deflater.entry(name, bytes, store: compressed))
        if failedWith != 0 { throw writeError() }
    }

    /// Where a streamed file waits before it is added (`addFile`).
    var temporaryFilePath: String { staging.path + "/part" }

    /// Where a file written alongside the entries (the manifest) waits.
    func scratchPath(_ name: String) -> String { staging.path + "/scratch-" + name }

    /// Adds the file at `path` (`temporaryFilePath` or a scratch path), stored as it is (read
    /// twice: once for its CRC), then removes it.
    func addFile(_ name: String, from path: String) throws(DiagnosticError) {
        defer { unlink(path) }
        var crc: UInt32 = 0
        var size = 0
        guard FileChunks.read(path, { chunk in crc = ZipWriter.crc(chunk, continuing: crc); size += chunk.count }) else {
            failedWith = errno == 0 ? EIO : errno
            throw writeError()
        }
        guard stream.fits(size) else { throw tooLarge() }
        var copied = true
        stream.add(ZipWriter.ZipEntry(path: Array(name.utf8), method: 0, crc: crc, compressed: [], compressedSize: size, uncompressedSize: size)) { out in
            copied = FileChunks.read(path, out)
        }
        if !copied && failedWith == 0 { failedWith = EIO }
        if failedWith != 0 { throw writeError() }
    }

    /// Finishes the zip and renames it over `target`; says whether it replaced a file.
    func commit() throws(DiagnosticError) -> (path: String, replaced: Bool) {
        stream.finish()
        if fclose(file) != 0 && failedWith == 0 { failedWith = errno }
        finished = true
        if failedWith != 0 { discard(); throw WriteFailure.error(errno: failedWith, action: "写入", path: target) }
        guard Interruption.beginCommit() else { discard(); throw Interruption.error }
        var completed = false
        defer { Interruption.endCommit(completed: completed) }
        var replaced = false
        do throws(DiagnosticError) {
            // Checked again: the name may have been taken while the batch ran.
            replaced = try Self.checkTarget(target, overwrite: overwrite)
        } catch {
            discard()
            throw error
        }
        guard rename(archive, target) == 0 else {
            let code = errno
            discard()
            throw WriteFailure.error(errno: code, action: "移入", path: target)
        }
        completed = true
        staging.remove()
        return (target, replaced)
    }

    func abort() {
        guard !finished else { return }
        finished = true
        fclose(file)
        discard()
    }

    /// Removes everything this run made: the staging folder and the folders created above it.
    private func discard() {
        staging.remove()
        ParentFolders.remove(createdParents)
    }

    private func writeError() -> DiagnosticError {
        let code = failedWith
        abort()
        return WriteFailure.error(errno: code, action: "写入", path: target)
    }

    private func tooLarge() -> DiagnosticError {
        abort()
        return DiagnosticError(Diagnostic(id: "output-zip-too-large", message: "输出的 zip 文件将超过 4 GB，请改为输出到文件夹 / zip would exceed 4 GB"))
    }
}
