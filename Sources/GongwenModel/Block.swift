/// A block of the 正文 (or of an 附件). Styles are semantic: a heading knows its level, not its
/// font.
public enum Block: Sendable, Equatable {
    /// A body paragraph (indented two characters).
    case paragraph([Inline])
    /// A structural heading (层次). `number` is already generated: `一、`, `（一）`, `1.`, `（1）`.
    case heading(level: Int, number: String, content: [Inline])
    /// A list of items, numbered (`1.`) or plain.
    case list(ordered: Bool, items: [[Inline]])
    case table(Table)
    /// Forces the following content onto a new page.
    case pageBreak
    /// The parties to an agreement: `甲方：某某县人民政府`.
    case parties([Party])
    /// A numbered clause of an agreement or pledge; `number` is generated (`第一条`).
    case clause(number: String, content: [Inline])
    /// Signature blocks of two or more signers, side by side.
    case signatures([Signatory])
    /// A centred line such as a form's copy mark (`村委会留存`) or a section title inside a form.
    case centered([Inline])
    /// A title set like the 标题 (2号小标宋, centred) inside the text: the title of each copy of a
    /// form printed 一式两份 in one document.
    case title([Inline])
}

/// Text inside a paragraph. Data is only ever `.text`: nothing a user types becomes markup.
public enum Inline: Sendable, Equatable {
    case text(String)
    case lineBreak
    /// A blank to be filled in by hand, `width` characters wide (printed as an underline).
    case blank(width: Int)

    /// Plain text of a run of inlines, for titles in metadata and file names.
    public static func plainText(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines {
            if case .text(let s) = inline { out += s }
        }
        return out
    }
}

public struct Table: Sendable, Equatable {
    /// Header rows, repeated at the top of each page when the table breaks.
    public var headerRows: [[TableCell]]
    public var rows: [[TableCell]]
    /// Relative column widths, when the template gives them.
    public var columnWidths: [Int]?

    public init(headerRows: [[TableCell]] = [], rows: [[TableCell]] = [], columnWidths: [Int]? = nil) {
        self.headerRows = headerRows
        self.rows = rows
        self.columnWidths = columnWidths
    }

    /// Number of grid columns: the widest row, counting spans.
    public var columnCount: Int {
        (headerRows + rows).map { $0.reduce(0) { $0 + $1.columnSpan } }.max() ?? 0
    }
}

public struct TableCell: Sendable, Equatable {
    public var content: [Inline]
    public var columnSpan: Int
    public var alignment: Alignment

    public enum Alignment: String, Sendable, Equatable {
        case start, center, end
    }

    public init(content: [Inline], columnSpan: Int = 1, alignment: Alignment = .center) {
        self.content = content
        self.columnSpan = columnSpan
        self.alignment = alignment
    }
}

/// One party to an agreement: its role (`甲方`) and name.
public struct Party: Sendable, Equatable {
    public var role: String
    public var name: [Inline]

    public init(role: String, name: [Inline]) {
        self.role = role
        self.name = name
    }
}

/// One signer's block: lines such as `单位（盖章）：`, `负责人（签字）：`, `日期：`.
public struct Signatory: Sendable, Equatable {
    public var lines: [SignatureLine]

    public init(lines: [SignatureLine]) {
        self.lines = lines
    }
}

/// A labelled line of a signature block. An empty `value` leaves a blank of `blankWidth`
/// characters to sign or date by hand.
public struct SignatureLine: Sendable, Equatable {
    public var label: String
    public var value: [Inline]
    public var blankWidth: Int

    public init(label: String, value: [Inline] = [], blankWidth: Int = 8) {
        self.label = label
        self.value = value
        self.blankWidth = blankWidth
    }
}
