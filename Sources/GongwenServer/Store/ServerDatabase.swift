import Foundation
import GRDB

/// The server's one SQLite file (`<data-dir>/gongwen.sqlite`, WAL): accounts, sessions and jobs.
/// Each part registers its own migrations (named `auth-…`, `jobs-…`) in `migrator`, so the
/// schema grows by appending, never by editing a migration that has shipped.
public enum ServerDatabase {
    /// Opens (creating if needed) and migrates the store in `dataDirectory`.
    public static func open(in dataDirectory: String) throws -> DatabasePool {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: (dataDirectory as NSString).appendingPathComponent("gongwen.sqlite"),
                                    configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    /// Every migration, in the order they shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        registerAuthMigrations(&migrator)
        registerJobMigrations(&migrator)
        return migrator
    }
}
