import Fluent
import Foundation
import StadshartCore
import Testing
import VaporTesting

@testable import StadshartServer

/// Issue 13, "what is open": the businesses open at a moment by the register's weekly hours, checked
/// against the same rule worked out here from the register's own records.
@Suite("What is open")
struct OpenNowTests {
    /// Tuesday 25 June 2019 and the Sunday before it, on the Dutch clock (summer time).
    static let tuesday = Day(year: 2019, month: 6, day: 25)!
    static let sunday = Day(year: 2019, month: 6, day: 23)!

    /// The keys of the businesses open at `moment`, and of those with hours, read from the Fluent models
    /// (not the register's read model): in the centre on that day, by `BusinessHours.open`.
    static func expected(_ app: Application, at moment: Date) async throws -> (open: [String], withHours: Int) {
        let day = CentreTime.day(of: moment).description
        let assen = try await Centre.find(slug: "assen", on: app.db)
        let businesses = try await Business.query(on: app.db).filter(\.$centre.$id == assen.requireID())
            .with(\.$occupancies) { $0.with(\.$premises) }.all()
        var hours: [BusinessHours] = []
        for business in businesses {
            // Periods end before their `until` day.
            guard
                let occupancy = business.occupancies.first(where: {
                    $0.from <= day && ($0.until.map { day < $0 } ?? true)
                }
                ),
                let parsed = try? OpeningHours.parse(json: business.openingHours), !parsed.isEmpty
            else { continue }
            hours.append(
                BusinessHours(id: business.key, name: business.name, street: occupancy.premises.street, hours: parsed))
        }
        return (BusinessHours.open(hours, at: moment).map(\.id), hours.count)
    }

    @Test(arguments: TestDatabase.available)
    func theRegistersHoursSayWhatIsOpen(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let weekday = try await send(app, .GET, "api/v1/centres/assen/open?at=2019-06-25T11:00", as: .anonymous)
            #expect(weekday.status == .ok, "\(weekday.body.string.prefix(300))")
            let morning = try weekday.json(OpenNowDTO.self)
            #expect(morning.at == "2019-06-25T11:00")
            #expect(morning.weekday == "dinsdag")
            #expect(morning.open == morning.businesses.count)
            #expect(morning.open > 50, "a Tuesday morning in the centre: most shops are open")
            let tuesday = try await Self.expected(app, at: CentreTime.instant(Self.tuesday, minute: 11 * 60))
            #expect(morning.businesses.map(\.key).sorted() == tuesday.open.sorted())
            #expect(morning.withHours == tuesday.withHours)
            #expect(morning.withoutHours == 0, "the demo gives every business its hours")
            let first = try #require(morning.businesses.first)
            #expect(first.address.hasPrefix(first.street + " "))
            #expect(first.hoursToday != "gesloten")
            #expect(morning.businesses.map(\.name) == morning.businesses.map(\.name).sorted())

            let night = try await send(app, .GET, "api/v1/centres/assen/open?at=2019-06-23T03:00", as: .anonymous)
            let sunday = try night.json(OpenNowDTO.self)
            #expect(sunday.weekday == "zondag")
            let expectedSunday = try await Self.expected(app, at: CentreTime.instant(Self.sunday, minute: 3 * 60))
            #expect(sunday.businesses.map(\.key).sorted() == expectedSunday.open.sorted())
            #expect(sunday.open * 10 < morning.open, "at three in the night hardly anything is open")
            // Open on Saturday's hours past midnight: Sunday's own hours may well be "gesloten".
            for business in sunday.businesses { #expect(!business.hoursToday.isEmpty) }

            // The same instant written with its offset: 09:00 UTC is 11:00 in Dutch summer time.
            let utc = try await send(app, .GET, "api/v1/centres/assen/open?at=2019-06-25T09:00:00Z", as: .anonymous)
            #expect(try utc.json(OpenNowDTO.self).businesses.map(\.key) == morning.businesses.map(\.key))
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutAMomentItIsNowAndABadMomentIsRefused(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            app.clock = .fixed(CentreTime.instant(Self.tuesday, minute: 11 * 60))
            let now = try await send(app, .GET, "api/v1/centres/assen/open", as: .anonymous)
            #expect(now.status == .ok)
            let answer = try now.json(OpenNowDTO.self)
            #expect(answer.at == "2019-06-25T11:00")
            #expect(
                answer.businesses.map(\.key).sorted()
                    == (try await Self.expected(app, at: app.clock.now())).open.sorted())
            // "Now" changes by the minute: it is not served from the cache under a tag of the day.
            #expect(now.headers.first(name: .eTag) == nil)

            let bad = try await send(app, .GET, "api/v1/centres/assen/open?at=morgen", as: .anonymous)
            #expect(bad.status == .badRequest)
            #expect(bad.isProblem)
            let problem = try bad.json(Problem.self)
            #expect(problem.errors?.first?.field == "at")
            #expect(problem.errors?.first?.message.contains("'morgen' is geen moment") == true)
            let unknown = try await send(app, .GET, "api/v1/centres/nergens/open?at=2019-06-25T11:00", as: .anonymous)
            #expect(unknown.status == .notFound)
        }
    }

    /// With a moment the answer changes only with the centre's data: it is cached and answers 304 to a
    /// client that has it, until the register changes.
    @Test(arguments: TestDatabase.available)
    func aMomentsAnswerIsCachedUntilTheDataChanges(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let path = "api/v1/centres/assen/open?at=2019-06-25T11:00"
            let first = try await send(app, .GET, path, as: .anonymous)
            let tag = try #require(first.headers.first(name: .eTag))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .ifNoneMatch, value: tag)
            #expect(try await app.testing().sendRequest(.GET, path, headers: headers).status == .notModified)

            // A business closes on Tuesdays: the register's change is a write, so the answer is made anew.
            let open = try first.json(OpenNowDTO.self)
            let key = try #require(open.businesses.first?.key)
            let closed = try await send(
                app, .PATCH, "api/v1/centres/assen/businesses/\(key)",
                raw:
                    #"{"openingHours":{"ma":"gesloten","di":"gesloten","wo":"gesloten","do":"gesloten","vr":"gesloten","za":"10:00-17:00","zo":"gesloten"},"jobs":3}"#,
                as: .beheerder)
            #expect(closed.status == .ok, "\(closed.body.string.prefix(300))")
            let again = try await app.testing().sendRequest(.GET, path, headers: headers)
            #expect(again.status == .ok)
            let after = try again.json(OpenNowDTO.self)
            #expect(!after.businesses.contains { $0.key == key })
            #expect(after.open == open.open - 1)
        }
    }
}
