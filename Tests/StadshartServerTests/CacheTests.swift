import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Public answers come from a per-centre cache that every write of the centre makes stale,
/// on every app server of the database.
@Suite("Public answers and their cache")
struct CacheTests {
    static let available = "/assen/beschikbare-panden"
    static let availableAPI = "api/v1/centres/assen/available-premises"

    /// A premises in the core shopping area that is let today, to make vacant.
    static func letCorePremises(_ app: Application) async throws -> String {
        let premises: [PremisesDTO] = try await send(
            app, .GET, "api/v1/centres/assen/premises?zone=kernwinkelgebied&vacant=nee&function=detailhandel"
        ).json()
        return try #require(premises.first).key
    }

    @Test(arguments: TestDatabase.available)
    func aPublicPageIsTaggedAndAWriteMakesItNew(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let first = try await send(app, .GET, Self.available, as: .anonymous)
            #expect(first.status == .ok)
            let tag = try #require(first.headers.first(name: .eTag))
            #expect(first.headers.first(name: .cacheControl) == "public, no-cache")
            var conditional = HTTPHeaders()
            conditional.add(name: .ifNoneMatch, value: tag)
            let unchanged = try await send(app, .GET, Self.available, as: .anonymous, headers: conditional)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            let again = try await send(app, .GET, Self.available, as: .anonymous)
            #expect(again.text == first.text)

            let key = try await Self.letCorePremises(app)
            let before: [AvailableDTO] = try await send(app, .GET, Self.availableAPI).json()
            #expect(!before.contains { $0.key == key })
            let vacant = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(key)/vacancies",
                raw: #"{"from":"\#(app.clock.today)","reason":"vertrokken"}"#)
            #expect(vacant.status == .created)
            let after: [AvailableDTO] = try await send(app, .GET, Self.availableAPI).json()
            #expect(after.contains { $0.key == key })
            let changed = try await send(app, .GET, Self.available, as: .anonymous, headers: conditional)
            #expect(changed.status == .ok)
            #expect(changed.headers.first(name: .eTag) != tag)
            #expect(changed.text != first.text)
        }
    }

    /// Two app servers on one database: a write on one is seen on the other at once.
    @Test(arguments: TestDatabase.available)
    func aWriteOnOneServerIsSeenOnTheOther(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true, sharedFile: true) { first in
            try await withSecondServer(of: first) { second in
                let before: [AvailableDTO] = try await send(second, .GET, Self.availableAPI, as: .anonymous).json()
                #expect(second.publicCache.count == 1)
                let key = try await Self.letCorePremises(first)
                let vacant = try await send(
                    first, .POST, "api/v1/centres/assen/premises/\(key)/vacancies",
                    raw: #"{"from":"\#(first.clock.today)"}"#)
                #expect(vacant.status == .created)
                let after: [AvailableDTO] = try await send(second, .GET, Self.availableAPI, as: .anonymous).json()
                #expect(after.count == before.count + 1)
                #expect(after.contains { $0.key == key })
            }
        }
    }

    /// Signed in, the page shows the person, so it is made afresh and never kept for others.
    @Test func aSignedInPageIsNotShared() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            let signedIn = try await send(app, .GET, Self.available, as: .programmateam)
            #expect(signedIn.headers.first(name: .eTag) == nil)
            #expect(app.publicCache.count == 0)
            let anonymous = try await send(app, .GET, Self.available, as: .anonymous)
            #expect(!anonymous.text.contains("Programmateam"))
            #expect(app.publicCache.count == 1)
        }
    }
}
