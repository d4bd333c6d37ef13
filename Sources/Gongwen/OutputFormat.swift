/// The formats `gongwen render` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case html
    case odt
    case fodt
    /// Gongwen's own PDF (GongwenPDF): laid out and written here, no LibreOffice or browser.
    case pdf

    public var fileExtension: String { rawValue }

    /// What `gongwen render` writes unless told: the formats that need nothing installed (a
    /// PDF needs CJK fonts and HarfBuzz's subsetter, and is asked for with `--format pdf`).
    public static let defaults: [OutputFormat] = [.html, .odt, .fodt]

    /// Parses `html,odt,fodt,pdf`.
    public static func list(_ text: String) -> [OutputFormat]? {
        var result: [OutputFormat] = []
        for part in text.split(separator: ",") {
            guard let format = OutputFormat(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !result.contains(format) { result.append(format) }
        }
        return result.isEmpty ? nil : result
    }
}
