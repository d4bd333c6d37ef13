/// What the font library needs to know of a face to choose it by name and weight, read from the
/// name, OS/2 and head tables only: scanning every installed font must not touch glyph data.
struct FaceSummary: Sendable {
    let path: String
    let index: Int
    let names: FaceNames
    /// OS/2 usWeightClass (400 regular, 700 bold); 400 when the table is missing.
    let weight: Int
    let isBold: Bool

    init(file: BigEndianReader, directory: TableDirectory, path: String, index: Int) {
        self.path = path
        self.index = index
        names = FaceNames(table: directory.table("name", in: file))
        let os2 = directory.table("OS/2", in: file)
        let head = directory.table("head", in: file)
        let weightClass = os2.map { $0.uint16(4) } ?? 0
        weight = weightClass > 0 ? weightClass : 400
        let macStyleBold = (head.map { $0.uint16(44) } ?? 0) & 1 != 0
        let selectionBold = (os2.map { $0.uint16(62) } ?? 0) & 0x20 != 0
        let subfamilyBold = names.subfamilies.contains { $0.lowercased().contains("bold") }
        // A weight class, when given, decides (a Black face is bold, a Medium one is not even
        // if a tool set its style bit); faces without one fall back to the style bits and name.
        isBold = weightClass > 0 ? weightClass >= 600 : (macStyleBold || selectionBold || subfamilyBold)
    }

    /// The summaries of every face of the file at `path` (several for a .ttc collection).
    static func read(path: String) throws(FontError) -> [FaceSummary] {
        let mapped = try MappedFile(path: path)
        let file = BigEndianReader(bytes: mapped.bytes)
        let first = try TableDirectory(file: file, index: 0, path: path)
        var faces = [FaceSummary(file: file, directory: first, path: path, index: 0)]
        for index in 1..<max(first.faceCount, 1) {
            guard let directory = try? TableDirectory(file: file, index: index, path: path) else { continue }
            faces.append(FaceSummary(file: file, directory: directory, path: path, index: index))
        }
        return withExtendedLifetime(mapped) { faces }
    }
}
