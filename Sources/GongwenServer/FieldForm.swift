import Gongwen
import Foundation
import GongwenData
import GongwenModel
import GongwenTemplate

/// The form for what a template needs and the data lacks (年度, 发文机关, 成文日期 …), made from
/// the template's `<数据要求>` (types, options, ranges) and the fields it reads.
enum FieldForm {
    struct Spec: Sendable {
        var name: String
        var rule: FieldRule?
        /// The value in the template's example data (data.yaml beside it), offered as the default.
        var example: String?

        var isDate: Bool {
            if case .date = rule?.kind { return true }
            return rule == nil && name.hasSuffix("日期")
        }

        var isInteger: Bool {
            if case .integer = rule?.kind { return true }
            return rule == nil && (name == "年度" || name == "年份" || name.hasSuffix("序号") || name == "年")
        }
    }

    /// The template's example data (`data.yaml` or `data.json` beside template.xml): its shared fields.
    static func example(template: Template) -> Record {
        let folder = (template.path as NSString).deletingLastPathComponent
        for name in ["data.yaml", "data.yml", "data.json"] {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path), let data = try? DataReader.read(path: path) { return data.shared }
        }
        return Record()
    }

    static func present(_ name: String, aliases: [String] = [], in headers: [String]) -> Bool {
        for candidate in [name] + aliases {
            if headers.contains(where: { $0 == candidate || $0.hasPrefix(candidate + "（") || $0.hasPrefix(candidate + "(") }) { return true }
        }
        return false
    }

    /// The inputs to show, and the shared fields carried over from the example data as they are (lists, tables).
    static func fields(template: Template, headers: [String]) -> (fields: [Spec], carried: [String]) {
        let example = example(template: template)
        var specs: [Spec] = []
        var carried: [String] = []
        let rules = template.contract?.fields ?? []
        for rule in rules where !present(rule.name, aliases: rule.aliases, in: headers) {
            if case .regionName = rule.kind { continue }
            if case .regionCode = rule.kind { continue }
            specs.append(Spec(name: rule.name, rule: rule, example: example[rule.name].flatMap(scalar)))
        }
        for name in template.referencedFields where name != DataCheck.regionField && !rules.contains(where: { $0.name == name })
            && !present(name, in: headers) {
            if let value = example[name], scalar(value) == nil {
                carried.append(name)
            } else {
                specs.append(Spec(name: name, rule: nil, example: example[name].flatMap(scalar)))
            }
        }
        return (specs, carried)
    }

    static func scalar(_ value: Value) -> String? {
        switch value {
        case .string, .number, .bool: value.text
        case .null: ""
        case .list, .record: nil
        }
    }

    /// The clerk's value checked as the data check would: numbers, ranges, dates, options.
    static func validate(_ spec: Spec, _ value: String) -> String? {
        if value.isEmpty {
            return spec.rule?.required == true ? "必填 / required" : nil
        }
        if value.count > 2000 { return "太长 / too long" }
        if spec.isDate {
            let parts = value.split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return "应为日期，如 2025-06-30 / expected a date" }
            return nil
        }
        if spec.isInteger, Int(value) == nil { return "应为整数 / expected a whole number" }
        guard let rule = spec.rule else { return nil }
        if case .oneOf(let options) = rule.kind, !options.contains(value) { return "应为：\(options.joined(separator: "、")) / not an option" }
        if rule.isNumeric {
            guard let number = Number(parsing: value) else { return "应为数字 / expected a number" }
            if let min = rule.minimum, number.value < min { return "应不小于 \(Number.format(min)) / too small" }
            if let max = rule.maximum, number.value > max { return "应不大于 \(Number.format(max)) / too large" }
        }
        if let maxLength = rule.maxLength, case .text = rule.kind, value.count > maxLength { return "最多 \(maxLength) 字 / too long" }
        return nil
    }

    static func input(_ spec: Spec, value: String, error: String?) -> String {
        let e = Page.escape(spec.name)
        let id = "field-\(e)"
        let required = spec.rule?.required == true
        let label = "<label for=\"\(id)\">\(e)\(spec.rule.map { "（\(Page.escape($0.kind.name))\($0.required ? "" : "，选填")）" } ?? "")</label>"
        let attrs = "name=\"\(id)\" id=\"\(id)\"\(required ? " required" : "")\(error == nil ? "" : " class=\"invalid\" aria-invalid=\"true\"")"
        var control: String
        if case .oneOf(let options)? = spec.rule?.kind {
            control = "<select \(attrs)><option value=\"\"></option>" + options.map {
                "<option value=\"\(Page.escape($0))\"\($0 == value ? " selected" : "")>\(Page.escape($0))</option>"
            }.joined() + "</select>"
        } else if spec.isDate {
            control = "<input type=\"date\" \(attrs) value=\"\(Page.escape(value))\">"
        } else if spec.isInteger {
            let range = (spec.rule?.minimum.map { " min=\"\(Number.format($0))\"" } ?? "") + (spec.rule?.maximum.map { " max=\"\(Number.format($0))\"" } ?? "")
            control = "<input type=\"number\" step=\"1\"\(range) \(attrs) value=\"\(Page.escape(value))\">"
        } else if spec.rule?.isNumeric == true {
            control = "<input type=\"text\" inputmode=\"decimal\" \(attrs) value=\"\(Page.escape(value))\">"
        } else {
            let max = spec.rule?.maxLength.map { " maxlength=\"\($0)\"" } ?? ""
            control = "<input type=\"text\"\(max) \(attrs) value=\"\(Page.escape(value))\">"
        }
        let message = error.map { "<span class=\"field-error\" id=\"\(id)-error\">\(Page.escape($0))</span>" } ?? ""
        return "<p>\(label)\(control)\(message)</p>"
    }

    /// A value as JSON, keys in their order (numbers kept as the text they were written as).
    static func json(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return json(.string(n.text))
        case .string(let s): return DataSetJSON.string(s)
        case .list(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .record(let record):
            return "{" + record.order.map { json(.string($0)) + ":" + json(record[$0] ?? .null) }.joined(separator: ",") + "}"
        }
    }
}
