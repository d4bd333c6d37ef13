import GongwenModel

/// Breaks a long 标题 into lines the way GB/T 9704-2012 7.3.1 asks: "回行时，要做到词意完整，排列对称，
/// 长短适宜，间距恰当，标题排列应当使用梯形或菱形". Line breaks are chosen here, once, and written into
/// both outputs, so LibreOffice and Chromium break the title identically and never inside a word
/// they do not know.
///
/// Without a full dictionary the breaker knows the words official titles are made of (a list of
/// terms of 公文 and of population work) and the points where a title may break: after 关于, 、 and
/// ， , before 关于 and before the closing 的通知/的通报/… . It never breaks inside a known word or a
/// run of digits or Latin letters, prefers lines of even length with the shorter line on top
/// (a trapezoid), and leaves titles that fit on one line, or that carry their own line breaks,
/// alone.
public enum TitleBreaker {
    /// Terms never split across lines.
    static let words: [String] = [
        "人口和计划生育", "计划生育", "人民政府", "领导小组", "办公室", "办公厅", "委员会", "人大常委会", "目标管理", "责任制", "责任书",
        "承诺书", "考核", "工作", "进一步", "加强", "关于", "通报", "通知", "批评", "表彰", "决定", "意见", "报告", "批复", "一票否决",
        "诫勉谈话", "黄牌警告", "综合排名", "动态", "出生人口", "性别比", "流动人口", "诚信计生", "双向", "目标", "管理", "责任",
        "落实", "实施", "办法", "规定", "年度", "季度", "上半年", "下半年", "社会抚养费", "奖励扶助", "先进集体", "先进个人",
        "予以", "情况", "问题", "整改", "专项", "检查", "督查", "评估", "试点", "开展", "做好", "印发", "转发", "有关", "事项",
        "实行", "进行", "给予", "党政领导", "排名", "统计", "数据", "报送", "服务", "流动", "先进单位",
    ]

    /// Positions after which a break reads well (the break comes after the matched text).
    static let breakAfter = ["关于", "、", "，", "对"]
    /// Positions before which a break reads well.
    static let breakBefore = ["关于", "的通知", "的通报", "的决定", "的意见", "的报告", "的批复", "的函", "予以"]

    /// `title` with line breaks inserted when it is longer than `capacity` characters per line.
    public static func breakLines(_ title: [Inline], capacity: Int) -> [Inline] {
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
    ///
    /// Linear in the length of the title (a title from a 4,000-character cell took ten
    /// seconds): the penalties come from one pass (`BreakPenalties`), and each line start is
    /// extended only as far as a line reaches, its width summed as it grows. The sums and the
    /// order of the comparisons are those of the first version (which went through every
    /// start for each end, latest first), so the breaks chosen are the same to the last bit.
    static func bestBreaks(_ chars: [Character], capacity: Int) -> [Int] {
        let n = chars.count
        let penalty = BreakPenalties(chars).penalties
        let widths = chars.map(cellWidth)
        let lineCount = Int((Double(n) / Double(capacity)).rounded(.up))
        let ideal = Double(n) / Double(lineCount)
        // cost[i] = best cost of setting chars[0..<i] as complete lines.
        var cost = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: -1, count: n + 1)
        cost[0] = 0
        for start in 0..<n where cost[start].isFinite {
            // The line above this one, when there is one: its start is settled by now.
            var above: Double?
            if start > 0, previous[start] >= 0 {
                above = widths[previous[start]..<start].reduce(0, +)
            }
            var length = 0.0
            for end in (start + 1)...n {
                length += widths[end - 1]
                if length > Double(capacity) { break }
                let breakCost = end == n ? 0 : penalty[end]
                // Even lines; a line longer than the one above is fine (trapezoid), shorter costs more.
                var shape = abs(length - ideal)
                if let above, length < above { shape += (above - length) * 0.5 }
                let c = cost[start] + breakCost + shape + 6  // each extra line costs
                // `<=`: of equal costs the latest start wins, as when starts were tried latest first.
                if c <= cost[end] {
                    cost[end] = c
                    previous[end] = start
                }
            }
        }
        guard cost[n].isFinite else { return [] }
        var breaks: [Int] = []
        var i = n
        while previous[i] > 0 {
            breaks.append(previous[i])
            i = previous[i]
        }
        return breaks.reversed()
    }

    /// Width in 2号 character cells. Digits and Latin letters of CJK faces are proportional and
    /// wider than half a cell (about 0.55–0.6 em), so they count 0.6 to stay on the safe side.
    static func cells(_ slice: ArraySlice<Character>) -> Double {
        slice.reduce(0) { total, ch in total + cellWidth(ch) }
    }

    static func cellWidth(_ ch: Character) -> Double {
        ch.unicodeScalars.allSatisfy { DisplayWidth.cells(of: $0) == 2 } ? 1 : 0.6
    }
}

/// The cost of starting a new line at each index of a title, found in one pass: inside a known
/// word, a number or a Latin word, or inside brackets, never (1000); where punctuation would
/// start a line or an opening bracket end one, never; after 关于, 、, ， and before 的通知 …, free;
/// elsewhere 8. (The first version rebuilt the text before and after each index to ask.)
struct BreakPenalties {
    let penalties: [Double]

    init(_ chars: [Character]) {
        let n = chars.count
        var penalties = [Double](repeating: 8, count: n + 1)
        penalties[0] = 0
        penalties[n] = 0
        guard n > 1 else {
            self.penalties = [Double](repeating: 0, count: n + 1)
            return
        }
        // Inside a known word: each occurrence of a word forbids the indexes strictly inside it.
        var insideWord = [Bool](repeating: false, count: n + 1)
        for start in 0..<n {
            guard let candidates = BreakPenalties.wordsByFirst[chars[start]] else { continue }
            for word in candidates where start + word.count <= n && chars[start..<start + word.count].elementsEqual(word) {
                for i in (start + 1)..<(start + word.count) { insideWord[i] = true }
            }
        }
        var opened = 0, closed = 0
        for index in 1..<n {
            let l = chars[index - 1], r = chars[index]
            if BreakPenalties.opening.contains(l) { opened += 1 }
            if BreakPenalties.closing.contains(l) { closed += 1 }
            if insideWord[index] || opened > closed {
                penalties[index] = 1000
            } else if (l.isASCII && (l.isLetter || l.isNumber)) && (r.isASCII && (r.isLetter || r.isNumber)) {
                penalties[index] = 1000
            } else if BreakPenalties.noLineStart.contains(r) || BreakPenalties.noLineEnd.contains(l) {
                // Punctuation may not start a line; an opening bracket or quote may not end one.
                penalties[index] = 1000
            } else if BreakPenalties.after.contains(where: { index >= $0.count && chars[(index - $0.count)..<index].elementsEqual($0) })
                        || BreakPenalties.before.contains(where: { index + $0.count <= n && chars[index..<(index + $0.count)].elementsEqual($0) }) {
                penalties[index] = 0
            }
        }
        self.penalties = penalties
    }

    // Sets rather than `String.contains`, which walks the string's characters at each call.
    private static let opening: Set<Character> = ["（", "(", "《", "“"]
    private static let closing: Set<Character> = ["）", ")", "》", "”"]
    private static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "”", "’", "》", "〕"]
    private static let noLineEnd: Set<Character> = ["（", "“", "‘", "《", "〔"]
    private static let wordsByFirst: [Character: [[Character]]] = Dictionary(grouping: TitleBreaker.words.map(Array.init)) { $0[0] }
    private static let after = TitleBreaker.breakAfter.map(Array.init)
    private static let before = TitleBreaker.breakBefore.map(Array.init)
}
