import GongwenFormat
/// The template vocabulary: every element a template may use, where it may stand and what it may
/// hold. Element names are the Chinese terms of GB/T 9704-2012 and of the forms themselves, so a
/// secretary reads a template as the document it makes; directives (`each`, `if`, `let`,
/// `include`) are short English words, like keywords of a language, and stand apart from the
/// document's own parts.
public enum Part: String, CaseIterable, Sendable {
    // Roots.
    case officialRoot = "公文"
    case formRoot = "文书"
    // 版头.
    case copyNumber = "份号"
    case secrecy = "密级"
    case urgency = "紧急程度"
    case issuerMark = "发文机关标志"
    case issuerName = "机关"
    case documentNumber = "发文字号"
    case signer = "签发人"
    // 主体.
    case title = "标题"
    case addressee = "主送机关"
    case body = "正文"
    case attachmentNotes = "附件说明"
    case signature = "署名"
    case date = "成文日期"
    case seal = "印章"
    case note = "附注"
    case attachment = "附件"
    // 版记.
    case colophon = "版记"
    case copyTo = "抄送"
    case printingOffice = "印发机关"
    case printingDate = "印发日期"
    // Blocks.
    case paragraph = "段"
    case heading = "层次"
    case list = "列表"
    case item = "项"
    case table = "表格"
    case headerRow = "表头"
    case row = "行"
    case cell = "格"
    case pageBreak = "分页"
    case centered = "居中"
    case blockTitle = "大标题"
    // Form parts.
    case parties = "各方"
    case party = "方"
    case clauses = "条款"
    case clause = "条"
    case signatures = "签署栏"
    case signatory = "签署方"
    case signatureLine = "栏"
    // Inline.
    case lineBreak = "换行"
    case blank = "空"

    /// Where an element may stand, and what a container holds: the same names, so that a child
    /// fits a parent when its slot is the parent's content.
    public enum Slot: String, Sendable {
        case root, part, block, inline, item, issuerName, row, cell, party, clause, signatory, signatureLine, colophon
    }

    public var slot: Slot {
        switch self {
        case .officialRoot, .formRoot: .root
        case .copyNumber, .secrecy, .urgency, .issuerMark, .documentNumber, .signer, .title, .addressee,
             .body, .attachmentNotes, .signature, .date, .seal, .note, .attachment, .colophon:
            .part
        case .issuerName: .issuerName
        case .copyTo, .printingOffice, .printingDate: .colophon
        case .paragraph, .heading, .list, .table, .pageBreak, .centered, .blockTitle, .parties, .clauses, .signatures: .block
        case .item: .item
        case .headerRow, .row: .row
        case .cell: .cell
        case .party: .party
        case .clause: .clause
        case .signatory: .signatory
        case .signatureLine: .signatureLine
        case .lineBreak, .blank: .inline
        }
    }

    /// What the element holds; nil for empty elements.
    public var content: Slot? {
        switch self {
        case .officialRoot, .formRoot: .part
        case .issuerMark: .issuerName
        case .body, .attachment: .block
        case .attachmentNotes, .list: .item
        case .table: .row
        case .headerRow, .row: .cell
        case .parties: .party
        case .clauses: .clause
        case .signatures: .signatory
        case .signatory: .signatureLine
        case .colophon: .colophon
        case .seal, .pageBreak, .lineBreak, .blank: nil
        case .copyNumber, .secrecy, .urgency, .issuerName, .documentNumber, .signer, .title, .addressee,
             .signature, .date, .note, .copyTo, .printingOffice, .printingDate, .paragraph, .heading, .item,
             .cell, .centered, .blockTitle, .party, .clause, .signatureLine:
            .inline
        }
    }

    /// Attributes the element accepts, with what kind of value each takes.
    public var attributes: [String: AttributeKind] {
        switch self {
        case .officialRoot, .formRoot: ["文种": .staticText, "联次": .staticText]
        case .issuerMark: ["后缀": .text]
        case .heading: ["级": .integer(1...4)]
        case .list: ["有序": .flag]
        case .table: ["列宽": .integerList]
        case .cell: ["跨列": .integer(1...50), "对齐": .alignment]
        case .party: ["称谓": .text]
        case .clauses: ["编号": .numbering, "起始": .integer(1...999)]
        case .signatureLine: ["名称": .text, "宽": .integer(1...28)]
        case .blank: ["宽": .integer(1...28)]
        case .attachment: ["序号": .text, "标题": .text]
        default: [:]
        }
    }

    /// Attributes without which the element makes no sense.
    public var requiredAttributes: [String] {
        switch self {
        case .heading: ["级"]
        case .party: ["称谓"]
        case .signatureLine: ["名称"]
        default: []
        }
    }

    /// Top-level parts that may appear at most once in a document.
    public var isSingleton: Bool {
        switch self {
        case .copyNumber, .secrecy, .urgency, .issuerMark, .documentNumber, .title, .addressee, .body,
             .attachmentNotes, .date, .seal, .note, .colophon:
            true
        default:
            false
        }
    }
}

/// The kind of value an attribute takes. Static kinds are checked when the template is compiled;
/// `.text` may hold `{{ … }}`.
public enum AttributeKind: Sendable {
    case text
    case staticText
    case integer(ClosedRange<Int>)
    case integerList
    case flag
    case alignment
    case numbering
}

/// How a `条款` numbers its `条`.
public enum ClauseNumbering: String, Sendable, CaseIterable {
    /// 第一条, 第二条 …
    case article = "第一条"
    /// 一、二、…
    case chinese = "一、"
    /// （一）（二）…
    case parenthesized = "（一）"
    /// 1. 2. …
    case arabic = "1."

    func label(_ n: Int) -> String {
        switch self {
        case .article: "第\(ChineseNumerals.lowercase(n))条"
        case .chinese: "\(ChineseNumerals.lowercase(n))、"
        case .parenthesized: "（\(ChineseNumerals.lowercase(n))）"
        case .arabic: "\(n)."
        }
    }
}

/// Directive names, kept in one place for the compiler and the documentation.
enum Directive: String, CaseIterable {
    case each, `if`, elif, `else`, `let`, include
    /// `<fail>message</fail>`: the record cannot make a document (its data contradicts what the
    /// document says); merging it is an error with this message, located at the record.
    case fail
}
