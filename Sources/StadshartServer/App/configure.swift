import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

/// Sets up one Stadshart application: folders, database, migrations, views, middleware, routes.
public func configure(_ app: Application, _ config: StadshartConfiguration) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: config.rootDirectory)
    app.storage[StadshartConfigurationKey.self] = config

    switch config.database {
    case .sqliteMemory:
        app.databases.use(.serialWritesSQLite(.memory), as: .sqlite)
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        app.databases.use(.serialWritesSQLite(.file(path)), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
    Migrations.register(on: app)
    if case .postgres = config.database {} else { try await prepareSQLiteConnections(app) }

    app.views.use(.leaf)
    app.leaf.configuration.rootDirectory = app.directory.viewsDirectory
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.routes.defaultMaxBodySize = "2mb"
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CSRFMiddleware())

    try routes(app)
    try await app.autoMigrate()
}

/// WAL and the busy timeout on every pooled SQLite connection (one per event loop).
private func prepareSQLiteConnections(_ app: Application) async throws {
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

enum StadshartConfigurationKey: StorageKey {
    typealias Value = StadshartConfiguration
}

extension Application {
    var stadshartConfiguration: StadshartConfiguration? { storage[StadshartConfigurationKey.self] }
}
