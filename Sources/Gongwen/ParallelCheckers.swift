import Dispatch
import GongwenData
import GongwenModel

/// Checks records on all cores: one `RecordChecker` per worker (each keeps its own caches of
/// column positions and region values), records dealt out round-robin, results in input order.
final class ParallelCheckers: Sendable {
    /// Each worker's checker, touched only by that worker; empty when there is nothing to check.
    private let boxes: [CheckerBox]
    private let workers: Int

    /// `checker` must already have resolved its columns.
    init(_ checker: RecordChecker?, workers: Int) {
        boxes = checker.map { checker in (0..<workers).map { _ in CheckerBox(checker) } } ?? []
        self.workers = workers
    }

    /// Each record checked and converted, with its problems (none when nothing is checked).
    func check(_ records: [(Record, DataLocation)]) -> [(record: Record, problems: [Diagnostic])] {
        guard !boxes.isEmpty else { return records.map { ($0.0, []) } }
        let boxes = self.boxes
        return Workers.map(records, workers: workers) { record, worker in
            boxes[worker].checker.check(record.0, at: record.1)
        }
    }
}

/// One worker's checker: a class, so workers mutate distinct objects.
private final class CheckerBox: @unchecked Sendable {
    var checker: RecordChecker
    init(_ checker: RecordChecker) { self.checker = checker }
}
