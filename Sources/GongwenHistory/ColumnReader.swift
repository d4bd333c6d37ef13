import Foundation
import GongwenAssess

/// Reads the JSON columns back without JSONDecoder, whose keyed containers cost about 0.3 s of
/// CPU per period of 3,000 jurisdictions — too much for rules that look back over several periods.
/// Parses any JSON (so columns written by JSONEncoder, as older stores or a PostgreSQL twin may
/// hold, read the same) into a small tree, then builds the values; anything unexpected is an
/// error, never a guess.
struct ColumnReader {
    enum JSON {
        case null, bool(Bool), number(Double), string(String), array([JSON]), object([(String, JSON)])

        subscript(_ key: String) -> JSON? {
            if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
            return nil
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        var what: String
        var description: String { "考核历史中的 JSON 无效：\(what) / malformed JSON column" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ text: String) throws -> JSON {
        var text = text
        return try text.withUTF8 { buffer in
            var reader = ColumnReader(buffer)
            let value = try reader.value()
            reader.space()
            guard reader.at == buffer.count else { throw Malformed(what: "多余的内容") }
            return value
        }
    }

    private mutating func space() {
        // Byte tests as switches: a set literal, or `contains` on a String's UTF-8, was looked up anew
        // for every byte of every column read back.
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        space()
        guard at < bytes.count, bytes[at] == byte else { throw Malformed(what: "缺少 \(Character(Unicode.Scalar(byte)))") }
        at += 1
    }

    private mutating func value() throws -> JSON {
        space()
        guard at < bytes.count else { throw Malformed(what: "意外结束") }
        switch bytes[at] {
        case UInt8(ascii: "{"):
            at += 1
            var pairs: [(String, JSON)] = []
            space()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(pairs) }
            while true {
                space()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                pairs.append((key, try value()))
                space()
                guard at < bytes.count else { throw Malformed(what: "意外结束") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(pairs)
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [JSON] = []
            space()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                items.append(try value())
                space()
                guard at < bytes.count else { throw Malformed(what: "意外结束") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default:
            let start = at
            while at < bytes.count, Self.isNumberByte(bytes[at]) { at += 1 }
            guard at > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)) else {
                throw Malformed(what: "无法识别的值")
            }
            return .number(d)
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x0A, 0x0D, 0x09: return true
        default: return false
        }
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default: return false
        }
    }

    private mutating func word(_ w: StaticString) throws {
        let n = w.utf8CodeUnitCount
        guard at + n <= bytes.count, memcmp(bytes.baseAddress! + at, w.utf8Start, n) == 0 else { throw Malformed(what: "无法识别的值") }
        at += n
    }

    private mutating func string() throws -> String {
        guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw Malformed(what: "应为字符串") }
        at += 1
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
        guard at < bytes.count else { throw Malformed(what: "字符串未结束") }
        if bytes[at] == UInt8(ascii: "\"") {
            defer { at += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        }
        // With escapes: byte by byte.
        var out = Array(bytes[start..<at])
        while true {
            guard at < bytes.count else { throw Malformed(what: "字符串未结束") }
            let b = bytes[at]
            at += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard at < bytes.count else { throw Malformed(what: "字符串未结束") }
            let e = bytes[at]
            at += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    try word("\\u")
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw Malformed(what: "无效的 \\u 转义") }
                out.append(contentsOf: String(Character(u)).utf8)
            default: out.append(e)          // \" \\ \/
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count, let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + 4]), as: UTF8.self), radix: 16) else {
            throw Malformed(what: "无效的 \\u 转义")
        }
        at += 4
        return v
    }
}

/// The values of the columns, built from the tree.
extension ColumnReader.JSON {
    func text(_ key: String) throws -> String {
        guard case .string(let s)? = self[key] else { throw ColumnReader.Malformed(what: "缺少“\(key)”") }
        return s
    }
    func optionalText(_ key: String) throws -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw ColumnReader.Malformed(what: "“\(key)”应为文本")
        }
    }
    func number(_ key: String) throws -> Double {
        guard let d = try optionalNumber(key) else { throw ColumnReader.Malformed(what: "缺少“\(key)”") }
        return d
    }
    func optionalNumber(_ key: String) throws -> Double? {
        guard let value = self[key] else { return nil }
        guard let d = value.numberOrNull else { throw ColumnReader.Malformed(what: "“\(key)”应为数字") }
        return d
    }

    /// This value as a number: `.some(nil)` for null, the number (the strings ColumnJSON writes for
    /// non-finite numbers read as them), or nil when it is neither — the positional forms of v4
    /// (figures, rankings, category scores) read with it.
    var numberOrNull: Double?? {
        switch self {
        case .null: return .some(nil)
        case .number(let d): return d
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        case .string("nan"): return .nan
        default: return nil
        }
    }
    func integer(_ key: String) throws -> Int {
        let d = try number(key)
        guard d == d.rounded(), abs(d) < 1e15 else { throw ColumnReader.Malformed(what: "“\(key)”应为整数") }
        return Int(d)
    }
    func items(_ key: String) throws -> [ColumnReader.JSON] {
        guard case .array(let a)? = self[key] else { throw ColumnReader.Malformed(what: "缺少“\(key)”") }
        return a
    }
    var elements: [ColumnReader.JSON] {
        get throws {
            guard case .array(let a) = self else { throw ColumnReader.Malformed(what: "应为数组") }
            return a
        }
    }
}

extension ColumnReader {
    static func leaders(_ text: String) throws -> [Leader] { try leaders(parse(text)) }
    static func figures(_ text: String) throws -> [String: Figure] { try figures(parse(text)) }
    static func categoryScores(_ text: String) throws -> [CategoryScore] { try categoryScores(parse(text)) }
    static func decisions(_ text: String, outline: Bool = false) throws -> [Decision] { try decisions(parse(text), outline: outline) }

    static func leaders(_ json: JSON?) throws -> [Leader] {
        guard let json else { throw Malformed(what: "缺少“leaders”") }
        return try json.elements.map { try Leader(role: $0.text("role"), name: $0.text("name")) }
    }

    static func figures(_ json: JSON?) throws -> [String: Figure] {
        guard case .object(let pairs)? = json else { throw Malformed(what: "应为对象") }
        var out: [String: Figure] = [:]
        out.reserveCapacity(pairs.count)
        for (key, f) in pairs { out[key] = try figure(f) }
        return out
    }

    /// One figure in the keyed form (`ColumnJSON.figure`).
    static func figure(_ f: JSON) throws -> Figure {
        Figure(text: try f.text("text"), value: try f.optionalNumber("value"), target: try f.optionalNumber("target"),
               unit: try f.text("unit"), column: try f.text("column"), targetColumn: try f.optionalText("targetColumn"))
    }

    static func categoryScores(_ json: JSON?) throws -> [CategoryScore] {
        guard let json else { throw Malformed(what: "缺少“categoryScores”") }
        return try json.elements.map { c in
            // Stores since v4 write `[name, score, weight]` (ColumnJSON.compactCategoryScores).
            if case .array(let p) = c {
                guard p.count == 3, case .string(let name) = p[0], let score = p[1].numberOrNull ?? nil,
                      let weight = p[2].numberOrNull ?? nil else {
                    throw Malformed(what: "category_scores")
                }
                return CategoryScore(name: name, score: score, weight: weight)
            }
            return try CategoryScore(name: c.text("name"), score: c.number("score"), weight: c.number("weight"))
        }
    }

    /// `outline`: decisions whose grounds were left out (`SQLiteHistory.outline(of:)`) read with none.
    static func decisions(_ json: JSON?, outline: Bool = false) throws -> [Decision] {
        guard let json else { throw Malformed(what: "缺少“decisions”") }
        return try json.elements.map { d in
            Decision(outcome: try d.text("outcome"), article: try d.text("article"),
                     grounds: outline && d["grounds"] == nil ? [] : try d.items("grounds").map(ground), inForceUntil: try d.optionalText("inForceUntil"),
                     trackedLeaders: try d.items("trackedLeaders").map { try TrackedLeader(role: $0.text("role"), name: $0.text("name"), now: $0.text("now")) },
                     excludedBy: try d.optionalText("excludedBy"))
        }
    }

    static func ground(_ g: JSON) throws -> Ground {
        guard case .bool(let missing)? = g["becauseMissing"] else { throw Malformed(what: "缺少“becauseMissing”") }
        return Ground(item: try g.text("item"), summary: try g.text("summary"), condition: try g.text("condition"),
                      readings: try g.items("readings").map(reading),
                      thresholds: try g.items("thresholds").map { guard case .string(let s) = $0 else { throw Malformed(what: "thresholds") }; return s },
                      becauseMissing: missing,
                      notes: try (g["notes"] == nil ? [] : g.items("notes")).map { guard case .string(let s) = $0 else { throw Malformed(what: "notes") }; return s })
    }

    /// `parent`, `rankings` and `unreported` of a result (the `extra` column, or an export line's
    /// jurisdiction); absent in stores and exports made before them, and then left empty.
    static func extra(_ json: JSON, into result: inout JurisdictionResult) throws {
        result.parent = try json.optionalText("parent") ?? ""
        if json["rankings"] != nil {
            result.rankings = try json.items("rankings").map { r in
                // Stores since v4 write `[name, group, rank, rankFromBottom, rankedCount, value]` (ColumnJSON.compact).
                if case .array(let p) = r {
                    guard p.count == 6, case .string(let name) = p[0], case .string(let group) = p[1],
                          case .number(let rank) = p[2], case .number(let fromBottom) = p[3], case .number(let count) = p[4],
                          [rank, fromBottom, count].allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else {
                        throw Malformed(what: "rankings")
                    }
                    guard let value = p[5].numberOrNull else { throw Malformed(what: "rankings 的数值") }
                    return RankingResult(name: name, group: group, value: value, rank: Int(rank), rankFromBottom: Int(fromBottom),
                                         rankedCount: Int(count))
                }
                return RankingResult(name: try r.text("name"), group: try r.text("group"), value: try r.optionalNumber("value"),
                                     rank: try r.integer("rank"), rankFromBottom: try r.integer("rankFromBottom"), rankedCount: try r.integer("rankedCount"))
            }
        }
        if json["unreported"] != nil { result.unreported = try json.items("unreported").map(ground) }
    }

    static func reading(_ r: JSON) throws -> Reading {
        let row = try r.optionalNumber("row").map { Int($0) }
        return Reading(name: try r.text("name"), shown: try r.text("shown"), period: try period(r["period"]),
                       row: row, column: try r.optionalText("column"), file: try r.optionalText("file"))
    }
}
