import GongwenFormat
import GongwenModel

extension Merger {
    /// Block content: the 正文 and the body of an 附件.
    mutating func blocks(_ nodes: [TemplateNode], _ scope: Scope) -> [Block] {
        var result: [Block] = []
        expand(nodes, scope: scope) { merger, item, scope in
            guard case .element(let element) = item else { return }
            if let cache = merger.cache {
                if let cached = cache.cached(element, scope) {
                    // Replayed text counts as written: a loop replaying a block must not pass the limit unseen.
                    merger.spendText(cached.textBytes, at: element.location)
                    result += cached.blocks
                    return
                }
                let before = merger.bag.diagnostics.count
                let bytesBefore = merger.budget.textBytes
                let blocks = merger.block(element, scope)
                if merger.bag.diagnostics.count == before {
                    cache.store(blocks, textBytes: merger.budget.textBytes - bytesBefore, for: element, scope)
                }
                result += blocks
            } else {
                result += merger.block(element, scope)
            }
        }
        return result
    }

    private mutating func block(_ element: TemplateElement, _ scope: Scope) -> [Block] {
        let children = element.children
        switch element.part {
        case .paragraph:
            return [.paragraph(inlines(children, scope))]
        case .heading:
            return [.heading(level: element.integer("级") ?? 1, number: "", content: inlines(children, scope))]
        case .centered:
            return [.centered(inlines(children, scope))]
        case .blockTitle:
            return [.title(inlines(children, scope))]
        case .pageBreak:
            return [.pageBreak]
        case .list:
            var ordered = false
            if case .flag(let f)? = element.attributes["有序"] { ordered = f }
            return [.list(ordered: ordered, items: items(children, scope))]
        case .table:
            return [.table(table(element, scope))]
        case .parties:
            var parties: [Party] = []
            expand(children, scope: scope) { merger, item, scope in
                guard case .element(let party) = item else { return }
                parties.append(Party(role: merger.attributeText(party, "称谓", scope) ?? "", name: merger.inlines(party.children, scope)))
            }
            return [.parties(parties)]
        case .clauses:
            var numbering = ClauseNumbering.article
            if case .numbering(let n)? = element.attributes["编号"] { numbering = n }
            var next = element.integer("起始") ?? 1
            var clauses: [Block] = []
            expand(children, scope: scope) { merger, item, scope in
                guard case .element(let clause) = item else { return }
                clauses.append(.clause(number: numbering.label(next), content: merger.inlines(clause.children, scope)))
                next += 1
            }
            return clauses
        case .signatures:
            var signatories: [Signatory] = []
            expand(children, scope: scope) { merger, item, scope in
                guard case .element(let signatory) = item else { return }
                var lines: [SignatureLine] = []
                merger.expand(signatory.children, scope: scope) { merger, item, scope in
                    guard case .element(let line) = item else { return }
                    // A value that merged to nothing (an optional field left blank) leaves the
                    // line to be filled in by hand.
                    let value = merger.inlines(line.children, scope)
                    lines.append(SignatureLine(
                        label: merger.attributeText(line, "名称", scope) ?? "",
                        value: Inline.plainText(value).allSatisfy(\.isWhitespace) ? [] : value,
                        blankWidth: line.integer("宽") ?? 8))
                }
                signatories.append(Signatory(lines: lines))
            }
            return [.signatures(signatories)]
        default:
            return []  // the compiler admits only blocks here
        }
    }

    private mutating func table(_ element: TemplateElement, _ scope: Scope) -> Table {
        var table = Table()
        if case .integers(let widths)? = element.attributes["列宽"] { table.columnWidths = widths }
        expand(element.children, scope: scope) { merger, item, scope in
            guard case .element(let row) = item else { return }
            var cells: [TableCell] = []
            merger.expand(row.children, scope: scope) { merger, item, scope in
                guard case .element(let cell) = item else { return }
                var alignment = TableCell.Alignment.center
                if case .alignment(let a)? = cell.attributes["对齐"] { alignment = a }
                cells.append(TableCell(content: merger.inlines(cell.children, scope),
                                       columnSpan: cell.integer("跨列") ?? 1, alignment: alignment))
            }
            if row.part == .headerRow { table.headerRows.append(cells) } else { table.rows.append(cells) }
        }
        return table
    }
}

/// Numbers 层次 headings the GB/T 9704 way: 一、 then （一） then 1. then （1）; a heading resets
/// the counters of the levels below it.
enum HeadingNumbering {
    static func number(_ blocks: [Block]) -> [Block] {
        var counters = [0, 0, 0, 0]
        return blocks.map { block in
            guard case .heading(let level, _, let content) = block else { return block }
            let index = min(max(level, 1), 4) - 1
            counters[index] += 1
            for deeper in (index + 1)..<4 { counters[deeper] = 0 }
            return .heading(level: level, number: label(level: index + 1, counters[index]), content: content)
        }
    }

    static func label(level: Int, _ n: Int) -> String {
        switch level {
        case 1: "\(ChineseNumerals.lowercase(n))、"
        case 2: "（\(ChineseNumerals.lowercase(n))）"
        case 3: "\(n)."
        default: "（\(n)）"
        }
    }
}
