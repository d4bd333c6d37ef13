import GongwenModel
import Testing
@testable import GongwenTemplate

@Suite("Expressions")
struct ExpressionTests {
    @Test("decimal arithmetic is exact", arguments: [
        ("0.1 + 0.2", "0.3"),
        ("12.92 * 1", "12.92"),
        ("1 / 4", "0.25"),
        ("10 - 12.5", "-2.5"),
        ("2 + 3 * 4", "14"),
        ("(2 + 3) * 4", "20"),
        ("-3 + 1", "-2"),
        ("'县' ~ 12", "县12"),
    ])
    func arithmetic(_ expression: String, _ expected: String) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("comparison and logic", arguments: [
        ("1 &lt; 2", "是"), ("2 lt 1", "否"), ("'12.5' > 5", "是"), ("'520100' == 520100", "是"),
        ("1 == 1 and 2 == 3", "否"), ("1 == 2 or not false", "是"), ("'甲' == '甲'", "是"), ("'' == null", "否"),
        ("3 ge 3", "是"), ("3 ne 3", "否"),
    ])
    func comparison(_ expression: String, _ expected: String) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("Chinese dotted paths read records and lists")
    func chinesePaths() throws {
        let county = record([("指标", record([("出生率", number("12.92"))])), ("名称", text("清水县"))])
        #expect(try evaluate("县.指标.出生率", [("县", county)]) == "12.92")
        #expect(try evaluate("县['名称']", [("县", county)]) == "清水县")
        #expect(try evaluate("列表[1]", [("列表", list([text("a"), text("b")]))]) == "b")
    }

    @Test("numbers from data keep the digits written")
    func literalsPreserved() throws {
        #expect(try evaluate("率", [("率", number("12.90"))]) == "12.90")
        #expect(try evaluate("代码", [("代码", text("052"))]) == "052")
    }

    @Test("division by zero is a located error")
    func divisionByZero() throws {
        let t = try compile("<正文><段>{{ a / b }}</段></正文>")
        #expect {
            _ = try merge(t, [("a", number("1")), ("b", number("0"))])
        } throws: { error in
            let d = (error as! DiagnosticError).diagnostics[0]
            return d.id == "division-by-zero" && d.location?.line == 2 && d.location?.column == 15
                && d.dataLocation == DataLocation(file: "data.yaml", record: 1)
        }
    }

    @Test("text that is not a number is refused in arithmetic")
    func notANumber() throws {
        let t = try compile("<正文><段>{{ 率 + 1 }}</段></正文>")
        #expect {
            _ = try merge(t, [("率", text("1２.3‰"))])
        } throws: { error in
            (error as! DiagnosticError).diagnostics.map(\.id) == ["not-a-number"]
        }
    }

    @Test("syntax errors name their column", arguments: [
        // Columns count from the line `<正文><段>…`: the body starts at column 8.
        ("{{ 1 + }}", 15, "expression-syntax"),   // the missing operand, at the end
        ("{{ 'abc }}", 8, "expression-syntax"),   // the unclosed `{{` (the quote swallows `}}`)
        ("{{ a b }}", 13, "expression-syntax"),   // the unexpected `b`
        ("{{ a", 8, "expression-syntax"),
        ("b }}", 10, "expression-syntax"),
        ("{{ }}", 10, "expression-syntax"),
    ])
    func syntaxErrors(_ body: String, _ column: Int, _ id: String) {
        let errors = compileErrors("<正文><段>\(body)</段></正文>")
        #expect(errors.map(\.id) == [id])
        #expect(errors.first?.location?.line == 2)
        #expect(errors.first?.location?.column == column)
    }
}
