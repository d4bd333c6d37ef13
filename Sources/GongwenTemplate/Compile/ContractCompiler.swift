import Foundation
import GongwenModel

/// Compiles a template's `<数据要求>` block into a `DataContract`:
///
///     <数据要求 列表="各县">
///       <字段 名="行政区划代码" 类型="区划代码" 级别="县"/>
///       <字段 名="出生率" 类型="千分率" 最小="0" 最大="50"/>
///       <字段 名="类别" 类型="选项" 选项="一类、二类"/>
///       <字段 名="备注" 必填="否" 最长="200"/>
///     </数据要求>
struct ContractCompiler {
    static let blockName = "数据要求"
    static let fieldName = "字段"
    private static let blockAttributes: Set<String> = ["列表"]
    private static let fieldAttributes: Set<String> = ["名", "类型", "必填", "最小", "最大", "最长", "位数", "选项", "别名", "级别", "代码字段", "说明"]
    private static let kinds = ["文本", "整数", "小数", "数字", "千分率", "百分率", "日期", "代码", "选项", "区划代码", "区划名称", "身份证号"]

    private(set) var diagnostics: [Diagnostic] = []

    mutating func compile(_ block: XMLElement) -> DataContract {
        for attribute in block.attributes where !Self.blockAttributes.contains(attribute.name) {
            report("unknown-attribute", "<数据要求> 没有属性 “\(attribute.name)”（可用：列表） / unknown attribute", attribute.location)
        }
        var fields: [FieldRule] = []
        var seen = Set<String>()
        for child in block.children {
            switch child {
            case .element(let element) where element.name == Self.fieldName:
                if let rule = field(element) {
                    if !seen.insert(rule.name).inserted {
                        report("contract-duplicate", "字段 “\(rule.name)” 重复声明 / field declared twice", element.location)
                    }
                    fields.append(rule)
                }
            case .element(let element):
                report("contract-element", "<数据要求> 里只能写 <字段>，而不是 <\(element.name)> / only <字段> belongs here", element.location)
            case .text(let text) where !text.isWhitespace:
                report("contract-element", "<数据要求> 里不能有文字 / no text inside <数据要求>", text.location)
            default:
                break
            }
        }
        let listField = block.attribute("列表")?.value.trimmingCharacters(in: .whitespaces)
        return DataContract(listField: listField?.isEmpty == false ? listField : nil, fields: fields)
    }

    private mutating func field(_ element: XMLElement) -> FieldRule? {
        for attribute in element.attributes where !Self.fieldAttributes.contains(attribute.name) {
            report("unknown-attribute", "<字段> 没有属性 “\(attribute.name)”（可用：\(Self.fieldAttributes.sorted().joined(separator: "、"))） / unknown attribute",
                   attribute.location)
        }
        guard let name = element.attribute("名")?.value.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            report("contract-name", "<字段> 需要 名=\"…\" / <字段> needs a name", element.location)
            return nil
        }
        var rule = FieldRule(name: name, location: element.location)
        rule.aliases = list(element.attribute("别名")?.value)
        if let required = element.attribute("必填") {
            switch required.value {
            case "是", "true", "必填": rule.required = true
            case "否", "false", "选填": rule.required = false
            default: report("contract-value", "必填 应为 “是” 或 “否” / 必填 must be 是 or 否", required.location)
            }
        }
        for (key, keyPath) in [("最小", \FieldRule.minimum), ("最大", \FieldRule.maximum)] {
            guard let attribute = element.attribute(key) else { continue }
            if let number = Number(parsing: attribute.value.trimmingCharacters(in: .whitespaces)) {
                rule[keyPath: keyPath] = number.value
            } else {
                report("contract-value", "\(key) 应为数字，而不是 “\(attribute.value)” / \(key) must be a number", attribute.location)
            }
        }
        if let attribute = element.attribute("最长") {
            if let n = Int(attribute.value), n > 0 { rule.maxLength = n } else {
                report("contract-value", "最长 应为正整数 / 最长 must be a positive integer", attribute.location)
            }
        }
        if let attribute = element.attribute("位数") {
            let lengths = list(attribute.value).compactMap { Int($0) }
            if lengths.isEmpty || lengths.contains(where: { $0 <= 0 || $0 > 64 }) {
                report("contract-value", "位数 应为正整数，多个用 “、” 分隔 / 位数 must be digit counts", attribute.location)
            }
            rule.lengths = lengths
        }

        let kindName = element.attribute("类型")?.value.trimmingCharacters(in: .whitespaces) ?? "文本"
        switch kindName {
        case "文本": rule.kind = .text
        case "整数": rule.kind = .integer
        case "小数", "数字": rule.kind = .decimal
        case "千分率": rule.kind = .perMille
        case "百分率": rule.kind = .percent
        case "日期": rule.kind = .date
        case "代码": rule.kind = .code
        case "身份证号": rule.kind = .idNumber
        case "选项":
            let options = list(element.attribute("选项")?.value)
            if options.isEmpty { report("contract-value", "类型为 选项 的字段需要 选项=\"甲、乙\" / 选项 needs options", element.location) }
            rule.kind = .oneOf(options)
        case "区划代码":
            var level: RegionLevel?
            if let attribute = element.attribute("级别") {
                level = RegionLevel(word: attribute.value)
                if level == nil { report("contract-value", "未知的级别 “\(attribute.value)”（可用：省、市、县、乡、村） / unknown level", attribute.location) }
            }
            rule.kind = .regionCode(level: level)
        case "区划名称":
            guard let code = element.attribute("代码字段")?.value, !code.isEmpty else {
                report("contract-value", "类型为 区划名称 的字段需要 代码字段=\"行政区划代码\" / 区划名称 needs 代码字段", element.location)
                return rule
            }
            rule.kind = .regionName(codeField: code)
        default:
            let location = element.attribute("类型")?.location ?? element.location
            report("contract-type", "未知的字段类型 “\(kindName)”（可用：\(Self.kinds.joined(separator: "、"))） / unknown field type", location)
        }
        return rule
    }

    /// Splits `甲、乙, 丙/丁` into items.
    private func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "、,，;；".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private mutating func report(_ id: String, _ message: String, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(id: id, message: message, location: location))
    }
}
