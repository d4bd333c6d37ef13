import GongwenModel

/// Filters on lists (a list field of a record, or the records of a group).
enum ListFilters {
    static let all: [Filter] = [
        Filter("join", arity: 0...1, summary: "用分隔符连接列表（默认 、）：地区 | map('名称') | join('、')") { input, args throws(FilterError) in
            let texts = try FilterArguments.list(input, "join").map(\.text)
            let separator = args.first?.text ?? "、"
            // Measured before it is built: 20,000 items and a long separator would be gigabytes.
            let bytes = texts.reduce(0) { $0 + $1.utf8.count } + max(texts.count - 1, 0) * separator.utf8.count
            guard bytes <= Limits.valueBytes else { throw FilterError.tooLong(bytes) }
            return .string(texts.joined(separator: separator))
        },
        Filter("map", arity: 1...1, summary: "取列表中每条记录的某个字段：地区 | map('名称')") { input, args throws(FilterError) in
            let items = try FilterArguments.list(input, "map")
            let field = args[0].text
            var out: [Value] = []
            for item in items {
                guard case .record(let r) = item, let v = r[field] else {
                    throw FilterError("map：列表中的记录没有字段 “\(field)” / no field '\(field)' in list item")
                }
                out.append(v)
            }
            return .list(out)
        },
        Filter("length", arity: 0...0, summary: "列表的项数或文字的字数") { input, _ in
            switch input {
            case .list(let items): .number(Number(items.count))
            case .record(let r): .number(Number(r.order.count))
            default: .number(Number(input.text.count))
            }
        },
        Filter("sum", arity: 0...1, summary: "求和；可给字段名：地区 | sum('出生人数')") { input, args throws(FilterError) in
            var total = Number(0).value
            for item in try FilterArguments.list(input, "sum") {
                var value = item
                if let field = args.first?.text {
                    guard case .record(let r) = item, let v = r[field] else {
                        throw FilterError("sum：列表中的记录没有字段 “\(field)” / no field '\(field)'")
                    }
                    value = v
                }
                total += try FilterArguments.number(value, "sum 的每一项").value
            }
            return .number(Number(total))
        },
        Filter("first", arity: 0...0, summary: "列表的第一项") { input, _ throws(FilterError) in
            try FilterArguments.list(input, "first").first ?? .null
        },
        Filter("last", arity: 0...0, summary: "列表的最后一项") { input, _ throws(FilterError) in
            try FilterArguments.list(input, "last").last ?? .null
        },
        Filter("take", arity: 1...1, summary: "列表的前 n 项：地区 | sort('得分', 'desc') | take(3)") { input, args throws(FilterError) in
            let n = try FilterArguments.integer(args[0], "项数", in: 0...100_000)
            return .list(Array(try FilterArguments.list(input, "take").prefix(n)))
        },
        Filter("where", arity: 1...2, summary: "筛选列表：地区 | where('上期黄牌') 取该字段为真的项；where('级别', '县') 取等于给定值的项") { input, args throws(FilterError) in
            let field = args[0].text
            var out: [Value] = []
            for item in try FilterArguments.list(input, "where") {
                guard case .record(let r) = item else { throw FilterError("where：列表中的项不是记录 / items must be records") }
                let value = r[field] ?? .null
                let keep: Bool
                if args.count > 1 {
                    if let a = value.asNumber, let b = args[1].asNumber { keep = a == b } else { keep = value.text == args[1].text }
                } else {
                    keep = value.isTruthy && value.text != "否" && value.text != "0"
                }
                if keep { out.append(item) }
            }
            return .list(out)
        },
        Filter("sort", arity: 0...2, summary: "排序（数字按大小）；可给字段名和 'desc'：地区 | sort('得分', 'desc')") { input, args throws(FilterError) in
            let items = try FilterArguments.list(input, "sort")
            let field = args.first?.text
            let descending = args.count > 1 && args[1].text == "desc"
            func key(_ v: Value) -> Value {
                guard let field, case .record(let r) = v else { return v }
                return r[field] ?? .null
            }
            let sorted = items.enumerated().sorted { a, b in
                let ka = key(a.element), kb = key(b.element)
                if let na = ka.asNumber, let nb = kb.asNumber, na != nb { return descending ? na > nb : na < nb }
                if ka.asNumber == nil || kb.asNumber == nil, ka.text != kb.text {
                    return descending ? ka.text > kb.text : ka.text < kb.text
                }
                return a.offset < b.offset  // stable
            }
            return .list(sorted.map(\.element))
        },
    ]
}
