import Foundation

/// Everything one period's assessment decided, as stored in the history and written to the reports.
/// Plain values only (Codable), so that a store can keep it and an export can carry it.
public struct PeriodAssessment: Sendable, Codable, Equatable {
    public var period: Period
    /// The rules' 名称 and a digest of the rules file, so a report says which regulation decided.
    public var rulesName: String
    public var rulesDigest: String
    /// The day the decisions are dated (`--date`, else the period's last day), ISO `2025-06-30`.
    public var decisionDate: String
    /// The data file as given (its name, not its directory), for explanations.
    public var dataFile: String
    public var total: Double
    public var jurisdictions: [JurisdictionResult]

    public init(period: Period, rulesName: String, rulesDigest: String, decisionDate: String, dataFile: String,
                total: Double, jurisdictions: [JurisdictionResult]) {
        self.period = period
        self.rulesName = rulesName
        self.rulesDigest = rulesDigest
        self.decisionDate = decisionDate
        self.dataFile = dataFile
        self.total = total
        self.jurisdictions = jurisdictions
    }
}

/// One jurisdiction in one period.
public struct JurisdictionResult: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    /// The ranking group (所属市州) or "" when all are ranked together.
    public var group: String
    /// The data row (1-based, as the sheet shows it).
    public var row: Int
    /// Every indicator and 情况 read, by name: the figure and where it came from.
    public var figures: [String: Figure]
    /// Category name → score, in the rules' order of categories.
    public var categoryScores: [CategoryScore]
    public var score: Double
    public var rank: Int
    public var rankFromBottom: Int
    public var rankedCount: Int
    /// Role (党委书记 …) → name, as in this period's data.
    public var leaders: [Leader]
    /// Decisions reached (after precedence), in the rules' order.
    public var decisions: [Decision]
    /// Decisions whose conditions held but that a stronger one excluded.
    public var excluded: [Decision]
    /// The jurisdiction above it as the data names it (所属市州, the rules' `<地区 上级=…>`); "" when the
    /// rules name no such column. Not the ranking group: a province-wide ranking has none.
    public var parent: String = ""
    /// Every ranking of the rules (the first is also `rank`/`rankFromBottom`/`rankedCount`/`group`).
    public var rankings: [RankingResult] = []
    /// Cases that did not apply because a figure was 未报 (未报="不适用"), and scoring items given their
    /// 最低 because of a missing figure: listed so that 未报 is never silent.
    public var unreported: [Ground] = []

    public init(code: String, name: String, group: String, row: Int, figures: [String: Figure],
                categoryScores: [CategoryScore], score: Double, rank: Int, rankFromBottom: Int, rankedCount: Int,
                leaders: [Leader], decisions: [Decision], excluded: [Decision]) {
        self.code = code
        self.name = name
        self.group = group
        self.row = row
        self.figures = figures
        self.categoryScores = categoryScores
        self.score = score
        self.rank = rank
        self.rankFromBottom = rankFromBottom
        self.rankedCount = rankedCount
        self.leaders = leaders
        self.decisions = decisions
        self.excluded = excluded
    }

    public func has(_ outcome: String) -> Bool { decisions.contains { $0.outcome == outcome } }

    /// The 市州 a document names: the data's 上级 column, else the ranking group.
    public var prefecture: String { parent.isEmpty ? group : parent }

    /// Decodes results stored before `parent`, `rankings` and `unreported` existed (they default to empty).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        group = try c.decode(String.self, forKey: .group)
        row = try c.decode(Int.self, forKey: .row)
        figures = try c.decode([String: Figure].self, forKey: .figures)
        categoryScores = try c.decode([CategoryScore].self, forKey: .categoryScores)
        score = try c.decode(Double.self, forKey: .score)
        rank = try c.decode(Int.self, forKey: .rank)
        rankFromBottom = try c.decode(Int.self, forKey: .rankFromBottom)
        rankedCount = try c.decode(Int.self, forKey: .rankedCount)
        leaders = try c.decode([Leader].self, forKey: .leaders)
        decisions = try c.decode([Decision].self, forKey: .decisions)
        excluded = try c.decode([Decision].self, forKey: .excluded)
        parent = try c.decodeIfPresent(String.self, forKey: .parent) ?? ""
        rankings = try c.decodeIfPresent([RankingResult].self, forKey: .rankings) ?? []
        unreported = try c.decodeIfPresent([Ground].self, forKey: .unreported) ?? []
    }
}

/// One jurisdiction's place in one ranking (排名 名称=…): 0 ranks when it could not be ranked.
public struct RankingResult: Sendable, Codable, Equatable {
    public var name: String
    public var group: String
    public var value: Double?
    public var rank: Int
    public var rankFromBottom: Int
    public var rankedCount: Int

    public init(name: String, group: String, value: Double?, rank: Int, rankFromBottom: Int, rankedCount: Int) {
        self.name = name
        self.group = group
        self.value = value
        self.rank = rank
        self.rankFromBottom = rankFromBottom
        self.rankedCount = rankedCount
    }
}

/// A figure as read: the cell's text, its number when it is one, the target when the indicator has one,
/// and the cell it came from. `value == nil && text.isEmpty` means 未报.
public struct Figure: Sendable, Codable, Equatable {
    public var text: String
    public var value: Double?
    public var target: Double?
    public var unit: String
    /// The column header as written in the sheet.
    public var column: String
    public var targetColumn: String?

    public init(text: String, value: Double?, target: Double? = nil, unit: String = "", column: String, targetColumn: String? = nil) {
        self.text = text
        self.value = value
        self.target = target
        self.unit = unit
        self.column = column
        self.targetColumn = targetColumn
    }

    public var isMissing: Bool { value == nil && text.trimmingCharacters(in: .whitespaces).isEmpty }
}

public struct CategoryScore: Sendable, Codable, Equatable {
    public var name: String
    public var score: Double
    public var weight: Double

    public init(name: String, score: Double, weight: Double) {
        self.name = name
        self.score = score
        self.weight = weight
    }
}

public struct Leader: Sendable, Codable, Hashable {
    public var role: String
    public var name: String

    public init(role: String, name: String) {
        self.role = role
        self.name = name
    }
}

/// One decision about one jurisdiction, with why.
public struct Decision: Sendable, Codable, Equatable {
    /// 一票否决, 通报批评, 诫勉谈话, 黄牌, 流动红旗, 表彰, 重点管理, 不予提拔, 优先提拔 … (the rules' 结果).
    public var outcome: String
    /// 条款 of the decision, e.g. 第五条.
    public var article: String
    /// The 情形 that held (at least one), each explained.
    public var grounds: [Ground]
    /// When the decision stays in force until (ISO date), if it has an 有效期.
    public var inForceUntil: String?
    /// Leaders who had left the post when decided (跟踪否决), with where they are now.
    public var trackedLeaders: [TrackedLeader]
    /// For an excluded decision: the outcome that excluded it.
    public var excludedBy: String?

    public init(outcome: String, article: String, grounds: [Ground], inForceUntil: String? = nil,
                trackedLeaders: [TrackedLeader] = [], excludedBy: String? = nil) {
        self.outcome = outcome
        self.article = article
        self.grounds = grounds
        self.inForceUntil = inForceUntil
        self.trackedLeaders = trackedLeaders
        self.excludedBy = excludedBy
    }

    /// One line a clerk can read: 第五条（一）未完成上级下达的人口计划：出生率 14.62‰，目标 13.00‰（指标.xlsx 第12行“出生率”）.
    public var explanation: String { grounds.map(\.explanation).joined(separator: "；") }
}

/// One case (情形) of an article that held, and the figures it read.
public struct Ground: Sendable, Codable, Equatable {
    /// 项 as written in the rules (（一）), may be empty.
    public var item: String
    /// 说明 as written in the rules.
    public var summary: String
    /// The condition as written.
    public var condition: String
    /// Every figure the condition read: this period's and earlier ones'.
    public var readings: [Reading]
    /// Numbers the condition compares with (thresholds), as written.
    public var thresholds: [String]
    /// True when the case holds only because a figure was 未报 (未报="视为情形").
    public var becauseMissing: Bool
    /// What else an explanation must say: earlier periods without a record (2024年无考核记录), 未报 ….
    public var notes: [String] = []

    public init(item: String, summary: String, condition: String, readings: [Reading], thresholds: [String],
                becauseMissing: Bool = false, notes: [String] = []) {
        self.notes = notes
        self.item = item
        self.summary = summary
        self.condition = condition
        self.readings = readings
        self.thresholds = thresholds
        self.becauseMissing = becauseMissing
    }

    /// `（一）未完成上级下达的人口计划：出生率 13.90‰（目标 13.50‰）（2024.xlsx 第16行）` — see ExplanationText.
    public var explanation: String { ExplanationText.ground(self) }

    /// Decodes grounds stored before `notes` existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        item = try c.decode(String.self, forKey: .item)
        summary = try c.decode(String.self, forKey: .summary)
        condition = try c.decode(String.self, forKey: .condition)
        readings = try c.decode([Reading].self, forKey: .readings)
        thresholds = try c.decode([String].self, forKey: .thresholds)
        becauseMissing = try c.decode(Bool.self, forKey: .becauseMissing)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}

/// One name a condition read, with its value and source.
public struct Reading: Sendable, Codable, Equatable {
    /// The name as written in the condition (出生率, 出生率.目标, 名次, 在期内.一票否决 …).
    public var name: String
    /// The value shown to people (14.62‰, 未报, 是, 第15名).
    public var shown: String
    /// The period it was read from.
    public var period: Period
    /// Data row and column header when it came from the sheet; nil for computed names.
    public var row: Int?
    public var column: String?
    /// The file it came from (the period's data file), when from a sheet.
    public var file: String?

    public init(name: String, shown: String, period: Period, row: Int? = nil, column: String? = nil, file: String? = nil) {
        self.name = name
        self.shown = shown
        self.period = period
        self.row = row
        self.column = column
        self.file = file
    }

    public var explanation: String {
        var text = "\(name) \(shown)"
        var place: [String] = []
        if let file { place.append(file) }
        if let row { place.append("第\(row)行") }
        if let column { place.append("“\(column)”列") }
        if !place.isEmpty { text += "（\(period.chineseName)，\(place.joined(separator: " "))）" }
        else { text += "（\(period.chineseName)）" }
        return text
    }
}

public struct TrackedLeader: Sendable, Codable, Equatable {
    public var role: String
    public var name: String
    /// Where the leader is now (a jurisdiction name and role), or "" when not found in the data.
    public var now: String

    public init(role: String, name: String, now: String) {
        self.role = role
        self.name = name
        self.now = now
    }
}
