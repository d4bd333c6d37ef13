import Foundation
import GongwenModel
import GongwenRender

/// Which installed font each font role resolves to on this machine, asked of fontconfig (the
/// font matcher LibreOffice and Chromium use on Linux). A role whose own faces are all missing
/// prints with an open stand-in; that is worth a warning, since line breaks and the look change.
public struct FontCheck: Sendable {
    public struct Resolution: Sendable {
        public var role: FontRole
        /// The first family of the role's list that is installed under that very name.
        public var installed: String?
        /// What fontconfig substitutes for the role's first name (what LibreOffice prints with).
        public var substitute: String
        /// Whether the face printed is one of the role's own (not an open stand-in).
        public var isOriginal: Bool
    }

    public static func run() -> [Resolution]? {
        guard let probe = match("serif"), !probe.isEmpty else { return nil }
        return FontRole.allCases.map { role in
            let originals = role.officeNames
            let installed = role.families.first { name in
                match(name).map { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == name } } ?? false
            }
            let substitute = match(role.families[0]) ?? "?"
            return Resolution(role: role, installed: installed, substitute: substitute,
                              isOriginal: installed.map(originals.contains) ?? false)
        }
    }

    /// `fc-match -f %{family}` for a name, or nil when fontconfig is not there.
    static func match(_ name: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["fc-match", "-f", "%{family}", name]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// One warning, in Chinese, naming the roles that print with an open stand-in on this
    /// machine; nil when every role has one of its own faces (or fontconfig is not there).
    /// The documents name the office fonts themselves: on a machine that has them they print as
    /// GB/T 9704 asks; here, line breaks and the look may differ.
    public static func fallbackWarning(_ resolutions: [Resolution]? = run()) -> Diagnostic? {
        guard let resolutions else { return nil }
        let missing = resolutions.filter { !$0.isOriginal }
        guard !missing.isEmpty else { return nil }
        let roles = missing.map { r in "\(r.role.odfName)（\(r.role.officeNames[0])）→ \(r.installed ?? r.substitute)" }
        // Without the derived faces, a PDF Chromium prints here copies radicals (⼈ for 人).
        let derived = match("Gongwen Serif SC").map { $0.hasPrefix("Gongwen") } ?? false
        return Diagnostic(id: "font-fallback", severity: .warning, message:
            "本机没有以下公文字体，在本机打开或打印时以开源字体代替：\(roles.joined(separator: "；"))。"
            + "文件中写的仍是公文字体，在装有这些字体的电脑上按标准字体印出；正式印发前请在那里核对。"
            + (derived ? "" : "在本机用浏览器打印 PDF 前，请运行一次 python3 scripts/derive-fonts.py，否则 PDF 中复制出的部分汉字是部首（如⼈）。")
            + "见 Fonts/README.md / \(missing.count) font role(s) fall back to open fonts on this machine")
    }
}
