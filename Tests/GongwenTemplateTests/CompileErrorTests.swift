import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenTemplate

@Suite("Template errors are located")
struct CompileErrorTests {
    @Test("unknown filter: file:line:column and a caret under it")
    func unknownFilter() throws {
        let source = "<公文>\n  <标题>{{ 金额 | daxie }}</标题>\n</公文>\n"
        let errors = compileErrors(source, path: "Templates/x/template.xml")
        #expect(errors.count == 1)
        let d = try #require(errors.first)
        #expect(d.id == "unknown-filter")
        #expect(d.description.hasPrefix("Templates/x/template.xml:2:15: error: 未知过滤器 'daxie'"))
        let lines = SourceText(path: "x", text: source).lines
        let printed = DiagnosticFormatter { _ in lines }.format(d)
        // Under `  <标题>{{ 金额 | daxie }}`: 2 spaces, 标题 and 金额 are wide (2 cells each).
        #expect(printed.contains(" 2 |   <标题>{{ 金额 | daxie }}</标题>\n"))
        #expect(printed.contains("   | " + String(repeating: " ", count: 18) + "^\n"))
    }

    @Test("malformed XML reports libxml2's line and column")
    func malformed() throws {
        let errors = compileErrors("<公文>\n<标题>开始</正文>\n</公文>")
        #expect(errors.first?.id == "xml-malformed")
        #expect(errors.first?.location?.line == 2)
    }

    @Test("DOCTYPE is refused, so no entity can read a file")
    func doctypeRefused() throws {
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE 公文 [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <公文><标题>&x;</标题></公文>
        """
        let errors = compileErrors(xxe)
        #expect(errors.map(\.id) == ["xml-doctype"])
        #expect(errors.first?.location?.line == 2)
    }

    @Test("undeclared entities are errors, not text")
    func undeclaredEntity() {
        #expect(compileErrors("<公文><标题>&nbsp;</标题></公文>").first?.id == "xml-malformed")
    }

    @Test("every structural problem is reported, each with its place", arguments: [
        ("<正文><标题>x</标题></正文>", "misplaced-element", 2, 5),
        ("<正文><段落>x</段落></正文>", "unknown-element", 2, 5),
        ("<正文><层次>x</层次></正文>", "missing-attribute", 2, 5),
        ("<正文><层次 级=\"5\">x</层次></正文>", "invalid-attribute", 2, 12),
        ("<正文><段 字体=\"黑体\">x</段></正文>", "unknown-attribute", 2, 8),
        ("<正文>正文不能直接写字</正文>", "text-not-allowed", 2, 5),
        ("<正文><elif test=\"1\"/></正文>", "misplaced-branch", 2, 5),
        ("<正文><each in=\"a\"><段/></each></正文>", "missing-attribute", 2, 5),
        ("<正文><分页>x</分页></正文>", "unexpected-content", 2, 5),
        ("<标题>a</标题><标题>b</标题>", "duplicate-part", 2, 11),
        ("<正文><段>{{ x | round(1, 2, 3) }}</段></正文>", "filter-arity", 2, 15),
    ])
    func structure(_ body: String, _ id: String, _ line: Int, _ column: Int) {
        let errors = compileErrors(body)
        #expect(errors.map(\.id) == [id])
        #expect(errors.first?.location?.line == line)
        #expect(errors.first?.location?.column == column)
    }

    @Test("several errors in one template are all reported")
    func collectsAll() {
        let errors = compileErrors("<正文><段>{{ a | nope }}</段><段落/><段>{{ 1 + }}</段></正文>")
        #expect(errors.map(\.id) == ["unknown-filter", "unknown-element", "expression-syntax"])
    }

    @Test("a typo gets a suggestion")
    func suggestion() {
        #expect(compileErrors("<正文><层级 级=\"1\">x</层级></正文>").first?.message.contains("<层次>") == true)
        #expect(compileErrors("<正文><段>{{ x | rond(2) }}</段></正文>").first?.message.contains("'round'") == true)
    }

    @Test("positions survive entities, CDATA and CR LF line ends")
    func positionsAfterEntities() {
        let errors = compileErrors("<公文>\r\n<正文><段>A&amp;B&#x4E2D;<![CDATA[<x>]]>{{ y | nope }}</段></正文></公文>")
        #expect(errors.first?.location?.line == 2)
        // The filter name starts after `<正文><段>A&amp;B&#x4E2D;<![CDATA[<x>]]>{{ y | `: 44 characters.
        #expect(errors.first?.location?.column == 45)
    }

    @Test("templates must be UTF-8")
    func encoding() {
        #expect(compileErrors("<?xml version=\"1.0\" encoding=\"GB2312\"?><公文/>").first?.id == "template-encoding")
    }
}
