import Foundation
import Gongwen
import GongwenAssess
import GongwenData
import GongwenModel
import GongwenTemplate
import Testing
import TestSupport

/// Decisions → documents: a hand-built period's decisions become the data of the five templates that announce
/// them, and each data set passes the template's data contract and merges through the real pipeline.
@Suite("Assessment documents")
struct AssessmentDocumentsTests {
    static let year = Period(year: 2025, kind: .year)

    static func figure(_ column: String, _ text: String, target: Double? = nil, unit: String = "") -> Figure {
        Figure(text: text, value: Double(text), target: target, unit: unit, column: column)
    }

    static func county(_ code: String, _ name: String, _ group: String, score: Double, rank: Int, fromBottom: Int, of count: Int,
                       extra: [String: Figure] = [:], decisions: [Decision] = [], period: Period = year) -> JurisdictionResult {
        var figures: [String: Figure] = [
            "出生率": figure("出生率", "11.20", target: 13, unit: "‰"),
            "符合政策生育率": figure("符合政策生育率", "93.50", target: 90, unit: "%"),
            "出生人口性别比": figure("出生人口性别比", "110.2", target: 115, unit: "比值"),
            "长效避孕措施落实率": figure("长效避孕措施落实率", "88.00", target: 85, unit: "%"),
            "漏报率": figure("漏报率", "2.10", unit: "%"),
            "人均计生事业费": figure("人均计生事业费", "22.00", target: 20, unit: "元"),
            "流动人口信息反馈率": figure("流动人口信息反馈率", "93.00", target: 90, unit: "%"),
            "财政投入弄虚作假": figure("财政投入弄虚作假", "否"),
            "严重滞后": figure("严重滞后", "否"),
        ]
        figures.merge(extra) { $1 }
        return JurisdictionResult(code: code, name: name, group: group, row: 2, figures: figures, categoryScores: [],
                                  score: score, rank: rank, rankFromBottom: fromBottom, rankedCount: count,
                                  leaders: [Leader(role: "党委书记", name: "书记\(name.prefix(2))"),
                                            Leader(role: "政府主要负责人", name: "首长\(name.prefix(2))"),
                                            Leader(role: "分管负责人", name: "分管\(name.prefix(2))")],
                                  decisions: decisions, excluded: [])
    }

    static func ground(_ item: String, _ summary: String, _ condition: String, _ readings: [Reading] = []) -> Ground {
        Ground(item: item, summary: summary, condition: condition, readings: readings, thresholds: [])
    }

    static let annual: PeriodAssessment = {
        let veto1 = Decision(outcome: "一票否决", article: "第五条", grounds: [
            ground("（一）", "符合政策生育率低于责任目标值3个百分点以上", "符合政策生育率.差距 ge 3",
                   [Reading(name: "符合政策生育率.差距", shown: "3.58", period: year)]),
        ], inForceUntil: "2026-12-31", trackedLeaders: [TrackedLeader(role: "分管负责人", name: "李建平", now: "钟山区分管负责人")])
        let veto4 = Decision(outcome: "一票否决", article: "第五条", grounds: [
            ground("（四）", "连续两年工作严重滞后", "严重滞后 != '否'", [
                Reading(name: "严重滞后", shown: "党政线", period: Period(year: 2024, kind: .year)),
                Reading(name: "严重滞后", shown: "人口计生线", period: year),
            ]),
        ])
        let criticise = Decision(outcome: "通报批评", article: "第六条", grounds: [ground("（一）", "漏报率高于5%", "漏报率 gt 5")])
        let ratio = Decision(outcome: "通报批评", article: "第六条", grounds: [
            ground("（三）", "出生人口性别比连续两年未达到责任目标", "出生人口性别比.完成 == false", [
                Reading(name: "出生人口性别比", shown: "117.2", period: Period(year: 2024, kind: .year)),
                Reading(name: "出生人口性别比", shown: "116.8", period: year),
            ]),
        ])
        let admonish = Decision(outcome: "诫勉谈话", article: "第七条", grounds: [ground("", "严重滞后", "严重滞后 != '否'")])
        let commend = Decision(outcome: "表彰", article: "第十三条", grounds: [ground("", "完成责任目标", "…")])
        return PeriodAssessment(period: year, rulesName: "南岭省人口和计划生育责任目标考核", rulesDigest: "x",
                                decisionDate: "2025-12-31", dataFile: "2025.xlsx", total: 100, jurisdictions: [
            county("660101", "中山区", "南岭市", score: 100, rank: 1, fromBottom: 6, of: 6, decisions: [commend]),
            county("660205", "盘州市", "安平市", score: 88.5, rank: 4, fromBottom: 3, of: 6,
                   extra: ["符合政策生育率": figure("符合政策生育率", "86.42", target: 90, unit: "%")], decisions: [veto1]),
            county("660204", "石门县", "安平市", score: 95.25, rank: 3, fromBottom: 4, of: 6,
                   extra: ["漏报率": figure("漏报率", "5.01", unit: "%")], decisions: [criticise]),
            county("660410", "湄潭县", "遵义市", score: 96, rank: 2, fromBottom: 5, of: 6,
                   extra: ["出生人口性别比": figure("出生人口性别比", "116.8", target: 115, unit: "比值")], decisions: [ratio]),
            county("660316", "丹寨县", "龙溪州", score: 80, rank: 5, fromBottom: 2, of: 6,
                   extra: ["严重滞后": figure("严重滞后", "人口计生线")], decisions: [veto4]),
            county("660608", "赫章县", "毕节市", score: 70.4, rank: 6, fromBottom: 1, of: 6,
                   extra: ["严重滞后": figure("严重滞后", "党政线和人口计生线"),
                           "长效避孕措施落实率": figure("长效避孕措施落实率", "76.30", target: 85, unit: "%")],
                   decisions: [admonish]),
        ])
    }()

    static let previousYear = PeriodAssessment(period: Period(year: 2024, kind: .year), rulesName: "", rulesDigest: "",
                                               decisionDate: "2024-12-31", dataFile: "2024.xlsx", total: 100, jurisdictions: [
        county("660205", "盘州市", "安平市", score: 88, rank: 4, fromBottom: 3, of: 6,
               decisions: [Decision(outcome: "一票否决", article: "第五条", grounds: [])], period: Period(year: 2024, kind: .year)),
    ])

    static let fields: [String: [String: Value]] = {
        let province: [String: Value] = [
            "发文机关": .string("南岭省人口和计划生育领导小组"), "机关代字": .string("南人口领发"),
            "依据文件": .string("关于对党政领导干部实行人口和计划生育“一票否决”制的规定"),
            "主送机关": .string("各市（州）党委和人民政府，各县（市、区、特区）党委和人民政府，省直有关部门"),
            "印发机关": .string("南岭省人口和计划生育领导小组办公室"),
            "抄送机关": .list([.string("省委组织部"), .string("省纪委监委")]),
        ]
        var veto = province
        veto["提出机关"] = .string("省人口和计划生育领导小组办公室")
        veto["审核机关"] = .string("省人口和计划生育领导小组")
        veto["审定机关"] = .string("省委、省政府")
        veto["整改期限"] = .string("2026-02-28")
        var criticism = province
        criticism["整改要求"] = .list([.string("被通报地区要在本通报下发之日起一个月内，向省人口和计划生育领导小组写出书面检查，提出整改措施。")])
        var talk = province
        talk["谈话机关"] = .string("省委、省政府")
        talk["谈话日期"] = .string("2026-01-08")
        talk["谈话时间"] = .string("上午9时")
        talk["谈话地点"] = .string("省人民政府三楼会议室")
        talk["改进期限"] = .string("2026-03-31")
        talk["联系人"] = .string("杨䶮")
        talk["联系电话"] = .string("0851-8231234")
        talk["要求"] = .list([.string("被谈话的党政第一把手须按时参加，不得请假或委托他人代替。")])
        let ranking: [String: Value] = [
            "发文机关": .string("{市州}人口和计划生育领导小组"), "机关代字": .string("人口领发"),
            "主送机关": .string("各县（市、区、特区）党委和人民政府"),
            "奖惩依据": .string("《“每月一通报、每季一点评、半年一奖惩”实施办法》"),
            "印发机关": .string("{市州}人口和计划生育领导小组办公室"), "整改期限": .string("2025-07-31"),
            "抄送机关": .list([.string("省人口和计划生育领导小组办公室")]),
        ]
        return ["一票否决决定": veto, "通报批评": criticism, "诫勉谈话通知": talk, "表彰通报": province, "动态综合排名通报": ranking]
    }()

    static func monthly(_ month: Int, yellow: Set<String>) -> PeriodAssessment {
        let period = Period(year: 2025, kind: .month, index: month)
        let scores: [(String, String, Double, Int, Int)] = [
            ("660301", "凯里市", 95.5, 1, 7), ("660302", "黄平县", 92.25, 2, 6), ("660303", "施秉县", 90, 3, 5),
            ("660304", "三穗县", 85, 4, 4), ("660305", "镇远县", 80.1, 5, 2), ("660306", "岑巩县", 80.1, 5, 2),
            ("660307", "天柱县", 70, 7, 1),
        ]
        let group = scores.map { code, name, score, rank, bottom in
            var decisions: [Decision] = []
            if rank <= 3 { decisions.append(Decision(outcome: "流动红旗", article: "", grounds: [])) }
            if yellow.contains(name) { decisions.append(Decision(outcome: "黄牌", article: "", grounds: [])) }
            return county(code, name, "龙溪州", score: score, rank: rank, fromBottom: bottom, of: 7, decisions: decisions, period: period)
        }
        // 安平市: five counties, so the first three and the last three overlap.
        let small = (1...5).map { i in
            county("66020\(i)", "县\(i)", "安平市", score: Double(100 - i), rank: i, fromBottom: 6 - i, of: 5,
                   decisions: (i <= 3 ? [Decision(outcome: "流动红旗", article: "", grounds: [])] : [])
                       + (i >= 3 ? [Decision(outcome: "黄牌", article: "", grounds: [])] : []), period: period)
        }
        return PeriodAssessment(period: period, rulesName: "", rulesDigest: "", decisionDate: "2025-06-30", dataFile: "2025-06.xlsx",
                                total: 100, jurisdictions: group + small)
    }

    /// Checks a data set against the template's contract and merges it, as `gongwen render` does.
    static func merge(_ document: AssessmentDocuments.Document) throws -> [Document] {
        let template = try Pipeline.loadTemplate(Repository.path("Templates/\(document.template)"))
        let check = DataCheck.run(document.data, contract: template.contract, regions: nil)
        #expect(check.problems.isEmpty, "\(document.template): \(check.problems.map(\.message))")
        let documents = try Pipeline.merge(template, check.data).documents
        if let out = ProcessInfo.processInfo.environment["GONGWEN_ASSESSMENT_DOCS"] {   // for looking at them
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try JSONText.write(document.data).write(toFile: "\(out)/\(document.data.file).json", atomically: true, encoding: .utf8)
        }
        return documents
    }

    static func list(_ data: DataSet, _ field: String) -> [Record] {
        guard case .list(let items)? = data.records.first?[field] else { return [] }
        return items.compactMap { if case .record(let r) = $0 { r } else { nil } }
    }

    @Test("an annual period gives 一票否决决定, 通报批评, 诫勉谈话通知 and 表彰通报, numbered in order")
    func annualDocuments() throws {
        let result = AssessmentDocuments.build(Self.annual, previous: Self.previousYear, fields: Self.fields, numberFrom: 7)
        #expect(result.documents.map(\.template) == ["一票否决决定", "通报批评", "诫勉谈话通知", "表彰通报"])
        #expect(result.documents.map { $0.data.records.first?["发文序号"] } == (7...10).map { .number(Number($0)) })
        for document in result.documents {
            #expect(document.data.shared["成文日期"] == .string("2025-12-31"))
            #expect(document.data.shared["年份"] == .number(Number(2025)))
            let merged = try Self.merge(document)
            #expect(merged.count == 1)
        }
        let veto = Self.list(result.documents[0].data, "否决地区")
        #expect(veto.map { $0["名称"] } == [.string("盘州市"), .string("丹寨县")])
        #expect(veto[0]["适用项"] == .number(Number(1)))
        #expect(veto[0]["事实"] == .string("2025年符合政策生育率为86.42%，低于责任目标值90%达3.58个百分点"))
        #expect(veto[0]["连续两年"] == .string("是"))
        #expect(veto[0]["已离岗负责人"] == .string("原分管负责人李建平（现为钟山区分管负责人）"))
        #expect(veto[1]["适用项"] == .number(Number(4)))
        #expect(veto[1]["事实"] == .string("2024、2025年连续两年综合责任目标被认定为严重滞后（2024年党政线，2025年人口计生线）"))
        #expect(veto[1]["连续两年"] == .string("否"))

        let criticised = Self.list(result.documents[1].data, "被通报地区")
        #expect(criticised.map { $0["名称"] } == [.string("石门县"), .string("湄潭县")])
        #expect(criticised[0]["漏报率"]?.text == "5.01")
        #expect(criticised[1]["上年出生人口性别比"]?.text == "117.2")

        let talk = Self.list(result.documents[2].data, "谈话对象")
        #expect(talk.first?["滞后"] == .string("党政线和人口计生线"))
        #expect(talk.first?["书记"] == .string("书记赫章"))
        #expect(talk.first?["情况"]?.text.contains("长效避孕措施落实率76.30%，低于85%的目标") == true)

        let commended = Self.list(result.documents[3].data, "先进单位")
        #expect(commended.map { $0["名称"] } == [.string("中山区")])
    }

    @Test("a county vetoed under two items of 第五条 is noted for the clerk, not dropped in silence")
    func vetoUnderTwoItemsIsNoted() throws {
        var annual = Self.annual
        let i = try #require(annual.jurisdictions.firstIndex { $0.name == "盘州市" })
        let k = try #require(annual.jurisdictions[i].decisions.firstIndex { $0.outcome == "一票否决" })
        annual.jurisdictions[i].decisions[k].grounds.append(
            Ground(item: "（三）", summary: "严重弄虚作假", condition: "严重弄虚作假 == '是'", readings: [], thresholds: []))
        let result = AssessmentDocuments.build(annual, previous: Self.previousYear, fields: Self.fields)
        #expect(result.notes.contains { $0.hasPrefix("盘州市同时适用第五条第（一）项和第（三）项：一票否决决定只写了第（一）项") })
        #expect(Self.list(result.documents[0].data, "否决地区")[0]["适用项"] == .number(Number(1)))
        let plain = AssessmentDocuments.build(Self.annual, previous: Self.previousYear, fields: Self.fields)
        #expect(!plain.notes.contains { $0.contains("同时适用") })
    }

    @Test("a month gives one 动态综合排名通报 record per 市州, 上期黄牌 from the previous month; a group too small is noted")
    func monthlyRanking() throws {
        let june = Self.monthly(6, yellow: ["镇远县", "岑巩县", "天柱县"])
        let may = Self.monthly(5, yellow: ["天柱县"])
        let result = AssessmentDocuments.build(june, previous: may, fields: Self.fields, numberFrom: 14)
        #expect(result.documents.map(\.template) == ["动态综合排名通报"])
        let data = try #require(result.documents.first).data
        #expect(data.records.count == 1)
        #expect(result.notes.count == 1 && result.notes[0].contains("安平市"))
        let record = data.records[0]
        #expect(record["发文机关"] == .string("龙溪州人口和计划生育领导小组"))
        #expect(record["期别"] == .string("2025年6月"))
        #expect(record["范围"] == .string("州"))
        #expect(record["红旗数"] == .number(Number(3)))
        #expect(record["黄牌数"] == .number(Number(3)))
        let rows = Self.list(DataSet(file: "", records: [record]), "地区")
        #expect(rows.first { $0["名称"] == .string("天柱县") }?["上期黄牌"] == .string("是"))
        #expect(rows.first { $0["名称"] == .string("岑巩县") }?["上期黄牌"] == .string("否"))
        let merged = try Self.merge(result.documents[0])
        #expect(merged.count == 1)
        // The yellow cards the template names are the decisions' (the tie at the boundary included).
        let text = DocumentDump.dump(merged[0])
        #expect(text.contains("镇远县（并列第五名）、岑巩县（并列第五名）、天柱县（第七名）排名后三位，亮黄牌"))
    }

    @Test("a template whose fixed fields name {市州} gives one 记录 per 市州 (诫勉谈话 by the 市州, 第七条)")
    func perGroup() throws {
        var annual = Self.annual
        let admonish = Decision(outcome: "诫勉谈话", article: "第七条", grounds: [Self.ground("", "严重滞后", "严重滞后 != '否'")])
        annual.jurisdictions.append(Self.county("660607", "威宁县", "毕节市", score: 60, rank: 7, fromBottom: 1, of: 7,
                                                extra: ["严重滞后": Self.figure("严重滞后", "党政线")], decisions: [admonish]))
        annual.jurisdictions.append(Self.county("660811", "云岭区", "龙溪州", score: 61, rank: 6, fromBottom: 2, of: 7,
                                                extra: ["严重滞后": Self.figure("严重滞后", "人口计生线")], decisions: [admonish]))
        var fields = Self.fields
        fields["诫勉谈话通知"]?["发文机关"] = .string("{市州}人口和计划生育领导小组")
        fields["诫勉谈话通知"]?["谈话机关"] = .string("{市州}党委、政府")
        let result = AssessmentDocuments.build(annual, fields: ["诫勉谈话通知": fields["诫勉谈话通知"]!], numberFrom: 3)
        let data = try #require(result.documents.first).data
        #expect(data.shared["发文机关"] == nil)
        #expect(data.records.map { $0["发文机关"] } == [.string("毕节市人口和计划生育领导小组"), .string("龙溪州人口和计划生育领导小组")])
        #expect(data.records.map { $0["发文序号"] } == [.number(Number(3)), .number(Number(4))])
        #expect(Self.list(DataSet(file: "", records: [data.records[0]]), "谈话对象").map { $0["地区"] } == [.string("赫章县"), .string("威宁县")])
        let merged = try Self.merge(result.documents[0])
        #expect(merged.count == 2)
    }

    @Test("no document when no outcome of a template occurs")
    func nothingToAnnounce() {
        var quiet = Self.annual
        quiet.jurisdictions = quiet.jurisdictions.map { var j = $0; j.decisions = []; return j }
        #expect(AssessmentDocuments.build(quiet, fields: Self.fields).documents.isEmpty)
    }

    @Test("items of a 情形 read as 适用项")
    func items() {
        #expect(AssessmentDocuments.itemNumber("（一）") == 1)
        #expect(AssessmentDocuments.itemNumber("第（四）项") == 4)
        #expect(AssessmentDocuments.itemNumber("(3)") == 3)
        #expect(AssessmentDocuments.itemNumber("") == nil)
    }

    @Test("the 南岭省 assessment workbooks read: 90 counties each, every column of the design")
    func exampleWorkbooks() throws {
        let names = ["2023", "2024"] + (1...12).map { String(format: "2025-%02d", $0) } + ["2025"]
        for name in names {
            let data = try DataReader.read(path: Repository.path("Examples/南岭省/考核/\(name).xlsx"))
            #expect(data.records.count == 90, "\(name)")
            let first = try #require(data.records.first)
            for column in ["行政区划代码", "出生率", "符合政策生育率目标", "漏报率", "严重滞后", "分管领导"] {
                #expect(first[column] != nil, "\(name) \(column)")
            }
        }
        let march = try DataReader.read(path: Repository.path("Examples/南岭省/考核/2025-03.xlsx"))
        let xifeng = try #require(march.records.first { $0["名称"]?.text == "息烽县" })
        #expect(xifeng["长效避孕措施落实率"].map { $0.text.isEmpty } ?? true)   // 未报
    }
}

/// The data set as JSON (shared fields and 记录), so `gongwen render` can render what the test built.
enum JSONText {
    static func write(_ data: DataSet) -> String {
        var top = data.shared
        top[DataSet.recordsKey] = .list(data.records.map { .record($0) })
        return value(.record(top))
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .string(let s): return string(s)
        case .list(let items): return "[" + items.map(value).joined(separator: ",") + "]"
        case .record(let r): return "{" + r.order.map { string($0) + ":" + value(r[$0] ?? .null) }.joined(separator: ",") + "}"
        }
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
