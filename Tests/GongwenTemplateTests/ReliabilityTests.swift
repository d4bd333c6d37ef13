import Foundation
import GongwenModel
import Testing
import TestSupport
@testable import GongwenTemplate

/// Hostile templates and data (issue 15): each ends in a document or a located error, never a
/// crash, a hang or a silently wrong value.
@Suite("Reliability: limits and hostile input")
struct ReliabilityTests {
    /// The one diagnostic merging `template` with `pairs` reports, if it fails.
    private func mergeError(_ template: Template, _ pairs: [(String, Value)]) -> Diagnostic? {
        do {
            _ = try merge(template, pairs)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    // MARK: expressions nested too deeply (the parser recursed until the stack overflowed)

    @Test("3,000 nested parentheses are a located error, not a stack overflow")
    func deepParentheses() throws {
        let errors = compileErrors("<正文><段>{{ " + String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000) + " }}</段></正文>")
        let d = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(d.id == "expression-too-deep")
        #expect(d.message.hasPrefix("表达式嵌套过深"))
        // `<正文><段>{{ ` is ten columns: the first “(” is column 11; the 201st level is refused.
        #expect(d.location?.line == 2 && d.location?.column == 11 + 200)
    }

    @Test("20,000 leading '-' (and 'not's) are a located error", arguments: ["-", "not "])
    func deepUnary(_ prefix: String) throws {
        let errors = compileErrors("<正文><段>{{ " + String(repeating: prefix, count: 20000) + "1 }}</段></正文>")
        #expect(errors.map(\.id) == ["expression-too-deep"])
        #expect(errors.first?.location?.line == 2)
    }

    @Test("nesting up to the limit still works")
    func nestingWithinLimit() throws {
        #expect(try evaluate(String(repeating: "(", count: 150) + "1 + 2" + String(repeating: ")", count: 150)) == "3")
        #expect(try evaluate(String(repeating: "- ", count: 100) + "5") == "5")
    }

    // MARK: long expressions: linear to parse, no recursion as deep as they are long

    @Test("an expression of 16,000 terms compiles in linear time and adds up")
    func longSum() throws {
        let terms = 16_000
        let expression = Array(repeating: "a", count: terms).joined(separator: " + ")
        var template: Template?
        let elapsed = try seconds { template = try compile("<正文><段>{{ \(expression) }}</段></正文>") }
        #expect(elapsed < 5, "compiling took \(elapsed) s")
        let document = try merge(#require(template), [("a", number("1"))])
        #expect(document.body == [.paragraph([.text("\(terms)")])])
    }

    @Test("long chains of filters, members and indexes evaluate without deep recursion")
    func longChains() throws {
        let filters = "{{ a" + String(repeating: " | trim", count: 20_000) + " }}"
        let members = "{{ r" + String(repeating: ".r", count: 20_000) + " | length }}"
        let t = try compile("<正文><段>\(filters)</段><段>\(members)</段></正文>")
        var inner = Value.record(Record([("x", text("底"))]))
        for _ in 0..<20_000 { inner = .record(Record([("r", inner)])) }
        let document = try merge(t, [("a", text("  甲  ")), ("r", inner)])
        #expect(document.body == [.paragraph([.text("甲")]), .paragraph([.text("1")])])
    }

    @Test("a paragraph with 8,000 holes compiles in linear time")
    func manyHoles() throws {
        let body = String(repeating: "{{ a }}，", count: 8000)
        let elapsed = try seconds { _ = try compile("<正文><段>\(body)</段></正文>") }
        #expect(elapsed < 5, "compiling took \(elapsed) s")
    }

    @Test("an error deep in a long expression is still located exactly")
    func locatedInLongExpression() throws {
        let expression = Array(repeating: "a", count: 3000).joined(separator: " + ") + " + b | nope"
        let errors = compileErrors("<正文>\n<段>{{ \(expression) }}</段></正文>")
        let d = try #require(errors.first)
        #expect(d.id == "unknown-filter")
        // Line 3 (the `<公文>` wrapper adds one), after `<段>{{ ` (6 columns) and 3000 × "a + ".
        #expect(d.location == SourceLocation(file: "t.xml", line: 3, column: 7 + 3000 * 4 + 4))
    }

    // MARK: values too large (40 doublings of a string asked for a terabyte)

    @Test("forty <let> doublings stop at the value limit, at the expression")
    func letDoublings() throws {
        let lets = String(repeating: "<let name=\"x\" value=\"x ~ x\"/>\n", count: 40)
        let t = try compile("<正文>\n<let name=\"x\" value=\"'ab'\"/>\n\(lets)<段>{{ x | length }}</段></正文>")
        let d = try #require(mergeError(t, []))
        #expect(d.id == "value-too-long")
        #expect(d.message.hasPrefix("文字过长"))
        // 'ab' doubled 19 times is 1 MiB; the 20th doubling (line 23) is refused at its “~”.
        #expect(d.location?.line == 23 && d.location?.column == 24)
        #expect(d.dataLocation?.record == 1)
    }

    @Test("replace and join cannot multiply text past the limit", arguments: [
        "{{ s | replace('a', t) }}",
        "{{ l | join(t) }}",
    ])
    func multiplyingFilters(_ body: String) throws {
        let t = try compile("<正文><段>\(body)</段></正文>")
        let d = try #require(mergeError(t, [
            ("s", text(String(repeating: "a", count: 20_000))),
            ("t", text(String(repeating: "长", count: 1000))),
            ("l", list(Array(repeating: text("x"), count: 20_000))),
        ]))
        #expect(d.id == "value-too-long")
        #expect(d.location?.line == 2)
    }

    // MARK: numbers out of range (wrapped to a wrong index, or printed as NaN)

    @Test("a huge index or count is an error, not a wrapped-around number", arguments: [
        "{{ l[18446744073709551617] }}",
        "{{ l | take(18446744073709551617) | join }}",
        "{{ l | take(-18446744073709551615) | join }}",
    ])
    func hugeIntegers(_ body: String) throws {
        let t = try compile("<正文><段>\(body)</段></正文>")
        let d = try #require(mergeError(t, [("l", list([text("甲"), text("乙")]))]))
        #expect(["index-out-of-range", "type-error", "filter-failed"].contains(d.id))
    }

    @Test("arithmetic past the range of decimals is an error, not “NaN”", arguments: ["a * a", "a + a * a", "a / b", "- a * a"])
    func overflow(_ expression: String) throws {
        let t = try compile("<正文><段>{{ \(expression) }}</段></正文>")
        let d = try #require(mergeError(t, [("a", number("1e127")), ("b", number("1e-127"))]))
        #expect(d.id == "number-out-of-range")
        #expect(d.message.contains("超出"))
    }

    @Test("rates whose result overflows are errors, not “NaN%”")
    func rateOverflow() throws {
        let t = try compile("<正文><段>{{ a | 百分率(2, b) }}</段></正文>")
        #expect(mergeError(t, [("a", number("1e127")), ("b", number("1e-127"))])?.id == "filter-failed")
    }

    // MARK: dates from data (a 20-digit part trapped in Int(_:)!)

    @Test("a date part of 20+ digits is a located error", arguments: [
        "2025-06-123456789012345678901", "123456789012345678901234年1月1日", "2025.99999999999999999999.1",
    ])
    func hugeDatePart(_ date: String) throws {
        let t = try compile("<正文><段>{{ 日 | 日期 }}</段></正文>")
        let d = try #require(mergeError(t, [("日", text(date))]))
        #expect(d.id == "filter-failed")
        #expect(d.location?.line == 2)
    }

    // MARK: loops and output per record

    @Test("an <each> over more than 100,000 items is a located error")
    func loopLimit() throws {
        let t = try compile("<正文>\n<each in=\"l\" as=\"x\"><段>{{ x }}</段></each></正文>")
        let d = try #require(mergeError(t, [("l", list(Array(repeating: text("甲"), count: 100_001)))]))
        #expect(d.id == "loop-too-long")
        #expect(d.location?.line == 3 && d.location?.column == 1)
        // At the limit the loop runs.
        let ok = try merge(t, [("l", list(Array(repeating: text("甲"), count: 1000)))])
        #expect(ok.body.count == 1000)
    }

    @Test("nested loops stop at the total iterations per record")
    func recordIterations() throws {
        let t = try compile("<正文>\n<each in=\"l\" as=\"x\">\n<each in=\"l\" as=\"y\"><let name=\"z\" value=\"y\"/></each></each>\n<段>完</段></正文>")
        let d = try #require(mergeError(t, [("l", list(Array(repeating: text("甲"), count: 1001)))]))
        #expect(d.id == "record-too-many-iterations")
        #expect(d.location?.line == 4)
    }

    @Test("a record whose document passes 10 MB of text is an error, also from cached blocks", arguments: [false, true])
    func outputLimit(_ cached: Bool) throws {
        let t = try compile("<正文>\n<each in=\"l\" as=\"x\"><段>{{ big }}</段></each></正文>")
        let big = text(String(repeating: "文", count: 300_000))  // 900 kB of UTF-8
        let record = Record([("l", list(Array(repeating: .null, count: 12))), ("big", big)])
        do {
            _ = try t.mergeCopies(record, at: DataLocation(file: "d.csv", row: 2), cache: cached ? MergeCache() : nil)
            Issue.record("merged 10.8 MB")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.id == "record-too-large")
            #expect(d.dataLocation?.row == 2)
        }
        // Eleven fit.
        let fits = Record([("l", list(Array(repeating: .null, count: 11))), ("big", big)])
        _ = try t.mergeCopies(fits, cache: cached ? MergeCache() : nil)
    }

    @Test("30,000 <let>s in a row stop at the limit of bound names, at once")
    func manyBindings() throws {
        func lets(_ count: Int) -> String { (0..<count).map { "<let name=\"v\($0)\" value=\"a\"/>" }.joined() }
        let t = try compile("<正文>\n\(lets(30_000))<段>{{ v1 }}</段></正文>")
        var d: Diagnostic?
        let elapsed = seconds { d = mergeError(t, [("a", text("甲"))]) }
        #expect(d?.id == "too-many-bindings")
        #expect(d?.location?.line == 3)
        #expect(elapsed < 5, "merging took \(elapsed) s")
        // A thousand are fine.
        let fine = try compile("<正文>\(lets(1000))<段>{{ v999 }}</段></正文>")
        #expect(try merge(fine, [("a", text("甲"))]).body == [.paragraph([.text("甲")])])
    }

    // MARK: template structure

    @Test("elements nested past the limit are a located error")
    func deepTemplate() throws {
        let depth = 150
        let xml = String(repeating: "<if test=\"true\">", count: depth) + "<段>x</段>" + String(repeating: "</if>", count: depth)
        let errors = compileErrors("<正文>\(xml)</正文>")
        #expect(errors.map(\.id) == ["template-too-deep"])
        #expect(errors.first?.location?.line == 2)
    }

    @Test("includes nested 16 deep, each 200 elements deep, are refused, not a stack overflow")
    func deepThroughIncludes() throws {
        var files: [String: String] = ["t/template.xml": "<公文><正文><include src=\"p0.xml\"/></正文></公文>"]
        for i in 0..<16 {
            let inner = i == 15 ? "<段>x</段>" : "<include src=\"p\(i + 1).xml\"/>"
            files["t/p\(i).xml"] = "<片段>" + String(repeating: "<if test=\"true\">", count: 200) + inner + String(repeating: "</if>", count: 200) + "</片段>"
        }
        let dir = writeFiles(files, into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try Template.load(path: dir.appendingPathComponent("t/template.xml").path)
        } throws: { error in
            (error as! DiagnosticError).diagnostics.first?.id == "template-too-deep"
        }
    }

    @Test("includes that multiply (each partial including the next four times) stop at the limit")
    func includeFanOut() throws {
        var files: [String: String] = ["t/template.xml": "<公文><正文><include src=\"p0.xml\"/></正文></公文>"]
        for i in 0..<12 {
            let inner = i == 11 ? "<段>x</段>" : String(repeating: "<include src=\"p\(i + 1).xml\"/>", count: 4)
            files["t/p\(i).xml"] = "<片段>\(inner)</片段>"
        }
        let dir = writeFiles(files, into: temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        var thrown: DiagnosticError?
        let elapsed = seconds {
            do { _ = try Template.load(path: dir.appendingPathComponent("t/template.xml").path) } catch { thrown = error as? DiagnosticError }
        }
        #expect(thrown?.diagnostics.first?.id == "include-limit")
        #expect(elapsed < 10)
    }

    // MARK: filters on long lists

    @Test("排名, 前几名 and 后几名 of 20,000 items run in n log n")
    func rankingLongList() throws {
        let items = (0..<20_000).map { i in record([("名称", text("县\(i)")), ("得分", number(String(i % 97)))]) }
        let t = try compile("<正文><段>{{ l | 排名('得分') | 前几名(3) | length }}、{{ l | 排名('得分') | 后几名(3) | length }}</段></正文>")
        var document: Document?
        let elapsed = try seconds { document = try merge(t, [("l", list(items))]) }
        #expect(elapsed < 10, "ranking took \(elapsed) s")
        // 20,000 = 97 × 206 + 18: scores 0–17 occur 207 times, 18–96 206 times. The 206 counties
        // with 96 share first place (the next place is 207th); the 207 with 0 share the last.
        #expect(document?.body == [.paragraph([.text("206、207")])])
    }
}
