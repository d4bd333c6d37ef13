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
    private var written: [String] = []
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

    /// Records a file written with `writeUnregistered`, so `commit` moves it (call in order).
    public func register(_ name: String) {
        written.append(name)
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
    /// returns their names.
    @discardableResult
    public func commit() throws(DiagnosticError) -> [String] {
        let fm = FileManager.default
        do {
            if !fm.fileExists(atPath: directory.path) {
                // A new output folder: one rename moves the whole batch.
                try fm.moveItem(at: staging, to: directory)
            } else {
                for name in written {
                    let target = directory.appendingPathComponent(name)
                    if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                    try fm.moveItem(at: staging.appendingPathComponent(name), to: target)
                }
                try fm.removeItem(at: staging)
            }
        } catch {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法把结果移入 “\(directory.path)”：\(error.localizedDescription) / cannot move output into place"))
        }
        finished = true
        Interruption.unregister(staging.path)
        return written
    }

    public func abort() {
        try? FileManager.default.removeItem(at: staging)
        Interruption.unregister(staging.path)
        finished = true
    }
}
