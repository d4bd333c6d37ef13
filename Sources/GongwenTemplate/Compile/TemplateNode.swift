import GongwenModel

/// A compiled template node. Compilation checks names, attributes, nesting and expression syntax
/// once, so merging a record only evaluates.
public indirect enum TemplateNode: Sendable {
    case element(TemplateElement)
    /// Literal text with `{{ }}` holes (in inline content only).
    case text(Interpolation, SourceLocation)
    /// `<each in="list" as="name">`.
    case each(collection: Expression, variable: String, body: [TemplateNode], location: SourceLocation)
    /// `<if>` followed by any `<elif>` and an optional `<else>`.
    case conditional(branches: [(test: Expression, body: [TemplateNode])], otherwise: [TemplateNode]?)
    /// `<let name="x" value="expr"/>`: binds a name for the following siblings.
    case binding(name: String, value: Expression, location: SourceLocation)
    /// `<fail>message</fail>`: reached while merging, the record is an error with this message.
    case failure(message: Interpolation, location: SourceLocation)
}

extension TemplateNode {
    /// Where the node is written (a conditional: its first test).
    var location: SourceLocation {
        switch self {
        case .element(let element): element.location
        case .text(_, let location), .each(_, _, _, let location), .binding(_, _, let location), .failure(_, let location): location
        case .conditional(let branches, _): branches.first?.test.location ?? SourceLocation(file: "", line: 1, column: 1)
        }
    }
}

public struct TemplateElement: Sendable {
    /// Distinct for each element of a compiled template (an included file's elements are
    /// compiled, and numbered, at each inclusion): a cheap key for `MergeCache`.
    public var id: Int
    public var part: Part
    public var attributes: [String: AttributeValue]
    public var children: [TemplateNode]
    public var location: SourceLocation

    public func text(_ name: String) -> Interpolation? {
        if case .text(let i)? = attributes[name] { return i }
        return nil
    }

    public func integer(_ name: String) -> Int? {
        if case .integer(let n)? = attributes[name] { return n }
        return nil
    }
}

/// An attribute after compilation: checked and converted when static, interpolated otherwise.
public enum AttributeValue: Sendable {
    case text(Interpolation)
    case integer(Int)
    case integers([Int])
    case flag(Bool)
    case alignment(TableCell.Alignment)
    case numbering(ClauseNumbering)
}
