import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

/// Sets up one Stadshart application: folders, database, views, middleware, routes. It does not
/// touch the database: a command that uses it first calls `DatabaseSetup.prepare`.
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
        // One connection per event loop (the driver's default) queued every request behind the one
        // transaction in progress; a few per loop let reads go on while a write commits.
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4), as: .psql)
    }
    Migrations.register(on: app)

    app.views.use(.leaf)
    app.leaf.configuration.rootDirectory = app.directory.viewsDirectory
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.routes.defaultMaxBodySize = "2mb"
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(NoticeMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CSRFMiddleware())

    try routes(app)
}

enum StadshartConfigurationKey: StorageKey {
    typealias Value = StadshartConfiguration
}

extension Application {
    var stadshartConfiguration: StadshartConfiguration? { storage[StadshartConfigurationKey.self] }
}
