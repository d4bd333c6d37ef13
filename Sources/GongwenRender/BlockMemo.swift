import GongwenModel

/// What a writer wrote for each block of the last record, by the block's place in the record,
/// to write again unchanged when the next record has the same block there.
///
/// Most of a form is the same for every record of a batch (the clauses, the headings, the
/// title), and writing it was the largest share of a batch's work. A writer's output for a
/// block depends only on the block and on the writer's state when it starts (for ODF a pending
/// page break, a record start, keep-with-next; HTML has none) — the same inputs give the same
/// output — so a block equal to the one remembered at its place, met in the same state, is
/// replayed. Blocks from the merge cache are the same values, so the comparison ends at once
/// (Swift compares arrays and strings that share storage without reading them).
///
/// Tables and signature blocks are not remembered: the 乙方's telephone makes each signature
/// block differ, and in a combined .odt table names carry the record's number. One memo per
/// thread and writer settings.
final class BlockMemo<State: Equatable, Output> {
    struct Entry {
        var block: Block
        var before: State
        var output: Output
        var after: State
    }

    /// By the block's place: its index among the blocks of the record's documents.
    private var entries: [Entry?] = []
    /// How many blocks were replayed (for tests).
    private(set) var replayed = 0

    init() {}

    static func isRemembered(_ block: Block) -> Bool {
        switch block {
        case .table, .signatures, .pageBreak: false
        default: true
        }
    }

    func entry(at place: Int, for block: Block, in state: State) -> Entry? {
        guard place < entries.count, let entry = entries[place], entry.before == state, entry.block == block else { return nil }
        replayed += 1
        return entry
    }

    func remember(_ entry: Entry, at place: Int) {
        if place >= entries.count {
            // A record with more blocks than any before: a template's loops can make many.
            guard place < 4096 else { return }
            entries.append(contentsOf: repeatElement(nil, count: place - entries.count + 1))
        }
        entries[place] = entry
    }
}

/// The body XML of blocks, by place (see `BlockMemo`).
typealias ODFBlockMemo = BlockMemo<ODFBlockState, [UInt8]>

/// HTML blocks carry no state from one to the next.
struct HTMLBlockState: Equatable {}

/// The HTML of blocks, by place (see `BlockMemo`).
typealias HTMLBlockMemo = BlockMemo<HTMLBlockState, String>
