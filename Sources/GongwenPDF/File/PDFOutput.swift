import CDeflate
import Foundation

/// Bytes of a PDF file being written, and the offset of every object for the cross-reference
/// table. Written to memory (a per-record file) or, past a buffer's worth, to a file (a
/// combined file of 40,000 pages never sits in memory).
final class PDFOutput {
    private(set) var bytes: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var flushed = 0
    private(set) var failed = false
    /// Offsets by object number (0 unused); 0 for a number reserved but not yet written.
    private(set) var offsets: [Int] = [0]

    init(file: UnsafeMutablePointer<FILE>? = nil) {
        self.file = file
        bytes.reserveCapacity(file == nil ? 64 << 10 : 1 << 20)
    }

    var position: Int { flushed + bytes.count }

    /// A new object number, to be written later (or now).
    func reserve() -> Int {
        offsets.append(0)
        return offsets.count - 1
    }

    func begin(_ object: Int) {
        offsets[object] = position
        write("\(object) 0 obj\n")
    }

    func end() { write("\nendobj\n") }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        flushIfFull()
    }

    func write(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
        flushIfFull()
    }

    /// An object whose content is a stream, compressed with Flate unless `raw`.
    func stream(_ object: Int, dictionary: String = "", data: [UInt8], compress: Bool = true) {
        let packed = compress ? Self.deflate(data) : nil
        let body = packed ?? data
        begin(object)
        write("<< /Length \(body.count)\(packed != nil ? " /Filter /FlateDecode" : "")\(dictionary.isEmpty ? "" : " " + dictionary) >>\nstream\n")
        write(body)
        write("\nendstream")
        end()
    }

    private func flushIfFull() {
        guard let file, bytes.count >= 1 << 20 else { return }
        flush(file)
    }

    private func flush(_ file: UnsafeMutablePointer<FILE>) {
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != bytes.count { failed = true }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered to the file (when there is one); false when a write failed.
    func finish() -> Bool {
        if let file {
            flush(file)
            if fflush(file) != 0 { failed = true }
        }
        return !failed
    }

    /// zlib-format deflate (PDF's FlateDecode), level 1: page streams are small and many.
    /// nil only when zlib fails (out of memory): the stream is then written uncompressed.
    static func deflate(_ data: [UInt8]) -> [UInt8]? {
        var size = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(data.count), 1) }
        }
        guard status == Z_OK else { return nil }
        out.removeLast(out.count - Int(size))
        return out
    }
}
