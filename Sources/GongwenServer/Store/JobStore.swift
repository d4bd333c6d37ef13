import Foundation
import GRDB

/// Jobs and remembered form values (the pages register here).
func registerJobMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("jobs-1-jobs") { db in
        try db.execute(sql: """
            CREATE TABLE job (
                id TEXT PRIMARY KEY NOT NULL,
                owner INTEGER NOT NULL,
                template TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'new',
                message TEXT NOT NULL DEFAULT '',
                settings TEXT NOT NULL DEFAULT '{}',
                createdAt DOUBLE NOT NULL,
                updatedAt DOUBLE NOT NULL
            );
            CREATE INDEX job_owner ON job(owner, updatedAt);
            CREATE TABLE job_field_memory (
                owner INTEGER NOT NULL,
                template TEXT NOT NULL,
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (owner, template, field)
            );
            """)
    }
}

/// What a clerk chose for a job: the template, the uploads and how to read them, the output.
/// Stored as JSON in the job's row; paths are inside the job folder, named by the server.
struct JobSettings: Codable, Sendable {
    /// Shown to the clerk: a shipped template's name, or the uploaded file's name.
    var templateName: String
    /// The template.xml to load (a shipped folder's, or inside the job folder).
    var templatePath: String
    var uploads = 0
    var dataFile: String?
    var dataName: String?
    var regionsFile: String?
    var regionsName: String?
    var sheet: String?
    /// The workbook's sheets (an .xlsx), offered as a list to choose from.
    var sheets: [String]?
    var headerRow: Int?
    var encoding: String?
    var skipBadRecords = false
    /// The data's column headers (and shared fields), learnt when it was uploaded.
    var headers: [String]?
    var dataRecords: Int?
    /// The staged result inside the job folder and the name it downloads as.
    var outputFile: String?
    var outputName: String?
    var manifestFile: String?
    var recordCount: Int?
}

/// One row of `job`.
struct JobRow: Sendable {
    var id: String
    var owner: Int64
    var template: String
    var state: String
    var message: String
    var settings: JobSettings
    var createdAt: Date
    var updatedAt: Date
}

/// The jobs table: every read names the owner, so another clerk's job is simply not found.
struct JobStore: Sendable {
    let pool: DatabasePool

    static func newID() -> String {
        (0..<2).map { _ in String(format: "%016llx", UInt64.random(in: .min ... .max)) }.joined()
    }

    static func isValidID(_ id: String) -> Bool {
        id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    func create(owner: Int64, settings: JobSettings) throws -> String {
        let id = Self.newID()
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        let now = Date().timeIntervalSince1970
        try pool.write { db in
            try db.execute(sql: "INSERT INTO job (id, owner, template, settings, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, owner, settings.templateName, json, now, now])
        }
        return id
    }

    private static func row(_ row: Row) -> JobRow {
        let json: String = row["settings"]
        let settings = (try? JSONDecoder().decode(JobSettings.self, from: Data(json.utf8))) ?? JobSettings(templateName: "", templatePath: "")
        return JobRow(id: row["id"], owner: row["owner"], template: row["template"], state: row["state"], message: row["message"],
                      settings: settings, createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                      updatedAt: Date(timeIntervalSince1970: row["updatedAt"]))
    }

    /// The job if it belongs to `owner`; nil otherwise (answered as 404).
    func find(_ id: String, owner: Int64) throws -> JobRow? {
        guard Self.isValidID(id) else { return nil }
        return try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ? AND owner = ?", arguments: [id, owner]).map(Self.row)
        }
    }

    func list(owner: Int64) throws -> [JobRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job WHERE owner = ? ORDER BY updatedAt DESC LIMIT 200", arguments: [owner]).map(Self.row)
        }
    }

    func update(_ id: String, settings: JobSettings? = nil, state: String? = nil, message: String? = nil) throws {
        let json = try settings.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try pool.write { db in
            if let json { try db.execute(sql: "UPDATE job SET settings = ? WHERE id = ?", arguments: [json, id]) }
            if let state { try db.execute(sql: "UPDATE job SET state = ? WHERE id = ?", arguments: [state, id]) }
            if let message { try db.execute(sql: "UPDATE job SET message = ? WHERE id = ?", arguments: [message, id]) }
            try db.execute(sql: "UPDATE job SET updatedAt = ? WHERE id = ?", arguments: [Date().timeIntervalSince1970, id])
        }
    }

    func delete(_ id: String) throws {
        _ = try pool.write { db in try db.execute(sql: "DELETE FROM job WHERE id = ?", arguments: [id]) }
    }

    /// Jobs not used since `date`.
    func expired(before date: Date) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM job WHERE updatedAt < ?", arguments: [date.timeIntervalSince1970])
        }
    }

    func allIDs() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM job") }
    }

    /// The values a clerk last typed into a template's form.
    func remembered(owner: Int64, template: String) throws -> [String: String] {
        try pool.read { db in
            var values: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT field, value FROM job_field_memory WHERE owner = ? AND template = ?",
                                        arguments: [owner, template]) {
                values[row["field"]] = row["value"]
            }
            return values
        }
    }

    func remember(owner: Int64, template: String, values: [String: String]) throws {
        try pool.write { db in
            for (field, value) in values {
                try db.execute(sql: """
                    INSERT INTO job_field_memory (owner, template, field, value) VALUES (?, ?, ?, ?)
                    ON CONFLICT(owner, template, field) DO UPDATE SET value = excluded.value
                    """, arguments: [owner, template, field, value])
            }
        }
    }
}
