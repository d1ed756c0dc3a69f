import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 13: regional calendars fetched on a schedule from the address configured per centre, and
/// the coordinator's sources page and API. The feeds here are fakes (no network), and one is the
/// app's own public feed over a real local HTTP server.
@Suite("Scheduled imports of regional calendars")
struct FeedScheduleTests {
    /// A feed server in memory: answers by address, and keeps what it was asked.
    final class FakeFeed: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [String: @Sendable (FeedRequest) throws -> FeedResponse] = [:]
        private var asked: [FeedRequest] = []

        var requests: [FeedRequest] { lock.withLock { asked } }

        func serve(_ url: String, _ answer: @escaping @Sendable (FeedRequest) throws -> FeedResponse) {
            lock.withLock { answers[url] = answer }
        }

        /// A file with an ETag, answering 304 when asked with that tag.
        func serve(_ url: String, bytes: [UInt8], etag: String) {
            serve(url) { request in
                request.etag == etag ? .notModified : .feed(bytes: bytes, etag: etag, lastModified: nil)
            }
        }

        var fetcher: FeedFetcher {
            FeedFetcher { request in
                let answer = self.lock.withLock {
                    self.asked.append(request)
                    return self.answers[request.url]
                }
                guard let answer else {
                    throw FeedFailure(message: "niet opgehaald: de server antwoordde 404 Not Found")
                }
                return try answer(request)
            }
        }
    }

    static let drenthe = "https://agenda.example.nl/drenthe.ics"
    static let broken = Array(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2019-13-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)

    static func calendar(_ app: Application, _ key: String) async throws -> EventCalendar {
        try #require(try await EventCalendar.query(on: app.db).filter(\.$key == key).first())
    }

    static func regional(_ app: Application, _ key: String) async throws -> [Event] {
        let id = try await calendar(app, key).requireID()
        return try await Event.query(on: app.db).filter(\.$calendar.$id == id).sort(\.$uid).all()
    }

    /// The demo's events, a fake feed in place, and the source "drenthe" added through the API.
    static func setUp(_ app: Application, start: Date) async throws -> FakeFeed {
        app.clock = .fixed(start)
        _ = try await EventsTests.loadDemoEvents(app)
        let feed = FakeFeed()
        app.feedFetcher = feed.fetcher
        let created = try await send(
            app, .POST, "api/v1/centres/assen/event-calendars",
            json: CalendarSourceInput(key: "drenthe", name: "Uit in Drenthe", url: drenthe))
        #expect(created.status == .created, "\(created.text)")
        return feed
    }

    @Test(arguments: TestDatabase.available)
    func aConfiguredSourceIsFetchedAndItsNextVersionFollows(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let start = Date(timeIntervalSince1970: 1_560_000_000)
            let feed = try await Self.setUp(app, start: start)
            feed.serve(Self.drenthe, bytes: try EventsTests.regional(app, version: 1), etag: "\"v1\"")

            let first = await FeedSchedule.runOnce(app, intervalMinutes: 60)
            let id = try await Self.calendar(app, "drenthe").requireID()
            #expect(first[id] == .imported(.init(calendar: "drenthe", added: 17, updated: 0, unchanged: 0, removed: 0)))
            var calendar = try await Self.calendar(app, "drenthe")
            #expect(calendar.result == "17 nieuw, 0 gewijzigd, 0 verwijderd")
            #expect(calendar.etag == "\"v1\"" && calendar.failed == false)
            #expect(calendar.attemptedAt == start && calendar.succeededAt == start)
            #expect(try await Self.regional(app, "drenthe").count == 17)
            // The demo's own regional calendar has no address: the schedule leaves it alone.
            #expect(try await Self.calendar(app, "regio-drenthe").attemptedAt == nil)

            // Another process (or this one) attempted it a moment ago: the next round skips it.
            app.clock = .fixed(start.addingTimeInterval(10 * 60))
            #expect(await FeedSchedule.runOnce(app, intervalMinutes: 60)[id] == .skipped)
            #expect(feed.requests.count == 1)

            // The source publishes its next version; after half an interval the schedule takes it.
            feed.serve(Self.drenthe, bytes: try EventsTests.regional(app, version: 2), etag: "\"v2\"")
            let later = start.addingTimeInterval(31 * 60)
            app.clock = .fixed(later)
            let second = await FeedSchedule.runOnce(app, intervalMinutes: 60)
            #expect(
                second[id] == .imported(.init(calendar: "drenthe", added: 1, updated: 1, unchanged: 15, removed: 1)))
            #expect(feed.requests.last?.etag == "\"v1\"")
            let events = try await Self.regional(app, "drenthe")
            #expect(events.count == 17)
            #expect(Set(events.map(\.uid)).count == events.count)
            calendar = try await Self.calendar(app, "drenthe")
            #expect(calendar.result == "1 nieuw, 1 gewijzigd, 1 verwijderd" && calendar.etag == "\"v2\"")
            #expect(calendar.succeededAt == later)
            // The scheduled import is in the audit trail as the import it is.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$actor == "automatisch ophalen").all()
            #expect(entries.count == 2 && entries.allSatisfy { $0.summary.contains("geïmporteerd") })

            // A server without validators sends the same feed again: nothing changes, nothing is written
            // to the trail, and the calendar says so.
            feed.serve(Self.drenthe) { _ in
                .feed(bytes: try EventsTests.regional(app, version: 2), etag: nil, lastModified: nil)
            }
            app.clock = .fixed(later.addingTimeInterval(31 * 60))
            let third = await FeedSchedule.runOnce(app, intervalMinutes: 60)
            #expect(
                third[id] == .imported(.init(calendar: "drenthe", added: 0, updated: 0, unchanged: 17, removed: 0)))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actor == "automatisch ophalen").count() == 2)
            calendar = try await Self.calendar(app, "drenthe")
            #expect(calendar.result == "0 nieuw, 0 gewijzigd, 0 verwijderd" && calendar.etag == nil)
            #expect(calendar.importedAt == later && calendar.succeededAt == later.addingTimeInterval(31 * 60))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBrokenFeedIsReportedWithItsLineAndChangesNothing(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let start = Date(timeIntervalSince1970: 1_560_000_000)
            let feed = try await Self.setUp(app, start: start)
            feed.serve(Self.drenthe, bytes: try EventsTests.regional(app, version: 1), etag: "\"v1\"")
            await FeedSchedule.runOnce(app, intervalMinutes: 60)
            let before = try await Self.regional(app, "drenthe").map { "\($0.uid) \($0.sequence) \($0.title)" }
            #expect(before.count == 17)

            // The coordinator fetches now: the page names the line and what is wrong; nothing changes.
            feed.serve(Self.drenthe) { _ in .feed(bytes: Self.broken, etag: "\"kapot\"", lastModified: nil) }
            app.clock = .fixed(start.addingTimeInterval(60))
            let page = try await send(app, .POST, "/assen/kalender/bronnen/drenthe/ophalen", form: [])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Niets geïmporteerd"), "\(page.text)")
            #expect(page.text.contains("Regel 4: DTSTART"), "\(page.text)")
            #expect(try await Self.regional(app, "drenthe").map { "\($0.uid) \($0.sequence) \($0.title)" } == before)
            let calendar = try await Self.calendar(app, "drenthe")
            #expect(calendar.failed == true)
            #expect(
                calendar.result?.hasPrefix("Niet geïmporteerd: regel 4: DTSTART") == true, "\(calendar.result ?? "")")
            #expect(calendar.etag == "\"v1\"" && calendar.succeededAt == start)
            #expect(calendar.attemptedAt == start.addingTimeInterval(60))
            let sources = try await send(app, .GET, "/assen/kalender/bronnen")
            #expect(sources.text.contains("Mislukt:") && sources.text.contains("regel 4"))

            // On the schedule: the broken feed and one that cannot be reached are recorded, and a
            // working feed in the same round is still imported.
            let other = try await send(
                app, .POST, "api/v1/centres/assen/event-calendars",
                json: CalendarSourceInput(key: "weg", name: "Verdwenen", url: "https://weg.example.nl/agenda.ics"))
            #expect(other.status == .created)
            let patched = try await send(
                app, .PATCH, "api/v1/centres/assen/event-calendars/regio-drenthe",
                json: ["url": "https://agenda.example.nl/regio.ics"])
            #expect(patched.status == .ok, "\(patched.text)")
            feed.serve(
                "https://agenda.example.nl/regio.ics", bytes: try EventsTests.regional(app, version: 2), etag: "r")
            let later = start.addingTimeInterval(32 * 60)
            app.clock = .fixed(later)
            let round = await FeedSchedule.runOnce(app, intervalMinutes: 60)
            #expect(round.count == 3)
            let weg = try await Self.calendar(app, "weg")
            #expect(weg.failed == true && weg.result == "Niet opgehaald: de server antwoordde 404 Not Found")
            let drenthe = try await Self.calendar(app, "drenthe")
            #expect(drenthe.failed == true && drenthe.attemptedAt == later && drenthe.succeededAt == start)
            let regio = try await Self.calendar(app, "regio-drenthe")
            #expect(regio.failed == false && regio.succeededAt == later, "\(regio.result ?? "")")
            if case .imported? = round[try regio.requireID()] {} else { Issue.record("regio-drenthe: \(round)") }
            #expect(try await Self.regional(app, "drenthe").map { "\($0.uid) \($0.sequence) \($0.title)" } == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnchangedFeedIsRecordedAsUnchanged(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let start = Date(timeIntervalSince1970: 1_560_000_000)
            let feed = try await Self.setUp(app, start: start)
            feed.serve(Self.drenthe, bytes: try EventsTests.regional(app, version: 1), etag: "\"v1\"")
            let fetched = try await send(app, .POST, "api/v1/centres/assen/event-calendars/drenthe/fetches")
            #expect(fetched.status == .created)
            #expect(try fetched.json(EventCalendarFetchDTO.self).outcome == "geimporteerd")
            let audits = try await AuditEntry.query(on: app.db).count()

            app.clock = .fixed(start.addingTimeInterval(120))
            let again = try await send(app, .POST, "api/v1/centres/assen/event-calendars/drenthe/fetches")
            let result = try again.json(EventCalendarFetchDTO.self)
            #expect(result.outcome == "ongewijzigd" && result.result == "ongewijzigd")
            #expect(result.calendar.lastResult == "ongewijzigd" && result.calendar.failing == false)
            #expect(feed.requests.last?.etag == "\"v1\"")
            #expect(try await Self.regional(app, "drenthe").count == 17)
            let calendar = try await Self.calendar(app, "drenthe")
            #expect(calendar.succeededAt == start.addingTimeInterval(120))
            // The coordinator's fetch is in the trail, with what it gave.
            #expect(try await AuditEntry.query(on: app.db).count() == audits + 1)

            // The web page's "Nu ophalen" says so too.
            let page = try await send(app, .POST, "/assen/kalender/bronnen/drenthe/ophalen", form: [])
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location) == "/assen/kalender/bronnen#bron-drenthe")
            let list: [EventCalendarDTO] = try await send(app, .GET, "api/v1/centres/assen/event-calendars").json()
            #expect(list.map(\.key).sorted() == ["drenthe", "regio-drenthe"])
            #expect(list.first { $0.key == "drenthe" }?.lastResult == "ongewijzigd")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadAddressIsRefusedInDutch(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await Self.setUp(app, start: Date(timeIntervalSince1970: 1_560_000_000))
            let ftp = try await send(
                app, .POST, "api/v1/centres/assen/event-calendars",
                json: CalendarSourceInput(key: "ftp", name: "FTP", url: "ftp://example.nl/agenda.ics"))
            #expect(ftp.status == .unprocessableEntity)
            let problem = try ftp.json(Problem.self)
            #expect(problem.errors?.first?.field == "url")
            #expect(problem.errors?.first?.message == "alleen een adres dat begint met http:// of https://")

            let twice = try await send(
                app, .POST, "api/v1/centres/assen/event-calendars",
                json: CalendarSourceInput(key: "drenthe", name: "Nog eens", url: Self.drenthe))
            #expect(twice.status == .conflict)

            let page = try await send(
                app, .POST, "/assen/kalender/bronnen",
                form: [("key", "Lokaal!"), ("name", ""), ("url", "file:///etc/passwd")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Adres: alleen een adres dat begint met http:// of https://"), "\(page.text)")
            #expect(page.text.contains("Naam: vul een naam in"))
            #expect(page.text.contains("Sleutel: 2 tot 40 tekens"))
            #expect(page.text.contains("value=\"file:///etc/passwd\""))
            #expect(try await EventCalendar.query(on: app.db).count() == 2)

            let change = try await send(
                app, .POST, "/assen/kalender/bronnen/drenthe", form: [("url", "webcal://agenda.example.nl/x.ics")])
            #expect(change.status == .unprocessableEntity)
            #expect(change.text.contains("vervang webcal:// door https://"))
            #expect(try await Self.calendar(app, "drenthe").url == Self.drenthe)

            // Emptying the address is allowed: the calendar stays, and is no longer fetched.
            let off = try await send(app, .POST, "/assen/kalender/bronnen/drenthe", form: [("url", "")])
            #expect(off.status == .seeOther)
            #expect(try await Self.calendar(app, "drenthe").url == nil)
            let none = try await send(app, .POST, "api/v1/centres/assen/event-calendars/drenthe/fetches")
            #expect(none.status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheCoordinatorsKeepTheSources(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await Self.setUp(app, start: Date(timeIntervalSince1970: 1_560_000_000))
            for user in [TestUser.ondernemer, .bestuurGemeente, .tafellidA] {
                #expect(try await send(app, .GET, "/assen/kalender/bronnen", as: user).status == .forbidden)
                #expect(
                    try await send(app, .GET, "api/v1/centres/assen/event-calendars", as: user).status == .forbidden)
                #expect(
                    try await send(app, .POST, "api/v1/centres/assen/event-calendars/drenthe/fetches", as: user)
                        .status == .forbidden)
                #expect(
                    try await send(app, .POST, "/assen/kalender/bronnen/drenthe", form: [("url", "")], as: user)
                        .status == .forbidden)
            }
            #expect(try await Self.calendar(app, "drenthe").url == Self.drenthe)
            #expect(try await send(app, .GET, "/assen/kalender/bronnen", as: .uitvoeringsteam).status == .ok)
        }
    }

    /// The demo's regional calendar (no address: the demo has no network) is on the sources page,
    /// and the coordinator's calendar and import pages link to it.
    @Test(arguments: TestDatabase.available)
    func theDemoCalendarIsOnTheSourcesPage(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await EventsTests.loadDemoEvents(app)
            _ = try await EventImport.run(
                try EventsTests.regional(app, version: 1), calendar: "regio-drenthe", name: nil, centre: assen,
                by: .demo(app), on: app.db)
            let page = try await send(app, .GET, "/assen/kalender/bronnen")
            #expect(page.status == .ok)
            #expect(page.text.contains("Regionale evenementenkalender Drenthe (demo)"))
            #expect(page.text.contains("alleen importeren uit een bestand"))
            #expect(!page.text.contains("Nu ophalen"))
            for path in ["/assen/kalender", "/assen/kalender/import"] {
                #expect(try await send(app, .GET, path).text.contains("href=\"/assen/kalender/bronnen\""), "\(path)")
            }
        }
    }

    /// A real HTTP server: the app's own public feed of Assen becomes a source of a second centre.
    /// The first fetch imports it; the next one sends its ETag and gets 304, "ongewijzigd".
    @Test(arguments: TestDatabase.available)
    func aFeedIsFetchedOverHTTPWithItsETag(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await EventsTests.loadDemoEvents(app)
            let emmen = Centre(slug: "emmen", name: "Binnenstad Emmen")
            try await emmen.create(on: app.db)
            let visible = try await EventService.all(assen, on: app.db).filter {
                EventsAPI.isVisible($0, toEditors: false)
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let port = try #require(app.http.server.shared.localAddress?.port)
                let source = try await EventSources.create(
                    CalendarSourceInput(
                        key: "assen", name: "Binnenstad Assen", url: "http://127.0.0.1:\(port)/assen/evenementen.ics"),
                    centre: emmen, by: .demo(app), on: app.db)
                let id = try source.requireID()
                let first = await FeedSchedule.runOnce(app, intervalMinutes: 60)
                #expect(
                    first[id]
                        == .imported(
                            .init(calendar: "assen", added: visible.count, updated: 0, unchanged: 0, removed: 0)))
                let stored = try #require(try await EventCalendar.find(id, on: app.db))
                #expect(stored.etag != nil)
                let second = try await FeedFetch.run(
                    id, notSince: nil, audited: true, fetcher: app.feedFetcher, by: .demo(app), logger: app.logger,
                    on: app.db)
                #expect(second == .unchanged)
                #expect(try await EventCalendar.find(id, on: app.db)?.result == "ongewijzigd")
                #expect(
                    try await Event.query(on: app.db).filter(\.$centre.$id == emmen.requireID()).count()
                        == visible.count)
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    @Test func theIntervalComesFromTheEnvironment() throws {
        let home = ["STADSHART_HOME": repositoryRoot]
        #expect(try StadshartConfiguration.fromEnvironment(home).feedIntervalMinutes == 60)
        #expect(
            try StadshartConfiguration.fromEnvironment(home.merging(["STADSHART_FEED_INTERVAL": "0"]) { $1 })
                .feedIntervalMinutes == 0)
        #expect(
            try StadshartConfiguration.fromEnvironment(home.merging(["STADSHART_FEED_INTERVAL": "15"]) { $1 })
                .feedIntervalMinutes == 15)
        do {
            _ = try StadshartConfiguration.fromEnvironment(home.merging(["STADSHART_FEED_INTERVAL": "elk uur"]) { $1 })
            Issue.record("an interval that is no number was accepted")
        } catch {
            #expect("\(error)".contains("STADSHART_FEED_INTERVAL: 'elk uur' is geen aantal minuten"), "\(error)")
        }
    }
}
