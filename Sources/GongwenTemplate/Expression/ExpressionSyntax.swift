import Foundation
import GongwenModel

/// The template expression language offered to other XML files of the same family (the rules of an
/// assessment, 考核办法.xml), so that a condition is written exactly as a template's `if` is and its
/// errors point at the file, line and column inside the attribute, as template errors do.
public enum ExpressionSyntax {
    /// Parses the value of `attribute` as one expression (`{{ … }}` around it is accepted too).
    public static func parse(_ attribute: XMLAttribute) throws(DiagnosticError) -> Expression {
        var text = Substring(attribute.value)
        var shift = 0
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), let open = text.range(of: "{{"),
           let close = text.range(of: "}}", options: .backwards) {
            shift = text.utf8.distance(from: text.startIndex, to: open.upperBound)
            text = text[open.upperBound..<close.lowerBound]
        }
        let positions = attribute.positions
        let locate = positions.locator()
        do {
            return try ExpressionParser.parse(text) { locate(shift + $0) }
        } catch {
            throw DiagnosticError(Diagnostic(id: error.id, message: error.message,
                                             location: positions.location(ofUTF8Offset: shift + error.offset)))
        }
    }
}
