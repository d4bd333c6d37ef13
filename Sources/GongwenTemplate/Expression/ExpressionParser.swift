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
struct ExpressionParser {
    struct ParseError: Error {
        var message: String
        var offset: Int
    }

    private var tokens: [Token]
    private var position = 0
    private let locate: (Int) -> SourceLocation

    /// Parses `text`; `locate` maps a UTF-8 offset inside `text` to its place in the file.
    static func parse(_ text: Substring, locate: @escaping (Int) -> SourceLocation) throws(ParseError) -> Expression {
        var lexer = ExpressionLexer(text)
        let tokens: [Token]
        do {
            tokens = try lexer.tokenize()
        } catch {
            throw ParseError(message: error.message, offset: error.offset)
        }
        var parser = ExpressionParser(tokens: tokens, locate: locate)
        if case .end = parser.current.kind {
            throw ParseError(message: "空表达式 / empty expression", offset: 0)
        }
        let expression = try parser.pipeline()
        guard case .end = parser.current.kind else {
            throw ParseError(message: "表达式在此处多出内容 / unexpected \(parser.describe(parser.current))", offset: parser.current.offset)
        }
        return expression
    }

    private init(tokens: [Token], locate: @escaping (Int) -> SourceLocation) {
        self.tokens = tokens
        self.locate = locate
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
    private func isWord(_ s: String) -> Bool { current.kind == .identifier(s) }

    private mutating func expect(_ symbol: String) throws(ParseError) {
        guard isSymbol(symbol) else {
            throw ParseError(message: "此处应为 '\(symbol)' / expected '\(symbol)', found \(describe(current))", offset: current.offset)
        }
        _ = advance()
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
        var expression = try or()
        while isSymbol("|") {
            _ = advance()
            let nameToken = advance()
            guard case .identifier(let name) = nameToken.kind else {
                throw ParseError(message: "'|' 后应为过滤器名称 / expected a filter name after '|'", offset: nameToken.offset)
            }
            var arguments: [Expression] = []
            if isSymbol("(") {
                _ = advance()
                if !isSymbol(")") {
                    arguments.append(try pipeline())
                    while isSymbol(",") {
                        _ = advance()
                        arguments.append(try pipeline())
                    }
                }
                try expect(")")
            }
            expression = Expression(.filter(name: name, input: expression, arguments: arguments), at: locate(nameToken.offset))
        }
        return expression
    }

    private mutating func or() throws(ParseError) -> Expression {
        var left = try and()
        while isWord("or") {
            let op = advance()
            left = Expression(.binary(.or, left, try and()), at: locate(op.offset))
        }
        return left
    }

    private mutating func and() throws(ParseError) -> Expression {
        var left = try not()
        while isWord("and") {
            let op = advance()
            left = Expression(.binary(.and, left, try not()), at: locate(op.offset))
        }
        return left
    }

    private mutating func not() throws(ParseError) -> Expression {
        if isWord("not") {
            let op = advance()
            return Expression(.unary(.not, try not()), at: locate(op.offset))
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
            return Expression(.binary(op, left, try sum()), at: locate(token.offset))
        }
        return left
    }

    private mutating func sum() throws(ParseError) -> Expression {
        var left = try product()
        while true {
            let op: BinaryOperator
            if isSymbol("+") { op = .add } else if isSymbol("-") { op = .subtract } else if isSymbol("~") { op = .concatenate } else { return left }
            let token = advance()
            left = Expression(.binary(op, left, try product()), at: locate(token.offset))
        }
    }

    private mutating func product() throws(ParseError) -> Expression {
        var left = try unary()
        while isSymbol("*") || isSymbol("/") {
            let token = advance()
            let op: BinaryOperator = token.kind == .symbol("*") ? .multiply : .divide
            left = Expression(.binary(op, left, try unary()), at: locate(token.offset))
        }
        return left
    }

    private mutating func unary() throws(ParseError) -> Expression {
        if isSymbol("-") {
            let token = advance()
            return Expression(.unary(.negate, try unary()), at: locate(token.offset))
        }
        return try postfix()
    }

    private mutating func postfix() throws(ParseError) -> Expression {
        var expression = try primary()
        while true {
            if isSymbol(".") {
                let dot = advance()
                let nameToken = advance()
                // Numeric members (`列表.0`) are not allowed: use `列表[0]`.
                guard case .identifier(let name) = nameToken.kind else {
                    throw ParseError(message: "'.' 后应为字段名 / expected a field name after '.'", offset: nameToken.offset)
                }
                expression = Expression(.member(expression, name), at: locate(dot.offset + 1))
            } else if isSymbol("[") {
                let bracket = advance()
                let index = try pipeline()
                try expect("]")
                expression = Expression(.index(expression, index), at: locate(bracket.offset))
            } else {
                return expression
            }
        }
    }

    private mutating func primary() throws(ParseError) -> Expression {
        let token = advance()
        let location = locate(token.offset)
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
            let inner = try pipeline()
            try expect(")")
            return inner
        case .symbol, .end:
            throw ParseError(message: "此处应为值 / expected a value, found \(describe(token))", offset: token.offset)
        }
    }
}
