import Foundation
import GongwenModel

/// A parsed `{{ … }}` expression. Each node keeps where it was written, so an error at merge
/// time (a missing field, a filter given text instead of a number) points at the exact column.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        /// A name looked up in scope: a field of the record, a shared field, a loop variable.
        case name(String)
        case unary(UnaryOperator, Expression)
        /// A value followed by steps applied to it in turn, left to right: `a + b - c`,
        /// `县.指标[0]`, `地区 | map('名称') | join('、')`, `(a + b) * c`. Left-associative
        /// operators and postfix steps are kept as one list, not as nodes nested as deep as the
        /// chain is long, so a long chain is walked by a loop: merging never recurses deeper than
        /// the expression nests (`Limits.expressionDepth`).
        case chain(Expression, [Step])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// One step of a chain, applied to the value of everything before it.
    public struct Step: Sendable {
        public enum Kind: Sendable {
            /// `… op right`.
            case binary(BinaryOperator, Expression)
            /// `… .field`.
            case member(String)
            /// `…[index]`: a list index (from 0) or a field name given as a string.
            case index(Expression)
            /// `… | filter(arguments…)`.
            case filter(name: String, arguments: [Expression])
        }

        public var kind: Kind
        /// Where the step is written (its operator, field name or filter name): where its
        /// errors are reported, and the place of the value it makes.
        public var location: SourceLocation
    }

    /// Calls `visit` for this expression and every expression inside it.
    func forEach(_ visit: (Expression) -> Void) {
        visit(self)
        switch kind {
        case .literal, .name:
            break
        case .unary(_, let operand):
            operand.forEach(visit)
        case .chain(let head, let steps):
            head.forEach(visit)
            for step in steps {
                switch step.kind {
                case .binary(_, let right): right.forEach(visit)
                case .member: break
                case .index(let index): index.forEach(visit)
                case .filter(_, let arguments): for argument in arguments { argument.forEach(visit) }
                }
            }
        }
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    /// Text concatenation (`~`), kept apart from `+` so that figures never get glued as text.
    case concatenate = "~"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "and", or = "or"
}

/// Text with `{{ … }}` holes: what a text node or attribute value compiles to.
public struct Interpolation: Sendable {
    public enum Segment: Sendable {
        case literal(String)
        case expression(Expression)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// The literal text when there are no expressions (used for static attributes).
    public var staticText: String? {
        var out = ""
        for segment in segments {
            guard case .literal(let s) = segment else { return nil }
            out += s
        }
        return out
    }
}
