import Fluent
import Foundation
import StadshartCore
import Testing
import VaporTesting

@testable import StadshartServer

/// Issue 13, the first part: the events calendar through the API, the public portal and its
/// iCalendar feed, and a regional calendar imported and imported again.
@Suite("Events")
struct EventsTests {
    static func loadDemoEvents(_ app: Application) async throws -> Centre {
        let assen = try await Centre.find(slug: "assen", on: app.db)
        try await EventFile.load(from: EventFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
        return assen
    }

    static func regional(_ app: Application, version: Int) throws -> [UInt8] {
        Array(
            try Data(contentsOf: URL(fileURLWithPath: EventFile.demoRegionalPath(in: app.directory, version: version))))
    }

    @Test(arguments: TestDatabase.available)
    func thePortalAndTheFeedShowPublicEvents(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            app.clock = .demo(on: Day(year: 2019, month: 6, day: 24)!)
            _ = try await Self.loadDemoEvents(app)
            let portal = try await send(app, .GET, "/assen/evenementen", as: .anonymous)
            #expect(portal.status == .ok, "\(portal.body.string.prefix(300))")
            #expect(portal.body.string.contains("Dit weekend"))
            let feed = try await send(app, .GET, "/assen/evenementen.ics", as: .anonymous)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "calendar")
            let text = feed.body.string
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(text.contains("BEGIN:VTIMEZONE"))
            // Only what the public may see: no drafts, nothing internal, nothing regional.
            let all = try await EventService.all(try await Centre.find(slug: "assen", on: app.db), on: app.db)
            for event in all {
                #expect(
                    text.contains("UID:\(event.uid)") == EventsAPI.isVisible(event, toEditors: false),
                    "\(event.title) \(event.status)")
            }
            let tag = try #require(feed.headers.first(name: .eTag))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .ifNoneMatch, value: tag)
            let again = try await app.testing().sendRequest(.GET, "/assen/evenementen.ics", headers: headers)
            #expect(again.status == .notModified)
        }
    }

    /// The coordinator adds an event, changes it (its sequence goes up, so subscribed calendar apps
    /// take it), and cancels it: it stays, visibly cancelled, and a cancelled event does not reopen
    /// to a status the workflow does not allow. Every change is in the audit trail.
    @Test(arguments: TestDatabase.available)
    func theCoordinatorKeepsTheCalendarThroughTheAPI(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await Self.loadDemoEvents(app)
            let bad = try await send(
                app, .POST, "api/v1/centres/assen/events",
                json: EventInput(title: "", category: "dans", firstDay: "2019-02-30", place: "maan"))
            #expect(bad.status == .unprocessableEntity)
            let created = try await send(
                app, .POST, "api/v1/centres/assen/events",
                json: EventInput(
                    title: "Zomerconcert", category: "muziek", firstDay: "2019-07-13", startTime: "20:00",
                    endTime: "23:30", place: "kerkplein", expectedVisitors: 2_000, status: "bevestigd"))
            #expect(created.status == .created)
            let event: EventDTO = try created.json()
            #expect(event.sequence == 0)
            let anonymous = try await send(app, .GET, "api/v1/centres/assen/events/\(event.id)", as: .anonymous)
            #expect(anonymous.status == .ok)

            let moved = try await send(
                app, .PATCH, "api/v1/centres/assen/events/\(event.id)", raw: #"{"startTime":"19:00"}"#)
            #expect(moved.status == .ok)
            #expect(try moved.json(EventDTO.self).sequence == 1)
            let refused = try await send(
                app, .PATCH, "api/v1/centres/assen/events/\(event.id)", raw: #"{"status":"aangevraagd"}"#)
            #expect(refused.status == .unprocessableEntity)
            let cancelled = try await send(
                app, .PATCH, "api/v1/centres/assen/events/\(event.id)", raw: #"{"status":"afgelast"}"#)
            #expect(try cancelled.json(EventDTO.self).status == "afgelast")
            let feed = try await send(app, .GET, "/assen/evenementen.ics", as: .anonymous)
            #expect(feed.body.string.contains("STATUS:CANCELLED"))
            let entries = try await AuditEntry.query(on: app.db).filter(\.$kind == "evenement")
                .filter(\.$recordID == event.id.uuidString).all()
            #expect(entries.count == 3)
            // The public does not change the calendar.
            let denied = try await send(
                app, .POST, "api/v1/centres/assen/events", json: EventInput(title: "X"), as: .ondernemer)
            #expect(denied.status == .forbidden)
        }
    }

    /// A regional calendar comes in whole, and its next version updates by UID: a higher SEQUENCE
    /// wins, the same one does not, what the source removed goes, nothing is duplicated. A broken
    /// feed names its line and changes nothing.
    @Test(arguments: TestDatabase.available)
    func aRegionalCalendarIsImportedAndImportedAgain(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await Self.loadDemoEvents(app)
            let first = try await EventImport.run(
                try Self.regional(app, version: 1), calendar: "regio-drenthe", name: nil, centre: assen,
                by: .demo(app), on: app.db)
            #expect(first.added == 17 && first.updated == 0 && first.removed == 0)
            let second = try await EventImport.run(
                try Self.regional(app, version: 2), calendar: "regio-drenthe", name: nil, centre: assen,
                by: .demo(app), on: app.db)
            #expect(second.added == 1 && second.updated == 1 && second.removed == 1)
            let regional = try await Event.query(on: app.db).filter(\.$calendar.$id != nil).all()
            #expect(regional.count == 17)
            #expect(Set(regional.map(\.uid)).count == regional.count)
            let racing = try #require(regional.first { $0.uid.hasPrefix("racing-day-tt-circuit-2020") })
            #expect(racing.sequence == 1)
            let before = try await Event.query(on: app.db).count()
            let broken = try await send(
                app, .POST, "api/v1/centres/assen/events/imports?calendar=regio-drenthe",
                raw: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2019-13-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.string.contains("regel 4"))
            #expect(try await Event.query(on: app.db).count() == before)
        }
    }

    /// The conflict warnings of the demo year fire where the demo was made to make them fire, and a
    /// coordinator acknowledges one with a reason; it then shows as acknowledged.
    @Test(arguments: TestDatabase.available)
    func conflictsAreShownAndOneIsAcknowledged(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let assen = try await Self.loadDemoEvents(app)
            _ = try await EventImport.run(
                try Self.regional(app, version: 1), calendar: "regio-drenthe", name: nil, centre: assen,
                by: .demo(app), on: app.db)
            let year: [ConflictDTO] = try await send(app, .GET, "api/v1/centres/assen/conflicts?year=2019").json()
            let rules = Set(year.map(\.rule))
            #expect(rules.isSuperset(of: ["zelfde-plek", "nachtrust", "druk-weekend", "city-dressing", "regionaal"]))
            let sameplace = try #require(year.first { $0.rule == "zelfde-plek" })
            #expect(!sameplace.acknowledged)
            let noReason = try await send(
                app, .POST, "api/v1/centres/assen/conflicts/acknowledgements",
                json: AcknowledgementInput(key: sameplace.key))
            #expect(noReason.status == .unprocessableEntity || noReason.status == .badRequest)
            let done = try await send(
                app, .POST, "api/v1/centres/assen/conflicts/acknowledgements",
                json: AcknowledgementInput(key: sameplace.key, reason: "Podium staat aan de andere kant van het plein"))
            #expect(done.status == .created)
            let after: [ConflictDTO] = try await send(app, .GET, "api/v1/centres/assen/conflicts?year=2019").json()
            #expect(after.first { $0.key == sameplace.key }?.acknowledged == true)
            let twice = try await send(
                app, .POST, "api/v1/centres/assen/conflicts/acknowledgements",
                json: AcknowledgementInput(key: sameplace.key, reason: "nogmaals"))
            #expect(twice.status == .conflict)
        }
    }

    /// The coordinator's pages: the month marks the days with open warnings, the form refuses in
    /// Dutch with its summary and saves, and a warning is acknowledged from the month.
    @Test(arguments: TestDatabase.available)
    func theCoordinatorWorksInTheBrowser(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            _ = try await Self.loadDemoEvents(app)
            let month = try await send(app, .GET, "/assen/kalender?maand=2019-06")
            #expect(month.status == .ok)
            #expect(month.body.string.contains("juni 2019"))
            #expect(month.body.string.contains("warned"))
            #expect(month.body.string.contains("Erkennen"))
            let refused = try await send(
                app, .POST, "/assen/kalender/nieuw",
                form: [("title", ""), ("category", "muziek"), ("firstDay", "2019-06-01"), ("startTime", "20:00")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("event-problems"))
            #expect(refused.body.string.contains("Naam: vul de naam van het evenement in"))
            #expect(refused.body.string.contains(##"href="#endTime""##))
            let saved = try await send(
                app, .POST, "/assen/kalender/nieuw",
                form: [
                    ("title", "Avondconcert"), ("category", "muziek"), ("firstDay", "2019-06-01"),
                    ("startTime", "20:00"), ("endTime", "23:00"), ("place", "brink"), ("status", "bevestigd"),
                    ("public", "ja"), ("cityDressing", "1.500,00"),
                ])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/assen/kalender?maand=2019-06")
            let stored = try #require(try await Event.query(on: app.db).filter(\.$title == "Avondconcert").first())
            #expect(stored.cityDressingCents == 150_000)
            #expect(stored.isPublic)
            let warnings: [ConflictDTO] = try await send(app, .GET, "api/v1/centres/assen/conflicts?year=2019").json()
            let open = try #require(warnings.first { !$0.acknowledged })
            let acknowledged = try await send(
                app, .POST, "/assen/kalender/erkenningen",
                form: [("key", open.key), ("reason", "Besproken met de organisatoren"), ("maand", "2019-06")])
            #expect(acknowledged.status == .seeOther)
            let after: [ConflictDTO] = try await send(app, .GET, "api/v1/centres/assen/conflicts?year=2019").json()
            #expect(after.first { $0.key == open.key }?.acknowledged == true)
            let edit = try await send(app, .GET, "/assen/kalender/evenementen/\(try stored.requireID())")
            #expect(edit.body.string.contains(#"value="Avondconcert""#))
        }
    }
}
