import Foundation
import GongwenModel
import GongwenRender

/// Where a batch goes: a folder (through `StagedOutput`) or, when `--out` ends in `.zip`, one
/// zip file written in a hidden staging folder beside it and renamed into place at the end.
/// Either way a failed or interrupted run leaves what was there before.
final class OutputSink {
    private let folder: StagedOutput?
    private let zip: ZipFileOutput?

    private init(folder: StagedOutput?, zip: ZipFileOutput?) {
        self.folder = folder
        self.zip = zip
    }

    /// `overwrite`: files of the same name already there may be replaced (and are reported);
    /// without it they stop the batch before anything is put in place.
    static func open(_ path: String, overwrite: Bool) throws(DiagnosticError) -> OutputSink {
        if path.lowercased().hasSuffix(".zip") {
            return OutputSink(folder: nil, zip: try ZipFileOutput(path: path, overwrite: overwrite))
        }
        return OutputSink(folder: try StagedOutput(directory: path, overwrite: overwrite), zip: nil)
    }

    /// Writes a file; returns whether it will replace one of the same name. `compressed`: its
    /// bytes are compressed already (an `.odt`), so a zip stores them as they are.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], compressed: Bool = false) throws(DiagnosticError) -> Bool {
        if let folder { return try folder.write(name, bytes) }
        try zip!.add(name, bytes, compressed: compressed)
        return false
    }

    /// For a folder: writes a file from any thread (`register` it afterwards, in order).
    var concurrentWriter: (@Sendable (String, [UInt8]) throws(DiagnosticError) -> Void)? {
        guard let folder else { return nil }
        return { (name, bytes) throws(DiagnosticError) in try folder.writeUnregistered(name, bytes) }
    }

    /// Counts a file the workers wrote; returns whether it will replace one of the same name.
    @discardableResult
    func register(_ name: String) throws(DiagnosticError) -> Bool {
        try folder?.register(name) ?? false
    }

    /// The output folder (nil for a .zip).
    var directory: String? { folder?.directory.path }

    /// Where the user will find a file of this name (for messages).
    func displayPath(_ name: String) -> String {
        folder?.displayPath(name) ?? name
    }

    /// A path to stream a large file to (a combined document): inside the staging folder. Hand
    /// it over with `adopt` when complete.
    func streamingPath(_ name: String) -> String {
        folder?.stagedPath(name) ?? zip!.temporaryFilePath
    }

    /// Takes the file written at `streamingPath(name)` into the output; returns whether it will
    /// replace one of the same name.
    @discardableResult
    func adopt(_ name: String) throws(DiagnosticError) -> Bool {
        if let folder { return try folder.register(name) }
        try zip!.addFile(name, from: zip!.temporaryFilePath)
        return false
    }

    /// A path to write a file to bit by bit alongside the batch (the manifest), in the staging
    /// folder. Hand it over with `adoptScratch` when complete.
    func scratchPath(_ name: String) -> String {
        folder?.stagedPath(name) ?? zip!.scratchPath(name)
    }

    @discardableResult
    func adoptScratch(_ name: String) throws(DiagnosticError) -> Bool {
        if let folder { return try folder.register(name) }
        try zip!.addFile(name, from: zip!.scratchPath(name))
        return false
    }

    /// Moves everything into place: for a folder, its files; for a .zip, the zip (its path is
    /// the one name).
    func commit() throws(DiagnosticError) -> CommitSummary {
        if let folder { return try folder.commit() }
        let (path, replaced) = try zip!.commit()
        return CommitSummary(first: [path], count: 1, replacedFirst: replaced ? [path] : [], replacedCount: replaced ? 1 : 0)
    }

    func abort() {
        folder?.abort()
        zip?.abort()
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
