import CYaml
import GongwenModel

/// Turns libyaml's events into a `Value`, one event at a time, with the open lists and objects
/// on a stack of our own (not the call stack): see `YAMLReader` for why not Yams's tree.
///
/// Every value is counted against the budget as it is made; an anchored value remembers how
/// many values and bytes it took, and each alias of it counts them again. The `Value` an alias
/// gives is the anchored one, shared (copy-on-write), but whatever walks the data (checks,
/// the merge, a change to one record) sees it as many times as it is named: "billion laughs"
/// (nine anchors, each of ten aliases of the one before) would be a billion values.
final class YAMLComposer {
    private let file: String
    private let budget: ReadBudget
    private var parser = yaml_parser_t()

    /// An open list or object.
    private struct Frame {
        var isObject: Bool
        var anchor: String?
        /// The budget's counters when it opened, for what an anchor on it repeats.
        var nodesBefore: Int
        var bytesBefore: Int
        var items: [Value] = []
        var names: [String] = []
        var seen: Set<String> = []
        /// An object's key read, waiting for its value, and where it was written.
        var key: (name: String, line: Int, column: Int)?
        /// What its keys were charged, given back when it is made.
        var open = 0
    }

    /// An anchored value, its text when it is a scalar (the name it gives as a key) and what it
    /// counted.
    private struct Anchored {
        var value: Value
        var text: String?
        var nodes: Int
        var bytes: Int
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var keys = SharedKeys(maximumDepth: YAMLReader.maximumDepth)
    private var root: Value?

    init(file: String, budget: ReadBudget) {
        self.file = file
        self.budget = budget
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    }

    deinit { yaml_parser_delete(&parser) }

    /// The value of the one document in `bytes` (null when there is none).
    func document(_ bytes: UnsafeBufferPointer<UInt8>) throws(DiagnosticError) -> Value {
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError() }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root ?? .null
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                guard documents == 1 else {
                    throw DiagnosticError(Diagnostic(
                        id: "yaml-syntax", message: "YAML 格式错误：文件中有多个 YAML 文档（用 “---” 分开），数据文件只能有一个 / more than one YAML document",
                        location: SourceLocation(file: file, line: line, column: column)))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let value = YAMLReader.scalarValue(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
                let cost = ReadBudget.cost(of: value)
                // A key is a name, not a value: it is charged when it is added.
                if !isKey { try charge(cost, nodes: 1, line: line, column: column) }
                if let anchor = name(scalar.anchor) {
                    anchors[anchor] = Anchored(value: value, text: text, nodes: 1, bytes: cost)
                }
                try add(value, text: text, line: line, column: column)
            case YAML_ALIAS_EVENT:
                let anchor = name(event.data.alias.anchor) ?? ""
                guard let anchored = anchors[anchor] else {
                    throw DiagnosticError(Diagnostic(
                        id: "yaml-syntax", message: "YAML 格式错误：别名 “*\(anchor)” 前面没有对应的锚点 “&\(anchor)” / undefined alias",
                        location: SourceLocation(file: file, line: line, column: column)))
                }
                try charge(anchored.bytes, nodes: anchored.nodes, line: line, column: column)
                try add(anchored.value, text: anchored.text, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isObject = event.type == YAML_MAPPING_START_EVENT
                guard stack.count < YAMLReader.maximumDepth else {
                    throw DiagnosticError(Diagnostic(
                        id: "yaml-too-deep", message: "YAML 嵌套超过 \(YAMLReader.maximumDepth) 层，不是数据文件的样子 / YAML nested too deeply",
                        location: SourceLocation(file: file, line: line, column: column)))
                }
                let anchor = name(isObject ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                let frame = Frame(isObject: isObject, anchor: anchor, nodesBefore: budget.nodes, bytesBefore: budget.used)
                try charge(MemoryLayout<Value>.stride, nodes: 1, line: line, column: column)
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let value: Value
                if frame.isObject {
                    let (record, cost) = keys.record(names: frame.names, values: frame.items, depth: stack.count)
                    budget.release(frame.open)
                    try charge(cost, nodes: 0, line: line, column: column)
                    value = .record(record)
                } else {
                    try charge(ReadBudget.cost(ofList: frame.items.count), nodes: 0, line: line, column: column)
                    value = .list(frame.items)
                }
                if let anchor = frame.anchor {
                    anchors[anchor] = Anchored(value: value, text: nil, nodes: budget.nodes - frame.nodesBefore,
                                               bytes: budget.used - frame.bytesBefore)
                }
                try add(value, text: nil, line: line, column: column)
            default:
                break
            }
        }
    }

    /// Whether the next value is a key of the object open around it.
    private var isKey: Bool {
        guard let top = stack.last else { return false }
        return top.isObject && top.key == nil
    }

    /// Puts a finished value in the list or object open around it, or makes it the document.
    private func add(_ value: Value, text: String?, line: Int, column: Int) throws(DiagnosticError) {
        guard !stack.isEmpty else {
            root = value
            return
        }
        let top = stack.count - 1
        guard stack[top].isObject else {
            stack[top].items.append(value)
            return
        }
        guard let key = stack[top].key else {
            // A key: its text as written (`2025`, `null`); a list or object as a key has none.
            let name = text ?? ""
            guard stack[top].seen.insert(name).inserted else {
                throw YAMLReader.duplicate(name, line: line, column: column, file: file)
            }
            let cost = ReadBudget.openField + ReadBudget.cost(of: name)
            try charge(cost, nodes: 0, line: line, column: column)
            stack[top].open += cost
            stack[top].key = (name, line, column)
            return
        }
        stack[top].names.append(key.name)
        stack[top].items.append(value)
        stack[top].key = nil
    }

    private func charge(_ bytes: Int, nodes: Int, line: Int, column: Int) throws(DiagnosticError) {
        guard budget.chargeTree(bytes, nodes: nodes) else {
            throw budget.treeError(kind: "YAML", line: line, column: column)
        }
    }

    private func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's error, in Chinese first, at its line and column.
    private func syntaxError() -> DiagnosticError {
        let problem = parser.problem.map { String(cString: $0) } ?? ""
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let mark = parser.problem_mark
            return DiagnosticError(Diagnostic(
                id: "yaml-syntax", message: "YAML 格式错误：\(YAMLReader.explain(problem)) / invalid YAML: \(problem)",
                location: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)))
        case YAML_MEMORY_ERROR:
            return budget.treeError(kind: "YAML", line: Int(parser.mark.line) + 1, column: Int(parser.mark.column) + 1)
        default:
            // The reader's: a control character, say (UTF-8 was checked before).
            return DiagnosticError(Diagnostic(
                id: "yaml-syntax", message: "YAML 格式错误：文件中有不能出现的字符（如控制字符） / invalid YAML: \(problem)",
                dataLocation: DataLocation(file: file)))
        }
    }
}
