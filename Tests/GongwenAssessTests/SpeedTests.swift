import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// The committed benchmark: 3,000 jurisdictions × 12 monthly periods assessed in turn, each saved to the
/// history the next one reads. Goal: under 1 s of CPU in a release build (checked only there; a debug
/// build is several times slower). Sheets are written before the clock starts.
@Suite struct SpeedTests {
    @Test func threeThousandJurisdictionsTwelvePeriods() throws {
        let xml = """
        <考核办法 名称="速度" 总分="100">
          <地区 代码="行政区划代码" 名称="名称" 上级="所属市州"/>
          <负责人 角色="党委书记" 列="书记"/>
          <指标 名称="出生率" 单位="‰" 方向="越低越好" 目标列="出生率目标"/>
          <指标 名称="符合政策生育率" 单位="%" 目标列="符合政策生育率目标"/>
          <指标 名称="漏报率" 单位="%" 方向="越低越好"/>
          <情况 名称="严重滞后"/>
          <评分>
            <类别 名称="双降" 权重="100">
              <按目标 指标="出生率" 满分="60" 每差="0.1" 扣="1"/>
              <按目标 指标="符合政策生育率" 满分="40" 每差="1" 扣="2"/>
            </类别>
          </评分>
          <排名 名称="全省排名" 精度="2"/>
          <排名 名称="州内排名" 范围="所属市州" 精度="1"/>
          <决定 结果="否决" 有效期="12个月" 跟踪否决="是" 排除="批评">
            <情形 条件="出生率 gt 出生率.目标"/>
            <情形 条件="符合政策生育率.差距 ge 3"/>
          </决定>
          <决定 结果="批评" 条件="漏报率 gt 5"/>
          <决定 结果="连续滞后" 条件="严重滞后 != '否'" 连续="3期"/>
          <决定 结果="黄牌" 条件="州内排名.倒数名次 le 3"/>
          <决定 结果="红旗" 条件="州内排名.名次 le 3 and not 在期内.否决 and not 负责人在期内.否决"/>
        </考核办法>
        """
        let rules = try Fixture.compile(xml)
        var paths: [String] = []
        for month in 1...12 {
            let rows = (0..<3000).map { i -> [String: String] in
                let h = (i &* 2654435761 &+ month &* 40503) % 1000
                return Fixture.county(i, group: "州\(i % 30)", [
                    "出生率": String(format: "%.2f", 11 + Double(h % 300) / 100), "符合政策生育率": String(format: "%.2f", 86 + Double(h % 80) / 10),
                    "漏报率": String(format: "%.2f", Double(h % 70) / 10), "严重滞后": h % 17 == 0 ? "党政线" : "否",
                ])
            }
            paths.append(Fixture.csv(rows, name: "2025-\(month).csv"))
        }
        let history = MemoryHistory()
        let assessor = Assessor(rules: rules)
        let start = clock()
        var decided = 0
        for (m, path) in paths.enumerated() {
            let a = try assessor.assess(dataFile: path, period: Period(year: 2025, kind: .month, index: m + 1), history: history)
            try history.save(a, replacing: false)
            decided += a.jurisdictions.reduce(0) { $0 + $1.decisions.count }
        }
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        print("考核速度：3000 个地区 × 12 期，CPU \(String(format: "%.3f", seconds)) 秒，决定 \(decided) 项")
        #expect(decided > 0)
        #if !DEBUG
        #expect(seconds < 1.0)
        #endif
    }
}
