import Fluent
import FluentPostgresDriver
import SQLKit
import Vapor

/// Makes the database ready before a command uses it.
///
/// SQLite is one process's own file: every command migrates it first, as the README's two
/// commands expect. PostgreSQL may serve several app servers at once; if each migrated while
/// starting they could race, so there `stadshart migrate` is the deploy step and `serve`
/// refuses to start while a migration is pending.
enum DatabaseSetup {
    static func prepare(_ app: Application) async throws {
        if app.isPostgres {
            let pending: Int
            do {
                pending = try await app.migrator.previewPrepareBatch().get().count
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P01" {
                // A database never migrated has no migrations table yet: then every migration waits.
                pending = Migrations.all.count
            }
            if pending > 0 {
                throw CommandFailure(
                    "De database is niet bij: \(pending) migratie(s) wachten. Voer eerst `stadshart migrate` uit (de stap bij elke uitrol)."
                )
            }
        } else {
            _ = try await migrate(app)
        }
    }

    /// Runs the pending migrations; returns how many ran.
    @discardableResult
    static func migrate(_ app: Application) async throws -> Int {
        if !app.isPostgres { try await prepareSQLiteConnections(app) }
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get().count
        try await app.autoMigrate()
        return pending
    }

    /// WAL and the busy timeout on every pooled SQLite connection (one per event loop).
    private static func prepareSQLiteConnections(_ app: Application) async throws {
        for eventLoop in app.eventLoopGroup.makeIterator() {
            let db = app.databases.database(logger: app.logger, on: eventLoop)!
            try await db.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    for pragma in SerialWritesSQLiteConfiguration.connectionPragmas {
                        try await (connection as! any SQLDatabase).raw(SQLQueryString(pragma)).run()
                    }
                }
            }.get()
        }
    }
}

extension Application {
    var isPostgres: Bool {
        if case .postgres = stadshartConfiguration?.database { return true }
        return false
    }
}
