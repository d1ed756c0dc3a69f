import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import SQLKit
import StadshartCore
import Vapor

/// What a feed's fetch asks: the address, and the validators of the version already imported.
struct FeedRequest: Sendable, Equatable {
    var url: String
    var etag: String?
    var lastModified: String?
}

/// What a feed's server answered.
enum FeedResponse: Sendable, Equatable {
    /// 304: the version already imported is still current.
    case notModified
    case feed(bytes: [UInt8], etag: String?, lastModified: String?)
}

/// A feed that could not be fetched, with the reason in Dutch.
struct FeedFailure: Error, Equatable {
    var message: String
}

/// Fetches a feed. The server fetches over HTTP (`http`); tests give a fake feed.
struct FeedFetcher: Sendable {
    var fetch: @Sendable (FeedRequest) async throws -> FeedResponse

    /// The longest wait for a whole feed, and its largest size (as `import ics` allows).
    static let timeout = TimeAmount.seconds(30)
    static let maximumBytes = ImportCommands.ICS.maximumBytes

    /// A conditional GET (If-None-Match, If-Modified-Since) with the application's HTTP client: at most
    /// `timeout` for the whole answer, and no more than `maximumBytes` read.
    static func http(_ client: HTTPClient, timeout: TimeAmount = timeout, maximumBytes: Int = maximumBytes)
        -> FeedFetcher
    {
        FeedFetcher { asked in
            var request = HTTPClientRequest(url: asked.url)
            request.method = .GET
            request.headers.add(name: "Accept", value: "text/calendar, */*;q=0.5")
            request.headers.add(name: "User-Agent", value: "Stadshart (regionale kalender)")
            if let etag = asked.etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let modified = asked.lastModified { request.headers.add(name: "If-Modified-Since", value: modified) }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: timeout)
            } catch {
                throw FeedFailure(message: "niet opgehaald: \(describe(error))")
            }
            if response.status == .notModified { return .notModified }
            guard (200..<300).contains(response.status.code) else {
                throw FeedFailure(
                    message:
                        "niet opgehaald: de server antwoordde \(response.status.code) \(response.status.reasonPhrase)")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maximumBytes)
            } catch is NIOTooManyBytesError {
                throw FeedFailure(
                    message: "niet opgehaald: groter dan \(maximumBytes / 1024 / 1024) MB; dat is geen kalender")
            } catch {
                throw FeedFailure(message: "niet opgehaald: \(describe(error))")
            }
            return .feed(
                bytes: Array(body.readableBytesView), etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified"))
        }
    }

    /// Why a request failed, in Dutch where we know the reason.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
                return "geen (volledig) antwoord binnen \(timeout.nanoseconds / 1_000_000_000) seconden"
            }
            if [.invalidURL, .emptyHost].contains(error) { return "het adres is niet te gebruiken" }
            if error == .remoteConnectionClosed { return "de server verbrak de verbinding" }
        }
        return "de server is niet bereikbaar (\(String(describing: error).prefix(200)))"
    }
}

extension Application {
    private struct FeedFetcherKey: StorageKey {
        typealias Value = FeedFetcher
    }

    /// How this application fetches feeds: over HTTP unless a test put in a fake.
    var feedFetcher: FeedFetcher {
        get { storage[FeedFetcherKey.self] ?? .http(http.client.shared) }
        set { storage[FeedFetcherKey.self] = newValue }
    }
}

/// Fetching one regional calendar's feed and importing it through `EventImport` (all or nothing).
/// What happened is kept on the calendar: the attempt, the success, the result in Dutch.
enum FeedFetch {
    enum Outcome: Equatable {
        case imported(EventImport.Summary)
        /// 304: nothing changes.
        case unchanged
        /// Not fetched, or refused by the import; no event changed. The problems name their lines.
        case failed(String, [FieldProblem])
        /// Another process attempted this calendar a moment ago (the schedule only).
        case skipped
    }

    /// The result as the calendar keeps it and the sources page shows it.
    static func text(_ summary: EventImport.Summary) -> String {
        "\(summary.added) nieuw, \(summary.updated) gewijzigd, \(summary.removed) verwijderd"
    }

    static let unchangedText = "ongewijzigd"

    /// A failed import as one line: "Niet geïmporteerd: regel 4: …; regel 9: …" (the first few lines).
    static func text(_ problems: [FieldProblem]) -> String {
        let shown = problems.prefix(5).map { problem in
            problem.line.map { "regel \($0): \(problem.message)" } ?? problem.message
        }
        let more = problems.count > 5 ? " (en nog \(problems.count - 5))" : ""
        return "Niet geïmporteerd: " + shown.joined(separator: "; ") + more
    }

    /// Fetches and imports calendar `id`. `notSince`: the schedule skips a calendar another process
    /// attempted after that moment (the claim is one conditional UPDATE, so two processes on one
    /// PostgreSQL database never import the same calendar at once); a coordinator's "Nu ophalen"
    /// passes nil. `audited`: a coordinator's fetch leaves an audit entry whatever its outcome; the
    /// schedule's only when it changes events (through EventImport), so an hourly "ongewijzigd" (a 304,
    /// or a feed without validators that changed nothing) does not fill the trail. A failed fetch or a
    /// refused feed does not throw: it is recorded on the calendar and logged.
    static func run(
        _ id: UUID, notSince: Date?, audited: Bool, fetcher: FeedFetcher, by actor: Actor, logger: Logger,
        on db: any Database
    ) async throws -> Outcome {
        guard try await claim(id, at: actor.now, notSince: notSince, on: db) else { return .skipped }
        guard let calendar = try await EventCalendar.find(id, on: db), let url = calendar.url,
            let centre = try await Centre.find(calendar.$centre.id, on: db)
        else { return .skipped }
        let response: FeedResponse
        do {
            response = try await fetcher.fetch(
                FeedRequest(url: url, etag: calendar.etag, lastModified: calendar.lastModified))
        } catch {
            let message = (error as? FeedFailure)?.message ?? "niet opgehaald: \(FeedFetcher.describe(error))"
            let text = FormErrors.sentence(message)
            logger.warning("regional calendar \(calendar.key) of \(centre.slug): \(message)")
            try await record(calendar, result: text, failed: true, audited: audited, by: actor, on: db)
            return .failed(text, [])
        }
        switch response {
        case .notModified:
            try await record(calendar, result: unchangedText, failed: false, audited: audited, by: actor, on: db)
            return .unchanged
        case .feed(let bytes, let etag, let lastModified):
            do {
                // One transaction: the events, the import's audit entry and the calendar's new state.
                let summary = try await db.transaction { tx in
                    let summary = try await EventImport.run(
                        bytes, calendar: calendar.key, name: nil, centre: centre, by: actor,
                        quietWhenUnchanged: !audited, on: tx)
                    guard let stored = try await EventCalendar.find(id, on: tx) else { throw Abort(.notFound) }
                    stored.etag = etag
                    stored.lastModified = lastModified
                    stored.succeededAt = actor.now
                    stored.result = text(summary)
                    stored.failed = false
                    try await stored.update(on: tx)
                    return summary
                }
                return .imported(summary)
            } catch let invalid as InvalidInput {
                let message = text(invalid.problems)
                logger.warning("regional calendar \(calendar.key) of \(centre.slug): \(message)")
                try await record(calendar, result: message, failed: true, audited: audited, by: actor, on: db)
                return .failed(message, invalid.problems)
            }
        }
    }

    /// Takes calendar `id` for a fetch at `now`, unless it was attempted after `notSince`.
    static func claim(_ id: UUID, at now: Date, notSince: Date?, on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return true }
            var update = sql.update(EventCalendar.schema).set("attempted_at", to: now).where("id", .equal, id)
            if let notSince {
                update = update.where {
                    $0.where("attempted_at", .is, SQLLiteral.null).orWhere("attempted_at", .lessThan, notSince)
                }
            }
            return try await !update.returning("id").all().isEmpty
        }
    }

    /// Keeps the outcome of an attempt that changed no event.
    static func record(
        _ calendar: EventCalendar, result: String, failed: Bool, audited: Bool, by actor: Actor, on db: any Database
    ) async throws {
        let id = try calendar.requireID()
        try await db.transaction { tx in
            guard let stored = try await EventCalendar.find(id, on: tx) else { return }
            stored.result = String(result.prefix(TextLimit.text))
            stored.failed = failed
            if !failed { stored.succeededAt = actor.now }
            try await stored.update(on: tx)
            if audited {
                try await Audit.record(
                    .gewijzigd, .evenement, id: stored.key, centreID: stored.$centre.id,
                    summary: "Regionale kalender '\(stored.name)' opgehaald: \(result)", by: actor, on: tx)
            }
        }
    }
}

/// The scheduled import: every `STADSHART_FEED_INTERVAL` minutes (60 by default, 0 is off) each regional
/// calendar with an address is fetched (conditional GET) and imported, one after another; one failing
/// feed does not stop the others. Started by `serve` and `demo`, never in tests; stopped with the app.
final class FeedSchedule: LifecycleHandler, @unchecked Sendable {
    let minutes: Int
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    init(minutes: Int) { self.minutes = minutes }

    /// Starts the schedule for a serving application, when its configuration turns it on.
    static func start(on app: Application) {
        let minutes = app.stadshartConfiguration?.feedIntervalMinutes ?? 0
        guard minutes > 0, app.environment != .testing else {
            app.logger.info("Regionale kalenders worden niet automatisch opgehaald (STADSHART_FEED_INTERVAL=0).")
            return
        }
        let schedule = FeedSchedule(minutes: minutes)
        app.lifecycle.use(schedule)
        schedule.begin(app)
        app.logger.info("Regionale kalenders worden \(every(minutes)) opgehaald.")
    }

    /// "elk uur", "elke 15 minuten", in Dutch.
    static func every(_ minutes: Int) -> String {
        switch minutes {
        case 1: "elke minuut"
        case 60: "elk uur"
        case let m where m % 60 == 0: "elke \(m / 60) uur"
        default: "elke \(minutes) minuten"
        }
    }

    private func begin(_ app: Application) {
        let minutes = minutes
        lock.withLock {
            task = Task {
                while !Task.isCancelled {
                    await Self.runOnce(app, intervalMinutes: minutes)
                    try? await Task.sleep(for: .seconds(minutes * 60))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }

    /// Who the scheduled import is in the audit trail.
    static func actor(_ app: Application) -> Actor {
        let now = app.clock.now()
        return Actor(
            userID: nil, name: "automatisch ophalen", address: "lokaal", now: now, today: app.clock.day(at: now))
    }

    /// One round: every calendar with an address, skipping those another process attempted in the
    /// last half interval. What each gave, by calendar id.
    @discardableResult
    static func runOnce(_ app: Application, intervalMinutes: Int) async -> [UUID: FeedFetch.Outcome] {
        var outcomes: [UUID: FeedFetch.Outcome] = [:]
        let calendars: [EventCalendar]
        do {
            calendars = try await EventCalendar.query(on: app.db).filter(\.$url != nil).all()
        } catch {
            app.logger.error("scheduled feed import: the calendars could not be read: \(error)")
            return outcomes
        }
        for calendar in calendars where !(calendar.url ?? "").isEmpty {
            guard !Task.isCancelled, let id = calendar.id else { break }
            let scheduled = Self.actor(app)
            do {
                outcomes[id] = try await FeedFetch.run(
                    id, notSince: scheduled.now.addingTimeInterval(-Double(intervalMinutes) * 30), audited: false,
                    fetcher: app.feedFetcher, by: scheduled, logger: app.logger, on: app.db)
            } catch {
                app.logger.error("scheduled feed import of \(calendar.key): \(error)")
            }
        }
        return outcomes
    }
}
