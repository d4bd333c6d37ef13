import GongwenAssess

/// The JSON columns of `results`, written by hand: Foundation's JSONEncoder took about a second of
/// CPU for the 180,000 values of a year of monthly periods of 3,000 jurisdictions, more than the
/// whole write may take. The output is what `JSONDecoder` reads back into equal values: keys in
/// sorted order (stable bytes), nil optionals left out, non-finite numbers as the strings
/// `HistoryJSON` uses. A test holds it to JSONEncoder's reading of the same values.
struct ColumnJSON {
    private(set) var text = ""

    static func leaders(_ v: [Leader]) -> String { var w = ColumnJSON(); w.array(v) { w, l in w.leader(l) }; return w.text }
    static func figures(_ v: [String: Figure]) -> String {
        var w = ColumnJSON()
        w.text += "{"
        for (i, key) in v.keys.sorted().enumerated() {
            if i > 0 { w.text += "," }
            w.string(key)
            w.text += ":"
            w.figure(v[key]!)
        }
        w.text += "}"
        return w.text
    }
    static func categoryScores(_ v: [CategoryScore]) -> String {
        var w = ColumnJSON()
        w.array(v) { w, c in w.object { o in o.key("name") { $0.string(c.name) }; o.key("score") { $0.number(c.score) }; o.key("weight") { $0.number(c.weight) } } }
        return w.text
    }
    static func decisions(_ v: [Decision]) -> String { var w = ColumnJSON(); w.array(v) { w, d in w.decision(d) }; return w.text }

    // MARK: - Values (keys in sorted order)

    mutating func leader(_ l: Leader) {
        object { o in o.key("name") { $0.string(l.name) }; o.key("role") { $0.string(l.role) } }
    }

    mutating func figure(_ f: Figure) {
        object { o in
            o.key("column") { $0.string(f.column) }
            if let t = f.target { o.key("target") { $0.number(t) } }
            if let c = f.targetColumn { o.key("targetColumn") { $0.string(c) } }
            o.key("text") { $0.string(f.text) }
            o.key("unit") { $0.string(f.unit) }
            if let v = f.value { o.key("value") { $0.number(v) } }
        }
    }

    mutating func decision(_ d: Decision) {
        object { o in
            o.key("article") { $0.string(d.article) }
            if let e = d.excludedBy { o.key("excludedBy") { $0.string(e) } }
            o.key("grounds") { $0.array(d.grounds) { w, g in w.ground(g) } }
            if let u = d.inForceUntil { o.key("inForceUntil") { $0.string(u) } }
            o.key("outcome") { $0.string(d.outcome) }
            o.key("trackedLeaders") {
                $0.array(d.trackedLeaders) { w, t in
                    w.object { o in o.key("name") { $0.string(t.name) }; o.key("now") { $0.string(t.now) }; o.key("role") { $0.string(t.role) } }
                }
            }
        }
    }

    mutating func ground(_ g: Ground) {
        object { o in
            o.key("becauseMissing") { $0.text += g.becauseMissing ? "true" : "false" }
            o.key("condition") { $0.string(g.condition) }
            o.key("item") { $0.string(g.item) }
            o.key("readings") { $0.array(g.readings) { w, r in w.reading(r) } }
            o.key("summary") { $0.string(g.summary) }
            o.key("thresholds") { $0.array(g.thresholds) { w, t in w.string(t) } }
        }
    }

    mutating func reading(_ r: Reading) {
        object { o in
            if let c = r.column { o.key("column") { $0.string(c) } }
            if let f = r.file { o.key("file") { $0.string(f) } }
            o.key("name") { $0.string(r.name) }
            o.key("period") { w in
                w.object { o in
                    o.key("index") { $0.text += String(r.period.index) }
                    o.key("kind") { $0.string(r.period.kind.rawValue) }
                    o.key("year") { $0.text += String(r.period.year) }
                }
            }
            if let row = r.row { o.key("row") { $0.text += String(row) } }
            o.key("shown") { $0.string(r.shown) }
        }
    }

    // MARK: - JSON

    struct Object {
        var writer: ColumnJSON
        var first = true
        mutating func key(_ name: String, _ value: (inout ColumnJSON) -> Void) {
            if !first { writer.text += "," }
            first = false
            writer.text += "\""
            writer.text += name
            writer.text += "\":"
            value(&writer)
        }
    }

    mutating func object(_ body: (inout Object) -> Void) {
        var o = Object(writer: ColumnJSON())
        swap(&o.writer.text, &text)
        o.writer.text += "{"
        body(&o)
        o.writer.text += "}"
        swap(&o.writer.text, &text)
    }

    mutating func array<T>(_ items: [T], _ each: (inout ColumnJSON, T) -> Void) {
        text += "["
        for (i, item) in items.enumerated() {
            if i > 0 { text += "," }
            each(&self, item)
        }
        text += "]"
    }

    /// Shortest text that reads back as the same Double (Swift's description); non-finite as strings.
    mutating func number(_ d: Double) {
        if d.isNaN { text += "\"nan\"" } else if d == .infinity { text += "\"inf\"" } else if d == -.infinity { text += "\"-inf\"" }
        else if d == d.rounded(), abs(d) < 1e15 { text += String(Int64(d)) }
        else { text += d.description }
    }

    mutating func string(_ s: String) {
        text += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain {
            text += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
