import Foundation
import GongwenModel

/// A list of administrative divisions (行政区划代码): code, name, kind and parent, read from a
/// CSV or spreadsheet the office can replace (the shipped sample is Examples/南岭省/区划代码.csv).
///
/// Codes follow GB/T 2260 and the statistics bureau's 12-digit 统计用区划代码: 6 digits for
/// province (xx0000), prefecture (xxxx00) and county, 9 for township, 12 for village;
/// `660203000000` is the same county as `660203`. The level and parent come from the code's
/// structure unless the list names a parent.
public struct RegionList: Sendable {
    public struct Region: Sendable {
        public var code: String
        public var name: String
        /// The kind of unit as the list writes it (市, 州, 县, 区, 镇, 街道, 社区 …).
        public var kind: String
        public var level: RegionLevel
        public var parent: String?
    }

    public let file: String
    private(set) var regions: [String: Region] = [:]
    private(set) var children: [String: [String]] = [:]

    public var count: Int { regions.count }

    public func region(_ code: String) -> Region? {
        RegionList.normalize(code).flatMap { regions[$0] }
    }

    public func children(of code: String) -> [Region] {
        (children[code] ?? []).compactMap { regions[$0] }
    }

    /// Ancestors from the top of the list down, then the region itself.
    public func chain(_ code: String) -> [Region] {
        var result: [Region] = []
        var next = RegionList.normalize(code)
        var guardCount = 0
        while let c = next, let r = regions[c], guardCount < 8 {
            result.insert(r, at: 0)
            next = r.parent
            guardCount += 1
        }
        return result
    }

    /// The short form of a code (`660203000000` → `660203`), or nil when it is not one.
    public static func normalize(_ code: String) -> String? {
        let digits = FieldValue.trim(code)
        guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        switch digits.count {
        case 6, 9: return digits
        case 12:
            if digits.hasSuffix("000000") { return String(digits.prefix(6)) }
            if digits.hasSuffix("000") { return String(digits.prefix(9)) }
            return digits
        default: return nil
        }
    }

    /// Level and parent from the code's structure.
    static func structure(_ code: String) -> (RegionLevel, String?) {
        switch code.count {
        case 6 where code.hasSuffix("0000"): return (.province, nil)
        case 6 where code.hasSuffix("00"): return (.prefecture, String(code.prefix(2)) + "0000")
        case 6: return (.county, String(code.prefix(4)) + "00")
        case 9: return (.township, String(code.prefix(6)))
        default: return (.village, String(code.prefix(9)))
        }
    }

    /// Reads the list: columns 代码 (or 行政区划代码), 名称, and optionally 类别 (or 级别) and 上级代码.
    public static func read(path: String) throws(DiagnosticError) -> RegionList {
        let data = try DataReader.read(path: path)
        var list = RegionList(file: path)
        var bag = DiagnosticBag()
        func field(_ record: Record, _ names: [String]) -> String? {
            for key in record.order where names.contains(HeaderName.normalize(key)) {
                let text = FieldValue.display(record[key] ?? .null).trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            return nil
        }
        for (record, location) in zip(data.records, data.locations) {
            guard let raw = field(record, ["代码", "行政区划代码", "区划代码"]), let code = normalize(raw) else {
                bag.append(Diagnostic(id: "regions-bad-code", message: "区划代码表中的代码应为 6、9 或 12 位数字 / bad code in the code list",
                                      dataLocation: location))
                continue
            }
            guard let name = field(record, ["名称", "区划名称"]) else {
                bag.append(Diagnostic(id: "regions-no-name", message: "代码 \(code) 没有名称 / code without a name", dataLocation: location))
                continue
            }
            var (level, parent) = structure(code)
            let kind = field(record, ["类别", "级别", "类型"]) ?? level.name
            if let given = field(record, ["上级代码", "上级"]) { parent = normalize(given) }
            if list.regions[code] != nil {
                bag.append(Diagnostic(id: "regions-duplicate", message: "代码 \(code) 重复 / duplicate code", dataLocation: location))
                continue
            }
            list.regions[code] = Region(code: code, name: name, kind: kind, level: level, parent: parent)
        }
        try bag.throwIfErrors()
        for region in list.regions.values.sorted(by: { $0.code < $1.code }) {
            if let parent = region.parent, list.regions[parent] != nil { list.children[parent, default: []].append(region.code) }
        }
        return list
    }

    init(file: String) { self.file = file }

    /// Whether `name` names this region: the name in the list, or that name without its
    /// suffix (清水 for 清水县) — never a different place.
    public static func matches(_ name: String, _ region: Region) -> Bool {
        if name == region.name { return true }
        let given = HeaderName.normalize(name)
        let listed = HeaderName.normalize(region.name)
        if given == listed { return true }
        let suffixes = ["自治县", "自治州", "自治区", "特区", "林区", "街道", "社区", "居委会", "村委会", "省", "市", "州", "县", "区", "旗", "乡", "镇", "村", "居"]
        for suffix in suffixes where listed.hasSuffix(suffix) && listed.count > suffix.count + 1 {
            if String(listed.dropLast(suffix.count)) == given { return true }
        }
        return false
    }

    /// What a template sees of a region under `区划`: 代码, 名称, 类别, 级别, 全称 (the names from
    /// the top of the list down, 南岭省安平市清水县), 上级 (the same for the parent) and 下级
    /// (the children: a township's villages).
    public func value(_ region: Region, withChildren: Bool = true) -> Value {
        var record = Record()
        record["代码"] = .string(region.code)
        record["名称"] = .string(region.name)
        record["类别"] = .string(region.kind)
        record["级别"] = .string(region.level.name)
        record["全称"] = .string(chain(region.code).map(\.name).joined())
        if let parent = region.parent.flatMap({ regions[$0] }) {
            record["上级"] = value(parent, withChildren: false)
        }
        if withChildren {
            record["下级"] = .list(children(of: region.code).map { value($0, withChildren: false) })
        }
        return .record(record)
    }
}
