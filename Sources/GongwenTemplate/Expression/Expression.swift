import Foundation
import GongwenModel

/// A parsed `{{ … }}` expression. Each node keeps where it was written, so an error at merge
/// time (a missing field, a filter given text instead of a number) points at the exact column.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        /// A name looked up in scope: a field of the record, a shared field, a loop variable.
        case name(String)
        /// `base.field`.
        case member(Expression, String)
        /// `base[index]`: a list index (from 0) or a field name given as a string.
        case index(Expression, Expression)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `input | filter(arguments…)`.
        case filter(name: String, input: Expression, arguments: [Expression])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
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
