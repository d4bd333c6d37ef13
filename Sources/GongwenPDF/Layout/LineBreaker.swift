import GongwenModel
import GongwenRender

/// The look of a paragraph's text: its face role, size, colour and the letter spacing that puts
/// 28 characters of 3号 on the 156 mm line (as the HTML's `letter-spacing` does).
public struct TextStyle: Sendable {
    public var role: FontRole
    public var size: Double
    public var letterSpacing: Double
    public var color: Color = .black

    public init(role: FontRole, size: Double, letterSpacing: Double, color: Color = .black) {
        self.role = role
        self.size = size
        self.letterSpacing = letterSpacing
        self.color = color
    }
}

public enum Alignment: Sendable { case justify, start, center, end }

/// One line of a paragraph: glyphs with their left edges relative to the line's start, and
/// underlined blanks to write on by hand.
public struct TextLine: Sendable {
    public var glyphs: [ShapedGlyph] = []
    public var x: [Double] = []
    public var blanks: [(x: Double, width: Double)] = []
    public var width: Double = 0
}

/// Greedy line breaking of CJK text on the grid: a character or an unbreakable word goes on the
/// line if it fits, else starts the next; break opportunities follow `BreakClasses` and
/// `UnbreakableRuns` (〔2025〕17号, a bracket and its figure). Full lines are justified by
/// spreading what is left over the gaps after CJK characters; a paragraph's last line and lines
/// ended by a line break are not. A word longer than a whole line is broken where it must and
/// reported (`overlong`), never cut off.
public struct LineBreaker {
    public var style: TextStyle
    public var alignment: Alignment

    public init(style: TextStyle, alignment: Alignment) {
        self.style = style
        self.alignment = alignment
    }

    /// A piece of the paragraph between line breaks: glyphs, blanks, and whether a break is
    /// allowed before each item.
    private struct Item {
        var glyph: ShapedGlyph?
        var blank: Double = 0
        var breakBefore: Bool
        var width: Double
    }

    /// Lines of `inlines` in `width` points, the first one narrower by `firstIndent`.
    /// `overlong` is set when a word had to be broken inside.
    public func lines(_ inlines: [Inline], width: Double, firstIndent: Double = 0, typesetter: Typesetter, overlong: inout Bool) -> [TextLine] {
        var lines: [TextLine] = []
        var segment: [Item] = []
        func flushSegment(last: Bool) {
            lines += pack(segment, width: width, firstIndent: lines.isEmpty ? firstIndent : 0, overlong: &overlong)
            segment.removeAll(keepingCapacity: true)
        }
        for inline in inlines {
            switch inline {
            case .text(let text): append(text, to: &segment, typesetter: typesetter)
            case .blank(let cells):
                let w = Double(cells) * style.size
                segment.append(Item(glyph: nil, blank: w, breakBefore: true, width: w))
            case .lineBreak: flushSegment(last: false)
            }
        }
        flushSegment(last: true)
        return lines
    }

    private func append(_ text: String, to items: inout [Item], typesetter: Typesetter) {
        let keep = UnbreakableRuns.all(in: text)
        var keepIndex = 0
        var previous: Unicode.Scalar? = items.last?.glyph?.scalar
        var index = text.unicodeScalars.startIndex
        for scalar in text.unicodeScalars {
            defer { index = text.unicodeScalars.index(after: index) }
            if scalar.value == 0x0A || scalar.value == 0x0D || scalar.value == 0x09 { continue }
            while keepIndex < keep.count, keep[keepIndex].upperBound <= index { keepIndex += 1 }
            let insideKeep = keepIndex < keep.count && keep[keepIndex].lowerBound < index && index < keep[keepIndex].upperBound
            var allowed = true
            if let p = previous {
                if BreakClasses.closes(scalar) || BreakClasses.opens(p) { allowed = false }
                if BreakClasses.isWordCharacter(p) && BreakClasses.isWordCharacter(scalar) { allowed = false }
                if BreakClasses.isDoubled(p) && p == scalar { allowed = false }
                if BreakClasses.isSpace(scalar) { allowed = false }
            } else if items.last?.blank ?? 0 > 0 {
                allowed = !BreakClasses.closes(scalar)
            }
            if insideKeep { allowed = false }
            let g = typesetter.shape(scalar, role: style.role, size: style.size)
            items.append(Item(glyph: g, breakBefore: allowed && !items.isEmpty, width: g.advance + style.letterSpacing))
            previous = scalar
        }
    }

    /// Packs items into lines of `width`.
    private func pack(_ items: [Item], width: Double, firstIndent: Double, overlong: inout Bool) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        var indent = firstIndent
        // A hair of tolerance: 28 characters of 15.75 pt fill 441 of the 442.2 pt line.
        let tolerance = 0.01
        while start < items.count || lines.isEmpty {
            let room = width - indent
            var used = 0.0, lastBreak = -1, i = start
            while i < items.count {
                if i > start && items[i].breakBefore { lastBreak = i }
                // A space at the end of a line hangs: it does not count.
                let w = items[i].glyph.map { BreakClasses.isSpace($0.scalar) } == true ? 0 : items[i].width
                if used + w > room + tolerance { break }
                used += items[i].width
                i += 1
            }
            var end = i
            if i < items.count {
                if items[i].breakBefore, i > start {
                    end = i
                } else if lastBreak > start {
                    end = lastBreak
                } else {
                    // No break opportunity on the whole line: break the word where it must.
                    overlong = true
                    end = max(i, start + 1)
                }
            }
            let isLast = end >= items.count
            lines.append(line(items[start..<end], room: room, indent: indent, justify: alignment == .justify && !isLast))
            start = end
            // Spaces at the start of a continuation line are dropped.
            while start < items.count, let g = items[start].glyph, BreakClasses.isSpace(g.scalar) { start += 1 }
            indent = 0
            if items.isEmpty { break }
        }
        return lines
    }

    private func line(_ items: ArraySlice<Item>, room: Double, indent: Double, justify: Bool) -> TextLine {
        var line = TextLine()
        var trimmed = items
        while let last = trimmed.last, let g = last.glyph, BreakClasses.isSpace(g.scalar) { trimmed = trimmed.dropLast() }
        let natural = trimmed.reduce(0.0) { $0 + $1.width }
        var extra = 0.0
        if justify {
            let gaps = trimmed.dropLast().filter { $0.glyph.map { BreakClasses.stretches($0.scalar) } ?? true }.count
            if gaps > 0, room > natural { extra = (room - natural) / Double(gaps) }
        }
        var x: Double
        switch alignment {
        case .center: x = indent + max(0, room - natural) / 2
        case .end: x = indent + max(0, room - natural)
        default: x = indent
        }
        let lastIndex = trimmed.indices.last
        for i in trimmed.indices {
            let item = trimmed[i]
            if let g = item.glyph {
                line.glyphs.append(g)
                line.x.append(x)
            } else {
                line.blanks.append((x, item.blank))
            }
            x += item.width
            if extra > 0, i != lastIndex, item.glyph.map({ BreakClasses.stretches($0.scalar) }) ?? true { x += extra }
        }
        line.width = x
        return line
    }
}
