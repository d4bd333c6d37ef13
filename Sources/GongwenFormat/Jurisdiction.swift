/// What a jurisdiction's party committee, government and leaders are called, from the kind of
/// place its name ends with. A template must never print “县（市、区）委书记” for a 区: its leader
/// is a 区长, and a document that gets a title wrong cannot be filed. A 特区 has a 党委 and a
/// 人民政府 like a county (the regulation's 第三条 and the 主送 of 黔党发: 县（市、区、特区）党委和
/// 人民政府); a 管理区, 新区 or 开发区 has a 党工委 and a 管委会 (seed 004: 党委（党工委）书记、
/// 县市长（管委会主任）).
///
/// The kind comes from the name's suffix (清水县, 钟山区, 河西特区, 凯里市, 龙溪州, 城关镇, 东门社区),
/// so it works without a code list; the longest suffix wins (特区 before 区, 自治州 before 州).
public enum Jurisdiction: String, Sendable, CaseIterable {
    case province = "省", autonomousRegion = "自治区", prefectureRegion = "地区", prefecture = "州", city = "市"
    case county = "县", district = "区", specialDistrict = "特区", banner = "旗", managementArea = "管理区"
    case town = "镇", township = "乡", subdistrict = "街道", village = "村", community = "社区"

    /// The kind of `name`, or nil when its suffix names no jurisdiction (a department, say).
    public init?(name: String) {
        let suffixes: [(String, Jurisdiction)] = [
            ("自治区", .autonomousRegion), ("特区", .specialDistrict), ("管理区", .managementArea), ("新区", .managementArea),
            ("开发区", .managementArea), ("试验区", .managementArea), ("自治州", .prefecture), ("自治县", .county), ("自治旗", .banner),
            ("地区", .prefectureRegion), ("街道", .subdistrict), ("社区", .community), ("居委会", .community),
            ("省", .province), ("州", .prefecture), ("市", .city), ("县", .county), ("区", .district), ("旗", .banner),
            ("镇", .town), ("乡", .township), ("村", .village), ("居", .community),
        ]
        // By bytes: with Foundation in the module, `hasSuffix` is NSString's locale-aware search.
        guard let match = suffixes.first(where: { suffix in
            name.utf8.count > suffix.0.utf8.count && name.utf8.reversed().starts(with: suffix.0.utf8.reversed())
        }) else { return nil }
        self = match.1
    }

    /// The roles a template can name.
    public enum Role: String, Sendable, CaseIterable {
        /// 中共清水县委, 中共河西特区委, 中共百里杜鹃管理区工委, 中共城关镇委员会.
        case partyCommittee = "党委"
        /// 清水县人民政府, 河西特区人民政府, 百里杜鹃管理区管委会, 城关街道办事处.
        case government = "政府"
        /// 清水县委书记, 河西特区委书记, 百里杜鹃管理区党工委书记.
        case secretary = "书记"
        /// 清水县县长, 钟山区区长, 河西特区区长, 百里杜鹃管理区管委会主任.
        case head = "首长"
    }

    /// The body or title of `role` for the place `name` (`short`: without the place, as in a
    /// signature line's “县长（签字）”).
    public func name(of role: Role, for place: String, short: Bool = false) -> String {
        let own = rawValue == "自治区" ? "区" : String(rawValue.suffix(1))
        switch (self, role) {
        case (.managementArea, .partyCommittee): return "中共\(place)工委"
        case (.managementArea, .government): return "\(place)管委会"
        case (.managementArea, .secretary): return short ? "党工委书记" : "\(place)党工委书记"
        case (.managementArea, .head): return short ? "管委会主任" : "\(place)管委会主任"
        case (.prefectureRegion, .partyCommittee): return "中共\(place)委员会"
        case (.prefectureRegion, .government): return "\(place)行政公署"
        case (.prefectureRegion, .secretary): return short ? "地委书记" : "\(place)地委书记"
        case (.prefectureRegion, .head): return short ? "行署专员" : "\(place)行署专员"
        case (.town, .partyCommittee), (.township, .partyCommittee): return "中共\(place)委员会"
        case (.town, .secretary), (.township, .secretary): return short ? "党委书记" : "\(place)党委书记"
        case (.subdistrict, .partyCommittee): return "中共\(place)工作委员会"
        case (.subdistrict, .government): return "\(place)办事处"
        case (.subdistrict, .secretary): return short ? "党工委书记" : "\(place)党工委书记"
        case (.subdistrict, .head): return short ? "办事处主任" : "\(place)办事处主任"
        case (.village, .partyCommittee), (.community, .partyCommittee): return "中共\(place)支部委员会"
        case (.village, .government): return "\(place)村民委员会"
        case (.community, .government): return "\(place)居民委员会"
        case (.village, .secretary), (.community, .secretary): return short ? "党支部书记" : "\(place)党支部书记"
        case (.village, .head): return short ? "村民委员会主任" : "\(place)村民委员会主任"
        case (.community, .head): return short ? "居民委员会主任" : "\(place)居民委员会主任"
        case (_, .partyCommittee): return "中共\(place)委"
        case (_, .government): return "\(place)人民政府"
        case (_, .secretary): return short ? "\(own)委书记" : "\(place)委书记"
        case (.autonomousRegion, .head): return short ? "自治区主席" : "\(place)主席"
        case (_, .head): return short ? "\(own)长" : "\(place)\(own)长"
        }
    }
}
