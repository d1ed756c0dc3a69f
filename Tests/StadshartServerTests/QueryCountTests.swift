import Fluent
import Foundation
import NIOConcurrencyHelpers
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Counts the SQL statements a request sends: the drivers log each one ("Executing query") to the
/// request's logger, which this middleware replaces with a counting one before anything else runs.
final class QueryCounter: AsyncMiddleware, @unchecked Sendable {
    private let lock = NIOLock()
    private var statements = 0

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger = Logger(label: "query-count") { _ in Handler(counter: self) }
        return try await next.respond(to: request)
    }

    /// The statements counted since the last call.
    func take() -> Int {
        lock.withLock {
            defer { statements = 0 }
            return statements
        }
    }

    fileprivate func add() { lock.withLock { statements += 1 } }

    struct Handler: LogHandler {
        let counter: QueryCounter
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description == "Executing query" else { return }
            // A signed-in session notes when it was last seen once a minute, whatever the data's size:
            // on a slow run that lands in one of the two rounds, so it is not what this test counts.
            let sql = event.metadata?["sql"]?.description ?? ""
            if sql.hasPrefix("UPDATE \"user_sessions\"") { return }
            counter.add()
        }
    }
}

@Suite("Queries per page stay the same when the data grows")
struct QueryCountTests {
    /// A register of `premises` premises on ten streets and `premises / 2` businesses, as CSV.
    static func register(premises: Int) -> (premises: String, businesses: String) {
        let functions: [PremisesFunction] = [.detailhandel, .horeca, .dienstverlening, .kantoor]
        let zones = ["kernwinkelgebied", "aanloopstraat"]
        var premisesRows = [PremisesCSV.header]
        for index in 0..<premises {
            premisesRows.append(
                PremisesCSV.row(
                    PremisesRow(
                        line: 0, key: "Q\(index)", bagID: nil, street: "Straat \(index % 10)",
                        number: String(index / 10 + 1), addition: nil, postcode: nil, zone: zones[index % 2],
                        floorArea: 50 + index % 200, function: functions[index % functions.count], owner: nil,
                        latitude: 53.0 + Double(index) / 10_000, longitude: 6.5, dwellingsAbove: "geen",
                        vacantSince: index % 7 == 0 ? Day(year: 2018, month: 6, day: 1) : nil, vacancyReason: nil)))
        }
        var businessRows = [BusinessCSV.header]
        for index in stride(from: 1, to: premises, by: 2) where index % 7 != 0 {
            businessRows.append(
                BusinessCSV.row(
                    BusinessRow(
                        line: 0, key: "V\(index)", name: "Zaak \(index)", branch: "winkel", chain: false, kvk: nil,
                        jobs: 1 + index % 9, fte: nil, premises: ["Q\(index)"],
                        openingHours: index % 3 == 0 ? [:] : ["za": "10:00-17:00"])))
        }
        return (CSV.encode(premisesRows), CSV.encode(businessRows))
    }

    /// The pages and API answers that read the register and the monitor, as the team and the public see them.
    static let paths = [
        "/assen/panden", "/assen/panden?vacant=ja", "/assen/kaart", "/assen/leegstand", "/assen/beschikbare-panden",
        "/assen/monitor", "/assen/voortgang", "/assen/logboek", "/assen/register/panden.csv",
        "/api/v1/centres/assen/premises", "/api/v1/centres/assen/businesses", "/api/v1/centres/assen/vacancy",
        "/api/v1/centres/assen/available-premises", "/api/v1/centres/assen/indicators", "/assen/openingstijden",
        "/api/v1/centres/assen/opening-hours",
    ]

    /// Each path's statements after a write (the read models made anew) and once more (kept).
    static func count(_ app: Application, _ counter: QueryCounter, cookie: String) async throws -> [String: [Int]] {
        var counts: [String: [Int]] = [:]
        for path in paths {
            for _ in 0..<2 {
                _ = counter.take()
                try await app.testing().test(
                    .GET, path + (path.contains("?") ? "&" : "?") + "date=2020-01-01", headers: ["Cookie": cookie]
                ) {
                    #expect($0.status == .ok, "\(path)")
                }
                counts[path, default: []].append(counter.take())
            }
        }
        return counts
    }

    @Test(arguments: TestDatabase.available)
    func tenfoldDataTakesTheSameQueries(_ database: TestDatabase) async throws {
        try await withStadshart(database) { app in
            let counter = QueryCounter()
            app.middleware.use(counter, at: .beginning)
            let assen = try await Centre.find(slug: "assen", on: app.db)
            for key in ["kernwinkelgebied", "aanloopstraat"] {
                try await RegisterService.saveZone(
                    ZoneInput(key: key, name: key), centre: assen, by: .demo(app), on: app.db)
            }
            let session = try await signIn(app, "beheerder@assen.demo")
            let cookie = "\(SessionPolicy.cookieName)=\(session.cookie)"
            var counted: [[String: [Int]]] = []
            for size in [20, 200] {
                let csv = Self.register(premises: size)
                let day = Day(year: 2019, month: 1, day: 1)!
                _ = try await RegisterImport.premises(
                    csv: csv.premises, centre: Centre.find(slug: "assen", on: app.db), at: day, dryRun: false,
                    by: .demo(app), on: app.db)
                _ = try await RegisterImport.businesses(
                    csv: csv.businesses, centre: Centre.find(slug: "assen", on: app.db), at: day, dryRun: false,
                    by: .demo(app), on: app.db)
                let figures = try await RegisterView.load(Centre.find(slug: "assen", on: app.db), on: app.db).facts
                #expect(figures.premises.count == size)
                counted.append(try await Self.count(app, counter, cookie: cookie))
            }
            print("queries per path, cold and kept:", counted[1].sorted { $0.key < $1.key })
            // The counter counts: the list after a write reads the register anew.
            #expect((counted[1]["/assen/panden"]?[0] ?? 0) >= 7)
            for path in Self.paths {
                #expect(counted[0][path] == counted[1][path], "\(path): \(counted[0][path]!) then \(counted[1][path]!)")
                // Kept read models: the second request reads the centre and the session, not the register.
                #expect((counted[1][path]?[1] ?? 99) <= (counted[1][path]?[0] ?? 0))
            }
        }
    }
}
