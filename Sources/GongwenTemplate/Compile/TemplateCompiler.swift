import Foundation
import GongwenModel

/// Turns the XML tree of a template into `TemplateNode`s, checking everything that can be checked
/// without data: element and attribute names, nesting, expression syntax, filter names and
/// argument counts, include paths. It keeps going after an error so that one run reports all.
struct TemplateCompiler {
    private(set) var bag = DiagnosticBag()
    private(set) var sources: [String: SourceText] = [:]
    private let includes: IncludeResolver
    /// Where the includes being compiled were included from (outermost first).
    private var includeChain: [(file: String, location: SourceLocation)] = []
    /// Numbers the elements of the template in the order they are compiled (`TemplateElement.id`).
    private var elementCount = 0
    /// Levels of elements open around the children being compiled, through includes.
    private var depth = 0
    /// Inclusions compiled so far, and whether passing `Limits.includes` was reported.
    private var includeCount = 0
    private var reportedIncludeLimit = false
    init(root: SourceText, includes: IncludeResolver) {
        self.includes = includes
        sources[root.path] = root
    }

    // MARK: root

    mutating func compileRoot(_ root: XMLElement) -> (genre: Document.Genre, kind: String?, nodes: [TemplateNode], contract: DataContract?) {
        guard let part = Part(rawValue: root.name), part.slot == .root else {
            report("template-root", "模板的根元素应为 <公文> 或 <文书>，而不是 <\(root.name)> / the root element must be <公文> or <文书>",
                   at: root.location)
            return (.official, nil, [], nil)
        }
        let attributes = compileAttributes(of: root, part: part)
        var kind: String?
        if case .text(let i)? = attributes["文种"] { kind = i.staticText }
        // The data contract is a declaration about the data, not part of the document.
        var contract: DataContract?
        var children: [XMLNode] = []
        for child in root.children {
            guard case .element(let element) = child, element.name == ContractCompiler.blockName else {
                children.append(child)
                continue
            }
            if contract != nil {
                report("duplicate-part", "<数据要求> 只能出现一次 / <数据要求> may appear only once", at: element.location)
                continue
            }
            var compiler = ContractCompiler()
            contract = compiler.compile(element)
            for diagnostic in compiler.diagnostics { report(diagnostic) }
        }
        let nodes = compileChildren(children, content: .part, parent: root.name)
        checkSingletons(nodes)
        return (part == .formRoot ? .form : .official, kind, nodes, contract)
    }

    /// Parts such as 标题 or 正文 make sense once per document.
    private mutating func checkSingletons(_ nodes: [TemplateNode]) {
        var seen: [Part: SourceLocation] = [:]
        func visit(_ nodes: [TemplateNode], exclusive: Bool) {
            for node in nodes {
                switch node {
                case .element(let e) where e.part.isSingleton:
                    if let first = seen[e.part], exclusive {
                        report("duplicate-part", "<\(e.part.rawValue)> 只能出现一次（首次出现于 \(first)） / <\(e.part.rawValue)> may appear only once",
                               at: e.location)
                    } else {
                        seen[e.part] = e.location
                    }
                case .conditional(let branches, let otherwise):
                    // Alternative branches may each hold the part once.
                    let before = seen
                    var merged = seen
                    for body in branches.map(\.body) + (otherwise.map { [$0] } ?? []) {
                        seen = before
                        visit(body, exclusive: exclusive)
                        merged.merge(seen) { a, _ in a }
                    }
                    seen = merged
                default:
                    break
                }
            }
        }
        visit(nodes, exclusive: true)
    }

    // MARK: children

    mutating func compileChildren(_ children: [XMLNode], content: Part.Slot, parent: String) -> [TemplateNode] {
        depth += 1
        defer { depth -= 1 }
        if depth > Limits.templateDepth, let first = children.first {
            let location: SourceLocation
            switch first {
            case .element(let element): location = element.location
            case .text(let text): location = text.location
            }
            report("template-too-deep",
                   "模板元素嵌套超过 \(Limits.templateDepth) 层（含 include 的文件） / elements nested more than \(Limits.templateDepth) deep",
                   at: location)
            return []
        }
        var result: [TemplateNode] = []
        var openConditional: (branches: [(test: Expression, body: [TemplateNode])], otherwise: [TemplateNode]?)?
        var conditionalClosed = true
        var levelOneAbove = false

        func closeConditional() {
            if let open = openConditional {
                result.append(.conditional(branches: open.branches, otherwise: open.otherwise))
                openConditional = nil
            }
        }

        for (index, child) in children.enumerated() {
            switch child {
            case .text(let text):
                if text.isWhitespace { continue }
                closeConditional()
                conditionalClosed = true
                if content == .inline || content == .issuerName {
                    if let node = compileText(text, isFirst: index == 0, isLast: index == children.count - 1) {
                        result.append(node)
                    }
                } else {
                    report("text-not-allowed",
                           "<\(parent)> 中不能直接写文字，请放进 \(suggestedWrapper(for: content)) 中 / text is not allowed directly in <\(parent)>",
                           at: text.location)
                }
            case .element(let element):
                if let directive = Directive(rawValue: element.name) {
                    switch directive {
                    case .elif, .else:
                        guard openConditional != nil, !conditionalClosed else {
                            report("misplaced-branch", "<\(element.name)> 必须紧跟在 <if> 或 <elif> 之后 / <\(element.name)> must follow <if> or <elif>",
                                   at: element.location)
                            continue
                        }
                        let body = compileChildren(element.children, content: content, parent: parent)
                        if directive == .else {
                            checkNoAttributes(element, except: [])
                            openConditional?.otherwise = body
                            conditionalClosed = true
                        } else if let test = directiveExpression(element, "test") {
                            checkNoAttributes(element, except: ["test"])
                            openConditional?.branches.append((test, body))
                        }
                    case .if:
                        closeConditional()
                        checkNoAttributes(element, except: ["test"])
                        let test = directiveExpression(element, "test")
                        let body = compileChildren(element.children, content: content, parent: parent)
                        if let test {
                            openConditional = (branches: [(test, body)], otherwise: nil)
                            conditionalClosed = false
                        }
                    case .each, .let, .include, .fail:
                        closeConditional()
                        conditionalClosed = true
                        result.append(contentsOf: compileDirective(directive, element, content: content, parent: parent))
                    }
                    continue
                }
                closeConditional()
                conditionalClosed = true
                checkClauseNumbering(element, underLevelOne: &levelOneAbove)
                if let node = compileElement(element, in: content, parent: parent) {
                    result.append(node)
                }
            }
        }
        closeConditional()
        return result
    }

    /// Clauses under a 一、 heading are its subdivisions: numbered （一）（二）, never a second
    /// 一、二、 (GB/T 9704 7.3.3: 一、（一）1.（1） in that order).
    private mutating func checkClauseNumbering(_ element: XMLElement, underLevelOne: inout Bool) {
        if element.name == Part.heading.rawValue, element.attribute("级")?.value == "1" { underLevelOne = true }
        guard underLevelOne, element.name == Part.clauses.rawValue,
              let numbering = element.attribute("编号"), numbering.value == ClauseNumbering.chinese.rawValue else { return }
        report("clause-numbering-level",
               "一级标题“一、”之下的条款应编作“（一）”，不能再用“一、”（GB/T 9704 7.3.3） / clauses under a 一、 heading are numbered （一）",
               at: numbering.location)
    }

    private func suggestedWrapper(for slot: Part.Slot) -> String {
        switch slot {
        case .block: "<段>"
        case .item: "<项>"
        case .row: "<行>"
        case .cell: "<格>"
        case .party: "<方>"
        case .clause: "<条>"
        case .signatory: "<签署方>"
        case .signatureLine: "<栏>"
        case .colophon: "<抄送>"
        default: "对应的元素"
        }
    }

    private mutating func compileElement(_ element: XMLElement, in content: Part.Slot, parent: String) -> TemplateNode? {
        guard let part = Part(rawValue: element.name) else {
            report("unknown-element", "未知元素 <\(element.name)>\(suggestion(for: element.name, in: content)) / unknown element <\(element.name)>",
                   at: element.location)
            return nil
        }
        guard part.slot == content else {
            report("misplaced-element", "<\(part.rawValue)> 不能放在 <\(parent)> 中 / <\(part.rawValue)> is not allowed inside <\(parent)>",
                   at: element.location)
            return nil
        }
        let attributes = compileAttributes(of: element, part: part)
        var children: [TemplateNode] = []
        if let inner = part.content {
            children = compileChildren(element.children, content: inner, parent: part.rawValue)
        } else if element.children.contains(where: { if case .text(let t) = $0 { return !t.isWhitespace } else { return true } }) {
            report("unexpected-content", "<\(part.rawValue)> 应为空元素 / <\(part.rawValue)> must be empty", at: element.location)
        }
        elementCount += 1
        return .element(TemplateElement(id: elementCount, part: part, attributes: attributes, children: children, location: element.location))
    }

    /// The closest known element name, for a typo; names that fit where the typo stands win ties.
    private func suggestion(for name: String, in slot: Part.Slot) -> String {
        let fitting = Part.allCases.filter { $0.slot == slot }.map(\.rawValue)
        let known = fitting + Directive.allCases.map(\.rawValue) + Part.allCases.map(\.rawValue)
        let best = known.min { editDistance($0, name) < editDistance($1, name) }
        guard let best, editDistance(best, name) <= max(1, name.count / 2) else { return "" }
        return "，是否想写 <\(best)>？"
    }

    // MARK: text

    /// Compiles literal text in inline content. Line breaks of the template source (and the
    /// indentation after them) only wrap the source: they vanish next to Chinese text and become
    /// one space between Latin words.
    private mutating func compileText(_ text: XMLText, isFirst: Bool, isLast: Bool) -> TemplateNode? {
        let positions = text.positions
        do {
            let interpolation = try InterpolationParser.parse(text.value, locate: positions.locator())
            var segments: [Interpolation.Segment] = []
            for (i, segment) in interpolation.segments.enumerated() {
                if case .literal(let s) = segment {
                    let normalized = SourceWhitespace.normalize(
                        s, atStart: i == 0 && isFirst, atEnd: i == interpolation.segments.count - 1 && isLast)
                    if !normalized.isEmpty { segments.append(.literal(normalized)) }
                } else {
                    if case .expression(let e) = segment { validate(e) }
                    segments.append(segment)
                }
            }
            guard !segments.isEmpty else { return nil }
            return .text(Interpolation(segments: segments), text.location)
        } catch {
            report(error.id, error.message, at: positions.location(ofUTF8Offset: error.offset))
            return nil
        }
    }

    // MARK: attributes

    private mutating func compileAttributes(of element: XMLElement, part: Part) -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        let accepted = part.attributes
        for attribute in element.attributes {
            guard let kind = accepted[attribute.name] else {
                let list = accepted.keys.sorted().joined(separator: "、")
                report("unknown-attribute",
                       "<\(part.rawValue)> 没有属性 “\(attribute.name)”\(list.isEmpty ? "" : "（可用：\(list)）") / unknown attribute '\(attribute.name)'",
                       at: attribute.location)
                continue
            }
            if let value = compileAttribute(attribute, kind: kind, part: part) { result[attribute.name] = value }
        }
        for name in part.requiredAttributes where element.attribute(name) == nil {
            report("missing-attribute", "<\(part.rawValue)> 缺少属性 “\(name)” / <\(part.rawValue)> needs attribute '\(name)'",
                   at: element.location)
        }
        return result
    }

    private mutating func compileAttribute(_ attribute: XMLAttribute, kind: AttributeKind, part: Part) -> AttributeValue? {
        let value = attribute.value.trimmingCharacters(in: .whitespaces)
        let valueLocation = attribute.positions.location(ofUTF8Offset: 0)
        func invalid(_ expected: String) -> AttributeValue? {
            report("invalid-attribute", "属性 “\(attribute.name)” 的值 “\(attribute.value)” 无效，应为\(expected) / invalid value for '\(attribute.name)'",
                   at: valueLocation)
            return nil
        }
        switch kind {
        case .text, .staticText:
            let positions = attribute.positions
            do {
                let interpolation = try InterpolationParser.parse(attribute.value, locate: positions.locator())
                if case .staticText = kind, interpolation.staticText == nil {
                    return invalid("固定文字（不能含 {{ }}）")
                }
                for case .expression(let e) in interpolation.segments { validate(e) }
                return .text(interpolation)
            } catch {
                report(error.id, error.message, at: positions.location(ofUTF8Offset: error.offset))
                return nil
            }
        case .integer(let range):
            guard let n = Int(value), range.contains(n) else { return invalid(" \(range.lowerBound) 到 \(range.upperBound) 的整数") }
            return .integer(n)
        case .integerList:
            let parts = value.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " })
            let numbers = parts.compactMap { Int($0) }
            guard !numbers.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ $0 > 0 && $0 <= 100 }) else {
                return invalid("以逗号分隔的正整数，如 “3,1,1”")
            }
            return .integers(numbers)
        case .flag:
            switch value {
            case "是", "true": return .flag(true)
            case "否", "false": return .flag(false)
            default: return invalid("“是”或“否”")
            }
        case .alignment:
            switch value {
            case "左": return .alignment(.start)
            case "中": return .alignment(.center)
            case "右": return .alignment(.end)
            default: return invalid("“左”“中”或“右”")
            }
        case .numbering:
            guard let numbering = ClauseNumbering(rawValue: value) else {
                return invalid(ClauseNumbering.allCases.map { "“\($0.rawValue)”" }.joined(separator: "、") + "之一")
            }
            return .numbering(numbering)
        }
    }

    // MARK: directives

    private mutating func compileDirective(_ directive: Directive, _ element: XMLElement, content: Part.Slot, parent: String) -> [TemplateNode] {
        switch directive {
        case .each:
            checkNoAttributes(element, except: ["in", "as"])
            let collection = directiveExpression(element, "in")
            let variable = directiveName(element, "as")
            let body = compileChildren(element.children, content: content, parent: parent)
            guard let collection, let variable else { return [] }
            return [.each(collection: collection, variable: variable, body: body, location: element.location)]
        case .let:
            checkNoAttributes(element, except: ["name", "value"])
            if element.children.contains(where: { if case .text(let t) = $0 { return !t.isWhitespace } else { return true } }) {
                report("unexpected-content", "<let> 应为空元素 / <let> must be empty", at: element.location)
            }
            guard let name = directiveName(element, "name"), let value = directiveExpression(element, "value") else { return [] }
            return [.binding(name: name, value: value, location: element.location)]
        case .include:
            checkNoAttributes(element, except: ["src"])
            guard let src = element.attribute("src") else {
                report("missing-attribute", "<include> 缺少属性 “src” / <include> needs 'src'", at: element.location)
                return []
            }
            return compileInclude(src, at: element.location, content: content, parent: parent)
        case .fail:
            checkNoAttributes(element, except: [])
            var message: [Interpolation.Segment] = []
            for (index, child) in element.children.enumerated() {
                switch child {
                case .text(let text):
                    if case .text(let interpolation, _)? = compileText(text, isFirst: index == 0, isLast: index == element.children.count - 1) {
                        message += interpolation.segments
                    }
                case .element(let inner):
                    report("unexpected-content", "<fail> 中只能写文字 / <fail> holds text only", at: inner.location)
                }
            }
            if message.isEmpty {
                report("missing-content", "<fail> 应写明出错的原因 / <fail> needs a message", at: element.location)
                return []
            }
            return [.failure(message: Interpolation(segments: message), location: element.location)]
        case .if, .elif, .else:
            return []
        }
    }

    private mutating func compileInclude(_ src: XMLAttribute, at location: SourceLocation, content: Part.Slot, parent: String) -> [TemplateNode] {
        let srcLocation = src.positions.location(ofUTF8Offset: 0)
        includeCount += 1
        guard includeCount <= Limits.includes else {
            if !reportedIncludeLimit {
                reportedIncludeLimit = true
                report("include-limit",
                       "模板共包含超过 \(Limits.includes) 次文件（被包含的文件又多次包含别的文件） / more than \(Limits.includes) inclusions",
                       at: srcLocation)
            }
            return []
        }
        let source: SourceText
        do {
            source = try includes.load(src.value, chain: includeChain.map(\.file) + [location.file])
        } catch {
            report(error.id, error.message, at: srcLocation)
            return []
        }
        sources[source.path] = source
        let root: XMLElement
        do {
            root = try LibXMLParser.parse(source)
        } catch {
            for d in error.diagnostics { report(d) }
            return []
        }
        includeChain.append((location.file, location))
        defer { includeChain.removeLast() }
        guard root.name == "片段" else {
            report("partial-root", "被包含的文件的根元素应为 <片段> / an included file must have <片段> as its root", at: root.location)
            return []
        }
        if !root.attributes.isEmpty { checkNoAttributes(root, except: []) }
        return compileChildren(root.children, content: content, parent: parent)
    }

    private mutating func directiveExpression(_ element: XMLElement, _ name: String) -> Expression? {
        guard let attribute = element.attribute(name) else {
            report("missing-attribute", "<\(element.name)> 缺少属性 “\(name)” / <\(element.name)> needs '\(name)'", at: element.location)
            return nil
        }
        var text = Substring(attribute.value)
        var shift = 0
        // Accept `{{ expr }}` too, since templates use that form everywhere else.
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), let open = text.range(of: "{{"), let close = text.range(of: "}}", options: .backwards) {
            shift = text.utf8.distance(from: text.startIndex, to: open.upperBound)
            text = text[open.upperBound..<close.lowerBound]
        }
        let positions = attribute.positions
        let locate = positions.locator()
        do {
            let expression = try ExpressionParser.parse(text) { locate(shift + $0) }
            validate(expression)
            return expression
        } catch {
            report(error.id, error.message, at: positions.location(ofUTF8Offset: shift + error.offset))
            return nil
        }
    }

    private mutating func directiveName(_ element: XMLElement, _ name: String) -> String? {
        guard let attribute = element.attribute(name) else {
            report("missing-attribute", "<\(element.name)> 缺少属性 “\(name)” / <\(element.name)> needs '\(name)'", at: element.location)
            return nil
        }
        let value = attribute.value
        guard let first = value.unicodeScalars.first, ExpressionLexer.isNameStart(first),
              value.unicodeScalars.allSatisfy(ExpressionLexer.isNameContinue),
              !["and", "or", "not", "true", "false", "null", "loop"].contains(value) else {
            report("invalid-name", "“\(value)” 不能用作名称 / '\(value)' is not a valid name", at: attribute.positions.location(ofUTF8Offset: 0))
            return nil
        }
        return value
    }

    private mutating func checkNoAttributes(_ element: XMLElement, except allowed: Set<String>) {
        for attribute in element.attributes where !allowed.contains(attribute.name) {
            report("unknown-attribute", "<\(element.name)> 没有属性 “\(attribute.name)” / unknown attribute '\(attribute.name)'",
                   at: attribute.location)
        }
    }

    // MARK: expressions

    /// Checks filter names and argument counts: a typo in a filter is caught before any data.
    private mutating func validate(_ expression: Expression) {
        expression.forEach { e in
            guard case .chain(_, let steps) = e.kind else { return }
            for step in steps {
                guard case .filter(let name, let arguments) = step.kind else { continue }
                guard let filter = Filters.named(name) else {
                    let near = Filters.all.keys.min { editDistance($0, name) < editDistance($1, name) }
                    let hint = near.flatMap { editDistance($0, name) <= 2 ? "，是否想写 '\($0)'？" : nil } ?? ""
                    report("unknown-filter", "未知过滤器 '\(name)'\(hint) / unknown filter '\(name)'", at: step.location)
                    continue
                }
                if !filter.arity.contains(arguments.count) {
                    let expected = filter.arity.lowerBound == filter.arity.upperBound
                        ? "\(filter.arity.lowerBound)" : "\(filter.arity.lowerBound)–\(filter.arity.upperBound)"
                    report("filter-arity", "过滤器 '\(name)' 需要 \(expected) 个参数，实际给了 \(arguments.count) 个 / filter '\(name)' takes \(expected) argument(s)",
                           at: step.location)
                }
            }
        }
    }

    // MARK: reporting

    private mutating func report(_ id: String, _ message: String, at location: SourceLocation) {
        report(Diagnostic(id: id, message: message, location: location))
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        var d = diagnostic
        for entry in includeChain.reversed() {
            d.notes.append(Diagnostic(id: "included-from", severity: .note, message: "由此处包含 / included from here", location: entry.location))
        }
        bag.append(d)
    }
}

/// Levenshtein distance over characters, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
