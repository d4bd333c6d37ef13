import GongwenModel

/// Ranking with ties (并列): equal scores share a place, the next place skips (1, 2, 2, 4), and
/// the first or last n places name everyone tied at the boundary. A 排名通报 that lists three
/// 流动红旗 when two counties tie for third has left one out.
enum RankingFilters {
    static let all: [Filter] = [
        Filter("排名", arity: 1...2, summary: "按字段排名，得分相同者并列：地区 | 排名('得分') 从高到低，每项加上“名次”和“并列”；排名('得分', 'asc') 从低到高") { input, args throws(FilterError) in
            let field = args[0].text
            let ascending = args.count > 1 && args[1].text == "asc"
            if args.count > 1, !["asc", "desc"].contains(args[1].text) {
                throw FilterError("排名的第二个参数应为 'desc'（从高到低，默认）或 'asc'（从低到高） / expected 'desc' or 'asc'")
            }
            var scored: [(record: Record, score: Number, index: Int)] = []
            for (index, item) in try FilterArguments.list(input, "排名").enumerated() {
                guard case .record(let record) = item else { throw FilterError("排名：列表中的项不是记录 / items must be records") }
                guard let score = record[field]?.asNumber else {
                    let who = record["名称"].map { "“\($0.text)”" } ?? "第 \(index + 1) 项"
                    throw FilterError("排名：\(who)的“\(field)”不是数字（“\(record[field]?.text ?? "")”） / '\(field)' is not a number")
                }
                scored.append((record, score, index))
            }
            scored.sort { a, b in a.score != b.score ? (ascending ? a.score < b.score : a.score > b.score) : a.index < b.index }
            // Sorted, equal scores stand together: one pass finds each item's place and ties.
            var out: [Value] = []
            out.reserveCapacity(scored.count)
            // The names with 名次 and 并列 added, one table per table of the input (usually one:
            // the rows of a sheet share theirs). Adding two fields to each record in place gave
            // each its own copy of the names, 1 KB a record: 100,000 rows ranked twice by the
            // ranking template took 300 MB.
            var ranked: [ObjectIdentifier: RecordKeys] = [:]
            var place = 1
            for (i, item) in scored.enumerated() {
                // Competition ranking: one more than the number of items strictly better.
                if i > 0, scored[i - 1].score != item.score { place = i + 1 }
                let tied = (i > 0 && scored[i - 1].score == item.score) || (i + 1 < scored.count && scored[i + 1].score == item.score)
                var record = item.record
                if record[rankField] == nil, record[tiedField] == nil {
                    // `scored` holds every input table until the end: an identifier is not reused.
                    let id = ObjectIdentifier(record.keyTable)
                    let keys = ranked[id] ?? RecordKeys(record.order + [rankField, tiedField])
                    ranked[id] = keys
                    record = Record(keys: keys, values: record.values + [.number(Number(place)), .bool(tied)])
                } else {
                    record[rankField] = .number(Number(place))
                    record[tiedField] = .bool(tied)
                }
                out.append(.record(record))
            }
            return .list(out)
        },
        Filter("前几名", arity: 1...1, summary: "排名后的前 n 名，并列者一并列入：地区 | 排名('得分') | 前几名(3)") { input, args throws(FilterError) in
            let n = try FilterArguments.integer(args[0], "名数", in: 0...100_000)
            let ranked = try places(input, "前几名")
            return .list(ranked.filter { $0.place <= n }.map(\.item))
        },
        Filter("后几名", arity: 1...1, summary: "排名后的后 n 名，并列者一并列入：地区 | 排名('得分') | 后几名(3)") { input, args throws(FilterError) in
            let n = try FilterArguments.integer(args[0], "名数", in: 0...100_000)
            let ranked = try places(input, "后几名")
            // An item is among the last n when fewer than n items rank strictly below it: with
            // the places sorted, those below a place are counted by a binary search.
            let places = ranked.map(\.place).sorted()
            func below(_ place: Int) -> Int {
                var low = 0, high = places.count
                while low < high {
                    let mid = (low + high) / 2
                    if places[mid] <= place { low = mid + 1 } else { high = mid }
                }
                return places.count - low
            }
            return .list(ranked.filter { below($0.place) < n }.map(\.item))
        },
    ]

    static let rankField = "名次"
    static let tiedField = "并列"

    /// The items of a list made by `排名`, with their places.
    private static func places(_ input: Value, _ filter: String) throws(FilterError) -> [(item: Value, place: Int)] {
        var out: [(Value, Int)] = []
        for item in try FilterArguments.list(input, filter) {
            guard case .record(let record) = item, let place = record[rankField]?.asNumber?.intValue else {
                throw FilterError("\(filter)：列表还没有排名，请先用 排名，如 地区 | 排名('得分') | \(filter)(3) / rank the list first")
            }
            out.append((item, place))
        }
        return out
    }
}
