import Foundation
import GongwenModel
import PropertyBased
import Testing
@testable import GongwenTemplate

/// Random hostile values for every filter and random text for the expression parser and the
/// merge (issue 15): each call ends in a value or a located error — never a trap, a hang or a
/// silently wrong value such as “NaN”. Bounded to a few seconds in all.
@Suite("Reliability: random hostile input")
struct HostilePropertyTests {
    // MARK: every filter, random inputs and arguments

    @Test("every filter ends in a value or an error on random input", arguments: Filters.all.keys.sorted())
    func filterOnRandomInput(_ name: String) async throws {
        let filter = try #require(Filters.named(name))
        await propertyCheck(count: 150, input: Hostile.call(arity: filter.arity)) { call in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let result = try filter.apply(call.input, call.arguments)
                Self.expectSound(result, from: [call.input] + call.arguments, "\(name) of \(call)")
            } catch let error as FilterError {
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("\(name) threw \(error)")
            }
            #expect(clock.now - start < .seconds(2), "\(name) took \(clock.now - start) on \(call)")
        }
    }

    /// No NaN made up by a filter, and no text past the limit that only the evaluator's
    /// check would catch after the fact (the filters that can multiply text check first).
    static func expectSound(_ result: Value, from inputs: [Value], _ what: @autoclosure () -> String) {
        let hadNaN = inputs.contains { Hostile.mentionsNaN($0) }
        switch result {
        case .number(let n):
            #expect(hadNaN || !n.value.isNaN, "NaN from \(what())")
        case .string(let s):
            #expect(hadNaN || !s.contains("NaN"), "“NaN” from \(what())")
            let inputBytes = inputs.reduce(0) { $0 + $1.text.utf8.count }
            #expect(s.utf8.count <= max(Limits.valueBytes, 2 * inputBytes + 1024), "\(s.utf8.count) bytes from \(what())")
        default:
            break
        }
    }

    // MARK: the expression parser on random token sequences

    @Test("random token sequences parse to an expression or an error inside the text")
    func randomTokens() async {
        await propertyCheck(count: 3000, input: Hostile.tokenSequence) { text in
            do {
                _ = try ExpressionParser.parse(Substring(text)) { SourceLocation(file: "x", line: 1, column: $0 + 1) }
            } catch let error as ExpressionParser.ParseError {
                #expect((0...text.utf8.count).contains(error.offset), "offset \(error.offset) outside “\(text)”")
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("parse threw \(error)")
            }
        }
    }

    // MARK: random expressions compiled and merged with random records

    @Test("random expressions compile and merge to a document or located errors")
    func randomExpressions() async {
        await propertyCheck(count: 300, input: Hostile.expressionAndRecord) { pair in
            let (expression, record) = pair
            let escaped = expression.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            let template: Template
            do {
                template = try compile("<正文><段>{{ \(escaped) }}</段><let name=\"v\" value=\"\(escaped.replacingOccurrences(of: "\"", with: "&quot;"))\"/><段>{{ v }}</段></正文>")
            } catch let error as DiagnosticError {
                for d in error.diagnostics {
                    #expect(d.location?.file == "t.xml" && (d.location?.line ?? 0) >= 2 && (d.location?.column ?? 0) >= 1, "\(d) for \(expression)")
                }
                return
            } catch {
                Issue.record("compile threw \(error)")
                return
            }
            do {
                let document = try template.merge(record, at: DataLocation(file: "d.csv", row: 2))
                for case .paragraph(let inlines) in document.document.body {
                    let text = Inline.plainText(inlines)
                    #expect(!text.contains("NaN") || record.values.contains(where: Hostile.mentionsNaN) || expression.contains("NaN"),
                            "“NaN” printed for \(expression)")
                }
            } catch let error as DiagnosticError {
                for d in error.diagnostics {
                    #expect(d.location != nil && d.dataLocation?.row == 2, "\(d) unlocated for \(expression)")
                    #expect(d.message.contains(" / ") && d.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                            "message not in Chinese and English: \(d.message)")
                }
            } catch {
                Issue.record("merge threw \(error)")
            }
        }
    }
}

/// Generators of hostile values, text and expressions.
enum Hostile {
    struct Call: CustomStringConvertible {
        var input: Value
        var arguments: [Value]
        var description: String { "\(input.short) | (\(arguments.map(\.short).joined(separator: ", ")))" }
    }

    static func call(arity: ClosedRange<Int>) -> Generator<Call, Shrink.None<Call>> {
        Generator { rng in
            let count = Int.random(in: arity, using: &rng)
            return Call(input: value(&rng, depth: 2, long: true), arguments: (0..<count).map { _ in argument(&rng) })
        }
    }

    /// Texts that are numbers, dates, names and nonsense at once.
    static let texts: [String] = [
        "", " ", "0", "-0", "1", "-1", "12.915", "3.14", "-1.37", "1e127", "-1e127", "1e-127", "1E5", "9e999",
        String(repeating: "9", count: 40), "-" + String(repeating: "9", count: 39), "18446744073709551617", "-9223372036854775809",
        "NaN", "nan", "inf", "-Infinity", "１２３", "２０２５-０６-３０", "2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日",
        "2025-06-123456789012345678901", "99999999999999999999年1月1日", "2025-02-30", "45000", "60", "2958466",
        "清水县", "钟山区", "河西特区", "百里杜鹃管理区", "城关镇", "东门社区", "清水县人民政府", "中共清水县委", "安平市卫生健康局",
        "黔人口发〔2025〕17号", "黔人口发[2025]017号", "522401199001011234", "52240119900101123X", "13812345678", "+86 138-1234-5678",
        "两", "desc", "asc", "政府", "党委", "书记", "首长", "简称", "千分点", "百分点", "增加/减少", "万", "亿", "条", "章", "人民币", "、",
        "a\u{301}", "e\u{301}\u{301}", "👨‍👩‍👧", "\u{0}\u{1}\u{B}", "\u{FFFE}", "\r\n\t", "<&>\"'", "{{ x }}", "https://x.cn/a.b,中",
    ]

    /// A text; `long` allows one as long as Excel's cells (only where one value is made: lists
    /// of them would be megabytes, slow for no new path).
    static func text(_ rng: inout any SeededRandomNumberGenerator, long: Bool = false) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5:
            return texts.randomElement(using: &rng)!
        case 5..<7:
            // Random scalars from all of Unicode (surrogates excepted).
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                let planes: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF, 0x4E00...0x9FFF, 0xFF00...0xFFEF]
                if let s = Unicode.Scalar(UInt32.random(in: planes.randomElement(using: &rng)!, using: &rng)) { scalars.append(s) }
            }
            return String(scalars)
        case 7 where long:
            // Long: up to Excel's cell size.
            let piece = texts.randomElement(using: &rng)!
            return String(repeating: piece.isEmpty ? "文" : piece, count: Int.random(in: 1...(32_767 / max(piece.count, 1)), using: &rng))
        case 8:
            // Digits: many, signed, with a point.
            let digits = String((0..<Int.random(in: 1...60, using: &rng)).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            return (Bool.random(using: &rng) ? "-" : "") + digits + (Bool.random(using: &rng) ? "." + digits.prefix(5) : "")
        default:
            return texts.randomElement(using: &rng)! + texts.randomElement(using: &rng)!
        }
    }

    static func number(_ rng: inout any SeededRandomNumberGenerator) -> Number {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return Number(Int.random(in: -3...30, using: &rng))
        case 1: return Number(Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -128...127, using: &rng),
                                      significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &rng))))
        case 2: return Number(Decimal.nan)
        case 3: return Number(parsing: texts.randomElement(using: &rng)!) ?? Number(7)
        case 4: return Number(Decimal(Int.random(in: Int.min...Int.max, using: &rng)))
        default: return Number(Decimal(Double.random(in: -1e6...1e6, using: &rng)))
        }
    }

    static func value(_ rng: inout any SeededRandomNumberGenerator, depth: Int, long: Bool = false) -> Value {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 5), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(number(&rng))
        case 3, 4: return .string(text(&rng, long: long))
        case 5, 6:
            let count = Int.random(in: 0...(long && Bool.random(using: &rng) ? 300 : 6), using: &rng)
            return .list((0..<count).map { _ in value(&rng, depth: depth - 1) })
        default:
            var record = Record()
            for field in ["名称", "得分", "名次", "上级", "并列"].shuffled(using: &rng).prefix(Int.random(in: 0...5, using: &rng)) {
                record[field] = value(&rng, depth: depth - 1)
            }
            return .record(record)
        }
    }

    /// Arguments lean to what filters take (small counts, options, field names).
    static func argument(_ rng: inout any SeededRandomNumberGenerator) -> Value {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .number(Number(Int.random(in: -2...12, using: &rng)))
        case 1: return .string(["两", "desc", "asc", "政府", "党委", "书记", "首长", "简称", "千分点", "得分", "名称", "、", "a", ""].randomElement(using: &rng)!)
        default: return value(&rng, depth: 1)
        }
    }

    static func mentionsNaN(_ value: Value) -> Bool {
        switch value {
        case .number(let n): n.value.isNaN || n.text.lowercased().contains("nan")
        case .string(let s): s.lowercased().contains("nan")
        case .list(let items): items.contains(where: mentionsNaN)
        case .record(let r): r.values.contains(where: mentionsNaN)
        case .null, .bool: false
        }
    }

    // MARK: expressions

    static let tokens = [
        "(", ")", "[", "]", ".", ",", "|", "+", "-", "*", "/", "~", "==", "!=", "<", "<=", ">", ">=", "and", "or", "not",
        "eq", "lt", "ge", "1", "2.5", "0", "99999999999999999999999999999999999999", "'文'", "\"x\"", "'", "\"", "a", "b", "l", "r",
        "trim", "length", "default", "join", "round", "排名", "true", "null", "{{", "}}", "\\", "名称", "１", " ", "\u{3000}", "\u{301}",
    ]

    static let tokenSequence = Generator<String, Shrink.None<String>> { rng in
        var parts: [String] = []
        if Int.random(in: 0..<20, using: &rng) == 0 { parts.append(String(repeating: "(", count: Int.random(in: 150...400, using: &rng))) }
        for _ in 0..<Int.random(in: 0...60, using: &rng) { parts.append(tokens.randomElement(using: &rng)!) }
        return parts.joined(separator: Bool.random(using: &rng) ? " " : "")
    }

    static let filterNames = Filters.all.keys.sorted()

    /// A well-formed expression over the fields a, b, l (a list) and r (a record).
    static func expression(_ rng: inout any SeededRandomNumberGenerator, depth: Int) -> String {
        let atoms = ["a", "b", "l", "r", "r.名称", "l[0]", "l[a]", "r['得分']", "1", "0", "-2", "12.5", "99999999999999999999999999999999999999",
                     "'文'", "'2025-06-30'", "true", "null", "loop"]
        guard depth > 0, Int.random(in: 0..<3, using: &rng) > 0 else { return atoms.randomElement(using: &rng)! }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1:
            let op = ["+", "-", "*", "/", "~", "==", "<", "and", "or", "ge"].randomElement(using: &rng)!
            return "\(expression(&rng, depth: depth - 1)) \(op) \(expression(&rng, depth: depth - 1))"
        case 2:
            return ["-", "not "].randomElement(using: &rng)! + expression(&rng, depth: depth - 1)
        case 3:
            return "(" + expression(&rng, depth: depth - 1) + ")"
        default:
            let name = filterNames.randomElement(using: &rng)!
            let filter = Filters.named(name)!
            let count = Int.random(in: filter.arity, using: &rng)
            let arguments = (0..<count).map { _ in
                Bool.random(using: &rng) ? expression(&rng, depth: depth - 1)
                    : ["2", "'desc'", "'两'", "'得分'", "'名称'", "'政府'", "'首长'", "'千分点'", "100000"].randomElement(using: &rng)!
            }
            return "\(expression(&rng, depth: depth - 1)) | \(name)" + (count > 0 || Bool.random(using: &rng) ? "(\(arguments.joined(separator: ", ")))" : "")
        }
    }

    static let expressionAndRecord = Generator<(String, Record), Shrink.None<(String, Record)>> { rng in
        var record = Record()
        record["a"] = value(&rng, depth: 1)
        record["b"] = .number(number(&rng))
        record["l"] = .list((0..<Int.random(in: 0...8, using: &rng)).map { _ in value(&rng, depth: 1) })
        record["r"] = value(&rng, depth: 2)
        return (expression(&rng, depth: 4), record)
    }
}

extension Value {
    /// A short description for failure messages (a 32,767-character cell would drown them).
    var short: String {
        let t = "\(kindName)“\(text)”"
        return t.count > 60 ? String(t.prefix(60)) + "…" : t
    }
}
