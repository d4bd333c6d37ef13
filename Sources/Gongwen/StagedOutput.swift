import Foundation
import GongwenModel

/// Writes a batch's files into a hidden staging folder beside the output folder and moves them
/// into place only when all of them were written, so a failed run leaves the output folder as
/// it was: nothing half-written.
public final class StagedOutput: @unchecked Sendable {
    public let directory: URL
    private let staging: URL
    /// `staging` as a path ending in `/`: file paths are joined as strings, since building a
    /// URL per file was a measurable part of a batch of small files.
    private let stagingPrefix: String
    /// How many files were registered, and the first of their names in order (for the report):
    /// a batch of a hundred thousand files keeps no list of them.
    private var registered = 0
    private var firstNames: [String] = []
    public static let listedNames = 100
    private var finished = false

    public init(directory: String) throws(DiagnosticError) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = self.directory.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.directory.lastPathComponent).gongwen-\(UUID().uuidString)")
        stagingPrefix = staging.path + "/"
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            Interruption.register(staging.path)
        } catch {
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法创建输出文件夹 “\(directory)”：\(error.localizedDescription) / cannot create output folder"))
        }
    }

    deinit {
        if !finished { abort() }
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        try writeUnregistered(name, bytes)
        register(name)
    }

    /// Where a file of this name is staged, for writers that stream into it themselves
    /// (`register` it when it is complete).
    public func stagedPath(_ name: String) -> String {
        stagingPrefix + name
    }

    /// Counts a file written with `writeUnregistered` (call in order; `commit` moves every staged file).
    public func register(_ name: String) {
        registered += 1
        if firstNames.count < Self.listedNames { firstNames.append(name) }
    }

    /// Writes a file into the staging folder; safe from several threads for distinct names.
    public func writeUnregistered(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        // Plain open/write/close: no fsync per file (Foundation's Data.write syncs), which would
        // make a batch of ten thousand files wait on the disk ten thousand times.
        let path = stagingPrefix + name
        if Interruption.interrupted {
            throw DiagnosticError(Diagnostic(id: "interrupted", message: "已中断 / interrupted"))
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var ok = fd >= 0
        if ok {
            var done = 0
            bytes.withUnsafeBytes { raw in
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { ok = false; return }
                    done += n
                }
            }
            if close(fd) != 0 { ok = false }
        }
        guard ok else {
            let reason = String(cString: strerror(errno))
            abort()
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法写入 “\(name)”：\(reason) / cannot write output"))
        }
    }

    /// Moves every staged file into the output folder (replacing files of the same name) and
    /// returns the first names registered and how many there were.
    @discardableResult
    public func commit() throws(DiagnosticError) -> (first: [String], count: Int) {
        let fm = FileManager.default
        do {
            if !fm.fileExists(atPath: directory.path) {
                // A new output folder: one rename moves the whole batch.
                try fm.moveItem(at: staging, to: directory)
            } else {
                try moveStagedFiles()
                try fm.removeItem(at: staging)
            }
        } catch {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法把结果移入 “\(directory.path)”：\(error.localizedDescription) / cannot move output into place"))
        }
        finished = true
        Interruption.unregister(staging.path)
        return (firstNames, registered)
    }

    /// Moves the staged files into the existing output folder a few thousand names at a time,
    /// reading the staging folder afresh for each lot (what a directory listing returns while
    /// its entries are being moved is unspecified).
    private func moveStagedFiles() throws {
        while true {
            var lot: [String] = []
            guard let dir = opendir(staging.path) else { throw CocoaError(.fileReadNoPermission) }
            while lot.count < 4096, let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name != "." && name != ".." { lot.append(name) }
            }
            closedir(dir)
            if lot.isEmpty { return }
            for name in lot {
                let target = directory.path + "/" + name
                if rename(stagingPrefix + name, target) != 0 {
                    // A folder of that name in the way (rename cannot replace it): as before, replace it.
                    try? FileManager.default.removeItem(atPath: target)
                    try FileManager.default.moveItem(atPath: stagingPrefix + name, toPath: target)
                }
            }
        }
    }

    public func abort() {
        try? FileManager.default.removeItem(at: staging)
        Interruption.unregister(staging.path)
        finished = true
    }
}
