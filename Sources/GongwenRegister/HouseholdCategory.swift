/// The six target groups of the 双诚信双承诺 scheme (seed 004, 三（一）): every household that signs
/// belongs to one. Stored as the short name the 承诺书 batch prints (Examples/南岭省/households.csv).
public enum HouseholdCategory: String, CaseIterable, Sendable {
    case keyManagement = "生育重点管理对象"
    case unpaidFee = "生育未交清社会抚养费家庭"
    case threeProxies = "已婚育龄夫妇“三代”人员家庭"
    case underMarriageAge = "在育龄期且未达到法定结婚年龄家庭"
    case letting = "出租家庭"
    case other = "其他应签订家庭"

    /// The name as stored, from the batch's short name or the scheme's longer wording.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
        if let c = HouseholdCategory(rawValue: t) { self = c; return }
        let plain = t.replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")
        if plain.hasPrefix("已婚育龄夫妇三代") { self = .threeProxies; return }
        if plain.contains("其他应签订") { self = .other; return }
        if plain.hasPrefix("出租") { self = .letting; return }
        return nil
    }

    public static var list: String { allCases.map(\.rawValue).joined(separator: "、") }
}
