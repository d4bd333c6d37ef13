import Foundation
import GongwenFormat
import GongwenModel

/// Names of a jurisdiction's bodies and leaders (`Jurisdiction`), and the level above a region,
/// so that a template never prints a title that does not fit the place.
enum JurisdictionFilters {
    static let all: [Filter] = [
        Filter("机构名", arity: 1...1, summary: "地区的党委或政府：'清水县' | 机构名('政府') → 清水县人民政府；'河西特区' | 机构名('党委') → 中共河西特区工委") { input, args throws(FilterError) in
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
        Filter("上级单位", arity: 0...0, summary: "行政区划的上级（需要区划代码表）：区划 | 上级单位 → 安平市", acceptsMissingInput: true) { input, _ throws(FilterError) in
            guard case .record(let region) = input else {
                throw FilterError("没有行政区划信息，无法确定上级单位：请在数据中给出行政区划代码，并把 区划代码.csv 放在数据文件旁（或用 --regions 指定），或直接给出上级单位的名称 / no region code list")
            }
            guard case .record(let parent)? = region["上级"], let name = parent["名称"] else {
                throw FilterError("区划代码表中没有“\(region["名称"]?.text ?? "")”的上级 / the code list has no parent for this region")
            }
            return name
        },
    ]

    private static func role(_ value: Value, allowed: [Jurisdiction.Role]) throws(FilterError) -> Jurisdiction.Role {
        guard let role = Jurisdiction.Role(rawValue: value.text), allowed.contains(role) else {
            throw FilterError("应为 \(allowed.map { "'\($0.rawValue)'" }.joined(separator: "、")) 之一，实际是“\(value.text)” / unknown role")
        }
        return role
    }

    private static func name(_ input: Value, _ role: Jurisdiction.Role, short: Bool) throws(FilterError) -> String {
        let place = input.text.trimmingCharacters(in: .whitespaces)
        guard let kind = Jurisdiction(name: place) else {
            throw FilterError("“\(place)”不是以省、市、州、县、区、特区、旗、乡、镇、街道、村、社区结尾的地名，无法确定其\(role.rawValue) / not a place name")
        }
        return kind.name(of: role, for: place, short: short)
    }
}
