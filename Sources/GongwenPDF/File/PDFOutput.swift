import CDeflate
import Foundation

/// Bytes of a PDF file being written, and the offset of every object for the cross-reference
/// table. Kept in memory (a per-record file) or, past a buffer's worth, handed to a sink (a
/// combined file of 40,000 pages never sits in memory).
final class PDFOutput {
    private(set) var bytes: [UInt8] = []
    private let sink: (([UInt8]) -> Void)?
    private var flushed = 0
    /// Offsets by object number (0 unused); 0 for a number reserved but not yet written.
    private(set) var offsets: [Int] = [0]

    init(sink: (([UInt8]) -> Void)? = nil) {
        self.sink = sink
        bytes.reserveCapacity(sink == nil ? 64 << 10 : 1 << 20)
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

    /// A stream object whose data is compressed already (or not, as `packed` says).
    func stream(_ object: Int, dictionary: String = "", packed: (bytes: [UInt8], compressed: Bool)) {
        begin(object)
        write("<< /Length \(packed.bytes.count)\(packed.compressed ? " /Filter /FlateDecode" : "")\(dictionary.isEmpty ? "" : " " + dictionary) >>\nstream\n")
        write(packed.bytes)
        write("\nendstream")
        end()
    }

    private func flushIfFull() {
        if sink != nil, bytes.count >= 1 << 20 { finish() }
    }

    /// Hands what is buffered to the sink (when there is one).
    func finish() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// nil only when zlib fails (out of memory): the stream is then written uncompressed.
    static func deflate(_ data: [UInt8], with deflater: StreamDeflater? = nil) -> [UInt8]? {
        if let deflater { return deflater.deflate(data) }
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

/// A zlib stream kept for many small streams (one thread's page contents): `compress2` sets up
/// and clears zlib's 256 KiB of tables on every call, which cost more than compressing a page.
final class StreamDeflater {
    private let stream: UnsafeMutableRawPointer?

    init() { stream = gongwen_zlib_stream_deflater_new() }
    deinit { gongwen_zlib_deflater_free(stream) }

    func deflate(_ data: [UInt8]) -> [UInt8]? {
        guard let stream else { return nil }
        var capacity = Int(compressBound(uLong(data.count))) + 16
        for _ in 0..<2 {
            var written = -1
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                written = data.withUnsafeBufferPointer { input in
                    gongwen_zlib_deflate_piece(stream, input.baseAddress, input.count, buffer.baseAddress, capacity, 1)
                }
                count = max(0, written)
            }
            if written >= 0 { return out }
            if written == -2 { return nil }
            capacity *= 2
        }
        return nil
    }
}
