import GongwenModel

/// Accumulates the top-level parts of a document while the template is walked.
struct DocumentBuilder {
    var document: Document
    /// Attachments with their explicit 序号, if any, to label them at the end.
    var attachmentNumbers: [String?] = []

    init(genre: Document.Genre, kind: String?) {
        document = Document(kind: kind, genre: genre)
    }

    /// Generates heading numbers and attachment labels, which depend on the whole document.
    func finish() -> Document {
        var d = document
        d.body = HeadingNumbering.number(d.body)
        for i in d.attachments.indices {
            d.attachments[i].body = HeadingNumbering.number(d.attachments[i].body)
            if let explicit = attachmentNumbers[i] {
                d.attachments[i].label = "附件" + explicit
            } else {
                d.attachments[i].label = d.attachments.count == 1 ? "附件" : "附件\(i + 1)"
            }
        }
        return d
    }
}

extension Merger {
    mutating func parts(_ nodes: [TemplateNode], scope: Scope, into builder: inout DocumentBuilder) {
        expand(nodes, scope: scope) { merger, item, scope in
            guard case .element(let element) = item else { return }
            merger.part(element, scope, into: &builder)
        }
    }

    private mutating func part(_ element: TemplateElement, _ scope: Scope, into builder: inout DocumentBuilder) {
        let children = element.children
        switch element.part {
        case .copyNumber: builder.document.header.copyNumber = plainText(children, scope)
        case .secrecy: builder.document.header.secrecy = plainText(children, scope)
        case .urgency: builder.document.header.urgency = plainText(children, scope)
        case .documentNumber: builder.document.header.documentNumber = plainText(children, scope)
        case .signer:
            if let name = plainText(children, scope) { builder.document.header.signers.append(name) }
        case .issuerMark:
            let names = issuerNames(children, scope)
            if !names.isEmpty {
                let suffix = attributeText(element, "后缀", scope).flatMap { $0.isEmpty ? nil : $0 }
                builder.document.header.issuerMark = IssuerMark(names: names, suffix: suffix)
            }
        case .title:
            let title = inlines(children, scope)
            builder.document.title = title.isEmpty ? nil : title
        case .addressee:
            let addressee = inlines(children, scope)
            builder.document.addressee = addressee.isEmpty ? nil : addressee
        case .body:
            builder.document.body += blocks(children, scope)
        case .attachmentNotes:
            builder.document.attachmentNotes += items(children, scope)
        case .signature:
            let issuer = inlines(children, scope)
            if !issuer.isEmpty {
                builder.document.closing = builder.document.closing ?? Closing()
                builder.document.closing?.issuers.append(issuer)
            }
        case .date:
            builder.document.closing = builder.document.closing ?? Closing()
            builder.document.closing?.date = plainText(children, scope)
        case .seal:
            builder.document.closing = builder.document.closing ?? Closing()
            builder.document.closing?.sealed = true
        case .note:
            let note = inlines(children, scope)
            builder.document.note = note.isEmpty ? nil : note
        case .attachment:
            let title = attributeText(element, "标题", scope).map { [Inline.text($0)] }
            let number = attributeText(element, "序号", scope).flatMap { $0.isEmpty ? nil : $0 }
            builder.document.attachments.append(Attachment(label: "", title: title, body: blocks(children, scope)))
            builder.attachmentNumbers.append(number)
        case .colophon:
            builder.document.colophon = colophon(children, scope)
        default:
            break  // the compiler admits only parts here
        }
    }

    /// Names of the 发文机关标志: plain text is one name; `<机关>` children give several.
    private mutating func issuerNames(_ nodes: [TemplateNode], _ scope: Scope) -> [String] {
        var names: [String] = []
        var loose: [Inline] = []
        expand(nodes, scope: scope) { merger, item, scope in
            switch item {
            case .text(let interpolation, let location):
                merger.interpolate(interpolation, scope, into: &loose, at: location)
            case .element(let element):
                if let name = merger.plainText(element.children, scope) { names.append(name) }
            }
        }
        let text = Inline.plainText(InlineText.trimmed(loose))
        if !text.isEmpty { names.insert(text, at: 0) }
        return names
    }

    private mutating func colophon(_ nodes: [TemplateNode], _ scope: Scope) -> Colophon {
        var colophon = Colophon()
        expand(nodes, scope: scope) { merger, item, scope in
            guard case .element(let element) = item else { return }
            switch element.part {
            case .copyTo:
                let copyTo = merger.inlines(element.children, scope)
                colophon.copyTo = copyTo.isEmpty ? nil : copyTo
            case .printingOffice: colophon.printingOffice = merger.plainText(element.children, scope)
            case .printingDate: colophon.printingDate = merger.plainText(element.children, scope)
            default: break
            }
        }
        return colophon
    }

    /// `<项>` children of a list or of 附件说明.
    mutating func items(_ nodes: [TemplateNode], _ scope: Scope) -> [[Inline]] {
        var result: [[Inline]] = []
        expand(nodes, scope: scope) { merger, item, scope in
            guard case .element(let element) = item else { return }
            result.append(merger.inlines(element.children, scope))
        }
        return result
    }
}
