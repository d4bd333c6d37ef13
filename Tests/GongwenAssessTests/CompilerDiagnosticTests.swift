import Foundation
import Testing
import GongwenModel
@testable import GongwenAssess

/// Every class of rules error, at the exact line and column: the column is found in the test from the
/// text itself (the first scalar of `needle` on line `line`), so the test states where a person looks.
@Suite struct CompilerDiagnosticTests {
    static let head = """
    <考核办法 名称="测试" 总分="100">
      <地区 代码="行政区划代码" 名称="名称"/>
      <指标 名称="出生率" 单位="‰" 方向="越低越好" 目标列="出生率目标"/>
      <指标 名称="漏报率" 单位="%" 方向="越低越好"/>
      <情况 名称="严重滞后" 取值="否 党政线"/>
      <评分>
        <类别 名称="双降" 权重="100">
          <按目标 指标="出生率" 满分="100" 每差="0.1" 扣="1"/>
        </类别>
      </评分>
      <排名 名称="全省排名"/>

    """
    static let headLines = head.split(separator: "\n", omittingEmptySubsequences: false).count - 1

    /// Compiles `head + body + </考核办法>` and returns the diagnostics.
    func diagnostics(_ body: String) -> [Diagnostic] {
        do {
            _ = try Fixture.compile(Self.head + body + "\n</考核办法>\n")
            Issue.record("expected errors")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Where `needle` starts in line `n` of the body (1-based line of the body).
    func place(_ body: String, line n: Int, _ needle: String) -> (Int, Int) {
        let line = body.split(separator: "\n", omittingEmptySubsequences: false)[n - 1]
        let prefix = line[..<line.range(of: needle)!.lowerBound]
        return (Self.headLines + n, prefix.unicodeScalars.count + 1)
    }

    func expectError(_ body: String, id: String, line: Int, at needle: String, says words: String) {
        let found = diagnostics(body)
        let (l, c) = place(body, line: line, needle)
        let match = found.first { $0.id == id }
        #expect(match != nil, "no \(id) in \(found)")
        #expect(match?.location?.line == l, "\(String(describing: match))")
        #expect(match?.location?.column == c, "\(String(describing: match))")
        #expect(match?.location?.file == "考核办法.xml")
        #expect(match?.message.contains(words) == true, "\(String(describing: match?.message))")
    }

    @Test func unknownElement() {
        expectError("  <规定 结果=\"x\"/>", id: "unknown-element", line: 1, at: "<规定", says: "规定")
    }

    @Test func unknownAttribute() {
        expectError("  <决定 结果=\"黄牌\" 颜色=\"黄\" 条件=\"名次 le 3\"/>", id: "unknown-attribute", line: 1, at: "颜色", says: "颜色")
    }

    @Test func unknownIndicatorPointsAtTheName() {
        expectError("  <决定 结果=\"否决\" 条件=\"出生率 gt 3 and 死亡率 gt 3\"/>", id: "unknown-name", line: 1, at: "死亡率", says: "死亡率")
        expectError("  <决定 结果=\"否决\" 条件=\"出生率.指标 gt 3\"/>", id: "unknown-name", line: 1, at: "指标 gt", says: "指标")
        expectError("  <决定 结果=\"否决\" 条件=\"类别.人口 gt 3\"/>", id: "unknown-name", line: 1, at: "人口", says: "人口")
        expectError("  <决定 结果=\"否决\" 条件=\"州内排名.名次 le 3\"/>", id: "unknown-name", line: 1, at: "州内排名", says: "州内排名")
        expectError("  <决定 结果=\"否决\" 条件=\"严重滞后 == '是'\"/>\n  <决定 结果=\"谈话\" 条件=\"在期内.批评\"/>", id: "unknown-name", line: 2, at: "批评", says: "批评")
    }

    /// The history keys a leader by (name, period, jurisdiction, role), so a role is declared once.
    @Test func leaderRoleDeclaredTwice() {
        expectError("  <负责人 角色=\"书记\" 列=\"书记\"/>\n  <负责人 角色=\"书记\" 列=\"党委书记\"/>", id: "duplicate-name", line: 2,
                    at: "书记\" 列=\"党委", says: "负责人角色“书记”重复")
    }

    @Test func laterDecisionCannotBeRead() {
        let body = """
          <决定 结果="通报批评" 条件="漏报率 gt 5 and not 一票否决"/>
          <决定 结果="一票否决" 条件="出生率 gt 出生率.目标"/>
        """
        expectError(body, id: "later-decision", line: 1, at: "一票否决", says: "一票否决")
    }

    @Test func categoryWeightsMustAddUpToTheTotal() throws {
        let xml = """
        <考核办法 名称="测试" 总分="100">
          <地区 代码="行政区划代码" 名称="名称"/>
          <指标 名称="出生率" 方向="越低越好" 目标列="出生率目标"/>
          <指标 名称="符合政策生育率" 目标列="符合政策生育率目标"/>
          <评分>
            <类别 名称="双降" 权重="60">
              <按目标 指标="出生率" 满分="50" 每差="0.1" 扣="1"/>
            </类别>
            <类别 名称="人口计划" 权重="30">
              <按目标 指标="符合政策生育率" 满分="30" 每差="1" 扣="1"/>
            </类别>
          </评分>
        </考核办法>
        """
        #expect(throws: DiagnosticError.self) { try Fixture.compile(xml) }
        do {
            _ = try Fixture.compile(xml)
        } catch {
            let items = error.diagnostics.first { $0.message.contains("类别“双降”") }
            #expect(items?.id == "weights-mismatch")
            #expect(items?.location?.line == 6 && items?.location?.column == 5)
            #expect(items?.message.contains("50") == true && items?.message.contains("60") == true)
            let total = error.diagnostics.first { $0.message.contains("总分") }
            #expect(total?.id == "weights-mismatch")
            #expect(total?.location?.line == 5 && total?.location?.column == 3)
            #expect(total?.message.contains("90") == true)
            #expect(error.diagnostics.count == 2)
        }
    }

    @Test func circularPrecedenceNamesTheCycle() {
        let body = """
          <决定 结果="甲" 排除="乙" 条件="漏报率 gt 5"/>
          <决定 结果="乙" 排除="丙" 条件="漏报率 gt 6"/>
          <决定 结果="丙" 排除="甲" 条件="漏报率 gt 7"/>
        """
        let d = diagnostics(body).first { $0.id == "precedence-cycle" }
        #expect(d?.message.contains("甲 → 乙 → 丙 → 甲") == true, "\(String(describing: d))")
        #expect(d?.location?.line == Self.headLines + 1)
    }

    @Test func badValues() {
        expectError("  <决定 结果=\"甲\" 周期=\"月 旬\" 条件=\"漏报率 gt 5\"/>", id: "bad-period-kind", line: 1, at: "旬", says: "旬")
        expectError("  <决定 结果=\"甲\" 有效期=\"一年\" 条件=\"漏报率 gt 5\"/>", id: "bad-duration", line: 1, at: "一年", says: "一年")
        expectError("  <决定 结果=\"甲\" 连续=\"两年\" 条件=\"漏报率 gt 5\"/>", id: "bad-consecutive", line: 1, at: "两年", says: "两年")
        expectError("  <决定 结果=\"甲\" 未报=\"忽略\" 条件=\"漏报率 gt 5\"/>", id: "bad-missing-rule", line: 1, at: "忽略", says: "忽略")
        expectError("  <指标 名称=\"增长率\" 方向=\"越大越好\"/>", id: "bad-direction", line: 1, at: "越大越好", says: "越大越好")
    }

    @Test func syntaxErrorInsideTheAttribute() {
        let body = "  <决定 结果=\"甲\" 条件=\"漏报率 gt 5 )\"/>"
        let found = diagnostics(body)
        let (l, c) = place(body, line: 1, ")")
        #expect(found.first?.id == "expression-syntax")
        #expect(found.first?.location?.line == l && found.first?.location?.column == c, "\(found)")
    }

    @Test func collectsSeveralErrors() {
        let body = """
          <决定 结果="甲" 周期="旬" 条件="死亡率 gt 5"/>
          <决定 结果="乙" 颜色="黄" 条件="漏报率 gt 5"/>
        """
        let ids = Set(diagnostics(body).map(\.id))
        #expect(ids == ["bad-period-kind", "unknown-name", "unknown-attribute"])
    }

    @Test func missingColumnAtRunTimeNamesFileAndHeaderRow() throws {
        let rules = try Fixture.rules()
        let path = Fixture.csv([Fixture.county(1)], dropping: ["漏报率"])
        do {
            _ = try Assessor(rules: rules).assess(dataFile: path, period: Period(year: 2025, kind: .year), history: MemoryHistory())
            Issue.record("expected an error")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.id == "data-missing-column")
            #expect(d.dataLocation == DataLocation(file: path, row: 1, field: "漏报率"))
            #expect(d.message.contains("漏报率") && d.message.contains("第1行"))
        }
    }

    @Test func duplicateCodeNamesBothRows() throws {
        let rows = [Fixture.county(1), Fixture.county(2), Fixture.county(1)]
        do {
            _ = try Fixture.assess(try Fixture.rules(), rows, "2025", history: MemoryHistory(), save: false)
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            let d = try #require(error.diagnostics.first)
            #expect(d.id == "data-duplicate-code")
            #expect(d.message.contains("第2行") && d.message.contains("第4行"))
        }
    }
}
