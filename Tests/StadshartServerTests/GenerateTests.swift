import Fluent
import Foundation
import SQLKit
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// `stadshart generate`: a small synthetic country, through the code the command runs.
@Suite("Generate a synthetic country")
struct GenerateTests {
    static let options = GenerateOptions(centres: 2, seed: 7, premises: 60, businesses: 40, years: 3)
    static let day = "2025-06-30"

    @Test(arguments: TestDatabase.available)
    func generatedCentresServeTheirFigures(_ database: TestDatabase) async throws {
        try await withStadshart(database, demo: false) { app in
            let totals = try await CountryGenerator.generate(Self.options, on: app.db)

            #expect(totals.centres == 2)
            #expect(totals.premises == 120)
            #expect((40...80).contains(totals.businesses))
            let sql = app.db as! any SQLDatabase
            for (table, expected) in totals.byTable {
                #expect(try await Self.count(table, on: sql) == expected, "\(table)")
            }
            #expect(try await Self.count("premises", on: sql) == 120)
            #expect(try await Self.count("zones", on: sql) == 6)
            #expect(try await Self.count("annual_plans", on: sql) == 6)
            #expect(try await Self.count("actions", on: sql) == 2 * 3 * 60)
            #expect(try await Self.count("indicators", on: sql) == 2 * 20)
            #expect(try await Self.count("measurements", on: sql) > 0)
            #expect(try await Self.count("vacancy_periods", on: sql) > 0)
            #expect(try await Self.count("business_jobs", on: sql) >= totals.businesses)

            for (slug, _) in Self.options.names {
                let centre = try await Centre.find(slug: slug, on: app.db)
                #expect(centre.registerSynthetic)
                #expect(
                    centre.dataVersion
                        == Int64(try await AuditEntry.query(on: app.db).filter(\.$centreID == centre.id).count()))

                let response = try await send(
                    app, .GET, "api/v1/centres/\(slug)/vacancy?date=\(Self.day)", as: .anonymous)
                #expect(response.status == .ok)
                let figures = try response.json(RegisterFiguresDTO.self)
                let rate = try #require(figures.unitsRate)
                #expect((0...1).contains(rate))
                #expect(figures.jobs > 0)
                #expect(figures.businesses > 0)
                #expect(try await send(app, .GET, "\(slug)/leegstand", as: .anonymous).status == .ok)
            }

            // A second run would write the same centres again: it refuses and writes nothing.
            let rows = try await Self.count("audit_entries", on: sql)
            await #expect(throws: CommandFailure.self) {
                try await CountryGenerator.generate(Self.options, on: app.db)
            }
            #expect(try await Self.count("centres", on: sql) == 2)
            #expect(try await Self.count("audit_entries", on: sql) == rows)
        }
    }

    @Test func theSameSeedGivesTheSameData() async throws {
        var runs: [Fingerprint] = []
        for seed: UInt64 in [7, 7, 8] {
            var options = Self.options
            options.seed = seed
            try await withStadshart(.sqlite, demo: false) { app in
                _ = try await CountryGenerator.generate(options, on: app.db)
                runs.append(try await Fingerprint.of(app, options))
            }
        }
        // Field by field, so a difference names its part without printing all of it.
        #expect(runs[0].ids == runs[1].ids)
        #expect(runs[0].premises == runs[1].premises)
        #expect(runs[0].history == runs[1].history)
        #expect(runs[0].audit == runs[1].audit)
        #expect(runs[0].figures == runs[1].figures)
        #expect(runs[0].ids != runs[2].ids)
        #expect(runs[0].figures != runs[2].figures)
    }

    /// What two runs must agree on: the ids and contents of the register and the trail, and
    /// the figures the API answers.
    struct Fingerprint: Equatable {
        var ids: [UUID]
        var premises: [String]
        var history: [String]
        var audit: [String]
        /// The API's answers, parsed: JSON members come in any order.
        var figures: [NSObject]

        static func of(_ app: Application, _ options: GenerateOptions) async throws -> Fingerprint {
            let sql = app.db as! any SQLDatabase
            func rows(_ query: SQLQueryString, _ columns: [String]) async throws -> [String] {
                try await sql.raw(query).all().map { row in
                    try columns.map { try row.decode(column: $0, as: String?.self) ?? "-" }.joined(separator: "|")
                }
            }
            var figures: [NSObject] = []
            for (slug, _) in options.names {
                let response = try await send(
                    app, .GET, "api/v1/centres/\(slug)/vacancy?date=\(GenerateTests.day)", as: .anonymous)
                figures.append(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! NSObject)
            }
            var ids: [UUID] = []
            for table in ["centres", "premises", "businesses", "actions", "measurements", "audit_entries"] {
                ids += try await sql.raw("SELECT id FROM \(ident: table) ORDER BY id").all().map {
                    try $0.decode(column: "id", as: UUID.self)
                }
            }
            return Fingerprint(
                ids: ids,
                premises: try await rows(
                    "SELECT key, street, number, postcode, bag_id FROM premises ORDER BY key, street, number, postcode, bag_id",
                    ["key", "street", "number", "postcode", "bag_id"]),
                history: try await rows(
                    "SELECT from_day, until_day, reason FROM vacancy_periods ORDER BY from_day, until_day, reason",
                    ["from_day", "until_day", "reason"])
                    + rows(
                        "SELECT from_day, until_day FROM occupancies ORDER BY from_day, until_day",
                        ["from_day", "until_day"]),
                audit: try await rows(
                    "SELECT summary, changes FROM audit_entries ORDER BY summary, changes", ["summary", "changes"])
                    + rows("SELECT reason, changes FROM amendments ORDER BY reason, changes", ["reason", "changes"]),
                figures: figures)
        }
    }

    static func count(_ table: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }
}
