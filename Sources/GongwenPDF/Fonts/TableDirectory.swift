/// The tables of one face: the offset table at the start of a .ttf/.otf, or the one a
/// .ttc/.otc collection header points to for face `index`. Offsets are from the start of the
/// file in both cases, so a collection's faces share the file's glyph tables.
struct TableDirectory: Sendable {
    /// tag → (offset, length), checked to lie inside the file.
    private var tables: [UInt32: (offset: Int, length: Int)] = [:]
    /// Number of faces in the file (1 for a single font).
    let faceCount: Int

    init(file: BigEndianReader, index: Int, path: String) throws(FontError) {
        let signature = file.uint32(0)
        var directory = 0
        if signature == Int(tableTag("ttcf")) {
            faceCount = file.uint32(8)
            guard index >= 0, index < faceCount, file.contains(12, 4 * faceCount) else {
                throw FontError("字体集合 \(path) 中没有第 \(index) 个字体（共 \(faceCount) 个）")
            }
            directory = file.uint32(12 + 4 * index)
        } else {
            faceCount = 1
            guard index == 0 else {
                throw FontError("字体文件 \(path) 不是字体集合，没有第 \(index) 个字体")
            }
        }
        let version = file.uint32(directory)
        guard version == 0x0001_0000 || version == Int(tableTag("OTTO")) || version == Int(tableTag("true")) else {
            throw FontError.malformed(path, "不是 OpenType/TrueType 字体")
        }
        let tableCount = file.uint16(directory + 4)
        guard file.contains(directory + 12, 16 * tableCount) else {
            throw FontError.malformed(path, "表目录不完整")
        }
        for table in 0..<tableCount {
            let record = directory + 12 + 16 * table
            let offset = file.uint32(record + 8), length = file.uint32(record + 12)
            guard file.contains(offset, length) else { continue }  // a damaged table is treated as absent
            tables[UInt32(file.uint32(record))] = (offset, length)
        }
    }

    /// The bytes of table `tag`, nil when the face has none.
    func table(_ tag: StaticString, in file: BigEndianReader) -> BigEndianReader? {
        guard let entry = tables[tableTag(tag)] else { return nil }
        return file.slice(entry.offset, entry.length)
    }

    /// The bytes of the table whose tag is the number `tag`.
    func table(tag: UInt32, in file: BigEndianReader) -> BigEndianReader? {
        guard let entry = tables[tag] else { return nil }
        return file.slice(entry.offset, entry.length)
    }

    func has(_ tag: StaticString) -> Bool {
        tables[tableTag(tag)] != nil
    }
}
