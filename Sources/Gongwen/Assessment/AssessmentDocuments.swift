import Foundation
import GongwenAssess
import GongwenData
import GongwenModel

/// From one period's decisions to the data of the documents that announce them (issue 18, design
/// “Documents”): for each template whose outcome occurs in the period, one `DataSet` shaped exactly like the
/// template's `data.yaml` — the fields the office fixes (the rules' `<文书>` sections), what the period gives
/// (年份, 成文日期, 印发日期, 发文序号, 考核年度 / 期别 / 考核期) and the list the template reads, filled from the
/// decisions and the figures they read. No name, figure or reason is typed by hand; the law's wording stays in
/// the templates.
public enum AssessmentDocuments {
    /// Which template announces which outcomes. A template is produced when one of its outcomes occurs.
    public struct Binding: Sendable, Equatable {
        public var template: String
        public var outcomes: [String]
        /// The fields the office fixes (发文机关, 机关代字, 主送机关, 抄送机关 (a list), 整改期限 …). `{市州}` in a text
        /// makes one 记录 (one document) per group (所属市州) with the group's name in its place — always so for
        /// 动态综合排名通报 (a ranking inside each 市州), and for 诫勉谈话通知 issued by each 市州 (第七条).
        public var fields: [String: Value]

        public init(template: String, outcomes: [String], fields: [String: Value] = [:]) {
            self.template = template
            self.outcomes = outcomes
            self.fields = fields
        }
    }

    /// The five shipped templates and the outcomes of the 南岭省 rules they announce.
    public static let standardOutcomes: [(template: String, outcomes: [String])] = [
        ("一票否决决定", ["一票否决"]),
        ("通报批评", ["通报批评"]),
        ("诫勉谈话通知", ["诫勉谈话"]),
        ("表彰通报", ["表彰"]),
        ("动态综合排名通报", ["流动红旗", "黄牌"]),
    ]

    /// The standard bindings of the templates named in `fields` (template name → field → value: the rules'
    /// `<文书 模板="…">` sections); a template not named there is not produced.
    public static func bindings(fields: [String: [String: Value]]) -> [Binding] {
        standardOutcomes.compactMap { standard in
            fields[standard.template].map { Binding(template: standard.template, outcomes: standard.outcomes, fields: $0) }
        }
    }

    /// One document set: the template's name and its data (shared fields and the records, one a document).
    public struct Document: Sendable {
        public var template: String
        public var data: DataSet
    }

    public struct Result: Sendable {
        public var documents: [Document]
        /// What could not be put in a document and why (a group too small for its ranking, an item the
        /// template cannot print …), for the report.
        public var notes: [String]
    }

    /// Indicators for which a lower figure is better (used to word a shortfall); every other indicator with
    /// a target is better when higher.
    public static let lowerIsBetter: Set<String> = ["出生率", "自然增长率", "出生人口性别比", "漏报率"]

    /// Builds the documents of `assessment`.
    /// - Parameters:
    ///   - previous: the previous period of the same kind (连续两年 of a veto; 上期黄牌 of a monthly ranking;
    ///     上年出生人口性别比 when the decision's readings do not carry it), if stored.
    ///   - date: the decision date (ISO `2025-12-31`); the assessment's decision date when nil.
    ///   - numberFrom: the first 发文序号; each document takes the next one.
    public static func build(_ assessment: PeriodAssessment, previous: PeriodAssessment? = nil, bindings: [Binding],
                             date: String? = nil, numberFrom: Int = 1) -> Result {
        var builder = Builder(assessment: assessment, previous: previous, date: date ?? assessment.decisionDate,
                              number: numberFrom)
        for binding in bindings {
            let occurs = assessment.jurisdictions.contains { j in binding.outcomes.contains { j.has($0) } }
            guard occurs else { continue }
            builder.add(binding)
        }
        return Result(documents: builder.documents, notes: builder.notes)
    }

    /// The same, with the standard bindings.
    public static func build(_ assessment: PeriodAssessment, previous: PeriodAssessment? = nil,
                             fields: [String: [String: Value]], date: String? = nil, numberFrom: Int = 1) -> Result {
        build(assessment, previous: previous, bindings: bindings(fields: fields), date: date, numberFrom: numberFrom)
    }

    /// 适用项 of a 情形's 项: （一）→ 1 … （四）→ 4; nil when it is not one of those.
    public static func itemNumber(_ item: String) -> Int? {
        let numerals = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
        let inner = item.filter { !"（）()第项".contains($0) }
        if let n = Int(inner) { return n }
        return numerals[inner]
    }
}

private struct Builder {
    let assessment: PeriodAssessment
    let previous: PeriodAssessment?
    let date: String
    var number: Int
    var documents: [AssessmentDocuments.Document] = []
    var notes: [String] = []

    init(assessment: PeriodAssessment, previous: PeriodAssessment?, date: String, number: Int) {
        self.assessment = assessment
        self.previous = previous
        self.date = date
        self.number = number
    }

    var period: Period { assessment.period }
    /// 考核期 as 诫勉谈话通知 writes it: 2025年度, 2025年6月, 2025年上半年.
    var periodName: String { period.kind == .year ? "\(period.year)年度" : period.chineseName }

    mutating func add(_ binding: AssessmentDocuments.Binding) {
        switch binding.template {
        case "一票否决决定":
            single(binding, pick(binding) { veto($0) })
            notes += vetoItemsNotPrinted(binding)
        case "通报批评": single(binding, pick(binding) { criticism($0) })
        case "诫勉谈话通知": single(binding, pick(binding) { admonition($0) })
        case "表彰通报": single(binding, pick(binding) { commendation($0) })
        case "动态综合排名通报": ranking(binding)
        default: notes.append("模板“\(binding.template)”没有从考核决定生成数据的规则，未生成")
        }
    }

    // MARK: - Shared fields and records

    func shared(_ binding: AssessmentDocuments.Binding) -> Record {
        var record = Record()
        // 排名 chooses the ranking of a 动态综合排名通报; it is not a field of the document.
        for key in binding.fields.keys.sorted() where key != "排名" { record[key] = binding.fields[key] }
        record["年份"] = .number(Number(Int(date.prefix(4)) ?? period.year))
        record["成文日期"] = .string(date)
        record["印发日期"] = .string(date)
        return record
    }

    /// One document (one 记录) carrying the period and the list `list` of the chosen jurisdictions.
    func pick(_ binding: AssessmentDocuments.Binding, _ list: (JurisdictionResult) -> (String, Value)?) -> (String, [(group: String, item: Value)]) {
        var listName = ""
        var items: [(group: String, item: Value)] = []
        for j in assessment.jurisdictions {
            guard binding.outcomes.contains(where: { j.has($0) }), let (name, item) = list(j) else { continue }
            listName = name
            items.append((j.prefecture, item))
        }
        return (listName, items)
    }

    /// One document (one 记录) carrying the period and the list of the chosen jurisdictions; one per group
    /// (市州) when a fixed field names `{市州}` (第七条: counties are admonished by their 市州).
    mutating func single(_ binding: AssessmentDocuments.Binding, _ picked: (String, [(group: String, item: Value)])) {
        let (listName, items) = picked
        guard !items.isEmpty else { return }
        var groups: [String] = []
        if perGroup(binding) {
            for item in items where !groups.contains(item.group) { groups.append(item.group) }
        } else {
            groups = [""]
        }
        var records: [Record] = []
        for group in groups {
            var record = groupFields(binding, group)
            record["发文序号"] = .number(Number(number))
            number += 1
            if binding.template == "诫勉谈话通知" {
                record["考核期"] = .string(periodName)
            } else {
                record["考核年度"] = .number(Number(period.year))
            }
            record[listName] = .list(items.filter { groups == [""] || $0.group == group }.map(\.item))
            records.append(record)
        }
        documents.append(.init(template: binding.template,
                               data: DataSet(file: "\(assessment.period)-\(binding.template)", shared: sharedWithoutGroup(binding),
                                             records: records)))
    }

    func perGroup(_ binding: AssessmentDocuments.Binding) -> Bool {
        binding.fields.values.contains(where: Self.namesGroup)
    }

    /// Whether a fixed field names the 市州: `{市州}` (龙溪州) or `{市州简称}` (龙溪, for a 机关代字), in a
    /// text or in any item of a list (抄送机关).
    static func namesGroup(_ value: Value) -> Bool {
        switch value {
        case .string(let text): text.contains("{市州}") || text.contains("{市州简称}")
        case .list(let items): items.contains(where: namesGroup)
        default: false
        }
    }

    /// The fixed fields that name the 市州, with the group's name in place.
    func groupFields(_ binding: AssessmentDocuments.Binding, _ group: String) -> Record {
        var record = Record()
        let name = group.isEmpty ? "全省" : group
        // 龙溪州 → 龙溪, 黔西南州 → 黔西南, 南岭市 → 南岭: the name without its 市/州/地区.
        var short = name
        for suffix in ["地区", "市", "州", "盟"] where short.count > 2 && short.hasSuffix(suffix) {
            short = String(short.dropLast(suffix.count))
            break
        }
        func put(_ value: Value) -> Value {
            switch value {
            case .string(let text): .string(text.replacingOccurrences(of: "{市州}", with: name).replacingOccurrences(of: "{市州简称}", with: short))
            case .list(let items): .list(items.map(put))
            default: value
            }
        }
        for key in binding.fields.keys.sorted() where Self.namesGroup(binding.fields[key]!) {
            record[key] = put(binding.fields[key]!)
        }
        return record
    }

    func sharedWithoutGroup(_ binding: AssessmentDocuments.Binding) -> Record {
        var record = shared(binding)
        for key in binding.fields.keys where Self.namesGroup(binding.fields[key]!) { record[key] = nil }
        return record
    }

    // MARK: - 一票否决决定

    func veto(_ j: JurisdictionResult) -> (String, Value)? {
        guard let decision = j.decisions.first(where: { $0.outcome == "一票否决" }) else { return nil }
        let numbered = decision.grounds.compactMap { g in AssessmentDocuments.itemNumber(g.item).map { ($0, g) } }
        guard let item = numbered.map(\.0).min() else { return nil }
        let facts = numbered.filter { $0.0 == item }.map { fact(item: $0.0, ground: $0.1, j) }
        var fields: [(String, Value)] = [
            ("名称", .string(j.name)),
            ("所属市州", .string(j.prefecture)),
            ("适用项", .number(Number(item))),
            ("事实", .string(unique(facts).joined(separator: "；"))),
            ("连续两年", .string(previousHad("一票否决", j) ? "是" : "否")),
        ]
        if !decision.trackedLeaders.isEmpty {
            let left = decision.trackedLeaders.map { t in
                "原\(t.role)\(t.name)" + (t.now.isEmpty ? "" : "（现为\(t.now)）")
            }
            fields.append(("已离岗负责人", .string(left.joined(separator: "、"))))
        }
        return ("否决地区", .record(Record(fields)))
    }

    /// The template prints one 项 of 第五条 for each county (the lowest, with its facts): a county vetoed
    /// under several is said so in the notes (shown by `gongwen assess` and the 考核 page), never dropped
    /// in silence.
    func vetoItemsNotPrinted(_ binding: AssessmentDocuments.Binding) -> [String] {
        assessment.jurisdictions.compactMap { j in
            guard binding.outcomes.contains(where: { j.has($0) }),
                  let decision = j.decisions.first(where: { $0.outcome == "一票否决" }) else { return nil }
            let items = Set(decision.grounds.compactMap { AssessmentDocuments.itemNumber($0.item) }).sorted()
            guard items.count > 1 else { return nil }
            let first = "第（\(Self.itemName(items[0]))）项"
            let others = items.dropFirst().map { "第（\(Self.itemName($0))）项" }.joined(separator: "、")
            return "\(j.name)同时适用第五条\(first)和\(others)：一票否决决定只写了\(first)，其余情形请在文书中补写"
                + " / vetoed under several items; the decision prints the first"
        }
    }

    /// 1 → 一 … 10 → 十 (the 项 of an article), other numbers as digits.
    static func itemName(_ n: Int) -> String {
        let names = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return names.indices.contains(n - 1) ? names[n - 1] : String(n)
    }

    func previousHad(_ outcome: String, _ j: JurisdictionResult) -> Bool {
        guard let previous, previous.period == period.previous else { return false }
        return previous.jurisdictions.first { $0.code == j.code }?.has(outcome) ?? false
    }

    /// The fact of one 情形, from the figures it read, in the words of the data (no judgement added).
    func fact(item: Int, ground: Ground, _ j: JurisdictionResult) -> String {
        let year = "\(period.year)年"
        let names = Set(ground.readings.map { $0.name.split(separator: ".").first.map(String.init) ?? $0.name })
        switch item {
        case 1:
            var parts: [String] = []
            let name = ground.condition.contains("符合政策生育率") || names.contains("符合政策生育率") ? "符合政策生育率"
                : ground.condition.contains("出生率") || names.contains("出生率") ? "出生率" : ""
            if !name.isEmpty {
                if let f = figure(j, name), !f.isMissing, let value = f.value {
                    let unit = f.unit.isEmpty ? (name == "出生率" ? "‰" : "%") : f.unit
                    if let target = f.target, name == "出生率" {
                        parts.append("\(year)出生率为\(shown(f))\(unit)，高于上级下达的人口计划目标\(number(target))\(unit)")
                    } else if let target = f.target {
                        parts.append("\(year)\(name)为\(shown(f))\(unit)，低于责任目标值\(number(target))\(unit)达\(fixed(target - value))个百分点")
                    } else {
                        parts.append("\(year)\(name)为\(shown(f))\(unit)")
                    }
                } else {
                    parts.append("\(year)\(name)未报")
                }
            }
            return parts.isEmpty ? "\(year)\(ground.summary)" : parts.joined(separator: "；")
        case 2:
            return "\(period.year)年度考核认定，该地区在人口和计划生育工作中发生重大恶性案件"
        case 3:
            return "\(period.year)年度考核认定，该地区在人口和计划生育工作中有严重弄虚作假行为"
        case 4:
            let lag = ground.readings.filter { $0.name == "严重滞后" }.sorted { $0.period < $1.period }
            if lag.count >= 2 {
                let years = lag.map { "\($0.period.year)" }.joined(separator: "、")
                let lines = lag.map { "\($0.period.year)年\($0.shown)" }.joined(separator: "，")
                return "\(years)年连续两年综合责任目标被认定为严重滞后（\(lines)）"
            }
            return "\(period.year - 1)、\(period.year)年连续两年综合责任目标被认定为严重滞后"
        default:
            return "\(year)\(ground.summary)"
        }
    }

    // MARK: - 通报批评

    func criticism(_ j: JurisdictionResult) -> (String, Value)? {
        var fields: [(String, Value)] = [("名称", .string(j.name)), ("所属市州", .string(j.prefecture))]
        func put(_ key: String, _ value: Double?) {
            if let value { fields.append((key, .number(Number(Decimal(string: number(value)) ?? 0)))) }
        }
        func put(_ key: String, _ f: Figure?) {
            if let f, !f.isMissing { fields.append((key, numberValue(f))) }
        }
        put("漏报率", figure(j, "漏报率"))
        let spending = figure(j, "人均计生事业费")
        put("人均计生事业费", spending)
        put("人均计生事业费目标", spending?.target ?? figure(j, "人均计生事业费目标")?.value)
        if let fraud = figure(j, "财政投入弄虚作假"), !fraud.isMissing {
            fields.append(("财政投入弄虚作假", .string(fraud.text.trimmingCharacters(in: .whitespaces))))
        }
        let ratio = figure(j, "出生人口性别比")
        if let last = lastYearRatio(j) { put("上年出生人口性别比", last) }
        put("出生人口性别比", ratio)
        put("性别比目标", ratio?.target ?? figure(j, "性别比目标")?.value)
        let feedback = figure(j, "流动人口信息反馈率")
        put("流动人口信息反馈率", feedback)
        put("反馈率目标", feedback?.target ?? figure(j, "反馈率目标")?.value)
        return ("被通报地区", .record(Record(fields)))
    }

    /// Last year's 出生人口性别比: from the readings of the 连续两年 case, else from the previous period.
    func lastYearRatio(_ j: JurisdictionResult) -> Double? {
        let readings = j.decisions.flatMap(\.grounds).flatMap(\.readings)
        if let r = readings.first(where: { $0.name == "出生人口性别比" && $0.period.year == period.year - 1 && $0.period.kind == .year }),
           let v = Double(r.shown.filter { "0123456789.-".contains($0) }) {
            return v
        }
        guard let previous, previous.period.kind == .year, previous.period.year == period.year - 1,
              let p = previous.jurisdictions.first(where: { $0.code == j.code }) else { return nil }
        return figure(p, "出生人口性别比")?.value
    }

    // MARK: - 诫勉谈话通知

    func admonition(_ j: JurisdictionResult) -> (String, Value)? {
        let lagText = figure(j, "严重滞后")?.text.trimmingCharacters(in: .whitespaces) ?? ""
        let allowed = ["党政线", "人口计生线", "党政线和人口计生线"]
        var facts = ["综合得分\(fixed(j.score))分，在参评的\(j.rankedCount)个地区中排第\(j.rank)名"]
        facts += shortfalls(j)
        let secretary = leader(j, ["党委书记", "书记"])
        let head = leader(j, ["政府主要负责人", "行政首长"])
        return ("谈话对象", .record(Record([
            ("地区", .string(j.name)),
            ("所属市州", .string(j.prefecture)),
            ("滞后", .string(allowed.contains(lagText) ? lagText : "党政线和人口计生线")),
            ("情况", .string(facts.joined(separator: "；"))),
            ("书记", .string(secretary)),
            ("行政首长", .string(head)),
        ])))
    }

    func leader(_ j: JurisdictionResult, _ roles: [String]) -> String {
        for role in roles { if let l = j.leaders.first(where: { $0.role == role }) { return l.name } }
        return ""
    }

    /// Every indicator with a target that the figure misses: “长效避孕措施落实率76.30%，低于85%的目标”.
    func shortfalls(_ j: JurisdictionResult) -> [String] {
        j.figures.keys.sorted().compactMap { name in
            guard let f = j.figures[name], let value = f.value, let target = f.target else { return nil }
            let lower = AssessmentDocuments.lowerIsBetter.contains(name)
            guard lower ? value > target : value < target else { return nil }
            let unit = f.unit == "比值" ? "" : f.unit
            return "\(name)\(shown(f))\(unit)，\(lower ? "高于" : "低于")\(number(target))\(unit)的目标"
        }
    }

    // MARK: - 表彰通报

    func commendation(_ j: JurisdictionResult) -> (String, Value)? {
        var fields: [(String, Value)] = [("名称", .string(j.name)), ("所属市州", .string(j.prefecture))]
        if let birth = figure(j, "出生率"), !birth.isMissing { fields.append(("出生率", numberValue(birth))) }
        fields.append(("得分", score(j.score)))
        return ("先进单位", .record(Record(fields)))
    }

    // MARK: - 动态综合排名通报 (one 记录 per group)

    mutating func ranking(_ binding: AssessmentDocuments.Binding) {
        let red = binding.outcomes.first { $0.contains("红旗") } ?? "流动红旗"
        let yellow = binding.outcomes.first { $0.contains("黄牌") } ?? "黄牌"
        // The ranking the 流动红旗/黄牌 decisions read: the 文书's 排名 field names it; else the first ranking
        // made inside groups (州内排名), else the first.
        let chosen = binding.fields["排名"]?.text
        func place(_ j: JurisdictionResult) -> RankingResult {
            let primary = RankingResult(name: "", group: j.group, value: j.score, rank: j.rank, rankFromBottom: j.rankFromBottom,
                                        rankedCount: j.rankedCount)
            if let chosen { return j.rankings.first { $0.name == chosen } ?? primary }
            return j.rankings.first { !$0.group.isEmpty } ?? primary
        }
        var groups: [String] = []
        for j in assessment.jurisdictions where !groups.contains(place(j).group) { groups.append(place(j).group) }
        var records: [Record] = []
        for group in groups {
            let members = assessment.jurisdictions.filter { place($0).group == group }
            // The template ranks by 得分 itself and names the first 红旗数 and last 黄牌数 places (ties included):
            // the office's numbers (default 3) when they name exactly the decisions' counties, else the places
            // the decisions reached.
            let label = group.isEmpty ? "全省" : group
            func places(_ outcome: String, _ field: String, _ place: (JurisdictionResult) -> Int) -> Int {
                let holders = Set(members.filter { $0.has(outcome) }.map(\.code))
                let given = binding.fields[field]?.asNumber.map { NSDecimalNumber(decimal: $0.value).intValue } ?? 3
                if Set(members.filter { place($0) <= given }.map(\.code)) == holders { return given }
                let derived = members.filter { $0.has(outcome) }.map(place).max() ?? 0
                notes.append("\(label)\(outcome)的地区不是按\(field) \(given) 确定的前（后）几名，通报按\(derived)名写")
                return derived
            }
            let reds = places(red, "红旗数") { place($0).rank }
            let yellows = places(yellow, "黄牌数") { place($0).rankFromBottom }
            if reds + yellows > members.count {
                notes.append("\(label)只有\(members.count)个地区参加排名，前\(reds)名和后\(yellows)名重叠，动态综合排名通报未生成")
                continue
            }
            var record = groupFields(binding, group)
            record["发文序号"] = .number(Number(number))
            number += 1
            record["期别"] = .string(period.chineseName)
            if binding.fields["范围"] == nil, let last = group.last { record["范围"] = .string(String(last)) }
            record["红旗数"] = .number(Number(reds))
            record["黄牌数"] = .number(Number(yellows))
            let previousYellow = Set((previous?.period == period.previous ? previous?.jurisdictions ?? [] : [])
                .filter { $0.has(yellow) }.map(\.code))
            record["地区"] = .list(members.map { j in
                var fields: [(String, Value)] = [("名称", .string(j.name))]
                for name in ["出生率", "符合政策生育率", "出生人口性别比"] {
                    if let f = figure(j, name), !f.isMissing { fields.append((name, numberValue(f))) }
                }
                // The template ranks by 得分 and prints it with one decimal; given at that precision, its
                // ties are the ties the rules' ranking saw (精度="1").
                fields.append(("得分", .number(Number(parsing: String(format: "%.1f", (j.score * 10).rounded() / 10)) ?? Number(0))))
                fields.append(("上期黄牌", .string(previousYellow.contains(j.code) ? "是" : "否")))
                return .record(Record(fields))
            })
            records.append(record)
        }
        guard !records.isEmpty else { return }
        documents.append(.init(template: binding.template,
                               data: DataSet(file: "\(assessment.period)-\(binding.template)", shared: sharedWithoutGroup(binding),
                                             records: records)))
    }

    // MARK: - Values

    func figure(_ j: JurisdictionResult, _ name: String) -> Figure? {
        j.figures[name] ?? j.figures.values.first { $0.column == name }
    }

    /// The figure as a number keeping the digits read (“86.42”), or its value when the text is not a plain number.
    func numberValue(_ f: Figure) -> Value {
        let text = f.text.trimmingCharacters(in: .whitespaces)
        if let n = Number(parsing: text) { return .number(n) }
        if let v = f.value, let n = Number(parsing: number(v)) { return .number(n) }
        return .string(text)
    }

    func shown(_ f: Figure) -> String {
        let text = f.text.trimmingCharacters(in: .whitespaces)
        if Number(parsing: text) != nil { return text }
        return f.value.map(number) ?? text
    }

    /// The score at the ranking's precision (2 decimals), so the template ranks as the rules did.
    func score(_ value: Double) -> Value {
        .number(Number(parsing: String(format: "%.2f", (value * 100).rounded() / 100)) ?? Number(0))
    }

    /// A number in its shortest form (90, 13.5, 86.42).
    func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    func fixed(_ value: Double) -> String { String(format: "%.2f", value) }

    func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
