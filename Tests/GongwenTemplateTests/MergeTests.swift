import GongwenModel
import Testing
@testable import GongwenTemplate

@Suite("Merge")
struct MergeTests {
    @Test("each exposes the item and loop.index/first/last/length")
    func eachLoop() throws {
        let t = try compile("""
        <正文><each in="县" as="x"><段>{{ loop.index }}/{{ loop.length }} {{ x }}<if test="loop.first">（首）</if><if test="loop.last">（末）</if></段></each></正文>
        """)
        let d = try merge(t, [("县", list([text("甲"), text("乙"), text("丙")]))])
        #expect(d.body == [
            .paragraph([.text("1/3 甲（首）")]), .paragraph([.text("2/3 乙")]), .paragraph([.text("3/3 丙（末）")]),
        ])
    }

    @Test("if / elif / else picks one branch")
    func conditionals() throws {
        let t = try compile("""
        <正文><if test="分 ge 90"><段>优</段></if><elif test="分 ge 60"><段>合格</段></elif><else><段>不合格</段></else></正文>
        """)
        #expect(try merge(t, [("分", number("95"))]).body == [.paragraph([.text("优")])])
        #expect(try merge(t, [("分", text("60"))]).body == [.paragraph([.text("合格")])])
        #expect(try merge(t, [("分", number("12.5"))]).body == [.paragraph([.text("不合格")])])
    }

    @Test("let binds a value for the following siblings")
    func letBinding() throws {
        let t = try compile("<正文><let name=\"差\" value=\"目标 - 实际\"/><段>差{{ 差 | fixed(2) }}</段></正文>")
        #expect(try merge(t, [("目标", number("20")), ("实际", number("18.5"))]).body == [.paragraph([.text("差1.50")])])
    }

    @Test("an unknown field is an error with template and data location, and a hint")
    func unknownField() throws {
        let t = try compile("<正文>\n<段>{{ 出身率 }}</段></正文>")
        #expect {
            _ = try merge(t, [("出生率", number("12.3"))])
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "unknown-field" && d.location?.line == 3 && d.location?.column == 7
                && d.dataLocation?.record == 1 && d.message.contains("出生率")
                && d.description.hasPrefix("t.xml:3:7: data.yaml: 第1条记录: error:")
        }
    }

    @Test("all errors of a record are reported together")
    func manyErrors() throws {
        let t = try compile("<正文><段>{{ a }}</段><段>{{ b }}</段></正文>")
        #expect {
            _ = try merge(t, [])
        } throws: { error in
            (error as! DiagnosticError).diagnostics.count == 2
        }
    }

    @Test("headings are numbered 一、（一）1.（1） and reset below a higher level")
    func headingNumbers() throws {
        let t = try compile("""
        <正文><层次 级="1">甲</层次><层次 级="2">乙</层次><层次 级="3">丙</层次><层次 级="4">丁</层次><层次 级="4">戊</层次>
        <层次 级="2">己</层次><层次 级="3">庚</层次><层次 级="1">辛</层次><层次 级="2">壬</层次></正文>
        """)
        let numbers = try merge(t, []).body.compactMap { block -> String? in
            if case .heading(_, let n, _) = block { return n } else { return nil }
        }
        #expect(numbers == ["一、", "（一）", "1.", "（1）", "（2）", "（二）", "1.", "二、", "（一）"])
    }

    @Test("data is text: markup, entities and CDATA ends stay characters")
    func dataIsText() throws {
        let t = try compile("<正文><段>{{ x }}</段></正文>")
        let hostile = "<script>alert('x')</script> & ]]> \"引号\" 𠮷"
        #expect(try merge(t, [("x", text(hostile))]).body == [.paragraph([.text(hostile)])])
    }

    @Test("characters XML forbids are removed and reported as a warning")
    func controlCharacters() throws {
        let t = try compile("<正文><段>{{ x }}</段></正文>")
        let result = try t.merge(Record([("x", text("a\u{1}b\u{FFFE}c\u{B}d"))]))
        #expect(result.document.body == [.paragraph([.text("abcd")])])
        #expect(result.warnings.map(\.id) == ["control-character-removed"])
    }

    @Test("line breaks in data become line breaks")
    func dataLineBreaks() throws {
        let t = try compile("<正文><段>{{ x }}</段></正文>")
        #expect(try merge(t, [("x", text("一行\r\n二行"))]).body == [.paragraph([.text("一行"), .lineBreak, .text("二行")])])
    }

    @Test("source line wrapping vanishes between Chinese characters, stays a space between words")
    func whitespace() throws {
        let t = try compile("<正文><段>\n    第一行\n    第二行 {{ x }}\n    Latin\n    words\n  </段></正文>")
        #expect(try merge(t, [("x", text("X"))]).body == [.paragraph([.text("第一行第二行 XLatin words")])])
    }

    @Test("shared fields are seen by every record; record fields win")
    func sharedFields() throws {
        let t = try compile("<标题>{{ 机关 }}{{ 年 }}</标题>")
        let d = try merge(t, [("年", number("2025"))], shared: [("机关", text("省政府")), ("年", number("2024"))])
        #expect(d.title == [.text("省政府2025")])
    }

    @Test("the parts of a 公文 land in their places")
    func parts() throws {
        let t = try compile("""
        <份号>000001</份号><密级>机密★1年</密级><紧急程度>特急</紧急程度>
        <发文机关标志 后缀="文件"><机关>甲</机关><机关>乙</机关></发文机关标志>
        <发文字号>黔人口发〔2025〕17号</发文字号><签发人>张三</签发人><签发人>李四</签发人>
        <标题>标题<换行/>第二行</标题><主送机关>各县</主送机关>
        <正文><段>正文<空 宽="6"/></段><分页/><居中>居中</居中>
          <列表 有序="是"><项>一</项><项>二</项></列表>
          <表格 列宽="2,1"><表头><格>指标</格><格>目标</格></表头><each in="指标" as="i"><行><格 对齐="左">{{ i.名称 }}</格><格>{{ i.值 }}</格></行></each></表格>
        </正文>
        <附件说明><项>附件一</项></附件说明>
        <署名>甲</署名><成文日期>2025年6月30日</成文日期><印章/><附注>此件公开发布</附注>
        <附件 标题="附件标题"><段>附件正文</段></附件>
        <版记><抄送>省委</抄送><印发机关>办公室</印发机关><印发日期>2025年6月30日</印发日期></版记>
        """)
        let d = try merge(t, [("指标", list([record([("名称", text("出生率")), ("值", text("≤12‰"))])]))])
        #expect(d.header == Header(copyNumber: "000001", secrecy: "机密★1年", urgency: "特急",
                                   issuerMark: IssuerMark(names: ["甲", "乙"], suffix: "文件"),
                                   documentNumber: "黔人口发〔2025〕17号", signers: ["张三", "李四"]))
        #expect(d.title == [.text("标题"), .lineBreak, .text("第二行")])
        #expect(d.body.count == 5)
        #expect(d.body[1] == .pageBreak)
        #expect(d.body[3] == .list(ordered: true, items: [[.text("一")], [.text("二")]]))
        #expect(d.body[4] == .table(Table(headerRows: [[TableCell(content: [.text("指标")]), TableCell(content: [.text("目标")])]],
                                          rows: [[TableCell(content: [.text("出生率")], alignment: .start), TableCell(content: [.text("≤12‰")])]],
                                          columnWidths: [2, 1])))
        #expect(d.closing == Closing(issuers: [[.text("甲")]], date: "2025年6月30日", sealed: true))
        #expect(d.attachments == [Attachment(label: "附件", title: [.text("附件标题")], body: [.paragraph([.text("附件正文")])])])
        #expect(d.colophon == Colophon(copyTo: [.text("省委")], printingOffice: "办公室", printingDate: "2025年6月30日"))
    }

    @Test("form parts: parties, numbered clauses, signature blocks")
    func formParts() throws {
        let t = try compile("""
        <文书 文种="责任书"><正文>
          <各方><方 称谓="甲方">{{ 甲 }}</方><方 称谓="乙方">{{ 乙 }}</方></各方>
          <条款><条>一</条><条>二</条></条款>
          <条款 编号="（一）" 起始="3"><条>三</条></条款>
          <签署栏><签署方><栏 名称="甲方（盖章）"/><栏 名称="负责人（签字）" 宽="6"/></签署方><签署方><栏 名称="乙方">{{ 乙 }}</栏></签署方></签署栏>
        </正文></文书>
        """)
        let d = try merge(t, [("甲", text("县政府")), ("乙", text("乡政府"))])
        #expect(d.genre == .form)
        #expect(d.kind == "责任书")
        #expect(d.body == [
            .parties([Party(role: "甲方", name: [.text("县政府")]), Party(role: "乙方", name: [.text("乡政府")])]),
            .clause(number: "第一条", content: [.text("一")]), .clause(number: "第二条", content: [.text("二")]),
            .clause(number: "（三）", content: [.text("三")]),
            .signatures([
                Signatory(lines: [SignatureLine(label: "甲方（盖章）"), SignatureLine(label: "负责人（签字）", blankWidth: 6)]),
                Signatory(lines: [SignatureLine(label: "乙方", value: [.text("乡政府")])]),
            ]),
        ])
    }
}

@Suite("Template fields")
struct TemplateFieldTests {
    @Test("the fields a template reads, without loop variables and let names")
    func fields() throws {
        let t = try compile("""
        <标题>{{ 机关 }}{{ 年份 | 中文数字 }}</标题>
        <正文><let name="总数" value="地区 | length"/><段>{{ 总数 }}</段>
        <each in="地区" as="县"><段>{{ 县.名称 }}{{ loop.index }}{{ 备注 | default('') }}</段></each>
        <if test="显示"><段>{{ 机关 }}</段></if></正文>
        """)
        #expect(t.referencedFields == ["机关", "年份", "地区", "备注", "显示"])
    }
}

@Suite("Block titles")
struct BlockTitleTests {
    @Test("大标题 sets a title inside the text, once per copy of a form")
    func copies() throws {
        let t = try compile("<文书><正文><each in=\"联次\" as=\"联\"><if test=\"not loop.first\"><分页/></if><大标题>承诺书</大标题><居中>（{{ 联 }}）</居中></each></正文></文书>")
        let d = try merge(t, [("联次", list([text("村委会留存"), text("农户留存")]))])
        #expect(d.body == [.title([.text("承诺书")]), .centered([.text("（村委会留存）")]), .pageBreak,
                           .title([.text("承诺书")]), .centered([.text("（农户留存）")])])
    }
}
