import Dispatch
import Foundation
import GongwenModel

/// What the batch renderers share about their workers: how many there are, what each found,
/// and where they leave results for the calling thread.
enum Workers {
    /// One per core (at most 16: beyond that the disk, not the CPU, sets the pace).
    static var count: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)) }

    /// `transform(item, worker)` of every item on `workers` threads (items dealt out
    /// round-robin, so worker `w` may keep state of its own), results in input order.
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

/// A worker's warnings and errors, handed to the calling thread after each chunk.
class WorkerFindings: @unchecked Sendable {
    var warnings: [Diagnostic] = []
    var errors: [Diagnostic] = []
}

extension Array where Element: WorkerFindings {
    /// Moves every worker's findings of the last chunk into `warnings` and `errors`.
    func drainFindings(warnings: inout [Diagnostic], errors: inout [Diagnostic]) {
        for worker in self {
            warnings += worker.warnings
            errors += worker.errors
            worker.warnings = []
            worker.errors = []
        }
    }
}

/// One chunk's results, one slot per record or per worker, filled by the workers at distinct
/// indexes and taken by the calling thread once they are done.
final class ChunkSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func take(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        let value = slots[index]
        slots[index] = nil
        return value
    }
}
