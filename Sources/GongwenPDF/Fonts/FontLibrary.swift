import Foundation

/// The installed faces, found by family name without fontconfig: the font folders of a Linux
/// desktop plus GONGWEN_FONT_PATH are scanned once per library (reading only the name, OS/2
/// and head tables of each face), and faces are opened on first use and then shared, so that
/// every document of a batch uses the same `FontFace` object (and one `GlyphUse` per face).
public final class FontLibrary: @unchecked Sendable {
    /// The library of this machine's fonts, scanned on first use.
    public static let system = FontLibrary(folders: FontLibrary.systemFolders())

    public let folders: [String]
    /// Every face found, in folder order then path order (stable across runs).
    let summaries: [FaceSummary]
    /// Lowercased family name → indices into `summaries`.
    private let byFamily: [String: [Int]]
    private let opened = Locked<[String: FontFace]>([:])

    public init(folders: [String]) {
        self.folders = folders
        var seen = Set<String>()
        var summaries: [FaceSummary] = []
        for folder in folders {
            for path in Self.fontFiles(under: folder) where seen.insert(path).inserted {
                if let faces = try? FaceSummary.read(path: path) { summaries += faces }
            }
        }
        self.summaries = summaries
        var byFamily: [String: [Int]] = [:]
        for (position, summary) in summaries.enumerated() {
            for family in Set(summary.names.families.map { $0.lowercased() }) {
                byFamily[family, default: []].append(position)
            }
        }
        self.byFamily = byFamily
    }

    /// /usr/share/fonts, /usr/local/share/fonts, ~/.local/share/fonts, ~/.fonts, then every
    /// folder of GONGWEN_FONT_PATH (colon-separated); on macOS also the Library font folders.
    public static func systemFolders() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        var folders = ["/usr/share/fonts", "/usr/local/share/fonts", home + "/.local/share/fonts", home + "/.fonts"]
        #if os(macOS)
        folders += ["/System/Library/Fonts", "/Library/Fonts", home + "/Library/Fonts"]
        #endif
        if let extra = environment["GONGWEN_FONT_PATH"] {
            folders += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return folders
    }

    /// Font files (.ttf .otf .ttc .otc) under `folder`, recursively, sorted; symbolic links followed.
    static func fontFiles(under folder: String) -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            if lower.hasSuffix(".ttf") || lower.hasSuffix(".otf") || lower.hasSuffix(".ttc") || lower.hasSuffix(".otc") {
                files.append(folder + "/" + relative)
            }
        }
        return files.sorted()
    }

    /// The face whose family name equals `family` (case-insensitive, any language): the one of
    /// the asked weight (700 for bold, 400 otherwise) first, then the nearest of the asked
    /// boldness, then any. Nil when no installed face has that family name.
    public func face(family: String, bold: Bool) -> FontFace? {
        let target = bold ? 700 : 400
        let candidates = (byFamily[family.lowercased()] ?? []).map { summaries[$0] }
        let ranked = candidates.sorted { left, right in
            rank(left, bold: bold, target: target) < rank(right, bold: bold, target: target)
        }
        for summary in ranked {
            if let face = open(summary) { return face }
        }
        return nil
    }

    private func rank(_ summary: FaceSummary, bold: Bool, target: Int) -> (Int, Int) {
        (summary.isBold == bold ? 0 : 1, abs(summary.weight - target))
    }

    /// The shared face for one summary, opened on first use; nil when it cannot be read.
    func open(_ summary: FaceSummary) -> FontFace? {
        let key = "\(summary.index)#\(summary.path)"
        if let face = opened.withLock({ $0[key] }) { return face }
        guard let face = try? FontFace(path: summary.path, index: summary.index) else { return nil }
        return opened.withLock { faces in
            if let existing = faces[key] { return existing }
            faces[key] = face
            return face
        }
    }
}
