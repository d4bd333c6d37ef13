import GongwenModel
import Testing
@testable import GongwenTemplate

/// What templates need to state the regulation right: ranks with ties, titles that fit the
/// place, the level above a region, optional fields, `<fail>` for data that contradicts the
/// document, and clause numbering under a 一、 heading.
@Suite("Template rules for filed documents")
struct OfficeRuleTests {
    /// Counties with scores: two tie for third, two tie at the boundary of the last three.
    let counties = list([
        ("甲县", "94.8"), ("乙县", "94.7"), ("丙县", "92.8"), ("丁县", "92.8"), ("戊县", "80"),
        ("己县", "67.2"), ("庚县", "67.2"), ("辛县", "64"), ("壬县", "63.6"),
    ].map { record([("名称", text($0.0)), ("得分", number($0.1))]) })

    @Test("排名 shares a place between equal scores and skips the next (1, 2, 3, 3, 5)")
    func ranks() throws {
        let places = try evaluate("地区 | 排名('得分') | map('名次') | join(',')", [("地区", counties)])
        #expect(places == "1,2,3,3,5,6,6,8,9")
        let tied = try evaluate("地区 | 排名('得分') | where('并列') | map('名称') | join", [("地区", counties)])
        #expect(tied == "丙县、丁县、己县、庚县")
        // From low to high: the lowest score is first.
        #expect(try evaluate("(地区 | 排名('得分', 'asc') | first).名称", [("地区", counties)]) == "壬县")
    }

    @Test("排名 gives the ranked records of one table one table of names, not a copy each")
    func rankedKeysShared() throws {
        let keys = RecordKeys(["名称", "得分"])
        let rows = Value.list((0..<1_000).map { .record(Record(keys: keys, values: [.string("县\($0)"), .number(Number($0 % 7))])) })
        let rank = try #require(Filters.all["排名"])
        guard case .list(let out) = try rank.apply(rows, [.string("得分")]) else { Issue.record("not a list"); return }
        let tables = Set(out.compactMap { if case .record(let r) = $0 { ObjectIdentifier(r.keyTable) } else { nil } })
        #expect(tables.count == 1)
        guard case .record(let first) = out[0] else { return }
        #expect(first.order == ["名称", "得分", "名次", "并列"])
        #expect(first["得分"] == .number(Number(6)) && first["名次"] == .number(Number(1)) && first["并列"] == .bool(true))
        // Ranked again, the places are replaced, not added twice.
        guard case .list(let again) = try rank.apply(.list(out), [.string("得分"), .string("asc")]),
              case .record(let low) = again[0] else { Issue.record("not a list"); return }
        #expect(low.order == ["名称", "得分", "名次", "并列"] && low["名次"] == .number(Number(1)) && low["得分"] == .number(Number(0)))
    }

    @Test("前几名 and 后几名 name everyone tied at the boundary")
    func boundaries() throws {
        #expect(try evaluate("地区 | 排名('得分') | 前几名(3) | map('名称') | join", [("地区", counties)]) == "甲县、乙县、丙县、丁县")
        #expect(try evaluate("地区 | 排名('得分') | 前几名(2) | map('名称') | join", [("地区", counties)]) == "甲县、乙县")
        #expect(try evaluate("地区 | 排名('得分') | 后几名(3) | map('名称') | join", [("地区", counties)]) == "己县、庚县、辛县、壬县")
        #expect(try evaluate("地区 | 排名('得分') | 后几名(1) | map('名称') | join", [("地区", counties)]) == "壬县")
    }

    @Test("ranking a list that has no number, or taking places from an unranked list, is a located error")
    func rankErrors() {
        let bad = list([record([("名称", text("甲县")), ("得分", text("优"))])])
        #expect(throws: DiagnosticError.self) { try evaluate("地区 | 排名('得分') | length", [("地区", bad)]) }
        #expect(throws: DiagnosticError.self) { try evaluate("地区 | 前几名(3) | length", [("地区", counties)]) }
    }

    @Test("bodies and titles follow the kind of place", arguments: [
        ("'清水县' | 职务('书记')", "清水县委书记"), ("'清水县' | 职务('首长')", "清水县县长"),
        ("'钟山区' | 职务('首长')", "钟山区区长"), ("'凯里市' | 职务('书记')", "凯里市委书记"),
        // A 特区 has a 党委 and a 人民政府 (第三条: 县（市、区、特区）党委、政府); a 管理区 a 党工委 and a 管委会.
        ("'河西特区' | 职务('书记')", "河西特区委书记"), ("'河西特区' | 职务('首长')", "河西特区区长"),
        ("'河西特区' | 机构名('党委')", "中共河西特区委"), ("'河西特区' | 机构名('政府')", "河西特区人民政府"),
        ("'百里杜鹃管理区' | 机构名('党委')", "中共百里杜鹃管理区工委"), ("'百里杜鹃管理区' | 机构名('政府')", "百里杜鹃管理区管委会"),
        ("'百里杜鹃管理区' | 职务('首长')", "百里杜鹃管理区管委会主任"), ("'百里杜鹃管理区' | 职务('书记')", "百里杜鹃管理区党工委书记"),
        ("'龙溪州' | 职务('首长')", "龙溪州州长"), ("'钟山区' | 职务('首长', '简称')", "区长"),
        ("'东门社区' | 机构名('政府')", "东门社区居民委员会"), ("'坪上村' | 机构名('政府')", "坪上村村民委员会"),
        ("'城关镇' | 职务('书记')", "城关镇党委书记"), ("'南岭省' | 职务('首长')", "南岭省省长"),
    ])
    func jurisdictionTitles(_ expression: String, _ expected: String) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("负责人 names the head of an organ, and falls back to 负责人", arguments: [
        ("安平市人民政府", "市长"), ("清水县人民政府", "县长"), ("河西特区人民政府", "区长"), ("百里杜鹃管理区管委会", "管委会主任"),
        ("安平市卫生健康局", "局长"), ("南岭省财政厅", "厅长"), ("安平市卫生健康委员会", "主任"), ("某某合作社", "负责人"),
    ])
    func heads(_ organ: String, _ expected: String) throws {
        #expect(try evaluate("'\(organ)' | 负责人") == expected)
    }

    @Test("a name that is not a place cannot be given a title")
    func notAPlace() {
        #expect(throws: DiagnosticError.self) { try evaluate("'安平市卫生健康局' | 职务('书记')") }
    }

    @Test("上级单位 reads the region's parent; without a code list the message says what to give")
    func parent() throws {
        let region = record([("名称", text("清水县")), ("上级", record([("名称", text("安平市"))]))])
        #expect(try evaluate("区划 | 上级单位 | 机构名('政府')", [("区划", region)]) == "安平市人民政府")
        do {
            let t = try compile("<正文><段>{{ 区划 | 上级单位 }}</段></正文>")
            _ = try merge(t, [("区划", .null)])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("区划代码.csv") == true)
        }
    }

    @Test("default reads its fallback only when it is needed")
    func lazyDefault() throws {
        // Without a region the fallback would fail; the value given makes it unnecessary.
        #expect(try evaluate("甲方 | default(区划 | 上级单位)", [("甲方", text("安平市人民政府")), ("区划", .null)]) == "安平市人民政府")
    }

    @Test("an optional field the data leaves out reads as empty; masking an empty field prints nothing")
    func optionalFields() throws {
        let t = try compile("""
            <文书><数据要求><字段 名="户主"/><字段 名="联系电话" 类型="代码" 位数="11" 必填="否"/></数据要求>
            <正文><段>{{ 户主 }}：{{ 联系电话 | 手机号脱敏 }}</段></正文></文书>
            """)
        let d = try merge(t, [("户主", text("张三"))])
        #expect(d.body == [.paragraph([.text("张三：")])])
        let filled = try merge(t, [("户主", text("张三")), ("联系电话", text("13812345678"))])
        #expect(Inline.plainText(filled.body.first.map { if case .paragraph(let i) = $0 { i } else { [] } } ?? []) == "张三：138****5678")
        // A field the contract does not declare is still an error when missing.
        #expect(throws: DiagnosticError.self) { try merge(t, []) }
    }

    @Test("<fail> stops the record with its message, located at the element and the record")
    func failDirective() throws {
        let t = try compile("<正文><if test=\"分 lt 60\"><fail>{{ 名称 }}的得分 {{ 分 }} 低于 60</fail></if><段>{{ 名称 }}</段></正文>")
        #expect(try merge(t, [("名称", text("甲县")), ("分", number("70"))]).body.count == 1)
        do {
            _ = try merge(t, [("名称", text("乙县")), ("分", number("50"))])
            Issue.record("expected <fail> to stop the record")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.id == "template-fail" && d.message == "乙县的得分 50 低于 60")
            #expect(d.location?.line == 2 && d.dataLocation?.record == 1)
        }
        #expect(compileErrors("<正文><fail></fail></正文>").map(\.id) == ["missing-content"])
    }

    @Test("clauses under a 一、 heading numbered 一、 again are refused at the attribute")
    func clauseNumbering() {
        let body = "<正文><层次 级=\"1\">甲方责任</层次><条款 编号=\"一、\"><条>甲</条></条款></正文>"
        let errors = compileErrors(body)
        #expect(errors.map(\.id) == ["clause-numbering-level"])
        #expect(errors.first?.location?.line == 2)
        #expect(errors.first?.location?.column == body.distance(from: body.startIndex, to: body.range(of: "编号")!.lowerBound) + 1)
        #expect(compileErrors("<正文><层次 级=\"1\">甲方责任</层次><条款 编号=\"（一）\"><条>甲</条></条款></正文>").isEmpty)
        #expect(compileErrors("<正文><条款 编号=\"一、\"><条>甲</条></条款></正文>").isEmpty)
    }

    @Test("a <let> that fails is reported once, not again at each use")
    func failedLetReportedOnce() {
        let t = try? compile("<正文><let name=\"甲\" value=\"区划 | 上级单位\"/><段>{{ 甲 }}</段><段>{{ 甲 | length }}</段></正文>")
        do {
            _ = try merge(t!, [("区划", .null)])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
        }
    }
}
