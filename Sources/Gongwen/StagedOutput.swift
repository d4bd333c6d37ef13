import Foundation
import GongwenModel

/// Writes a batch's files into a hidden staging folder beside the output folder and moves them
/// into place only when all of them were written, so a failed run leaves the output folder as
/// it was: nothing half-written.
public final class StagedOutput {
    public let directory: URL
    private let staging: URL
    private var written: [String] = []
    private var finished = false

    public init(directory: String) throws(DiagnosticError) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = self.directory.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.directory.lastPathComponent).gongwen-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法创建输出文件夹 “\(directory)”：\(error.localizedDescription) / cannot create output folder"))
        }
    }

    deinit {
        if !finished { abort() }
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        let url = staging.appendingPathComponent(name)
        do {
            try Data(bytes).write(to: url)
        } catch {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法写入 “\(name)”：\(error.localizedDescription) / cannot write output"))
        }
        written.append(name)
    }

    /// Moves every staged file into the output folder (replacing files of the same name).
    @discardableResult
    public func commit() throws(DiagnosticError) -> [String] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            for name in written {
                let target = directory.appendingPathComponent(name)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.moveItem(at: staging.appendingPathComponent(name), to: target)
            }
            try fm.removeItem(at: staging)
        } catch {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法把结果移入 “\(directory.path)”：\(error.localizedDescription) / cannot move output into place"))
        }
        finished = true
        return written.map { directory.appendingPathComponent($0).path }
    }

    public func abort() {
        try? FileManager.default.removeItem(at: staging)
        finished = true
    }
}
