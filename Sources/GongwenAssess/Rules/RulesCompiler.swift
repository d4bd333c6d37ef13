import Foundation
import GongwenModel
import GongwenTemplate

/// Compiles 考核办法.xml into `AssessmentRules`. Reads with the template parser (libxml2, no network,
/// no entities) and reports every problem it can find in one go, each at file:line:column, in Chinese
/// with an English gloss — an office fixes its rules file from the list.
public enum RulesCompiler {
    public static func compile(path: String) throws(DiagnosticError) -> AssessmentRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(id: "rules-unreadable", message: "无法读取考核办法文件 \(path) / cannot read the rules file"))
        }
        return try compile(path: path, bytes: [UInt8](data))
    }

    public static func compile(path: String, bytes: [UInt8]) throws(DiagnosticError) -> AssessmentRules {
        let root = try SafeXML.parse(path: path, bytes: bytes)
        var compiler = Compilation(file: path)
        let rules = compiler.run(root, digest: digest(bytes))
        try compiler.bag.throwIfErrors()
        return rules!
    }

    /// FNV-1a 64 of the file: enough to tell two versions of a rules file apart in a report.
    static func digest(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(format: "%016llx", h)
    }
}

/// One compile: the diagnostics found so far and the helpers that check an element's shape.
struct Compilation {
    let file: String
    var bag = DiagnosticBag()

    init(file: String) { self.file = file }

    static let allowed: [String: Set<String>] = [
        "考核办法": ["名称", "依据", "总分"],
        "地区": ["代码", "名称", "上级"],
        "负责人": ["角色", "列"],
        "指标": ["名称", "列", "单位", "方向", "目标列"],
        "情况": ["名称", "列", "取值"],
        "评分": [],
        "类别": ["名称", "权重"],
        "按目标": ["指标", "满分", "每差", "扣", "最低"],
        "排名": ["名称", "依据", "范围", "精度"],
        "决定": ["结果", "条款", "周期", "排除", "有效期", "跟踪否决", "条件", "说明", "项", "连续", "未报"],
        "情形": ["项", "说明", "条件", "连续", "未报"],
        "文书": ["结果", "模板"],
        "字段": ["名"],
    ]

    mutating func report(_ id: String, _ message: String, _ at: SourceLocation) {
        bag.append(Diagnostic(id: id, message: message, location: at))
    }

    /// Reports unknown attributes of `e` (each at its own column).
    mutating func checkAttributes(_ e: XMLElement) {
        guard let allowed = Compilation.allowed[e.name] else { return }
        for a in e.attributes where !allowed.contains(a.name) {
            report("unknown-attribute", "<\(e.name)> 没有属性“\(a.name)”（可用：\(allowed.sorted().joined(separator: "、"))） / unknown attribute '\(a.name)'", a.location)
        }
    }

    mutating func required(_ e: XMLElement, _ name: String) -> XMLAttribute? {
        if let a = e.attribute(name), !a.value.trimmingCharacters(in: .whitespaces).isEmpty { return a }
        report("missing-attribute", "<\(e.name)> 缺少属性“\(name)” / <\(e.name)> needs '\(name)'", e.location)
        return nil
    }

    /// A non-negative number attribute (权重, 满分 …); nil (reported) when not a number.
    mutating func number(_ e: XMLElement, _ name: String, default value: Double? = nil) -> Double? {
        guard let a = e.attribute(name) else {
            if value == nil { report("missing-attribute", "<\(e.name)> 缺少属性“\(name)” / <\(e.name)> needs '\(name)'", e.location) }
            return value
        }
        guard let n = Double(a.value.trimmingCharacters(in: .whitespaces)), n.isFinite, n >= 0 else {
            report("bad-number", "属性“\(name)”应为非负数，而不是“\(a.value)” / '\(name)' must be a number", valueLocation(a))
            return nil
        }
        return n
    }

    func valueLocation(_ a: XMLAttribute) -> SourceLocation { a.positions.location(ofUTF8Offset: 0) }

    /// Child elements, reporting stray text.
    mutating func children(_ e: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        for child in e.children {
            switch child {
            case .element(let c): out.append(c)
            case .text(let t) where !t.isWhitespace && e.name != "字段":
                report("unexpected-text", "<\(e.name)> 中不应有文字 / unexpected text", t.location)
            default: break
            }
        }
        return out
    }

    /// The words of an attribute separated by spaces, each with its location.
    func words(_ a: XMLAttribute) -> [(String, SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        var offset = 0
        for part in a.value.split(separator: " ", omittingEmptySubsequences: false) {
            if !part.isEmpty { out.append((String(part), a.positions.location(ofUTF8Offset: offset))) }
            offset += part.utf8.count + 1
        }
        return out
    }
}
