import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenRender

/// Data cells as long as Excel allows (32,767 characters) in every place a document prints
/// text (issue 15): laid out and written in linear time.
@Suite("Reliability: long text in the layout and the writers")
struct LongTextTests {
    static let cellMaximum = 32_767

    /// Long cells of the kinds that exercise different paths: Chinese text (breakable
    /// everywhere), one Latin word, digits, brackets never closed, document numbers and
    /// bracket–number runs (kept unbroken), spaces.
    static let cells: [(String, String)] = [
        ("Chinese", String(repeating: "关于进一步加强人口和计划生育工作的通知、", count: cellMaximum / 19)),
        ("Latin word", String(repeating: "a", count: cellMaximum)),
        ("digits", String(repeating: "7", count: cellMaximum)),
        ("open brackets", String(repeating: "（", count: cellMaximum)),
        ("document numbers", String(repeating: "黔人口发〔2025〕17号", count: cellMaximum / 13)),
        ("bracket numbers", String(repeating: "）2025", count: cellMaximum / 5)),
        ("spaces", "甲" + String(repeating: " ", count: cellMaximum - 2) + "乙"),
    ]

    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let elapsed = try ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func document(_ text: String) -> Document {
        Document(
            kind: "通知", genre: .official,
            header: Header(issuerMark: IssuerMark(names: [text], suffix: "文件"), documentNumber: text),
            title: [.text(text)],
            addressee: [.text(text)],
            body: [
                .paragraph([.text(text)]),
                .heading(level: 1, number: "一、", content: [.text(text)]),
                .title([.text(text)]),
                .table(Table(headerRows: [[TableCell(content: [.text(text)])]], rows: [[TableCell(content: [.text(text)])]])),
                .clause(number: "第一条", content: [.text(text)]),
            ],
            closing: Closing(issuers: [[.text(text)]], date: text),
            attachments: [Attachment(label: "附件", title: [.text(text)], body: [.paragraph([.text(text)])])],
            colophon: Colophon(copyTo: [.text(text)], printingOffice: text, printingDate: text))
    }

    @Test("a title of 4,000 characters is broken into lines in linear time", arguments: cells.map(\.0))
    func longTitle(_ kind: String) throws {
        let text = String(try #require(Self.cells.first { $0.0 == kind }).1.prefix(4000))
        var lines: [Inline] = []
        let elapsed = seconds { lines = LayoutProfile.gbt9704.titleLines([.text(text)]) }
        #expect(elapsed < 5, "breaking took \(elapsed) s")
        #expect(Inline.plainText(lines).filter { $0 != "\n" } == text)
    }

    @Test("title lines are chosen as before", arguments: [
        "关于对清水县人民政府等十二个县（市、区、特区）人口和计划生育目标管理责任制考核结果予以通报批评的通报",
        "关于印发《南岭省人口和计划生育目标管理责任制考核办法（2025年修订）》的通知",
        "关于2025年度全省人口和计划生育工作先进集体和先进个人的表彰决定",
    ])
    func titleBreaksUnchanged(_ title: String) {
        #expect(TitleBreaker.breakLines([.text(title)], capacity: 20) == ReferenceTitleBreaker.breakLines([.text(title)], capacity: 20))
    }

    @Test("random titles break as before")
    func randomTitlesUnchanged() {
        let pieces = ["关于", "进一步", "加强", "人口和计划生育", "工作", "的通知", "的通报", "、", "，", "（", "）", "《", "》", "“", "”",
                      "2025", "年", "县", "市", "区", "特区", "予以", "表彰", "A", "b", "7", "〔", "〕", "对", "清水", "先进集体"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<300 {
            let title = (0..<(8 + next(40))).map { _ in pieces[next(pieces.count)] }.joined()
            let capacity = [10, 16, 20][next(3)]
            #expect(TitleBreaker.breakLines([.text(title)], capacity: capacity) == ReferenceTitleBreaker.breakLines([.text(title)], capacity: capacity),
                    "\(title) at \(capacity)")
        }
    }

    @Test("column widths are shared as before, and 100,000 columns in linear time")
    func tableShares() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<2000 {
            let count = 1 + next(12)
            let weights = (0..<count).map { _ in Double(1 + next(6)) }
            let minimum = (0..<count).map { _ in Double(next(60)) + Double(next(10)) / 10 }
            let total = Double(100 + next(120))
            #expect(TableLayout.share(total, weights: weights, minimum: minimum) == ReferenceTableShare.share(total, weights: weights, minimum: minimum),
                    "\(total) \(weights) \(minimum)")
        }
        let many = 100_000
        var widths: [Double] = []
        let elapsed = seconds {
            widths = TableLayout.share(156, weights: Array(repeating: 1, count: many), minimum: (0..<many).map { Double($0 % 7) / 1000 })
        }
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(widths.count == many)
    }

    @Test("a document with a 32,767-character cell everywhere is written in linear time", arguments: cells.map(\.0))
    func longCells(_ kind: String) throws {
        let text = try #require(Self.cells.first { $0.0 == kind }).1
        let d = document(text)
        var html = "", odt: [UInt8] = [], fodt: [UInt8] = []
        let elapsed = seconds {
            html = HTMLWriter().write(d)
            odt = ODFWriter().package([d], title: "长")
            fodt = ODFWriter().flat([d], title: "长")
        }
        #expect(elapsed < 20, "writing took \(elapsed) s")
        #expect(html.utf8.count > 10 * text.utf8.count)
        #expect(wellFormednessError(fodt) == nil)
        #expect(!odt.isEmpty)
    }
}

/// The title breaker as it was before issue 15 (quadratic: each candidate break rebuilt the
/// text before and after it), kept verbatim to check that the linear one chooses the same breaks.
enum ReferenceTitleBreaker {
    /// `title` with line breaks inserted when it is longer than `capacity` characters per line.
    static func breakLines(_ title: [Inline], capacity: Int) -> [Inline] {
        guard !title.contains(where: { if case .lineBreak = $0 { true } else { false } }) else { return title }
        let text = Inline.plainText(title)
        let chars = Array(text)
        let width = cells(ArraySlice(chars))
        guard capacity > 0, width > Double(capacity), title.allSatisfy({ if case .text = $0 { true } else { false } }) else { return title }
        let breaks = bestBreaks(chars, capacity: capacity)
        guard !breaks.isEmpty else { return title }
        var out: [Inline] = []
        var start = 0
        for b in breaks + [chars.count] {
            if start > 0 { out.append(.lineBreak) }
            out.append(.text(String(chars[start..<b])))
            start = b
        }
        return out
    }

    /// Break positions (indexes of the first character of each new line) minimising the cost of
    /// unreadable breaks and uneven lines, by dynamic programming over all positions.
    static func bestBreaks(_ chars: [Character], capacity: Int) -> [Int] {
        let n = chars.count
        let penalty = (0...n).map { breakPenalty(chars, at: $0) }
        let lineCount = Int((Double(n) / Double(capacity)).rounded(.up))
        let ideal = Double(n) / Double(lineCount)
        // cost[i] = best cost of setting chars[0..<i] as complete lines; lines[i] = their count.
        var cost = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: -1, count: n + 1)
        var lines = [Int](repeating: 0, count: n + 1)
        cost[0] = 0
        for end in 1...n {
            for start in stride(from: end - 1, through: 0, by: -1) {
                let length = cells(chars[start..<end])
                if length > Double(capacity) { break }
                guard cost[start].isFinite else { continue }
                let breakCost = end == n ? 0 : penalty[end]
                // Even lines; a line longer than the one above is fine (trapezoid), shorter costs more.
                var shape = abs(length - ideal)
                if start > 0, let above = lineLength(previous, start, chars), length < above { shape += (above - length) * 0.5 }
                let c = cost[start] + breakCost + shape + 6  // each extra line costs
                if c < cost[end] {
                    cost[end] = c
                    previous[end] = start
                    lines[end] = lines[start] + 1
                }
            }
        }
        guard cost[n].isFinite else { return [] }
        var breaks: [Int] = []
        var i = n
        while previous[i] > 0 {
            breaks.insert(previous[i], at: 0)
            i = previous[i]
        }
        return breaks
    }

    private static func lineLength(_ previous: [Int], _ end: Int, _ chars: [Character]) -> Double? {
        let start = previous[end]
        return start >= 0 ? cells(chars[start..<end]) : nil
    }

    /// Width in 2号 character cells. Digits and Latin letters of CJK faces are proportional and
    /// wider than half a cell (about 0.55–0.6 em), so they count 0.6 to stay on the safe side.
    static func cells(_ slice: ArraySlice<Character>) -> Double {
        slice.reduce(0) { total, ch in
            total + (ch.unicodeScalars.allSatisfy { DisplayWidth.cells(of: $0) == 2 } ? 1 : 0.6)
        }
    }

    /// The cost of starting a new line at `index`.
    static func breakPenalty(_ chars: [Character], at index: Int) -> Double {
        guard index > 0, index < chars.count else { return 0 }
        let before = String(chars[..<index]), after = String(chars[index...])
        // Inside a known word, a number or a Latin word: never.
        for word in TitleBreaker.words {
            let w = Array(word)
            for offset in 1..<w.count where index - offset >= 0 && index - offset + w.count <= chars.count {
                if Array(chars[(index - offset)..<(index - offset + w.count)]) == w { return 1000 }
            }
        }
        // Never inside brackets: 县（市、区） stays on one line.
        let opened = chars[..<index].filter { "（(《“".contains($0) }.count
        let closed = chars[..<index].filter { "）)》”".contains($0) }.count
        if opened > closed { return 1000 }
        let l = chars[index - 1], r = chars[index]
        if (l.isASCII && (l.isLetter || l.isNumber)) && (r.isASCII && (r.isLetter || r.isNumber)) { return 1000 }
        // Punctuation may not start a line; an opening bracket or quote may not end one.
        if "，。、；：？！）”’》〕".contains(r) || "（“‘《〔".contains(l) { return 1000 }
        if TitleBreaker.breakAfter.contains(where: { before.hasSuffix($0) }) { return 0 }
        if TitleBreaker.breakBefore.contains(where: { after.hasPrefix($0) }) { return 0 }
        return 8
    }
}

/// `TableLayout.share` as it was before issue 15 (a round over all columns per column fixed).
enum ReferenceTableShare {
    static func share(_ total: Double, weights: [Double], minimum: [Double]) -> [Double] {
        var fixed = [Double?](repeating: nil, count: weights.count)
        while true {
            let free = total - fixed.compactMap { $0 }.reduce(0, +)
            let weight = zip(weights, fixed).filter { $1 == nil }.map(\.0).reduce(0, +)
            var changed = false
            for i in weights.indices where fixed[i] == nil && weight > 0 && free * weights[i] / weight < minimum[i] {
                fixed[i] = minimum[i]
                changed = true
            }
            if !changed {
                return weights.indices.map { fixed[$0] ?? (weight > 0 ? max(0, free) * weights[$0] / weight : 0) }
            }
        }
    }
}
