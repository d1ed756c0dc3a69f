import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups of the embedded SQLite database, made while Stadshart serves, and their restore.
/// PostgreSQL has its own tools for this (pg_dump, pg_restore); Stadshart says how to use them.
enum DatabaseBackup {
    static let postgresAdvice =
        "Met PostgreSQL maakt u een reservekopie met de eigen hulpmiddelen van PostgreSQL, terwijl Stadshart draait: "
        + "pg_dump --format=custom --file=stadshart.dump \"$DATABASE_URL\". Terugzetten, met de servers gestopt: "
        + "pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" stadshart.dump, daarna stadshart migrate."

    /// A consistent copy of the SQLite database at one moment (`VACUUM INTO`), while others read
    /// and write; the copy is written to a new file and never over an existing one.
    static func backup(_ app: Application, to path: String) async throws {
        guard !app.isPostgres else { throw CommandFailure(postgresAdvice) }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("'\(path)' bestaat al; kies een nieuwe bestandsnaam, er wordt niets overschreven.")
        }
        let sql = app.db as! any SQLDatabase
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// Puts a backup in place of the database (with the servers stopped). The database it
    /// replaces is kept beside it, renamed, so a restore loses nothing either.
    static func restore(_ app: Application, from backup: String) async throws -> String? {
        guard !app.isPostgres else { throw CommandFailure(postgresAdvice) }
        guard case .sqliteFile(let target) = app.stadshartConfiguration?.database else {
            throw CommandFailure("Terugzetten kan alleen in een databasebestand (DATABASE_URL=sqlite:///pad).")
        }
        try check(backup)
        let files = FileManager.default
        var kept: String?
        if files.fileExists(atPath: target) {
            let stamp = ISO8601DateFormatter().string(from: app.clock.now()).replacingOccurrences(of: ":", with: "")
            kept = "\(target).voor-terugzetten-\(stamp)"
            for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: target + suffix) {
                try files.moveItem(atPath: target + suffix, toPath: kept! + suffix)
            }
        }
        try files.copyItem(atPath: backup, toPath: target)
        return kept
    }

    /// A backup is an SQLite database file (its first bytes say so); the migrations run after it.
    static func check(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), data.starts(with: Data("SQLite format 3".utf8))
        else { throw CommandFailure("'\(path)' is geen SQLite-databasebestand.") }
    }
}
