import Dispatch
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

    /// One `fc-list` for the installed family names, then `fc-match` only for roles none of
    /// whose names is installed (what fontconfig substitutes, in parallel). It used to be one
    /// `fc-match` per name, 33 processes and about two seconds of waiting on every render.
    public static func run() -> [Resolution]? {
        guard let families = installedFamilies(), !families.isEmpty else { return nil }
        let roles = FontRole.allCases
        let installed = roles.map { role in role.families.first { families.contains($0) } }
        let lock = NSLock()
        nonisolated(unsafe) var found = [String?](repeating: nil, count: roles.count)
        DispatchQueue.concurrentPerform(iterations: roles.count) { i in
            guard installed[i] == nil else { return }
            let substitute = match(roles[i].families[0])
            lock.lock()
            found[i] = substitute
            lock.unlock()
        }
        return roles.indices.map { i in
            Resolution(role: roles[i], installed: installed[i], substitute: found[i] ?? installed[i] ?? "?",
                       isOriginal: installed[i].map(roles[i].officeNames.contains) ?? false)
        }
    }

    /// Every family name of every installed face (`fc-list : family`; a face with several names
    /// lists them comma-separated), or nil when fontconfig is not there.
    static func installedFamilies() -> Set<String>? {
        guard let text = output(["fc-list", "--format", "%{family}\\n"]) else { return nil }
        var names = Set<String>()
        for line in text.split(separator: "\n") {
            for name in line.split(separator: ",") { names.insert(name.trimmingCharacters(in: .whitespaces)) }
        }
        return names
    }

    /// The answer asked for once per process: `render` starts it before the batch, so the
    /// fontconfig processes run while the documents are made.
    public static let shared = Pending { run() }

    /// `fc-match -f %{family}` for a name, or nil when fontconfig is not there.
    static func match(_ name: String) -> String? {
        output(["fc-match", "-f", "%{family}", name])
    }

    /// What a fontconfig tool prints, or nil when it is not there or fails.
    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
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
    public static func fallbackWarning(_ resolutions: [Resolution]? = shared.value) -> Diagnostic? {
        guard let resolutions else { return nil }
        let missing = resolutions.filter { !$0.isOriginal }
        guard !missing.isEmpty else { return nil }
        let roles = missing.map { r in "\(r.role.odfName)（\(r.role.officeNames[0])）→ \(r.installed ?? r.substitute)" }
        // Without the derived faces, a PDF Chromium prints here copies radicals (⼈ for 人).
        let derived = installedFamilies()?.contains("Gongwen Serif SC") ?? false
        return Diagnostic(id: "font-fallback", severity: .warning, message:
            "本机没有以下公文字体，在本机打开或打印时以开源字体代替：\(roles.joined(separator: "；"))。"
            + "文件中写的仍是公文字体，在装有这些字体的电脑上按标准字体印出；正式印发前请在那里核对。"
            + (derived ? "" : "在本机用浏览器打印 PDF 前，请运行一次 python3 scripts/derive-fonts.py，否则 PDF 中复制出的部分汉字是部首（如⼈）。")
            + "见 Fonts/README.md / \(missing.count) font role(s) fall back to open fonts on this machine")
    }
}

/// A value computed once, on another thread from when it is first started.
public final class Pending<Value: Sendable>: @unchecked Sendable {
    private let compute: @Sendable () -> Value
    private let lock = NSCondition()
    private var result: Value?
    private var done = false
    private var started = false

    public init(_ compute: @escaping @Sendable () -> Value) { self.compute = compute }

    /// Starts computing on a background thread (at most once).
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        Thread.detachNewThread { [self] in
            let value = compute()
            lock.lock()
            result = value
            done = true
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The value, waiting for it when it is being computed (computed here when never started).
    public var value: Value {
        lock.lock()
        if !started {
            started = true
            lock.unlock()
            let value = compute()
            lock.lock()
            result = value
            done = true
            lock.broadcast()
        }
        while !done { lock.wait() }
        let value = result!
        lock.unlock()
        return value
    }
}
