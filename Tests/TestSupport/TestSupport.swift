import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongwenModel
import ZIPFoundation

/// Paths of the repository, found from this file's location so tests run from any directory.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}

/// Golden files: compared byte for byte; `GONGWEN_RECORD_GOLDEN=1 swift test` rewrites them,
/// and the rewritten files are reviewed by eye in the diff before they are committed.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["GONGWEN_RECORD_GOLDEN"] == "1" }

    /// Returns nil when `actual` matches the golden file, else a description of the difference.
    public static func compare(_ actual: [UInt8], to relativePath: String) -> String? {
        let url = Repository.root.appendingPathComponent(relativePath)
        if recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual).write(to: url)
            return nil
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            return "golden file \(relativePath) is missing; run with GONGWEN_RECORD_GOLDEN=1 to create it"
        }
        guard [UInt8](expected) != actual else { return nil }
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let al = i < a.count ? String(a[i]) : "<end>"
            let el = i < e.count ? String(e[i]) : "<end>"
            if al != el {
                return "\(relativePath) differs at line \(i + 1):\n  expected: \(el.prefix(300))\n  actual:   \(al.prefix(300))"
            }
        }
        return "\(relativePath) differs"
    }

    public static func compare(_ actual: String, to relativePath: String) -> String? {
        compare(Array(actual.utf8), to: relativePath)
    }
}

/// A fresh temporary directory, removed by the caller.
public func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes text files into `directory` (creating folders) and returns the directory.
@discardableResult
public func writeFiles(_ files: [String: String], into directory: URL) -> URL {
    for (name, text) in files {
        let url = directory.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }
    return directory
}

/// The entries of a zip archive in stored order, with their bytes: for checking `.odt` packages
/// part by part rather than as zip bytes.
public struct UnzippedEntry {
    public var path: String
    public var bytes: [UInt8]
}

/// The first local file header of a zip, read from the raw bytes: what ODF requires of
/// `mimetype` (first, stored, no extra field) is visible only there.
public struct FirstZipEntry {
    public var name: String
    public var compressionMethod: Int
    public var extraFieldLength: Int
    public var content: [UInt8]

    public init?(_ zip: [UInt8]) {
        guard zip.count > 30, zip[0...3] == [0x50, 0x4B, 0x03, 0x04] else { return nil }
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        compressionMethod = u16(8)
        let size = u32(18)
        let nameLength = u16(26)
        extraFieldLength = u16(28)
        guard zip.count >= 30 + nameLength + extraFieldLength + size else { return nil }
        name = String(decoding: zip[30..<30 + nameLength], as: UTF8.self)
        let start = 30 + nameLength + extraFieldLength
        content = Array(zip[start..<start + size])
    }
}

public func unzip(_ bytes: [UInt8]) throws -> [UnzippedEntry] {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    var result: [UnzippedEntry] = []
    for entry in archive {
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        result.append(UnzippedEntry(path: entry.path, bytes: [UInt8](data)))
    }
    return result
}

/// Checks well-formedness with Foundation's XML parser (a second parser, not libxml2's writer
/// checking itself). Returns the parser's error, or nil.
public func wellFormednessError(_ bytes: [UInt8]) -> String? {
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    return parser.parse() ? nil : (parser.parserError.map { "\($0)" } ?? "parse failed at line \(parser.lineNumber)")
}

