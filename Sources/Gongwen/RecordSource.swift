import GongwenData
import GongwenModel

/// Consecutive records of a batch, as the renderers take them: `records[k]` is the batch's
/// record number `start + k` (0-based, counting only the records rendered).
struct RecordChunk: Sendable {
    var start: Int
    var records: [Record]
    var locations: [DataLocation]

    var end: Int { start + records.count }

    /// Findings that workers produced in any order, in the order of this chunk's records.
    func inRecordOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard diagnostics.count > 1 else { return diagnostics }
        let order = Dictionary(locations.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element.dataLocation.flatMap { order[$0] } ?? 0, b.element.dataLocation.flatMap { order[$0] } ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }
}

/// The records of a batch, handed to the renderers a chunk at a time, on the calling thread:
/// from memory (`RecordsInMemory`) or read again from disk (`StreamedTable`), so a renderer
/// never needs every record at once.
protocol RecordSource: AnyObject {
    /// The data file, for the messages and the manifest of a combined file.
    var file: String { get }
    /// The fields every record sees.
    var shared: Record { get }
    /// How many records will be handed out.
    var count: Int { get }
    /// The next records, at most `limit`; nil when all have been handed out.
    func next(_ limit: Int) throws(DiagnosticError) -> RecordChunk?
    /// Hands the records out again from the first (a combined file in a second format).
    func restart()
}

/// A data set read and checked whole: an .ods workbook, JSON or YAML, or records gathered under a list field.
final class RecordsInMemory: RecordSource {
    private let data: DataSet
    private var position = 0

    init(_ data: DataSet) { self.data = data }

    var file: String { data.file }
    var shared: Record { data.shared }
    var count: Int { data.records.count }

    func next(_ limit: Int) throws(DiagnosticError) -> RecordChunk? {
        guard position < data.records.count else { return nil }
        let end = min(data.records.count, position + limit)
        defer { position = end }
        return RecordChunk(start: position, records: Array(data.records[position..<end]), locations: Array(data.locations[position..<end]))
    }

    func restart() { position = 0 }
}
