import GongwenModel

/// A token of the expression language.
struct Token: Sendable {
    enum Kind: Sendable, Hashable {
        case number(String)
        case string(String)
        case identifier(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    /// UTF-8 offset of the token's first byte inside the expression source.
    var offset: Int
}

/// Splits an expression into tokens. Names may be any run of letters, digits and `_` in any
/// script, so Chinese column headers (`出生率`, `县.指标.出生率`) are names as they stand.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private let utf8Offsets: [Int]
    private var index = 0

    init(_ text: Substring) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.utf8Offsets = offsets
    }

    struct LexError: Error {
        var message: String
        var offset: Int
    }

    mutating func tokenize() throws(LexError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    static func isNameStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic
    }

    static func isNameContinue(_ s: Unicode.Scalar) -> Bool {
        isNameStart(s) || s.properties.numericType != nil
    }

    private mutating func next() throws(LexError) -> Token {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        let start = index
        let offset = utf8Offsets[start]
        guard index < scalars.count else { return Token(kind: .end, offset: offset) }
        let c = scalars[index]

        if ("0"..."9").contains(c) {
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            if index + 1 < scalars.count, scalars[index] == ".", ("0"..."9").contains(scalars[index + 1]) {
                index += 1
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            }
            return Token(kind: .number(text(start, index)), offset: offset)
        }
        if c == "\"" || c == "'" {
            index += 1
            var value = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != c {
                if scalars[index] == "\\", index + 1 < scalars.count {
                    index += 1
                    switch scalars[index] {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: value.append(scalars[index])
                    }
                } else {
                    value.append(scalars[index])
                }
                index += 1
            }
            guard index < scalars.count else {
                throw LexError(message: "字符串缺少结束引号 / unterminated string", offset: offset)
            }
            index += 1
            return Token(kind: .string(String(value)), offset: offset)
        }
        if ExpressionLexer.isNameStart(c) {
            while index < scalars.count, ExpressionLexer.isNameContinue(scalars[index]) { index += 1 }
            return Token(kind: .identifier(text(start, index)), offset: offset)
        }
        for symbol in ["==", "!=", "<=", ">=", "|", ".", ",", "(", ")", "[", "]", "+", "-", "*", "/", "~", "<", ">"] {
            let symbolScalars = Array(symbol.unicodeScalars)
            if index + symbolScalars.count <= scalars.count,
               Array(scalars[index..<index + symbolScalars.count]) == symbolScalars {
                index += symbolScalars.count
                return Token(kind: .symbol(symbol), offset: offset)
            }
        }
        throw LexError(message: "表达式中有无法识别的字符 '\(Character(c))' / unexpected character", offset: offset)
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[from..<to])
        return String(view)
    }
}
