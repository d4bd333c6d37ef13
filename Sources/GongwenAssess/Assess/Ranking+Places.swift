import Foundation

/// Competition ranking (1, 2, 2, 4) inside groups, with values compared at a number of decimals
/// (rounded half up), and the same from the bottom (ties share: 67.2, 67.2, 64.0, 63.6 at the bottom
/// of 18 → 倒数名次 3, 3, 2, 1).
enum RankingPlaces {
    /// Places of `values` (nil: not ranked) grouped by `groups`.
    static func places(values: [Double?], groups: [String], precision: Int) -> [RankPlace?] {
        let scale = pow(10.0, Double(precision))
        var keys: [Int64?] = values.map { v in
            v.map { Int64(($0 * scale + ($0 >= 0 ? 1e-7 : -1e-7)).rounded(.toNearestOrAwayFromZero)) }
        }
        // Groups by slot, a row's group compared first with the previous row's: hashing a Chinese group
        // name (范围 such as 所属市州) normalises it every time, and rows come sorted by it, so the
        // dictionary is asked only when the group changes. Hashing every row's group was most of the
        // 44 M instructions of 9 rankings of 3,000 (callgrind). Same grouping: `==` is what the
        // dictionary compares with, and equal short names are equal bits.
        var slots: [String: Int] = [:]
        var members: [[Int]] = []
        var previous: (group: String, slot: Int)?
        for i in values.indices where keys[i] != nil {
            let group = groups[i]
            let slot: Int
            if let p = previous, p.group == group {
                slot = p.slot
            } else if let s = slots[group] {
                slot = s
            } else {
                slot = members.count
                slots[group] = slot
                members.append([])
            }
            previous = (group, slot)
            members[slot].append(i)
        }
        var out = [RankPlace?](repeating: nil, count: values.count)
        for indices in members {
            let sorted = indices.map { keys[$0]! }.sorted(by: >)
            let n = sorted.count
            for i in indices {
                let k = keys[i]!
                // sorted is descending: the first index with a key ≤ k counts the greater ones; the first
                // with a key < k counts those ≥ k.
                let greater = firstIndex(sorted) { $0 <= k }
                let greaterOrEqual = firstIndex(sorted) { $0 < k }
                out[i] = RankPlace(rank: greater + 1, fromBottom: n - greaterOrEqual + 1, count: n)
            }
        }
        keys.removeAll()
        return out
    }

    /// First index where `predicate` turns true in an array where it is monotone false…true.
    private static func firstIndex(_ a: [Int64], _ predicate: (Int64) -> Bool) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(a[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
