import Foundation
import GongwenModel

/// Recursive-descent parser for the expression language:
///
///     pipeline   := or ( "|" NAME [ "(" args ")" ] )*
///     or         := and ( "or" and )*
///     and        := not ( "and" not )*
///     not        := "not" not | comparison
///     comparison := sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | eq ne lt le gt ge) sum ]
///     sum        := product ( ("+" | "-" | "~") product )*
///     product    := unary ( ("*" | "/") unary )*
///     unary      := "-" unary | postfix
///     postfix    := primary ( "." NAME | "[" pipeline "]" )*
///     primary    := NUMBER | STRING | true | false | null | NAME | "(" pipeline ")"
///
/// `lt`, `le`, `gt`, `ge` exist because `<` must be written `&lt;` inside XML attributes.
///
/// The repetitions (`*` above) are loops that add steps to one `Expression.Kind.chain`; only
/// nesting — parentheses, brackets, filter arguments, `-` and `not` — recurses, and no deeper
/// than `Limits.expressionDepth`.
struct ExpressionParser {
    struct ParseError: Error {
        var message: String
        var offset: Int
        var id = "expression-syntax"
    }

    private var tokens: [Token]
    /// Where each token is, worked out once, in order (see `PositionMap.locator`).
    private let locations: [SourceLocation]
    private var position = 0
    /// Levels of nesting open at the current token.
    private var depth = 0

    /// Parses `text`; `locate` maps a UTF-8 offset inside `text` to its place in the file. It is
    /// asked once per token, in increasing order.
    static func parse(_ text: Substring, locate: (Int) -> SourceLocation) throws(ParseError) -> Expression {
        var lexer = ExpressionLexer(text)
        let tokens: [Token]
        do {
            tokens = try lexer.tokenize()
        } catch {
            throw ParseError(message: error.message, offset: error.offset)
        }
        var parser = ExpressionParser(tokens: tokens, locations: tokens.map { locate($0.offset) })
        if case .end = parser.current.kind {
            throw ParseError(message: "空表达式 / empty expression", offset: 0)
        }
        let expression = try parser.pipeline()
        guard case .end = parser.current.kind else {
            throw ParseError(message: "表达式在此处多出内容 / unexpected \(parser.describe(parser.current))", offset: parser.current.offset)
        }
        return expression
    }

    private init(tokens: [Token], locations: [SourceLocation]) {
        self.tokens = tokens
        self.locations = locations
    }

    private var current: Token { tokens[position] }

    /// The current token and its location, moving past it (the end token stays current).
    private mutating func advance() -> (token: Token, location: SourceLocation) {
        let here = (tokens[position], locations[position])
        if position < tokens.count - 1 { position += 1 }
        return here
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
    private func isWord(_ s: String) -> Bool { current.kind == .identifier(s) }

    private mutating func expect(_ symbol: String) throws(ParseError) {
        guard isSymbol(symbol) else {
            throw ParseError(message: "此处应为 '\(symbol)' / expected '\(symbol)', found \(describe(current))", offset: current.offset)
        }
        _ = advance()
    }

    /// Opens a level of nesting at `token`; the caller closes it (`depth -= 1`) when done.
    private mutating func nest(at token: Token) throws(ParseError) {
        depth += 1
        guard depth <= Limits.expressionDepth else {
            throw ParseError(message: "表达式嵌套过深（超过 \(Limits.expressionDepth) 层括号、“-”或“not”），请拆成几个 <let> / expression nested too deeply",
                             offset: token.offset, id: "expression-too-deep")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .number(let n): "number \(n)"
        case .string(let s): "string \"\(s)\""
        case .identifier(let n): "'\(n)'"
        case .symbol(let s): "'\(s)'"
        case .end: "end of expression"
        }
    }

    private mutating func pipeline() throws(ParseError) -> Expression {
        var chain = Chain(try or())
        while isSymbol("|") {
            _ = advance()
            let (nameToken, nameLocation) = advance()
            guard case .identifier(let name) = nameToken.kind else {
                throw ParseError(message: "'|' 后应为过滤器名称 / expected a filter name after '|'", offset: nameToken.offset)
            }
            var arguments: [Expression] = []
            if isSymbol("(") {
                try nest(at: advance().token)
                if !isSymbol(")") {
                    arguments.append(try pipeline())
                    while isSymbol(",") {
                        _ = advance()
                        arguments.append(try pipeline())
                    }
                }
                try expect(")")
                depth -= 1
            }
            chain.append(.filter(name: name, arguments: arguments), at: nameLocation)
        }
        return chain.expression
    }

    private mutating func or() throws(ParseError) -> Expression {
        var chain = Chain(try and())
        while isWord("or") {
            let op = advance()
            chain.append(.binary(.or, try and()), at: op.location)
        }
        return chain.expression
    }

    private mutating func and() throws(ParseError) -> Expression {
        var chain = Chain(try not())
        while isWord("and") {
            let op = advance()
            chain.append(.binary(.and, try not()), at: op.location)
        }
        return chain.expression
    }

    private mutating func not() throws(ParseError) -> Expression {
        if isWord("not") {
            let op = advance()
            try nest(at: op.token)
            defer { depth -= 1 }
            return Expression(.unary(.not, try not()), at: op.location)
        }
        return try comparison()
    }

    private static let comparisons: [Token.Kind: BinaryOperator] = [
        .symbol("=="): .equal, .symbol("!="): .notEqual, .symbol("<"): .less, .symbol("<="): .lessOrEqual,
        .symbol(">"): .greater, .symbol(">="): .greaterOrEqual,
        .identifier("eq"): .equal, .identifier("ne"): .notEqual, .identifier("lt"): .less,
        .identifier("le"): .lessOrEqual, .identifier("gt"): .greater, .identifier("ge"): .greaterOrEqual,
    ]

    private mutating func comparison() throws(ParseError) -> Expression {
        let left = try sum()
        if let op = ExpressionParser.comparisons[current.kind] {
            let token = advance()
            var chain = Chain(left)
            chain.append(.binary(op, try sum()), at: token.location)
            return chain.expression
        }
        return left
    }

    private mutating func sum() throws(ParseError) -> Expression {
        var chain = Chain(try product())
        while true {
            let op: BinaryOperator
            if isSymbol("+") { op = .add } else if isSymbol("-") { op = .subtract } else if isSymbol("~") { op = .concatenate } else { break }
            let token = advance()
            chain.append(.binary(op, try product()), at: token.location)
        }
        return chain.expression
    }

    private mutating func product() throws(ParseError) -> Expression {
        var chain = Chain(try unary())
        while isSymbol("*") || isSymbol("/") {
            let token = advance()
            let op: BinaryOperator = token.token.kind == .symbol("*") ? .multiply : .divide
            chain.append(.binary(op, try unary()), at: token.location)
        }
        return chain.expression
    }

    private mutating func unary() throws(ParseError) -> Expression {
        if isSymbol("-") {
            let op = advance()
            try nest(at: op.token)
            defer { depth -= 1 }
            return Expression(.unary(.negate, try unary()), at: op.location)
        }
        return try postfix()
    }

    private mutating func postfix() throws(ParseError) -> Expression {
        var chain = Chain(try primary())
        while true {
            if isSymbol(".") {
                _ = advance()
                let (nameToken, nameLocation) = advance()
                // Numeric members (`列表.0`) are not allowed: use `列表[0]`.
                guard case .identifier(let name) = nameToken.kind else {
                    throw ParseError(message: "'.' 后应为字段名 / expected a field name after '.'", offset: nameToken.offset)
                }
                chain.append(.member(name), at: nameLocation)
            } else if isSymbol("[") {
                let bracket = advance()
                try nest(at: bracket.token)
                let index = try pipeline()
                try expect("]")
                depth -= 1
                chain.append(.index(index), at: bracket.location)
            } else {
                return chain.expression
            }
        }
    }

    private mutating func primary() throws(ParseError) -> Expression {
        let (token, location) = advance()
        switch token.kind {
        case .number(let digits):
            guard let number = Number(parsing: digits) else {
                throw ParseError(message: "无效的数字 / invalid number \(digits)", offset: token.offset)
            }
            return Expression(.literal(.number(Number(number.value))), at: location)
        case .string(let s):
            return Expression(.literal(.string(s)), at: location)
        case .identifier("true"):
            return Expression(.literal(.bool(true)), at: location)
        case .identifier("false"):
            return Expression(.literal(.bool(false)), at: location)
        case .identifier("null"):
            return Expression(.literal(.null), at: location)
        case .identifier(let name):
            if ["and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge"].contains(name) {
                throw ParseError(message: "此处应为值，而不是 '\(name)' / expected a value, found '\(name)'", offset: token.offset)
            }
            return Expression(.name(name), at: location)
        case .symbol("("):
            try nest(at: token)
            let inner = try pipeline()
            try expect(")")
            depth -= 1
            return inner
        case .symbol, .end:
            throw ParseError(message: "此处应为值 / expected a value, found \(describe(token))", offset: token.offset)
        }
    }
}

/// A chain being parsed: the steps of a left-associative run (`a + b - c`, `x | f | g`) added
/// one by one to one list. An operand that is itself a chain (a parenthesised `(a + b) * c`, a
/// postfix `a.b + c`) is continued rather than nested, so the result is flat.
private struct Chain {
    var head: Expression
    var steps: [Expression.Step] = []
    /// The location of the whole so far: that of its last step, as the root of a tree would be.
    var location: SourceLocation

    init(_ start: Expression) {
        if case .chain(let head, let steps) = start.kind {
            self.head = head
            self.steps = steps
        } else {
            head = start
        }
        location = start.location
    }

    mutating func append(_ step: Expression.Step.Kind, at location: SourceLocation) {
        steps.append(Expression.Step(kind: step, location: location))
        self.location = location
    }

    var expression: Expression {
        steps.isEmpty ? head : Expression(.chain(head, steps), at: location)
    }
}
