import Foundation

/// What a template needs from its data, declared in the template's `<数据要求>` block: the
/// fields, their types, whether they must be filled and what values make sense. Every record is
/// checked against it before the first page is rendered, so a wrong figure is reported with its
/// spreadsheet row instead of being printed into a signed document.
public struct DataContract: Sendable, Equatable {
    /// When set, each data row is one item of this list field (a 通报 listing counties, one
    /// spreadsheet row per county) rather than one document.
    public var listField: String?
    public var fields: [FieldRule]

    public init(listField: String? = nil, fields: [FieldRule]) {
        self.listField = listField
        self.fields = fields
    }
}

/// One declared field.
public struct FieldRule: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        case integer
        case decimal
        /// A rate in ‰ (`12.85‰` or `12.85`), kept as the number 12.85.
        case perMille
        /// A rate in % (`93.12%` or `93.12`), kept as the number 93.12.
        case percent
        /// A calendar date, kept as `2025-06-30`.
        case date
        /// Digits kept as text (leading zeros matter), optionally of given lengths.
        case code
        case oneOf([String])
        /// A 行政区划代码 that must be in the code list, optionally of one level.
        case regionCode(level: RegionLevel?)
        /// The name of the place whose code is in `codeField`.
        case regionName(codeField: String)
        /// A resident ID number (GB 11643, check digit and birth date).
        case idNumber

        /// The Chinese type name used in templates and messages.
        public var name: String {
            switch self {
            case .text: "文本"
            case .integer: "整数"
            case .decimal: "小数"
            case .perMille: "千分率"
            case .percent: "百分率"
            case .date: "日期"
            case .code: "代码"
            case .oneOf: "选项"
            case .regionCode: "区划代码"
            case .regionName: "区划名称"
            case .idNumber: "身份证号"
            }
        }
    }

    public var name: String
    /// Other headers that mean this field (`人口`, `总人口` for `常住人口`).
    public var aliases: [String]
    public var kind: Kind
    public var required: Bool
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// Maximum number of characters (text) or allowed digit counts (code).
    public var maxLength: Int?
    public var lengths: [Int]
    /// Where the rule is declared, for messages about the rule itself.
    public var location: SourceLocation?

    public init(name: String, aliases: [String] = [], kind: Kind = .text, required: Bool = true,
                minimum: Decimal? = nil, maximum: Decimal? = nil, maxLength: Int? = nil, lengths: [Int] = [],
                location: SourceLocation? = nil) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.required = required
        self.minimum = minimum
        self.maximum = maximum
        self.maxLength = maxLength
        self.lengths = lengths
        self.location = location
    }

    /// `出生率（千分率，0 到 40）`, `类别（选项：甲、乙）`, `备注（文本，选填）`: for listings and READMEs.
    public var summary: String {
        var parts = [kind.name]
        if case .oneOf(let options) = kind { parts[0] += "：" + options.joined(separator: "、") }
        if case .regionCode(let level?) = kind { parts.append("\(level.name)级") }
        switch (minimum, maximum) {
        case let (l?, h?): parts.append("\(Number.format(l)) 到 \(Number.format(h))")
        case let (l?, nil): parts.append("≥\(Number.format(l))")
        case let (nil, h?): parts.append("≤\(Number.format(h))")
        default: break
        }
        if !lengths.isEmpty { parts.append(lengths.map(String.init).joined(separator: "或") + "位") }
        if let maxLength { parts.append("最多\(maxLength)字") }
        if !required { parts.append("选填") }
        return "\(name)（\(parts.joined(separator: "，"))）"
    }

    public var isNumeric: Bool {
        switch kind {
        case .integer, .decimal, .perMille, .percent: true
        default: false
        }
    }
}

/// The five levels of China's administrative divisions, as far as documents name them.
public enum RegionLevel: Int, Sendable, Comparable, CaseIterable {
    case province = 1
    case prefecture = 2
    case county = 3
    case township = 4
    case village = 5

    /// 省 / 市 / 县 / 乡 / 村, the words templates use for a level.
    public var name: String {
        switch self {
        case .province: "省"
        case .prefecture: "市"
        case .county: "县"
        case .township: "乡"
        case .village: "村"
        }
    }

    /// Accepts the level words and the kinds of unit at that level
    /// (市/州/地区/盟 → prefecture, 县/区/旗/特区/林区 → county, 镇/街道/苏木 → township, 居/社区 → village).
    public init?(word: String) {
        switch word {
        case "省", "自治区", "直辖市", "省级": self = .province
        case "市", "州", "地区", "盟", "自治州", "地级", "市级", "地级市": self = .prefecture
        case "县", "区", "旗", "特区", "林区", "县级市", "自治县", "自治旗", "县级", "市辖区": self = .county
        case "乡", "镇", "街道", "苏木", "民族乡", "乡级", "乡镇": self = .township
        case "村", "居", "社区", "居委会", "村委会", "嘎查", "村级": self = .village
        default: return nil
        }
    }

    public static func < (a: RegionLevel, b: RegionLevel) -> Bool { a.rawValue < b.rawValue }
}
