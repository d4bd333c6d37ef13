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
        return Self.map(records, workers: workers) { record, worker in
            boxes[worker].checker.check(record.0, at: record.1)
        }
    }

    /// `transform(item, worker)` of every item on `workers` threads, in input order.
    static func map<Item: Sendable, Output>(_ items: [Item], workers: Int,
                                            _ transform: @escaping @Sendable (Item, Int) -> Output) -> [Output] {
        let results = ChunkSlots<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var k = w
            while k < items.count {
                results.set(k, transform(items[k], w))
                k += workers
            }
        }
        return items.indices.map { results.take($0)! }
    }
}

/// One worker's checker: a class, so workers mutate distinct objects.
private final class CheckerBox: @unchecked Sendable {
    var checker: RecordChecker
    init(_ checker: RecordChecker) { self.checker = checker }
}
