/// Writes a zip archive entry by entry to a sink (a file for a batch `.zip`), keeping only the
/// central directory in memory. More than 65,535 entries (a province's households) get the
/// Zip64 end records; each file and the whole archive must stay under 4 GiB.
public final class ZipStream {
    private let sink: ([UInt8]) -> Void
    private var offset = 0
    private var directory: [UInt8] = []
    private var count = 0

    public init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
    }

    /// Whether another entry of `size` bytes still fits in a zip without Zip64 local headers.
    public func fits(_ size: Int) -> Bool { offset + size + 1024 < 0xFFFF_FFFF }

    public func add(_ e: ZipWriter.ZipEntry) {
        add(e) { sink in sink(e.compressed) }
    }

    /// Adds an entry whose compressed bytes (`e.compressedSize` of them) `data` hands to its
    /// sink, in pieces: a combined document's content is copied from a file, never held whole.
    public func add(_ e: ZipWriter.ZipEntry, data: (@escaping ([UInt8]) -> Void) -> Void) {
        var local: [UInt8] = []
        local.reserveCapacity(30 + e.path.count)
        local.u32(0x0403_4B50)
        ZipWriter.header(e, into: &local)
        local.append(contentsOf: e.path)
        directory.u32(0x0201_4B50)
        // Made by Unix, zip 2.0: unzip then takes the UTF-8 names as they are instead of
        // translating them from an MS-DOS code page.
        directory.u16(0x0314)
        ZipWriter.header(e, into: &directory)
        directory.u16(0)  // comment length
        directory.u16(0)  // disk number
        directory.u16(0)  // internal attributes
        directory.u32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
        directory.u32(UInt32(offset))
        directory.append(contentsOf: e.path)
        sink(local)
        data(sink)
        offset += local.count + e.compressedSize
        count += 1
    }

    public func finish() {
        let directoryStart = offset
        var tail = directory
        let directorySize = directory.count
        if count > 0xFFFF {
            let zip64Start = directoryStart + directorySize
            tail.u32(0x0606_4B50)  // Zip64 end of central directory record
            tail.u64(44)
            tail.u16(45)
            tail.u16(45)
            tail.u32(0)
            tail.u32(0)
            tail.u64(UInt64(count))
            tail.u64(UInt64(count))
            tail.u64(UInt64(directorySize))
            tail.u64(UInt64(directoryStart))
            tail.u32(0x0706_4B50)  // Zip64 end of central directory locator
            tail.u32(0)
            tail.u64(UInt64(zip64Start))
            tail.u32(1)
        }
        tail.u32(0x0605_4B50)
        tail.u16(0)
        tail.u16(0)
        tail.u16(UInt16(min(count, 0xFFFF)))
        tail.u16(UInt16(min(count, 0xFFFF)))
        tail.u32(UInt32(directorySize))
        tail.u32(UInt32(directoryStart))
        tail.u16(0)
        sink(tail)
        directory = []
    }
}
