import Foundation
import GongwenAssess

/// The JSON columns of `results`, written by hand into bytes: Foundation's JSONEncoder (and, a
/// first version of this, appending small Strings) took most of a second of CPU for the 180,000
/// values of a year of monthly periods of 3,000 jurisdictions — more than the whole write may
/// take. The output is what `JSONDecoder` reads back into equal values: keys in sorted order
/// (stable bytes), nil optionals left out, non-finite numbers as the strings `HistoryJSON` uses.
/// A test holds it to JSONEncoder's bytes for the same values.
struct ColumnJSON {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    /// A writer appending to `buffer` (a row's texts, `RowInserter`): one buffer for every column of
    /// every row instead of an array allocated, filled and copied for each of them.
    init(appendingTo buffer: [UInt8]) { bytes = buffer }

    /// The bytes written, left to the caller without a copy (this writer keeps none).
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func leaders(_ v: [Leader]) -> [UInt8] {
        var w = ColumnJSON()
        w.leaderList(v)
        return w.bytes
    }

    mutating func leaderList(_ v: [Leader]) {
        open("[")
        for (i, l) in v.enumerated() { comma(i); leader(l) }
        close("]")
    }

    static func figures(_ v: [String: Figure]) -> [UInt8] {
        var w = ColumnJSON()
        w.open("{")
        // By UTF-8 bytes: for the NFC text of a sheet the order of `String <` (and of JSONEncoder's
        // sortedKeys) without its Unicode normalisation; pairs, not keys looked up again (hashing a
        // String normalises it too).
        // Dictionary indices are sorted rather than (key, value) pairs, which copied every Figure.
        let order = v.indices.sorted { v.keys[$0].utf8.lexicographicallyPrecedes(v.keys[$1].utf8) }
        for (i, index) in order.enumerated() {
            w.comma(i)
            w.string(v.keys[index])
            w.bytes.append(UInt8(ascii: ":"))
            w.figure(v.values[index])
        }
        w.close("}")
        return w.bytes
    }

    /// The `category_scores` column (v4): `[[name, score, weight], …]` — three keys an object for
    /// every row of every period bought nothing; `ColumnReader.categoryScores` reads both forms.
    static func compactCategoryScores(_ v: [CategoryScore]) -> [UInt8] {
        var w = ColumnJSON()
        w.compactCategories(v)
        return w.bytes
    }

    mutating func compactCategories(_ v: [CategoryScore]) {
        open("[")
        for (i, c) in v.enumerated() {
            comma(i)
            open("["); string(c.name); open(","); number(c.score); open(","); number(c.weight); close("]")
        }
        close("]")
    }

    static func categoryScores(_ v: [CategoryScore]) -> [UInt8] {
        var w = ColumnJSON()
        w.open("[")
        for (i, c) in v.enumerated() {
            w.comma(i)
            w.open("{")
            w.key("name", first: true); w.string(c.name)
            w.key("score"); w.number(c.score)
            w.key("weight"); w.number(c.weight)
            w.close("}")
        }
        w.close("]")
        return w.bytes
    }

    /// The `extra` column: `{"parent":…,"rankings":[…],"unreported":[…]}` (JurisdictionResult's keys),
    /// each ranking as the array `[name, group, rank, rankFromBottom, rankedCount, value]`: in the keyed
    /// form the rankings were the largest column of a row and a seventh of the write's CPU.
    static func extra(_ j: JurisdictionResult) -> [UInt8] {
        var w = ColumnJSON()
        w.extraObject(j)
        return w.bytes
    }

    mutating func extraObject(_ j: JurisdictionResult) {
        open("{")
        extraFields(j, first: true, compactRankings: true)
        close("}")
    }

    /// `parent`, `rankings`, `unreported` — adjacent in sorted order only inside `extra`; the export line
    /// writes them one by one in their places, with keyed rankings (JSONEncoder's bytes).
    mutating func extraFields(_ j: JurisdictionResult, first: Bool, compactRankings: Bool = false) {
        key("parent", first: first); string(j.parent)
        key("rankings")
        if compactRankings { compact(j.rankings) } else { rankings(j.rankings) }
        key("unreported"); grounds(j.unreported)
    }

    /// `[[name, group, rank, rankFromBottom, rankedCount, value-or-null], …]` (`ColumnReader.extra`).
    mutating func compact(_ v: [RankingResult]) {
        open("[")
        for (i, r) in v.enumerated() {
            comma(i)
            open("[")
            string(r.name); open(","); string(r.group); open(",")
            integer(r.rank); open(","); integer(r.rankFromBottom); open(","); integer(r.rankedCount); open(",")
            if let value = r.value { number(value) } else { literal("null") }
            close("]")
        }
        close("]")
    }

    mutating func rankings(_ v: [RankingResult]) {
        open("[")
        for (i, r) in v.enumerated() {
            comma(i)
            open("{")
            key("group", first: true); string(r.group)
            key("name"); string(r.name)
            key("rank"); integer(r.rank)
            key("rankFromBottom"); integer(r.rankFromBottom)
            key("rankedCount"); integer(r.rankedCount)
            if let value = r.value { key("value"); number(value) }
            close("}")
        }
        close("]")
    }

    mutating func grounds(_ v: [Ground]) {
        open("[")
        for (i, g) in v.enumerated() { comma(i); ground(g) }
        close("]")
    }

    static func decisions(_ v: [Decision]) -> [UInt8] {
        var w = ColumnJSON()
        w.decisionList(v)
        return w.bytes
    }

    mutating func decisionList(_ v: [Decision]) {
        open("[")
        for (i, d) in v.enumerated() { comma(i); decision(d) }
        close("]")
    }

    // MARK: - Values (keys in sorted order)

    mutating func leader(_ l: Leader) {
        open("{")
        key("name", first: true); string(l.name)
        key("role"); string(l.role)
        close("}")
    }

    mutating func figure(_ f: Figure) {
        open("{")
        key("column", first: true); string(f.column)
        if let t = f.target { key("target"); number(t) }
        if let c = f.targetColumn { key("targetColumn"); string(c) }
        key("text"); string(f.text)
        key("unit"); string(f.unit)
        if let v = f.value { key("value"); number(v) }
        close("}")
    }

    mutating func decision(_ d: Decision) {
        open("{")
        key("article", first: true); string(d.article)
        if let e = d.excludedBy { key("excludedBy"); string(e) }
        key("grounds"); open("[")
        for (i, g) in d.grounds.enumerated() { comma(i); ground(g) }
        close("]")
        if let u = d.inForceUntil { key("inForceUntil"); string(u) }
        key("outcome"); string(d.outcome)
        key("trackedLeaders"); open("[")
        for (i, t) in d.trackedLeaders.enumerated() {
            comma(i)
            open("{")
            key("name", first: true); string(t.name)
            key("now"); string(t.now)
            key("role"); string(t.role)
            close("}")
        }
        close("]")
        close("}")
    }

    mutating func ground(_ g: Ground) {
        open("{")
        key("becauseMissing", first: true); literal(g.becauseMissing ? "true" : "false")
        key("condition"); string(g.condition)
        key("item"); string(g.item)
        key("notes"); open("[")
        for (i, n) in g.notes.enumerated() { comma(i); string(n) }
        close("]")
        key("readings"); open("[")
        for (i, r) in g.readings.enumerated() { comma(i); reading(r) }
        close("]")
        key("summary"); string(g.summary)
        key("thresholds"); open("[")
        for (i, t) in g.thresholds.enumerated() { comma(i); string(t) }
        close("]")
        close("}")
    }

    mutating func reading(_ r: Reading) {
        open("{")
        var first = true
        if let c = r.column { key("column", first: first); first = false; string(c) }
        if let f = r.file { key("file", first: first); first = false; string(f) }
        key("name", first: first); string(r.name)
        key("period"); open("{")
        key("index", first: true); integer(r.period.index)
        key("kind"); string(r.period.kind.rawValue)
        key("year"); integer(r.period.year)
        close("}")
        if let row = r.row { key("row"); integer(row) }
        key("shown"); string(r.shown)
        close("}")
    }

    // MARK: - JSON

    mutating func open(_ c: Unicode.Scalar) { bytes.append(UInt8(ascii: c)) }
    mutating func close(_ c: Unicode.Scalar) { bytes.append(UInt8(ascii: c)) }
    mutating func comma(_ index: Int) { if index > 0 { bytes.append(UInt8(ascii: ",")) } }
    mutating func literal(_ s: StaticString) { bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }

    /// `"name":`, after a comma unless it is the object's first key.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        literal(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Digits written straight into the bytes: `String(n)` allocated a string for each of the
    /// ranks, places and counts of every row.
    mutating func integer(_ n: Int) { digits(Int64(n)) }

    private mutating func digits(_ n: Int64) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: 20 digits at most
        withUnsafeMutableBytes(of: &buffer) { out in
            var at = out.count
            repeat {
                at -= 1
                out[at] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            bytes.append(contentsOf: out[at...])
        }
    }

    /// Shortest text that reads back as the same Double (Swift's description); whole numbers
    /// without ".0" as JSONEncoder writes them; non-finite as strings.
    mutating func number(_ d: Double) {
        if d.isNaN { literal("\"nan\"") } else if d == .infinity { literal("\"inf\"") } else if d == -.infinity { literal("\"-inf\"") }
        else if d == d.rounded(), abs(d) < 1e15 { digits(Int64(d)) }
        else { bytes.append(contentsOf: d.description.utf8) }
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for u in utf8 {
                switch u {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(u >> 4)], hex[Int(u & 15)]])
                default: bytes.append(u)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Whole periods as one JSON line (exports), and back (imports): the same bytes JSONEncoder's
/// sorted keys give and the same reading, at a tenth of the CPU — a backup of a year of monthly
/// periods of 3,000 jurisdictions took 7 s to write and 10 s to read back through Foundation.
extension ColumnJSON {
    static func line(_ a: PeriodAssessment) -> [UInt8] {
        var w = ColumnJSON()
        w.bytes.reserveCapacity(a.jurisdictions.count * 2048)
        w.open("{")
        w.key("dataFile", first: true); w.string(a.dataFile)
        w.key("decisionDate"); w.string(a.decisionDate)
        w.key("jurisdictions"); w.open("[")
        for (i, j) in a.jurisdictions.enumerated() {
            w.comma(i)
            w.open("{")
            w.key("categoryScores", first: true); w.bytes.append(contentsOf: categoryScores(j.categoryScores))
            w.key("code"); w.string(j.code)
            w.key("decisions"); w.bytes.append(contentsOf: decisions(j.decisions))
            w.key("excluded"); w.bytes.append(contentsOf: decisions(j.excluded))
            w.key("figures"); w.bytes.append(contentsOf: figures(j.figures))
            w.key("group"); w.string(j.group)
            w.key("leaders"); w.bytes.append(contentsOf: leaders(j.leaders))
            w.key("name"); w.string(j.name)
            w.key("parent"); w.string(j.parent)
            w.key("rank"); w.integer(j.rank)
            w.key("rankFromBottom"); w.integer(j.rankFromBottom)
            w.key("rankedCount"); w.integer(j.rankedCount)
            w.key("rankings"); w.rankings(j.rankings)
            w.key("row"); w.integer(j.row)
            w.key("score"); w.number(j.score)
            w.key("unreported"); w.grounds(j.unreported)
            w.close("}")
        }
        w.close("]")
        w.key("period"); w.period(a.period)
        w.key("rulesDigest"); w.string(a.rulesDigest)
        w.key("rulesName"); w.string(a.rulesName)
        w.key("total"); w.number(a.total)
        w.close("}")
        return w.bytes
    }

    mutating func period(_ p: Period) {
        open("{")
        key("index", first: true); integer(p.index)
        key("kind"); string(p.kind.rawValue)
        key("year"); integer(p.year)
        close("}")
    }
}

extension ColumnReader {
    static func line(_ bytes: Data) throws -> PeriodAssessment {
        let text = String(decoding: bytes, as: UTF8.self)
        let a = try parse(text)
        guard case .object = a else { throw Malformed(what: "应为对象") }
        return PeriodAssessment(
            period: try period(a["period"]), rulesName: try a.text("rulesName"), rulesDigest: try a.text("rulesDigest"),
            decisionDate: try a.text("decisionDate"), dataFile: try a.text("dataFile"), total: try a.number("total"),
            jurisdictions: try a.items("jurisdictions").map { j in
                var result = JurisdictionResult(
                    code: try j.text("code"), name: try j.text("name"), group: try j.text("group"), row: try j.integer("row"),
                    figures: try figures(j["figures"]), categoryScores: try categoryScores(j["categoryScores"]),
                    score: try j.number("score"), rank: try j.integer("rank"), rankFromBottom: try j.integer("rankFromBottom"),
                    rankedCount: try j.integer("rankedCount"), leaders: try leaders(j["leaders"]),
                    decisions: try decisions(j["decisions"]), excluded: try decisions(j["excluded"]))
                try extra(j, into: &result)
                return result
            })
    }

    static func period(_ p: JSON?) throws -> Period {
        guard let p, let kind = Period.Kind(rawValue: try p.text("kind")) else { throw Malformed(what: "缺少“period”") }
        let index = try p.integer("index")
        guard (1...kind.perYear).contains(index) else { throw Malformed(what: "“period.index”超出范围") }
        return Period(year: try p.integer("year"), kind: kind, index: index)
    }
}
