import Foundation
import GongwenModel
import GongwenTemplate
import Hummingbird
import ZIPFoundation

/// A refused upload, in the clerk's words; shown on the page (never a stack trace).
struct UploadError: Error, Sendable {
    var message: String
    var status: HTTPResponse.Status = .badRequest
}

/// Uploads: streamed to disk as they arrive (never held in memory), refused as soon as they pass
/// the limit, and stored under names the server makes (`upload-3.xlsx`); the clerk's file name is
/// only ever shown, escaped.
enum Uploads {
    static let dataExtensions = ["xlsx", "ods", "csv", "txt", "tsv", "json", "yaml", "yml"]
    static let regionExtensions = ["csv", "xlsx"]
    static let templateExtensions = ["xml", "zip"]

    /// The extension of `name` if it is one of `allowed` (lower-cased), else nil. Nothing else of
    /// the name is kept.
    static func safeExtension(_ name: String, allowed: [String]) -> String? {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: ".") else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        return allowed.contains(ext) ? ext : nil
    }

    /// The name as shown: its last path component, at most 120 characters.
    static func displayName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.count > 120 ? String(clean.prefix(120)) + "…" : clean
    }

    static func tooLarge(_ limit: Int) -> UploadError {
        UploadError(message: "上传的文件太大：最大 \(limit >> 20) MB / the upload is larger than \(limit >> 20) MB", status: .contentTooLarge)
    }

    /// Writes the request body to `path` as it arrives. Refused before reading when the declared
    /// length is over `limit`, and as soon as more than `limit` bytes came; the partial file is removed.
    static func stream(_ request: Request, to path: String, limit: Int) async throws -> Int {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw tooLarge(limit)
        }
        guard let file = fopen(path, "wxe") else {
            throw UploadError(message: "无法保存上传的文件 / cannot store the upload", status: .internalServerError)
        }
        var written = 0
        var ok = false
        defer {
            fclose(file)
            if !ok { unlink(path) }
        }
        for try await buffer in request.body {
            written += buffer.readableBytes
            if written > limit { throw tooLarge(limit) }
            let count = buffer.withUnsafeReadableBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            if count != buffer.readableBytes {
                throw UploadError(message: "磁盘已满或不可写，无法保存上传的文件 / cannot write the upload", status: .internalServerError)
            }
        }
        ok = true
        return written
    }

    /// One part of a multipart form read from disk: a text field, or a file (its bytes' range).
    struct Part {
        var name: String
        var fileName: String?
        var range: Range<Int>
    }

    /// The boundary of a `multipart/form-data` request.
    static func boundary(_ request: Request) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for piece in type.split(separator: ";") {
            let item = piece.trimmingCharacters(in: .whitespaces)
            if item.lowercased().hasPrefix("boundary=") {
                var value = String(item.dropFirst("boundary=".count))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value.isEmpty || value.utf8.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// Splits a multipart body stored at `path` into its parts (mapped, not read into memory).
    static func parts(of data: Data, boundary: String) throws -> [Part] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { throw malformed }
            func find(_ needle: [UInt8], from: Int) -> Int? {
                let n = needle.count
                guard n > 0, from >= 0, raw.count - from >= n else { return nil }
                let last = raw.count - n
                var i = from
                return needle.withUnsafeBytes { pattern -> Int? in
                    while i <= last {
                        guard let hit = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
                        let j = base.distance(to: UnsafeRawPointer(hit))
                        if memcmp(base + j, pattern.baseAddress!, n) == 0 { return j }
                        i = j + 1
                    }
                    return nil
                }
            }
            guard var start = find(delimiter, from: 0) else { throw malformed }
            let headerEnd = Array("\r\n\r\n".utf8)
            let next = Array("\r\n".utf8) + delimiter
            while true {
                let after = start + delimiter.count
                // `--` after the boundary ends the body.
                if after + 2 <= raw.count, raw[after] == UInt8(ascii: "-"), raw[after + 1] == UInt8(ascii: "-") { break }
                guard let headersStop = find(headerEnd, from: after), headersStop - after < 8192 else { throw malformed }
                let headers = String(decoding: UnsafeRawBufferPointer(rebasing: raw[after..<headersStop]), as: UTF8.self)
                let bodyStart = headersStop + headerEnd.count
                guard let bodyEnd = find(next, from: bodyStart) else { throw malformed }
                var name = "", fileName: String?
                for line in headers.split(whereSeparator: \.isNewline)
                where line.lowercased().hasPrefix("content-disposition:") {
                    name = parameter("name", in: String(line)) ?? ""
                    fileName = parameter("filename", in: String(line))
                }
                parts.append(Part(name: name, fileName: fileName, range: bodyStart..<bodyEnd))
                start = bodyEnd + 2
                if parts.count > 50 { throw malformed }
            }
        }
        return parts
    }

    static let malformed = UploadError(message: "上传的表单不完整，请重新选择文件上传 / malformed upload")

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let item = piece.trimmingCharacters(in: .whitespaces)
            guard item.hasPrefix(key + "=") else { continue }
            var value = String(item.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// A multipart upload, streamed to `scratch` then split: its text fields and its files, each
    /// file's bytes written to a path the caller names from its field.
    struct Form {
        var fields: [String: String] = [:]
        /// Field name → (clerk's file name, stored path).
        var files: [String: (name: String, path: String)] = [:]
    }

    /// Receives a multipart form. `place(field, clerkFileName)` answers where to store a file
    /// field (or throws to refuse it); empty file fields are ignored.
    static func receive(_ request: Request, scratch: String, limit: Int,
                        place: (String, String) throws -> String?) async throws -> Form {
        guard let boundary = boundary(request) else {
            throw UploadError(message: "请用页面上的表单选择文件上传 / expected a multipart form")
        }
        _ = try await stream(request, to: scratch, limit: limit)
        defer { unlink(scratch) }
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch), options: .alwaysMapped)
        var form = Form()
        for part in try parts(of: data, boundary: boundary) {
            if let fileName = part.fileName {
                guard !fileName.isEmpty, !part.range.isEmpty else { continue }
                guard let path = try place(part.name, fileName) else { continue }
                guard FileManager.default.createFile(atPath: path, contents: data[part.range]) else {
                    throw UploadError(message: "无法保存上传的文件 / cannot store the upload", status: .internalServerError)
                }
                form.files[part.name] = (fileName, path)
            } else if part.range.count <= 4096 {
                form.fields[part.name] = String(decoding: data[part.range], as: UTF8.self)
            }
        }
        return form
    }

    /// Unpacks a template .zip into `folder`, sandboxed: only plain files and folders, no
    /// absolute paths or `..`, at most `limit` bytes and 500 entries in all (counted while
    /// inflating, whatever the archive claims). Returns the template.xml found (at the top or
    /// in the one folder at the top).
    static func unpackTemplate(_ zip: String, into folder: String, limit: Int) throws -> String {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read)
        } catch {
            throw UploadError(message: "不是有效的 .zip 文件 / not a valid .zip file")
        }
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > 500 { throw UploadError(message: "压缩包中的文件太多（最多 500 个） / too many files in the .zip") }
            let path = entry.path
            let components = path.split(separator: "/", omittingEmptySubsequences: true)
            if path.hasPrefix("/") || path.contains("\\") || path.contains("\0") || components.contains("..") || components.isEmpty
                || (components.first?.contains(":") ?? false) {
                throw UploadError(message: "压缩包中有不安全的路径 “\(shownPath(path))”：不能含 .. 或绝对路径 / unsafe path in the .zip")
            }
            if components.first == "__MACOSX" { continue }
            let target = (folder as NSString).appendingPathComponent(components.joined(separator: "/"))
            switch entry.type {
            case .directory:
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            case .symlink:
                throw UploadError(message: "压缩包中不能有符号链接 “\(displayName(path))” / symbolic links are not allowed")
            case .file:
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard let out = fopen(target, "wxe") else { throw UploadError(message: "压缩包中有重复的文件 “\(displayName(path))” / duplicate file") }
                defer { fclose(out) }
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { data in
                        total += data.count
                        if total > limit { throw tooLargeUnpacked(limit) }
                        _ = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
                    }
                } catch let error as UploadError {
                    throw error
                } catch {
                    throw UploadError(message: "压缩包已损坏，无法解开 “\(displayName(path))” / the .zip is damaged")
                }
            }
        }
        let top = (folder as NSString).appendingPathComponent("template.xml")
        if FileManager.default.fileExists(atPath: top) { return top }
        let items = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != "__MACOSX" }
        if items.count == 1 {
            let inner = ((folder as NSString).appendingPathComponent(items[0]) as NSString).appendingPathComponent("template.xml")
            if FileManager.default.fileExists(atPath: inner) { return inner }
        }
        throw UploadError(message: "压缩包中没有 template.xml（应在最上层，或唯一的文件夹里） / no template.xml in the .zip")
    }

    /// A path inside an archive as shown in a message: printable characters, at most 120.
    static func shownPath(_ path: String) -> String {
        let clean = String(path.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.count > 120 ? String(clean.prefix(120)) + "…" : clean
    }

    static func tooLargeUnpacked(_ limit: Int) -> UploadError {
        UploadError(message: "压缩包解开后超过 \(limit >> 20) MB，已拒绝（可能是“压缩炸弹”） / the .zip unpacks to more than \(limit >> 20) MB",
                    status: .contentTooLarge)
    }
}
