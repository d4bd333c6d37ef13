import Foundation

/// How `gongwen serve` runs: where it listens, where shipped templates and job folders are,
/// and the limits that keep one clerk's upload or batch from filling the disk or the machine.
public struct ServerConfiguration: Sendable {
    /// 127.0.0.1 by default: nothing leaves the machine. Any other address needs accounts.
    public var host = "127.0.0.1"
    public var port = 8080
    /// The shipped templates shown as cards (`Templates/`, or the installed share folder).
    public var templatesDirectory: String
    /// Job folders (uploads, staged output) and the SQLite store live here.
    public var dataDirectory: String
    /// Largest upload accepted, in bytes (200 MB by default, `--max-upload-mb`).
    public var maxUploadBytes = 200 << 20
    /// A job folder is removed this long after its last use.
    public var jobLifetime: Duration = .seconds(24 * 3600)
    /// How often expired job folders are looked for and removed.
    public var sweepInterval: Duration = .seconds(600)
    /// Batch renders run at the same time (the others wait their turn); checks and previews
    /// are never held up by them.
    public var maxConcurrentBatches = 1
    /// Largest template upload (template.xml or a .zip of its folder), and the most its .zip
    /// may unpack to.
    public var maxTemplateBytes = 20 << 20
    /// The office's 考核办法.xml (`--rules`) for the 考核 page; nil: the page says how to set it up.
    /// Compiled when the server starts, so a broken file stops it with the located error.
    public var rulesPath: String?

    public init(templatesDirectory: String, dataDirectory: String) {
        self.templatesDirectory = templatesDirectory
        self.dataDirectory = dataDirectory
    }

    /// True when the server listens only on the loopback interface, where the machine's own
    /// user is the only clerk and no login is asked.
    public var isLocalOnly: Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost"
    }
}
