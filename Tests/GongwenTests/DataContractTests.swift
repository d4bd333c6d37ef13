import Foundation
import Gongwen
import GongwenData
import GongwenModel
import GongwenTemplate
import Testing
import TestSupport

/// The data contract, checked on the LibreOffice-made fixtures: every problem of a sheet listed
/// at once, each with the row the user sees, the header as written and an English id.
@Suite("Data contract")
struct DataContractTests {
    static let contract = """
        <文书 文种="测试">
          <数据要求>
            <字段 名="行政区划代码" 类型="区划代码" 级别="县" 位数="6"/>
            <字段 名="名称" 类型="区划名称" 代码字段="行政区划代码"/>
            <字段 名="常住人口" 类型="整数" 最小="1"/>
            <字段 名="出生数" 类型="整数" 最小="0" 必填="否"/>
            <字段 名="出生率" 类型="千分率" 最小="0" 最大="50" 必填="否"/>
            <字段 名="符合政策生育率" 类型="百分率" 最小="0" 最大="100"/>
            <字段 名="考核日期" 类型="日期"/>
            <字段 名="达标" 类型="选项" 选项="是、否"/>
          </数据要求>
          <正文><段>{{ 名称 }}：出生率{{ 出生率 }}‰，{{ 考核日期 | 日期 }}，{{ 达标 }}</段></正文>
        </文书>
        """

    static func template(_ text: String = contract) throws -> Template {
        try Template.compile(SourceText(path: "t.xml", bytes: Array(text.utf8)))
    }

    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/data/\(name)") }
    static let regions = Repository.path("Examples/南岭省/区划代码.csv")

    func problems(_ file: String, sheet: String? = nil, regions: String? = nil) throws -> [Diagnostic] {
        do {
            _ = try Pipeline.loadCheckedData(Self.fixture(file), template: Self.template(), read: ReadOptions(sheet: sheet),
                                             regionsPath: regions)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics
        }
    }

    @Test("a good sheet passes; loosely matched headers are renamed; values are converted",
          arguments: ["县级指标.xlsx", "县级指标.ods", "县级指标-gb18030.csv"])
    func goodSheet(_ file: String) throws {
        let (data, skipped) = try Pipeline.loadCheckedData(Self.fixture(file), template: Self.template())
        #expect(skipped.isEmpty)
        let first = data.records[0]
        #expect(first["出生率"] == .number(Number(Decimal(string: "13.17")!, literal: "13.17")))
        #expect(first["出生率"]?.text == "13.17")
        #expect(first["符合政策生育率"]?.text == "93.12")
        #expect(first["考核日期"] == .string("2025-06-30"))
        #expect(first["达标"] == .string("是"))
        #expect(first["常住人口"]?.asNumber?.intValue == 412345)
        // An optional empty cell is fine.
        #expect(data.records[2]["出生数"] == .null)
    }

    @Test("every problem of the sheet at once, in the user's words", arguments: ["县级指标.xlsx", "县级指标.ods"])
    func badSheet(_ file: String) throws {
        let lines = try problems(file, sheet: "有错误").map(\.description)
        let path = Self.fixture(file)
        #expect(lines == [
            "\(path): 第2行 “出生率（‰）”: error: “1２.3‰” 不是数字（含全角字符“２”） / not a number [data-not-a-number]",
            "\(path): 第3行 “行政区划代码”: error: “66020X” 不是数字代码 / a code must be digits [data-bad-code]",
            "\(path): 第3行 “常住人口”: error: “二十九万” 不是数字 / not a number [data-not-a-number]",
            "\(path): 第3行 “考核日期”: error: “2025-13-01” 不是有效日期（可写作 2025-06-30 或 2025年6月30日） / not a valid date [data-not-a-date]",
            "\(path): 第4行 “名称”: error: 此项必填，但是空的 / required, but empty [data-required]",
            "\(path): 第4行 “出生数”: error: “-3” 超出范围（应不小于 0） / out of range [data-out-of-range]",
            "\(path): 第4行 “出生率（‰）”: error: “999” 超出范围（应在 0 到 50 之间） / out of range [data-out-of-range]",
            "\(path): 第4行 “达标”: error: “不知道” 不是可选值之一（是、否） / not one of the allowed values [data-not-in-list]",
        ])
    }

    @Test("codes are checked against the code list: unknown codes and names that do not match")
    func regions() throws {
        let lines = try problems("县级指标.xlsx", regions: Self.regions).map(\.description)
        let path = Self.fixture("县级指标.xlsx")
        #expect(lines == [
            "\(path): 第5行 “名称”: error: “安平县” 与行政区划代码 660205 不符（代码表中为“盘州市”） / name does not match its code [data-region-mismatch]",
            "\(path): 第6行 “行政区划代码”: error: 行政区划代码 “660206” 不在区划代码表（\(Self.regions)）中 / unknown region code [data-unknown-region]",
        ])
    }

    @Test("a code of the wrong level is reported")
    func regionLevel() throws {
        let dir = temporaryDirectory()
        writeFiles(["d.csv": "行政区划代码,名称,常住人口,出生率,符合政策生育率,考核日期,达标\n660200,安平市,1,1,1,2025-1-1,是\n"], into: dir)
        do {
            _ = try Pipeline.loadCheckedData(dir.appendingPathComponent("d.csv").path, template: Self.template(), regionsPath: Self.regions)
            Issue.record("expected a problem")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.message) == ["代码 660200 是市级区划（安平市），此处应为县级 / wrong level"])
        }
    }

    @Test("templates see a region's full name, its parent and its children")
    func regionFields() throws {
        let dir = temporaryDirectory()
        writeFiles(["乡镇.csv": "行政区划代码,名称\n660203001,城关镇\n"], into: dir)
        let template = try Self.template("""
            <文书><正文><段>{{ 区划.全称 }}|{{ 区划.上级.名称 }}|{{ 区划.级别 }}|{{ 区划.下级 | map('名称') | join('、') }}</段></正文></文书>
            """)
        let (data, _) = try Pipeline.loadCheckedData(dir.appendingPathComponent("乡镇.csv").path, template: template, regionsPath: Self.regions)
        let document = try template.merge(data.records[0], shared: data.shared, at: data.locations[0]).document
        #expect(DocumentDump.dump(document).contains("南岭省安平市清水县城关镇|清水县|乡|新寨村、坪上村、东门社区"))
    }

    @Test("a missing column is reported once, naming the columns there are")
    func missingColumn() throws {
        let dir = temporaryDirectory()
        writeFiles(["d.csv": "名称,出生率\n清水县,12\n石门县,13\n"], into: dir)
        do {
            _ = try Pipeline.loadCheckedData(dir.appendingPathComponent("d.csv").path, template: Self.template())
            Issue.record("expected a problem")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.id) == ["data-missing-column", "data-missing-column", "data-missing-column", "data-missing-column", "data-missing-column"])
            #expect(error.diagnostics[0].message == "缺少模板需要的列 “行政区划代码”（现有的列：“名称”、“出生率”） / missing column")
        }
    }

    @Test("units, thousands separators and Excel's leading-zero loss", arguments: [
        ("千分率", "12.85%", "data-wrong-unit"), ("整数", "1,198,970", nil), ("整数", "12.5", "data-not-an-integer"),
        ("小数", "12,85", "data-not-a-number"), ("百分率", "93.5%", nil), ("日期", "2025/6/30", nil), ("日期", "2025-02-29", "data-not-a-date"), ("日期", "2025年6月30日", nil),
    ] as [(String, String, String?)])
    func conversions(_ kind: String, _ cell: String, _ id: String?) throws {
        let rule = FieldRule(name: "x", kind: Self.kind(kind))
        do {
            _ = try DataCheck.run(DataSet(file: "d.csv", records: [Record([("x", .string(cell))])]),
                                  contract: DataContract(fields: [rule]), regions: nil)
                .problems.first.map { throw DiagnosticError($0) }
            #expect(id == nil)
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.id == id)
        }
    }

    @Test("a code stored as a number loses its zeros in Excel; the message says so")
    func leadingZeros() {
        let rule = FieldRule(name: "代码", kind: .code, lengths: [6])
        let result = DataCheck.run(DataSet(file: "d.xlsx", records: [Record([("代码", .number(Number(52)))])]),
                                   contract: DataContract(fields: [rule]), regions: nil)
        #expect(result.problems.first?.message.contains("去掉了开头的 0") == true)
    }

    @Test("--skip-bad-records renders the good rows and writes the list of the others")
    func skipBadRecords() throws {
        let dir = temporaryDirectory()
        writeFiles(["t.xml": Self.contract,
                    "d.csv": "行政区划代码,名称,常住人口,出生率,符合政策生育率,考核日期,达标\n660203,清水县,1,1,1,2025-1-1,是\n660204,石门县,1,=1+1,1,2025-1-1,是\n"],
                   into: dir)
        let options = RenderOptions(templatePath: dir.appendingPathComponent("t.xml").path, dataPath: dir.appendingPathComponent("d.csv").path,
                                    formats: [.html], outputDirectory: dir.appendingPathComponent("out").path, skipBadRecords: true)
        let report = try Pipeline.render(options)
        #expect(report.records == 1)
        #expect(report.skipped.map(\.id) == ["data-not-a-number"])
        let list = try String(contentsOf: dir.appendingPathComponent("out/跳过的记录.csv"), encoding: .utf8)
        #expect(list.contains("d.csv,3,,出生率,“=1+1” 不是数字 / not a number,data-not-a-number"))
        // Without the flag nothing is written.
        var strict = options
        strict.skipBadRecords = false
        strict.outputDirectory = dir.appendingPathComponent("out2").path
        #expect(throws: DiagnosticError.self) { _ = try Pipeline.render(strict) }
        #expect(!FileManager.default.fileExists(atPath: strict.outputDirectory))
    }

    @Test("a formula string and markup from a spreadsheet are printed as text in every format")
    func hostileCells() throws {
        let dir = temporaryDirectory()
        writeFiles(["t.xml": "<文书 文种=\"x\"><正文><段>{{ 名称 }}：{{ 备注 }}</段></正文></文书>"], into: dir)
        let options = RenderOptions(templatePath: dir.appendingPathComponent("t.xml").path, dataPath: Self.fixture("县级指标.xlsx"),
                                    outputDirectory: dir.appendingPathComponent("out").path, combine: true)
        _ = try Pipeline.render(options)
        let html = try String(contentsOfFile: dir.appendingPathComponent("out/t.html").path, encoding: .utf8)
        #expect(html.contains("杨䶮县：=HYPERLINK(&quot;http://x.example&quot;,&quot;点我&quot;) &lt;b&gt;粗&lt;/b&gt;")
                || html.contains("杨䶮县：=HYPERLINK(\"http://x.example\",\"点我\") &lt;b&gt;粗&lt;/b&gt;"))
        #expect(!html.contains("<b>粗"))
        let fodt = try #require(FileManager.default.contents(atPath: dir.appendingPathComponent("out/t.fodt").path))
        #expect(wellFormednessError([UInt8](fodt)) == nil)
        #expect(String(decoding: fodt, as: UTF8.self).contains("&lt;b&gt;粗&lt;/b&gt;"))
    }

    @Test("列表=: table rows become the items of one document's list; nested items are checked in YAML")
    func listContract() throws {
        let dir = temporaryDirectory()
        writeFiles(["good.csv": "名称,得分\n甲县,90\n乙县,88.5\n", "bad.csv": "名称,得分\n甲县,90\n乙县,101\n",
                    "bad.yaml": "记录:\n  - 地区:\n      - {名称: 甲县, 得分: 90}\n      - {名称: 乙县, 得分: 高}\n"], into: dir)
        let template = try Self.template("""
            <公文><数据要求 列表="地区"><字段 名="名称"/><字段 名="得分" 类型="小数" 最小="0" 最大="100"/></数据要求>
            <正文><段>{{ 地区 | length }}个：{{ 地区 | sort('得分', 'desc') | map('名称') | join('、') }}</段></正文></公文>
            """)
        let (data, _) = try Pipeline.loadCheckedData(dir.appendingPathComponent("good.csv").path, template: template)
        #expect(data.records.count == 1)
        let document = try template.merge(data.records[0], shared: data.shared, at: data.locations[0]).document
        #expect(DocumentDump.dump(document).contains("2个：甲县、乙县"))
        for (file, expected) in [("bad.csv", "第3行 “得分”: error: “101” 超出范围（应在 0 到 100 之间）"),
                                 ("bad.yaml", "第1条记录 “地区[2].得分”: error: “高” 不是数字")] {
            let found = Self.diagnostics { () throws(DiagnosticError) in
                _ = try Pipeline.loadCheckedData(dir.appendingPathComponent(file).path, template: template)
            }
            #expect(found.count == 1)
            #expect(found.first?.description.contains(expected) == true)
        }
    }

    @Test("contract declarations are checked when the template is compiled")
    func badDeclarations() {
        #expect {
            _ = try Self.template("<文书><数据要求><字段 名=\"a\" 类型=\"数目\"/><字段 类型=\"整数\"/><字段 名=\"b\" 最小=\"x\"/></数据要求><正文/></文书>")
        } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.id) == ["contract-type", "contract-name", "contract-value"]
        }
    }

    @Test("header names match loosely: full-width, spaces, units in brackets")
    func looseHeaders() {
        #expect(HeaderName.normalize("出生率（‰）") == "出生率")
        #expect(HeaderName.normalize(" 出生率 (‰) ") == "出生率")
        #expect(HeaderName.normalize("ＧＤＰ") == "gdp")
        #expect(HeaderName.normalize("金额【元】") == "金额")
    }

    @Test("one column that two fields match is a located error, not a trap")
    func oneColumnTwoFields() {
        let contract = DataContract(fields: [FieldRule(name: "出生率", kind: .decimal), FieldRule(name: "出生率(‰)", kind: .decimal)])
        let result = DataCheck.run(DataSet(file: "d.csv", records: [Record([("出生率（‰）", .string("12.5"))])]),
                                   contract: contract, regions: nil)
        #expect(result.problems.map(\.id) == ["data-ambiguous-column"])
        #expect(result.problems.first?.description
            == "d.csv: “出生率（‰）”: error: 列 “出生率（‰）” 同时对应模板的 “出生率”、“出生率(‰)” 几个字段，请在表格中分成几列或修改模板的字段名、别名 / one column matches several fields [data-ambiguous-column]")
        // A field whose alias is another field's name, likewise.
        let aliased = DataContract(fields: [FieldRule(name: "人口", aliases: ["常住人口"]), FieldRule(name: "常住人口")])
        #expect(DataCheck.run(DataSet(file: "d.csv", records: [Record([("常住人口", .string("1"))])]), contract: aliased, regions: nil)
            .problems.map(\.id) == ["data-ambiguous-column"])
    }

    @Test("a declared 行政区划代码 and the region list's own check of it are one field, not an ambiguity")
    func declaredRegionCodeWithList() throws {
        let contract = DataContract(fields: [FieldRule(name: "行政区划代码", kind: .code)])
        let regions = try RegionList.read(path: Self.regions)
        let good = DataCheck.run(DataSet(file: "d.csv", records: [Record([("行政区划代码", .string("660203"))])]),
                                 contract: contract, regions: regions)
        #expect(good.problems.isEmpty, "\(good.problems)")
        let unknown = DataCheck.run(DataSet(file: "d.csv", records: [Record([("行政区划代码", .string("999999"))])]),
                                    contract: contract, regions: regions)
        #expect(!unknown.problems.isEmpty && !unknown.problems.contains { $0.id == "data-ambiguous-column" })
    }

    @Test("a field the template names 区划 keeps the data's value; the region is not added twice")
    func fieldNamed区划() throws {
        let dir = temporaryDirectory()
        writeFiles(["d.csv": "行政区划代码,区划(简称)\n660203,清水\n"], into: dir)
        let template = try Self.template("<文书><数据要求><字段 名=\"区划\"/></数据要求><正文><段>{{ 区划 }}</段></正文></文书>")
        let (data, _) = try Pipeline.loadCheckedData(dir.appendingPathComponent("d.csv").path, template: template, regionsPath: Self.regions)
        #expect(data.records.count == 1)
        #expect(data.records[0]["区划"] == .string("清水"))
        #expect(data.records[0].order == ["行政区划代码", "区划"])
    }

    /// The diagnostics `body` throws (none when it succeeds).
    static func diagnostics(_ body: () throws(DiagnosticError) -> Void) -> [Diagnostic] {
        do {
            try body()
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func kind(_ name: String) -> FieldRule.Kind {
        switch name {
        case "千分率": .perMille
        case "百分率": .percent
        case "整数": .integer
        case "日期": .date
        default: .decimal
        }
    }
}
