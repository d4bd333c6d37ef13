import Foundation
import GongwenFormat
import GongwenModel

/// Names of a jurisdiction's bodies and leaders (`Jurisdiction`), and the level above a region,
/// so that a template never prints a title that does not fit the place.
enum JurisdictionFilters {
    static let all: [Filter] = [
        Filter("机构名", arity: 1...1, summary: "地区的党委或政府：'清水县' | 机构名('政府') → 清水县人民政府；'河西特区' | 机构名('党委') → 中共河西特区委；'百里杜鹃管理区' | 机构名('政府') → 百里杜鹃管理区管委会") { input, args throws(FilterError) in
            let role = try role(args[0], allowed: [.partyCommittee, .government])
            return .string(try name(input, role, short: false))
        },
        Filter("职务", arity: 1...2, summary: "地区领导的职务：'清水县' | 职务('书记') → 清水县委书记；'钟山区' | 职务('首长') → 钟山区区长；职务('首长', '简称') → 区长") { input, args throws(FilterError) in
            let role = try role(args[0], allowed: [.secretary, .head])
            if args.count > 1, args[1].text != "简称" {
                throw FilterError("第二个参数只能是 '简称' / the second argument can only be '简称'")
            }
            return .string(try name(input, role, short: args.count > 1))
        },
        Filter("负责人", arity: 0...0, summary: "单位负责人的职务：'清水县人民政府' | 负责人 → 县长；'百里杜鹃管理区管委会' → 管委会主任；'安平市卫生健康局' → 局长；不能确定时为“负责人”") { input, _ in
            .string(headTitle(of: input.text.trimmingCharacters(in: .whitespaces)))
        },
        Filter("上级单位", arity: 0...0, summary: "行政区划的上级（需要区划代码表）：区划 | 上级单位 → 安平市", acceptsMissingInput: true) { input, _ throws(FilterError) in
            guard case .record(let region) = input else {
                throw FilterError("没有行政区划信息，无法确定上级单位：请在数据中给出行政区划代码，并把 区划代码.csv 放在数据文件旁（或用 --regions 指定），或在数据中直接写出上级单位（如“甲方”） / no region code list")
            }
            guard case .record(let parent)? = region["上级"], let name = parent["名称"] else {
                throw FilterError("区划代码表中没有“\(region["名称"]?.text ?? "")”的上级 / the code list has no parent for this region")
            }
            return name
        },
    ]

    /// The title of an organ's head, as its signature line names it.
    static func headTitle(of organ: String) -> String {
        for suffix in ["人民政府", "政府"] where organ.hasSuffixBytes(suffix) {
            let place = String(organ.dropLast(suffix.count))
            return Jurisdiction(name: place).map { $0.name(of: .head, for: place, short: true) } ?? "负责人"
        }
        if organ.hasPrefixBytes("中共") { return "书记" }
        let titles: [(String, String)] = [
            ("管委会", "管委会主任"), ("管理委员会", "主任"), ("行政公署", "专员"), ("办事处", "主任"), ("村民委员会", "主任"),
            ("居民委员会", "主任"), ("领导小组", "组长"), ("委员会", "主任"), ("办公室", "主任"), ("办公厅", "主任"), ("中心", "主任"),
            ("局", "局长"), ("厅", "厅长"), ("委", "主任"), ("办", "主任"), ("院", "院长"), ("所", "所长"), ("站", "站长"), ("部", "部长"),
        ]
        return titles.first { organ.hasSuffixBytes($0.0) }?.1 ?? "负责人"
    }

    private static func role(_ value: Value, allowed: [Jurisdiction.Role]) throws(FilterError) -> Jurisdiction.Role {
        guard let role = Jurisdiction.Role(rawValue: value.text), allowed.contains(role) else {
            throw FilterError("应为 \(allowed.map { "'\($0.rawValue)'" }.joined(separator: "、")) 之一，实际是“\(value.text)” / unknown role")
        }
        return role
    }

    private static func name(_ input: Value, _ role: Jurisdiction.Role, short: Bool) throws(FilterError) -> String {
        let place = input.text.trimmingCharacters(in: .whitespaces)
        guard let kind = Jurisdiction(name: place) else {
            throw FilterError("“\(place)”不是以省、市、州、县、区、特区、管理区、旗、乡、镇、街道、村、社区结尾的地名，无法确定其\(role.rawValue) / not a place name")
        }
        return kind.name(of: role, for: place, short: short)
    }
}
