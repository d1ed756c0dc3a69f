import Foundation
import StadshartCore
import Testing
import Vapor

@testable import StadshartServer

@Suite("Import and export of actions")
struct ImportExportTests {
    func snapshot(_ app: Application, year: Int = 2019) async throws -> PlanSnapshot {
        let catalog = try await PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db)
        return try await PlanService.snapshot(catalog, year: year, on: app.db)
    }

    @Test(arguments: TestDatabase.available)
    func anExportReimportsWithoutChanges(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await snapshot(app)
            let csv = PlanExport.csv(before)
            let summary = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
            #expect(summary == PlanImport.Summary(created: 0, updated: 0, unchanged: before.actions.count))
            #expect(PlanExport.csv(try await snapshot(app)) == csv)

            let json = try PlanExport.json(before, today: Day(year: 2019, month: 1, day: 1)!)
            #expect(json.contains("\"status\" : \"concept\""))
            let web = try await send(app, .GET, Web.exportCSV.link("assen", 2019))
            #expect(web.text == csv)
            #expect(web.headers.contentType?.subType == "csv")
        }
    }

    @Test(arguments: TestDatabase.available)
    func importCreatesAndUpdates(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await snapshot(app)
            let first = try #require(before.actions.first)
            var row = ActionCSV.row(id: first.id.uuidString, centre: "assen", year: 2019, first.draft)
            row[10] = "€ 2.500"
            row[11] = "gemeente"
            let newRow =
                [
                    "", "assen", "2019", "B", "", "Bankjes in de Kruisstraat", "", "gemeente", "vaart:uitvoeren", "nee",
                    "1500,00", "gemeente", "", "kort", "normaal", "gepland",
                ] + Array(repeating: "", count: ActionCSV.added.count)
            let csv = CSV.encode([ActionCSV.header, row, newRow], delimiter: ",")
            let summary = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
            #expect(summary == PlanImport.Summary(created: 1, updated: 1, unchanged: 0))
            let after = try await snapshot(app)
            #expect(after.actions.count == before.actions.count + 1)
            #expect(after.actions.first { $0.id == first.id }?.draft.budgetCents == 250_000)
            #expect(
                after.actions.contains {
                    $0.draft.title == "Bankjes in de Kruisstraat" && $0.draft.budgetCents == 150_000
                })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadLineStopsTheWholeImport(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await snapshot(app)
            let good = [
                "", "assen", "2019", "B", "", "Goede regel", "", "gemeente", "", "ja", "0", "", "", "kort", "normaal",
                "gepland",
            ]
            let bad = [
                "", "assen", "2019", "Q", "", "Foute regel", "", "niemand", "", "nee", "veel", "", "", "kort",
                "normaal", "gepland",
            ]
            let otherCentre = ["", "emmen", "2019", "A", "", "Elders", "", "", "", "nee", "", "", "", "", "", ""]
            // A file in the first format, without the columns added later.
            let csv = CSV.encode([Array(ActionCSV.header.prefix(16)), good, bad, otherCentre])
            do {
                _ = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
                Issue.record("the import should have been refused")
            } catch let invalid as InvalidInput {
                #expect(
                    Set(invalid.problems.filter { $0.line == 3 }.map(\.field)) == ["themalijn", "trekker", "budget"])
                #expect(invalid.problems.contains { $0.line == 4 && $0.field == "binnenstad" })
                #expect(!invalid.problems.contains { $0.line == 2 })
            }
            #expect(try await snapshot(app).actions.count == before.actions.count)

            let adopted = try await PlanService.snapshot(before.catalog, year: 2019, on: app.db)
            #expect(adopted.adoptions.isEmpty)
        }
    }

    @Test func databaseURLsAreReadOrNamedWhenWrong() throws {
        #expect(
            try StadshartConfiguration.parseDatabaseURL("sqlite:///tmp/x.sqlite").get()
                == .sqliteFile(path: "/tmp/x.sqlite"))
        #expect(
            try StadshartConfiguration.parseDatabaseURL("postgres://u:p@localhost/db").get()
                == .postgres(url: "postgres://u:p@localhost/db"))
        #expect((try? StadshartConfiguration.parseDatabaseURL("sqlite://relative.sqlite").get()) == nil)
        #expect((try? StadshartConfiguration.parseDatabaseURL("mysql://x").get()) == nil)
        let error = #expect(throws: StadshartConfiguration.Invalid.self) {
            try StadshartConfiguration.fromEnvironment(["DATABASE_URL": "mysql://x", "STADSHART_HOME": "/nonexistent"])
        }
        #expect(error?.problems.count == 2)
    }
}
