/// The merged document: a closed, format-neutral tree (in the spirit of pandoc's
/// `Pandoc Meta [Block]`). It names the parts of a 公文 as GB/T 9704-2012 does and the parts of
/// agreement and pledge forms; it knows nothing of HTML, ODF, fonts or millimetres. Writers
/// `switch` over it; the layout profile decides how each part looks.
public struct Document: Sendable, Equatable {
    /// 文种 or form name from the template (`通报`, `决定`, `责任书` …); informational.
    public var kind: String?
    /// Whether the document is a 公文 (with 版头 and 版记 rules) or a form (agreement, pledge).
    public var genre: Genre
    /// 版头.
    public var header: Header
    public var title: [Inline]?
    /// 主送机关.
    public var addressee: [Inline]?
    /// 正文.
    public var body: [Block]
    /// 附件说明: one entry per attachment name.
    public var attachmentNotes: [[Inline]]
    /// 发文机关署名, 成文日期 and 印章.
    public var closing: Closing?
    /// 附注.
    public var note: [Inline]?
    /// 附件, each printed from a new page.
    public var attachments: [Attachment]
    /// 版记.
    public var colophon: Colophon?

    public enum Genre: String, Sendable, Equatable {
        /// A 公文 laid out by GB/T 9704-2012.
        case official
        /// An agreement or pledge form (责任书, 承诺书): no 版头 or 版记, signature blocks instead.
        case form
    }

    public init(
        kind: String? = nil,
        genre: Genre = .official,
        header: Header = Header(),
        title: [Inline]? = nil,
        addressee: [Inline]? = nil,
        body: [Block] = [],
        attachmentNotes: [[Inline]] = [],
        closing: Closing? = nil,
        note: [Inline]? = nil,
        attachments: [Attachment] = [],
        colophon: Colophon? = nil
    ) {
        self.kind = kind
        self.genre = genre
        self.header = header
        self.title = title
        self.addressee = addressee
        self.body = body
        self.attachmentNotes = attachmentNotes
        self.closing = closing
        self.note = note
        self.attachments = attachments
        self.colophon = colophon
    }

    /// The title as one line of plain text (line breaks become nothing: they only shape it).
    public var plainTitle: String {
        title.map(Inline.plainText) ?? ""
    }
}

/// 版头: everything above the red separator line.
public struct Header: Sendable, Equatable {
    /// 份号 (six digits).
    public var copyNumber: String?
    /// 密级和保密期限, e.g. `机密★1年`.
    public var secrecy: String?
    /// 紧急程度, e.g. `特急`.
    public var urgency: String?
    /// 发文机关标志.
    public var issuerMark: IssuerMark?
    /// 发文字号, e.g. `黔人口发〔2025〕17号`.
    public var documentNumber: String?
    /// 签发人 names (upward documents).
    public var signers: [String]

    public init(
        copyNumber: String? = nil,
        secrecy: String? = nil,
        urgency: String? = nil,
        issuerMark: IssuerMark? = nil,
        documentNumber: String? = nil,
        signers: [String] = []
    ) {
        self.copyNumber = copyNumber
        self.secrecy = secrecy
        self.urgency = urgency
        self.issuerMark = issuerMark
        self.documentNumber = documentNumber
        self.signers = signers
    }

    public var isEmpty: Bool {
        copyNumber == nil && secrecy == nil && urgency == nil && issuerMark == nil
            && documentNumber == nil && signers.isEmpty
    }
}

/// 发文机关标志: one issuer, or several for a joint document, with an optional suffix (`文件`).
public struct IssuerMark: Sendable, Equatable {
    public var names: [String]
    public var suffix: String?

    public init(names: [String], suffix: String? = nil) {
        self.names = names
        self.suffix = suffix
    }
}

/// 发文机关署名, 成文日期 and 印章.
public struct Closing: Sendable, Equatable {
    /// One entry per signing organ (joint documents have several).
    public var issuers: [[Inline]]
    /// 成文日期, already written out (`2025年6月30日`).
    public var date: String?
    /// Whether the document is sealed (印章), which moves the date and signature (GB/T 9704 7.3.5).
    public var sealed: Bool

    public init(issuers: [[Inline]] = [], date: String? = nil, sealed: Bool = false) {
        self.issuers = issuers
        self.date = date
        self.sealed = sealed
    }
}

/// 附件: printed from a new page, `附件1` on the first line and its title centred.
public struct Attachment: Sendable, Equatable {
    /// `附件` or `附件1`.
    public var label: String
    public var title: [Inline]?
    public var body: [Block]

    public init(label: String, title: [Inline]? = nil, body: [Block] = []) {
        self.label = label
        self.title = title
        self.body = body
    }
}

/// 版记: 抄送机关, 印发机关 and 印发日期.
public struct Colophon: Sendable, Equatable {
    public var copyTo: [Inline]?
    public var printingOffice: String?
    public var printingDate: String?

    public init(copyTo: [Inline]? = nil, printingOffice: String? = nil, printingDate: String? = nil) {
        self.copyTo = copyTo
        self.printingOffice = printingOffice
        self.printingDate = printingDate
    }
}
