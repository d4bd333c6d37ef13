/// A stable, readable text dump of a `Document`, one node per line, for golden tests and for
/// `gongwen render --dump` (the swift-markdown `debugDescription` idea): a reviewer can read
/// what the merge produced without looking at HTML or XML.
public enum DocumentDump {
    public static func dump(_ document: Document) -> String {
        var out = DumpBuffer()
        out.line(0, "Document genre=\(document.genre.rawValue)" + (document.kind.map { " kind=\(quoted($0))" } ?? ""))
        let h = document.header
        if !h.isEmpty {
            out.line(1, "Header")
            if let v = h.copyNumber { out.line(2, "CopyNumber \(quoted(v))") }
            if let v = h.secrecy { out.line(2, "Secrecy \(quoted(v))") }
            if let v = h.urgency { out.line(2, "Urgency \(quoted(v))") }
            if let m = h.issuerMark {
                out.line(2, "IssuerMark names=[\(m.names.map(quoted).joined(separator: ", "))]"
                    + (m.suffix.map { " suffix=\(quoted($0))" } ?? ""))
            }
            if let v = h.documentNumber { out.line(2, "DocumentNumber \(quoted(v))") }
            if !h.signers.isEmpty { out.line(2, "Signers [\(h.signers.map(quoted).joined(separator: ", "))]") }
        }
        if let t = document.title { out.line(1, "Title \(inlines(t))") }
        if let a = document.addressee { out.line(1, "Addressee \(inlines(a))") }
        if !document.body.isEmpty {
            out.line(1, "Body")
            blocks(document.body, depth: 2, into: &out)
        }
        if !document.attachmentNotes.isEmpty {
            out.line(1, "AttachmentNotes")
            for n in document.attachmentNotes { out.line(2, "Item \(inlines(n))") }
        }
        if let c = document.closing {
            out.line(1, "Closing sealed=\(c.sealed)" + (c.date.map { " date=\(quoted($0))" } ?? ""))
            for i in c.issuers { out.line(2, "Issuer \(inlines(i))") }
        }
        if let n = document.note { out.line(1, "Note \(inlines(n))") }
        for a in document.attachments {
            out.line(1, "Attachment label=\(quoted(a.label))" + (a.title.map { " title=\(inlines($0))" } ?? ""))
            blocks(a.body, depth: 2, into: &out)
        }
        if let c = document.colophon {
            out.line(1, "Colophon")
            if let v = c.copyTo { out.line(2, "CopyTo \(inlines(v))") }
            if let v = c.printingOffice { out.line(2, "PrintingOffice \(quoted(v))") }
            if let v = c.printingDate { out.line(2, "PrintingDate \(quoted(v))") }
        }
        return out.text
    }

    private static func blocks(_ blocks: [Block], depth: Int, into out: inout DumpBuffer) {
        for block in blocks {
            switch block {
            case .paragraph(let c): out.line(depth, "Paragraph \(inlines(c))")
            case .heading(let level, let number, let c): out.line(depth, "Heading level=\(level) number=\(quoted(number)) \(inlines(c))")
            case .list(let ordered, let items):
                out.line(depth, "List ordered=\(ordered)")
                for item in items { out.line(depth + 1, "Item \(inlines(item))") }
            case .table(let table):
                out.line(depth, "Table columns=\(table.columnCount)" + (table.columnWidths.map { " widths=\($0)" } ?? ""))
                for row in table.headerRows { out.line(depth + 1, "HeaderRow " + row.map(cell).joined(separator: " | ")) }
                for row in table.rows { out.line(depth + 1, "Row " + row.map(cell).joined(separator: " | ")) }
            case .pageBreak: out.line(depth, "PageBreak")
            case .parties(let parties):
                out.line(depth, "Parties")
                for p in parties { out.line(depth + 1, "Party role=\(quoted(p.role)) \(inlines(p.name))") }
            case .clause(let number, let c): out.line(depth, "Clause number=\(quoted(number)) \(inlines(c))")
            case .signatures(let signers):
                out.line(depth, "Signatures")
                for s in signers {
                    out.line(depth + 1, "Signatory")
                    for l in s.lines { out.line(depth + 2, "Line label=\(quoted(l.label)) blank=\(l.blankWidth) \(inlines(l.value))") }
                }
            case .centered(let c): out.line(depth, "Centered \(inlines(c))")
            case .title(let c): out.line(depth, "BlockTitle \(inlines(c))")
            }
        }
    }

    private static func cell(_ cell: TableCell) -> String {
        var s = inlines(cell.content)
        if cell.columnSpan != 1 { s += " span=\(cell.columnSpan)" }
        if cell.alignment != .center { s += " align=\(cell.alignment.rawValue)" }
        return s
    }

    static func inlines(_ inlines: [Inline]) -> String {
        "[" + inlines.map { inline -> String in
            switch inline {
            case .text(let s): quoted(s)
            case .lineBreak: "LineBreak"
            case .blank(let w): "Blank(\(w))"
            }
        }.joined(separator: ", ") + "]"
    }

    /// Quotes with escapes for control characters so a dump never hides an invisible character.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

private struct DumpBuffer {
    var text = ""
    mutating func line(_ depth: Int, _ s: String) {
        text += String(repeating: "  ", count: depth) + s + "\n"
    }
}
