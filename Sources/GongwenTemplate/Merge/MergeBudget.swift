import GongwenModel

/// What merging one record has used of its `Limits`: loop iterations, template nodes expanded
/// and bytes of text written. The first limit passed is reported once, where the template
/// passed it, and the merge of the record stops there: a record that would take hours or
/// terabytes fails in a moment, and the batch goes on with the next.
struct MergeBudget {
    private(set) var iterations = 0
    private(set) var nodes = 0
    private(set) var textBytes = 0
    /// A limit was passed: nothing more is merged for this record.
    private(set) var isExhausted = false

    /// The failure for passing a limit, or nil while within them.
    struct Overrun {
        var id: String
        var message: String
    }

    mutating func spendNode() -> Overrun? {
        nodes += 1
        guard nodes <= Limits.recordNodes else {
            return exhaust("record-too-large",
                           "这条记录要展开的模板内容超过 \(Limits.recordNodes) 处（循环太多或太深） / the record expands more than \(Limits.recordNodes) template nodes")
        }
        return nil
    }

    /// An `<each>` over `count` items: refused when the loop alone, or the record's loops
    /// together, would run too often.
    mutating func spendLoop(_ count: Int) -> Overrun? {
        guard count <= Limits.loopIterations else {
            return exhaust("loop-too-long",
                           "each 要循环 \(count) 次，超过每个循环 \(Limits.loopIterations) 次的上限 / the list has \(count) items, more than \(Limits.loopIterations)")
        }
        iterations += count
        guard iterations <= Limits.recordIterations else {
            return exhaust("record-too-many-iterations",
                           "这条记录的循环合计超过 \(Limits.recordIterations) 次（多为循环套循环） / the loops of the record run more than \(Limits.recordIterations) times")
        }
        return nil
    }

    mutating func spendText(_ bytes: Int) -> Overrun? {
        textBytes += bytes
        guard textBytes <= Limits.recordTextBytes else {
            return exhaust("record-too-large",
                           "这条记录生成的文字超过 \(Limits.recordTextBytes / 1024 / 1024) MB / the record's document has more than \(Limits.recordTextBytes / 1024 / 1024) MB of text")
        }
        return nil
    }

    /// Stops the record after a limit checked elsewhere (reported there).
    mutating func exhaust() {
        isExhausted = true
    }

    private mutating func exhaust(_ id: String, _ message: String) -> Overrun? {
        defer { isExhausted = true }
        // Reported once: what follows the first overrun is not merged.
        return isExhausted ? nil : Overrun(id: id, message: message)
    }
}
