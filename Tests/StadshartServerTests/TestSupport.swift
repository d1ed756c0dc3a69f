import Fluent
import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// The databases the server tests run against: SQLite in memory always, PostgreSQL too when
/// TEST_DATABASE_URL is set (each test then gets a fresh database of its own).
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] }
            ?? [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// The repository root, found from this file, so views and the demo load in any working directory.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/"
}()

/// At most this many test apps hold PostgreSQL connections at once: each app opens a connection per
/// event loop, and the tests run in parallel, which would exceed the server's 100 connections.
actor PostgresGate {
    static let shared = PostgresGate(slots: 12)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Builds a configured, migrated app on a fresh database, with the Assen demo loaded unless
/// `demo` is false, runs `body`, and always shuts the app down and drops the database.
func withStadshart(
    _ database: TestDatabase, demo: Bool = true, register: Bool = false, sharedFile: Bool = false,
    _ body: (Application) async throws -> Void
) async throws {
    guard database == .postgres else {
        return try await runStadshart(database, demo: demo, register: register, sharedFile: sharedFile, body)
    }
    await PostgresGate.shared.enter()
    do {
        try await runStadshart(database, demo: demo, register: register, sharedFile: sharedFile, body)
    } catch {
        await PostgresGate.shared.leave()
        throw error
    }
    await PostgresGate.shared.leave()
}

private func runStadshart(
    _ database: TestDatabase, demo: Bool, register: Bool, sharedFile: Bool = false,
    _ body: (Application) async throws -> Void
) async throws {
    var freshDatabase: (admin: String, name: String)?
    let choice: StadshartConfiguration.DatabaseChoice
    switch database {
    case .sqlite where sharedFile:
        choice = .sqliteFile(path: NSTemporaryDirectory() + "stadshart-test-\(UUID().uuidString).sqlite")
    case .sqlite:
        choice = .sqliteMemory
    case .postgres:
        let admin = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]!
        let name = "stadshart_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await PostgresAdmin.run("CREATE DATABASE \(name)", url: admin)
        freshDatabase = (admin, String(name))
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        choice = .postgres(url: components.string!)
    }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, StadshartConfiguration(database: choice, rootDirectory: repositoryRoot))
        try await DatabaseSetup.migrate(app)
        // Real bcrypt, at the lowest cost, so tests stay quick.
        app.passwords.use(.bcrypt(cost: 4))
        if demo {
            try await CentreFile.load(from: CentreFile.demoPath(in: app.directory), by: .demo(app), on: app.db)
            try await DemoAccounts.ensure(passwords: app.password.async, by: .demo(app), on: app.db)
            let assen = try await Centre.find(slug: "assen", on: app.db)
            try await MonitorFile.load(
                from: MonitorFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
            // After the plan and the monitor: its cells link to both.
            try await AgendaFile.load(
                from: AgendaFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
            try await ProgrammeFile.load(
                from: ProgrammeFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
        }
        if register {
            let assen = try await Centre.find(slug: "assen", on: app.db)
            try await RegisterFile.load(
                from: RegisterFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
        }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if let fresh = freshDatabase {
            try? await PostgresAdmin.run("DROP DATABASE IF EXISTS \(fresh.name) WITH (FORCE)", url: fresh.admin)
        }
        throw error
    }
    try await app.asyncShutdown()
    if let fresh = freshDatabase {
        try await PostgresAdmin.run("DROP DATABASE IF EXISTS \(fresh.name) WITH (FORCE)", url: fresh.admin)
    }
    if case .sqliteFile(let path) = choice {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A second app server on the same database as `app` (a file or PostgreSQL, not memory), as a
/// large installation runs several behind a load balancer.
func withSecondServer(of app: Application, _ body: (Application) async throws -> Void) async throws {
    let second = try await Application.make(.testing)
    second.logger.logLevel = .warning
    do {
        try await configure(second, app.stadshartConfiguration!)
        try await DatabaseSetup.prepare(second)
        second.passwords.use(.bcrypt(cost: 4))
        try await body(second)
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
    try await second.asyncShutdown()
}

/// One statement on the server itself (create and drop test databases).
enum PostgresAdmin {
    static func run(_ sql: String, url: String) async throws {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "test-admin"))
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test-admin"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

extension TestingHTTPResponse {
    /// The body decoded as JSON, or a test failure.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601  // as Vapor encodes dates
        return try decoder.decode(T.self, from: Data(buffer: body))
    }

    var text: String { body.string }
}

/// The demo accounts, one per role, as tests act with them.
enum TestUser: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case anonymous, beheerder, programmateam, uitvoeringsteam, bestuurGemeente, bestuurVaart, tafellidA, ondernemer
    case vastgoedeigenaar, organisator

    var email: String? {
        switch self {
        case .anonymous: nil
        case .beheerder: "beheerder@assen.demo"
        case .programmateam: "programmateam@assen.demo"
        case .uitvoeringsteam: "uitvoeringsteam@assen.demo"
        case .bestuurGemeente: "bestuur.gemeente@assen.demo"
        case .bestuurVaart: "bestuur.vaart@assen.demo"
        case .tafellidA: "tafel.a@assen.demo"
        case .ondernemer: "ondernemer@assen.demo"
        case .vastgoedeigenaar: "eigenaar@assen.demo"
        case .organisator: "organisator@assen.demo"
        }
    }

    var testDescription: String { rawValue }
}

enum TestTokensKey: StorageKey {
    typealias Value = [String: String]
}

/// A bearer token for a demo account, made once per app.
func bearer(_ app: Application, _ user: TestUser) async throws -> String? {
    guard let email = user.email else { return nil }
    if let token = app.storage[TestTokensKey.self]?[email] { return token }
    let account = try #require(try await AccountService.user(email: email, on: app.db))
    let (token, _) = try await AccountService.createToken(
        for: account, name: "test", days: 1, by: .demo(app), on: app.db)
    var tokens = app.storage[TestTokensKey.self] ?? [:]
    tokens[email] = token
    app.storage[TestTokensKey.self] = tokens
    return token
}

enum TestSessionsKey: StorageKey {
    typealias Value = [String: (cookie: String, csrf: String)]
}

/// A browser session for a demo account (pages take no API tokens), made once per app.
func browserSession(_ app: Application, _ user: TestUser) async throws -> (cookie: String, csrf: String)? {
    guard let email = user.email else { return nil }
    if let session = app.storage[TestSessionsKey.self]?[email] { return session }
    let account = try #require(try await AccountService.user(email: email, on: app.db))
    let cookie = try await AccountService.startSession(
        for: account, pendingSecondStep: false, address: "127.0.0.1", replacing: nil, on: app.db,
        now: app.clock.now())
    let stored = try #require(
        try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(cookie)).first())
    var sessions = app.storage[TestSessionsKey.self] ?? [:]
    sessions[email] = (cookie, stored.csrfToken)
    app.storage[TestSessionsKey.self] = sessions
    return (cookie, stored.csrfToken)
}

/// Sends one request as one of the demo accounts (by default the programme team, who may
/// edit the plan): to the API with the account's token, to pages with its browser session.
/// JSON bodies are encoded, form bodies URL-encoded like a browser does.
func send(
    _ app: Application, _ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil,
    raw: String? = nil, form: [(String, String)]? = nil, as user: TestUser = .programmateam,
    headers extra: HTTPHeaders = [:]
) async throws -> TestingHTTPResponse {
    var headers = extra
    let isAPI = path.hasPrefix("api/") || path.hasPrefix("/api/")
    if isAPI {
        if let token = try await bearer(app, user) { headers.bearerAuthorization = .init(token: token) }
    } else if let session = try await browserSession(app, user) {
        headers.replaceOrAdd(name: "Cookie", value: "\(SessionPolicy.cookieName)=\(session.cookie)")
        headers.replaceOrAdd(name: "X-CSRF-Token", value: session.csrf)
    }
    var body: ByteBuffer?
    if let json {
        headers.contentType = .json
        body = ByteBuffer(data: try JSONEncoder().encode(json))
    } else if let raw {
        headers.contentType = .json
        body = ByteBuffer(string: raw)
    } else if let form {
        headers.contentType = .urlEncodedForm
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        body = ByteBuffer(
            string: form.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }.joined(separator: "&"))
    }
    return try await app.testing().sendRequest(method, path, headers: headers, body: body)
}

/// The demo plan's actions, read through the API as a client would.
func demoActions(_ app: Application, year: Int = 2019) async throws -> [ActionDTO] {
    try await send(app, .GET, "api/v1/centres/assen/plans/\(year)/actions").json()
}

/// A problem+json answer.
struct Problem: Decodable {
    struct Item: Decodable {
        var field: String
        var message: String
        var line: Int?
    }
    var title: String
    var status: Int
    var detail: String
    var errors: [Item]?
    var incompleteActions: [ActionGapsDTO]?
}

extension TestingHTTPResponse {
    var isProblem: Bool { headers.first(name: .contentType)?.hasPrefix("application/problem+json") ?? false }
}
