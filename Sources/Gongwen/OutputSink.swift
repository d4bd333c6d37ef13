import Foundation
import GongwenModel
import GongwenRender

/// Where a batch goes: a folder (through `StagedOutput`) or, when `--out` ends in `.zip`, one
/// zip file streamed to a hidden temporary file beside it and renamed into place at the end.
/// Either way a failed or interrupted run leaves what was there before.
final class OutputSink {
    private let folder: StagedOutput?
    private let zip: ZipFileOutput?

    private init(folder: StagedOutput?, zip: ZipFileOutput?) {
        self.folder = folder
        self.zip = zip
    }

    static func open(_ path: String) throws(DiagnosticError) -> OutputSink {
        if path.lowercased().hasSuffix(".zip") {
            return OutputSink(folder: nil, zip: try ZipFileOutput(path: path))
        }
        return OutputSink(folder: try StagedOutput(directory: path), zip: nil)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        if let folder { try folder.write(name, bytes) } else { try zip!.add(name, bytes) }
    }

    /// For a folder: writes a file from any thread (`register` it afterwards, in order).
    var concurrentWriter: (@Sendable (String, [UInt8]) throws(DiagnosticError) -> Void)? {
        guard let folder else { return nil }
        return { (name, bytes) throws(DiagnosticError) in try folder.writeUnregistered(name, bytes) }
    }

    func register(_ name: String) { folder?.register(name) }

    /// The output folder (nil for a .zip).
    var directory: String? { folder?.directory.path }

    /// A path to stream a large file to (a combined document): inside the staging folder, or
    /// for a .zip a temporary file beside it. Hand it over with `adopt` when complete.
    func streamingPath(_ name: String) -> String {
        if let folder { return folder.stagedPath(name) }
        Interruption.register(zip!.temporaryFilePath)
        return zip!.temporaryFilePath
    }

    /// Takes the file written at `streamingPath(name)` into the output.
    func adopt(_ name: String) throws(DiagnosticError) {
        if let folder { folder.register(name) } else { try zip!.addFile(name, from: zip!.temporaryFilePath) }
    }

    /// A path to write a file to bit by bit alongside the batch (the manifest): in the staging
    /// folder, or for a .zip beside it. Hand it over with `adoptScratch` when complete.
    func scratchPath(_ name: String) -> String {
        if let folder { return folder.stagedPath(name) }
        let path = zip!.scratchPath(name)
        Interruption.register(path)
        return path
    }

    func adoptScratch(_ name: String) throws(DiagnosticError) {
        if let folder { folder.register(name) } else { try zip!.addFile(name, from: zip!.scratchPath(name)) }
    }

    /// Moves everything into place; returns the first names written (the zip's path for a .zip)
    /// and how many files there are.
    func commit() throws(DiagnosticError) -> (first: [String], count: Int) {
        if let folder { return try folder.commit() }
        return ([try zip!.commit()], 1)
    }

    func abort() {
        folder?.abort()
        zip?.abort()
    }
}

/// A zip file written entry by entry (documents are already compressed as .odt, so large
/// parts are deflated once more only when that pays).
final class ZipFileOutput {
    private let target: URL
    private let temporary: URL
    private let file: UnsafeMutablePointer<FILE>
    private let deflater = ZipWriter()
    private var stream: ZipStream!
    private var failed = false
    private var finished = false

    init(path: String) throws(DiagnosticError) {
        target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        temporary = parent.appendingPathComponent(".\(target.lastPathComponent).gongwen-\(UUID().uuidString)")
        guard let handle = fopen(temporary.path, "wb") else {
            throw DiagnosticError(Diagnostic(id: "output-write", message: "无法创建 “\(path)” / cannot create the zip file"))
        }
        file = handle
        Interruption.register(temporary.path)
        stream = ZipStream { [unowned self] bytes in
            if !self.failed && !bytes.isEmpty && fwrite(bytes, 1, bytes.count, self.file) != bytes.count { self.failed = true }
        }
    }

    deinit {
        if !finished { abort() }
    }

    func add(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        guard stream.fits(bytes.count) else {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-zip-too-large", message: "输出的 zip 文件将超过 4 GB，请改为输出到文件夹 / zip would exceed 4 GB"))
        }
        let already = name.hasSuffix(".odt")
        stream.add(deflater.entry(name, bytes, store: already))
        if failed { throw writeError() }
    }

    /// Where a streamed file waits before it is added (`addFile`).
    var temporaryFilePath: String { temporary.path + ".part" }

    /// Where a file written alongside the entries (the manifest) waits, beside the zip.
    func scratchPath(_ name: String) -> String { temporaryFilePath + "." + name }

    /// Adds the file at `path` (`temporaryFilePath` or a scratch path beside it), stored as it is
    /// (read twice: once for its CRC), then removes it.
    func addFile(_ name: String, from path: String) throws(DiagnosticError) {
        defer {
            unlink(path)
            Interruption.unregister(path)
        }
        var crc: UInt32 = 0
        var size = 0
        guard FileChunks.read(path, { chunk in crc = ZipWriter.crc(chunk, continuing: crc); size += chunk.count }) else { throw writeError() }
        guard stream.fits(size) else {
            abort()
            throw DiagnosticError(Diagnostic(id: "output-zip-too-large", message: "输出的 zip 文件将超过 4 GB，请改为输出到文件夹 / zip would exceed 4 GB"))
        }
        var copied = true
        stream.add(ZipWriter.ZipEntry(path: Array(name.utf8), method: 0, crc: crc, compressed: [], compressedSize: size, uncompressedSize: size)) { out in
            copied = FileChunks.read(path, out)
        }
        if failed || !copied { throw writeError() }
    }

    func commit() throws(DiagnosticError) -> String {
        stream.finish()
        if fclose(file) != 0 || failed { finished = true; try? FileManager.default.removeItem(at: temporary); throw writeError() }
        finished = true
        Interruption.unregister(temporary.path)
        do {
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw writeError()
        }
        return target.path
    }

    func abort() {
        guard !finished else { return }
        finished = true
        fclose(file)
        unlink(temporaryFilePath)
        try? FileManager.default.removeItem(at: temporary)
        Interruption.unregister(temporary.path)
    }

    private func writeError() -> DiagnosticError {
        abort()
        return DiagnosticError(Diagnostic(id: "output-write", message: "无法写入 “\(target.path)”（磁盘已满？） / cannot write the zip file"))
    }
}

/// Reads a file in pieces of a few megabytes (copying a combined document into a zip).
enum FileChunks {
    /// Calls `body` with each piece in order; false when the file cannot be read.
    static func read(_ path: String, _ body: ([UInt8]) -> Void) -> Bool {
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { body(n == buffer.count ? buffer : Array(buffer[..<n])) }
            if n < buffer.count { return ferror(file) == 0 }
        }
    }
}
