import Foundation

/// Where this copy of gongwen is and what it is: the version (`gongwen --version`, the .deb) and
/// the folders it reads beside itself once installed (`PREFIX/bin/gongwen`,
/// `PREFIX/share/gongwen/{Templates,Fonts}`; see scripts/install.sh and scripts/make-deb.sh).
public enum Installation {
    /// The one place the version is written; scripts/make-deb.sh reads it from here.
    public static let version = "0.16.0"

    /// Where a templates folder came from, in the order they are tried.
    public enum TemplateSource: String, Sendable {
        case option = "--templates"
        case environment = "GONGWEN_TEMPLATES"
        case installed = "PREFIX/share/gongwen/Templates"
        case workingDirectory = "./Templates"
        case checkout = "checkout Templates/"
    }

    /// The folder given with `--templates` (set once, by the command line, before any lookup).
    public static var templatesOption: String? {
        get { lock.withLock { _templatesOption } }
        set { lock.withLock { _templatesOption = newValue } }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var _templatesOption: String?

    /// The shipped templates' folder: `--templates DIR`, else `$GONGWEN_TEMPLATES`, else
    /// `<executable>/../share/gongwen/Templates`, else `Templates/` in the working directory, else
    /// the `Templates/` of the checkout this binary was built from. The first two are used as
    /// given (a wrong folder is reported, not skipped); the others only if they exist.
    public static func templatesDirectory() -> (path: String, source: TemplateSource) {
        if let option = templatesOption { return (option, .option) }
        if let env = ProcessInfo.processInfo.environment["GONGWEN_TEMPLATES"], !env.isEmpty { return (env, .environment) }
        let candidates: [(String?, TemplateSource)] = [
            (shareDirectory.map { ($0 as NSString).appendingPathComponent("Templates") }, .installed),
            ("Templates", .workingDirectory),
            (checkoutDirectory.map { ($0 as NSString).appendingPathComponent("Templates") }, .checkout),
        ]
        for case let (path?, source) in candidates where isDirectory(path) { return (path, source) }
        return ("Templates", .workingDirectory)
    }

    /// `<executable>/../share/gongwen` if it exists (an installed copy), symlinks resolved.
    public static var shareDirectory: String? {
        guard let executable = executablePath else { return nil }
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let share = (prefix as NSString).appendingPathComponent("share/gongwen")
        return isDirectory(share) ? share : nil
    }

    /// The running executable, symlinks resolved (/proc/self/exe on Linux).
    public static var executablePath: String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        guard let first = CommandLine.arguments.first, first.contains("/") else { return Bundle.main.executablePath }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }

    /// The source checkout this binary was built from, if it is still there (a development build).
    static var checkoutDirectory: String? {
        // #filePath is <checkout>/Sources/Gongwen/Installation.swift.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return isDirectory(url.appendingPathComponent("Sources/Gongwen").path) ? url.path : nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
