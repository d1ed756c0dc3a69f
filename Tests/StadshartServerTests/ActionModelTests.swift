import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 14 end to end: joint leads, money per occasion and still to be found, days and lateness,
/// recurrence — through the API, the forms, the pages, the CSV and art. 16.
@Suite("The action model as the documents write it")
struct ActionModelTests {
    static let actions = "api/v1/centres/assen/plans/2019/actions"

    func cityDressing(_ app: Application) async throws -> ActionDTO {
        try #require(try await demoActions(app).first { $0.title.hasPrefix("City dressing") })
    }

    @Test(arguments: TestDatabase.available)
    func theDemoSaysWhatTheDocumentsSay(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            let dressing = try await cityDressing(app)
            #expect(dressing.lead?.key == "gemeente" && dressing.coLead?.key == "vaart")
            #expect(dressing.budgetCents == nil && dressing.budgetPerOccasionCents == 1_000_000)
            #expect(dressing.fundingStatus == "te_vinden")
            #expect(dressing.recurrence == "per_gelegenheid")
            #expect(dressing.missing.contains("funding"))
            #expect(actions.filter { $0.coLead?.key == "vaart" }.count == 6)
            let parking = try #require(actions.first { $0.deadline == "2019-01-01" })
            #expect(parking.late)
            let drinks = try #require(actions.first { $0.title.hasPrefix("Binnenstadborrels") })
            #expect(drinks.recurrence == "per_jaar" && drinks.recurrenceCount == 5)
            #expect(actions.first { $0.title.hasPrefix("Jaarlijkse schouw") }?.recurrence == "jaarlijks")
            // Part B, September 2018: the ice rink "wordt georganiseerd"; it is not done.
            #expect(actions.first { $0.title.contains("ijsbaan") }?.status == "in_uitvoering")
            // Youth and the economic strategy have no key points in the documents.
            let lines: [ThemeLineDTO] = try await send(app, .GET, "api/v1/centres/assen/theme-lines").json()
            #expect(lines.filter { ["J", "EO"].contains($0.code) }.allSatisfy { $0.keyPoints.isEmpty })
            #expect(!actions.contains { ["J", "EO"].contains($0.themeLine) && $0.keyPoint != nil })

            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(plan.start == "2019-01-01" && plan.end == "2019-12-31")
            #expect(plan.lateCount == actions.filter(\.late).count && plan.lateCount >= 1)
            #expect(plan.problems.contains { $0.missing.contains("funding") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func createPatchAndGetTheNewFields(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(
                app, .POST, Self.actions,
                raw: """
                    {"title":"Vlaggen bij de tentoonstelling","themeLine":"D","lead":"gemeente","coLead":"vaart",
                     "noPartners":true,"budgetPerOccasion":"€ 10.000","occasions":2,"budgetHolder":"gemeente",
                     "fundingStatus":"gereserveerd","fundingKind":"binnenstadsfonds","start":"2018-09-01",
                     "end":"2020-12-31","deadline":"01-01-2019","recurrence":"per_gelegenheid"}
                    """)
            #expect(created.status == .created, "\(created.text)")
            let action: ActionDTO = try created.json()
            #expect(action.coLead?.key == "vaart")
            #expect(action.budgetPerOccasionCents == 1_000_000 && action.occasions == 2)
            #expect(action.totalBudgetCents == 2_000_000)
            #expect(action.budget == "€ 10.000,00 per keer × 2 = € 20.000,00")
            #expect(action.fundingStatus == "gereserveerd" && action.fundingKind == "binnenstadsfonds")
            #expect(action.start == "2018-09-01" && action.end == "2020-12-31" && action.deadline == "2019-01-01")
            #expect(action.late)
            #expect(action.missing.isEmpty)

            // PATCH changes only what it sends; a fixed amount replaces the amount per occasion.
            let path = "api/v1/centres/assen/actions/\(action.id)"
            let patched = try await send(
                app, .PATCH, path,
                raw: #"{"budgetCents":500000,"status":"afgerond","recurrence":"per_jaar","recurrenceCount":5}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let after: ActionDTO = try await send(app, .GET, path).json()
            #expect(after.budgetCents == 500_000 && after.budgetPerOccasionCents == nil && after.occasions == nil)
            #expect(after.coLead?.key == "vaart" && after.deadline == "2019-01-01")
            #expect(after.recurrence == "per_jaar" && after.recurrenceCount == 5)
            #expect(!after.late)

            let cleared = try await send(app, .PATCH, path, raw: #"{"coLead":null,"deadline":null,"recurrence":null}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            let plain: ActionDTO = try cleared.json()
            #expect(
                plain.coLead == nil && plain.deadline == nil && plain.recurrence == nil && plain.recurrenceCount == nil)

            let bad = try await send(
                app, .PATCH, path, raw: #"{"coLead":"gemeente","end":"2018-01-01","fundingStatus":"misschien"}"#)
            #expect(bad.status == .unprocessableEntity)
            let problem: Problem = try bad.json()
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["coLead", "end", "fundingStatus"])
            #expect(problem.errors?.contains { $0.message == "de einddatum ligt vóór de begindatum" } == true)

            let lateOnes: [ActionDTO] = try await send(app, .GET, Self.actions + "?lead=vaart").json()
            #expect(lateOnes.allSatisfy { $0.lead?.key == "vaart" || $0.coLead?.key == "vaart" })
            #expect(lateOnes.contains { $0.coLead?.key == "vaart" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFormRefusesWithDutchMessagesAndSavesTheNewFields(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let dressing = try await cityDressing(app)
            let path = Web.editAction.link("assen", dressing.id)
            var fields: [(String, String)] = [
                ("title", dressing.title), ("description", dressing.description), ("themeLine", dressing.themeLine),
                ("lead", "gemeente"), ("coLead", "gemeente"), ("budgetPerOccasion", "10.000"), ("occasions", "twee"),
                ("fundingStatus", "te_vinden"), ("fundingKind", "gemeente"), ("start", "2019-03-01"),
                ("end", "2019-02-01"), ("horizon", "kort"), ("priority", "normaal"), ("status", "gepland"),
                ("partner:drents-museum", "meedenken"), ("recurrence", "per_gelegenheid"),
            ]
            let bad = try await send(app, .POST, path, form: fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Niets opgeslagen"))
            #expect(bad.text.contains("de tweede trekker is dezelfde organisatie als de trekker"))
            #expect(bad.text.contains("het aantal keren moet een geheel getal van 1 tot en met 1000 zijn"))
            #expect(bad.text.contains("de einddatum ligt vóór de begindatum"))
            #expect(bad.text.contains("href=\"#coLead\""))

            fields[4] = ("coLead", "vaart")
            fields[6] = ("occasions", "2")
            fields[10] = ("end", "2019-12-31")
            let good = try await send(app, .POST, path, form: fields)
            #expect(good.status == .seeOther, "\(good.text)")
            let saved: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(dressing.id)").json()
            #expect(saved.totalBudgetCents == 2_000_000 && saved.end == "2019-12-31" && saved.coLead?.key == "vaart")

            let page = try await send(app, .GET, Web.action.link("assen", dressing.id))
            #expect(page.text.contains("Gemeente Assen en Stichting Vaart in Assen"))
            #expect(page.text.contains("€ 10.000,00 per keer × 2 = € 20.000,00"))
            #expect(page.text.contains("nog te vinden · gemeente"))
            #expect(page.text.contains("te laat: einde 31 december 2019"))
            #expect(page.text.contains("bij elke gelegenheid"))

            let form = try await send(app, .GET, path)
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"10.000,00\""))
            #expect(form.text.contains("<option value=\"per_gelegenheid\" selected>"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePlanPageShowsBothLeadsMoneyPerOccasionAndWhatIsLate(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let page = try await send(app, .GET, Web.plan.link("assen", 2019))
            #expect(page.status == .ok)
            #expect(page.text.contains("Gemeente Assen en Stichting Vaart in Assen"))
            #expect(page.text.contains("€ 10.000,00 per keer (aantal keren nog niet bekend), nog te vinden"))
            #expect(page.text.contains("te laat: deadline 1 januari 2019"))
            #expect(page.text.contains("Looptijd 1 januari 2019 – 31 december 2019"))
            #expect(page.text.contains("5 keer per jaar"))
            #expect(page.text.contains("financiering nog te vinden"))
            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(page.text.contains("\(plan.lateCount) te laat"))

            let who = try await send(app, .GET, Web.whoDoesWhat.link("assen", 2019))
            #expect(
                who.text.contains("City dressing bij grote tentoonstellingen en evenementen (samen met Gemeente Assen)")
            )
            #expect(
                who.text.contains(
                    "City dressing bij grote tentoonstellingen en evenementen (samen met Stichting Vaart in Assen)")
            )

            let filtered = try await send(app, .GET, Web.plan.link("assen", 2019) + "?lead=vaart")
            #expect(filtered.text.contains("City dressing"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func moneyStillToBeFoundBlocksAdoption(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            try await completeAllActions(app)
            let dressing = try await cityDressing(app)
            let path = "api/v1/centres/assen/actions/\(dressing.id)"
            let toFind = try await send(app, .PATCH, path, raw: #"{"fundingStatus":"te_vinden"}"#)
            #expect(toFind.status == .ok)
            let adopt = "api/v1/centres/assen/plans/2019/adoptions"
            let refused = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"2018-12-11"}"#,
                as: .bestuurGemeente)
            #expect(refused.status == .unprocessableEntity)
            let problem: Problem = try refused.json()
            #expect(problem.incompleteActions?.map(\.missing) == [["funding"]])
            #expect(problem.incompleteActions?.first?.messages.first?.hasPrefix("financiering nog te vinden") == true)

            let page = try await send(app, .GET, Web.plan.link("assen", 2019))
            #expect(page.text.contains("1× financiering nog te vinden"))

            #expect(try await send(app, .PATCH, path, raw: #"{"fundingStatus":"zeker"}"#).status == .ok)
            let adopted = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"2018-12-11"}"#,
                as: .bestuurGemeente)
            #expect(adopted.status == .created, "\(adopted.text)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCSVCarriesTheNewFieldsAndOldFilesStillImport(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let catalog = try await PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db)
            let before = try await PlanService.snapshot(catalog, year: 2019, on: app.db)
            let csv = PlanExport.csv(before)
            #expect(csv.contains("tweede_trekker"))
            let summary = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
            #expect(summary == PlanImport.Summary(created: 0, updated: 0, unchanged: before.actions.count))
            #expect(PlanExport.csv(try await PlanService.snapshot(catalog, year: 2019, on: app.db)) == csv)

            // The same plan in the first format (no added columns): nothing changes, the new fields stay.
            let old = CSV.encode(
                [Array(ActionCSV.header.prefix(16))]
                    + before.actions.map {
                        Array(
                            ActionCSV.row(id: $0.id.uuidString, centre: "assen", year: 2019, $0.draft).prefix(16))
                    })
            let again = try await PlanImport.run(csv: old, by: .commandLine(app), on: app.db)
            #expect(again == PlanImport.Summary(created: 0, updated: 0, unchanged: before.actions.count))
            let dressing = try await cityDressing(app)
            #expect(dressing.coLead?.key == "vaart" && dressing.fundingStatus == "te_vinden")

            // A new action from an old file imports without the new fields.
            let line = [
                "", "assen", "2019", "F", "", "Nieuwe borrel", "", "vaart", "", "ja", "0", "", "", "kort", "normaal",
                "gepland",
            ]
            let fresh = try await PlanImport.run(
                csv: CSV.encode([Array(ActionCSV.header.prefix(16)), line]), by: .commandLine(app), on: app.db)
            #expect(fresh.created == 1)

            // A wrong new column is named by its Dutch name.
            var row = ActionCSV.row(id: "", centre: "assen", year: 2019, before.actions[0].draft)
            row[ActionCSV.header.firstIndex(of: "einde")!] = "2000-01-01"
            row[ActionCSV.header.firstIndex(of: "begin")!] = "2019-01-01"
            do {
                _ = try await PlanImport.run(
                    csv: CSV.encode([ActionCSV.header, row]), by: .commandLine(app), on: app.db)
                Issue.record("an end before the start was imported")
            } catch let invalid as InvalidInput {
                #expect(invalid.problems.map(\.field) == ["einde"])
            }
        }
    }
}
