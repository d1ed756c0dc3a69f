import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 14: the economic agenda's yearly execution programme, a plan of its own kind that shares the
/// actions' model, adoption and progress; only the college adopts it.
@Suite("The economic agenda's yearly programme")
struct ProgrammeTests {
    static let programme = "api/v1/centres/assen/plans/programma-2020"

    @Test(arguments: TestDatabase.available)
    func theDemoProgrammeIsAPlanWhoseActionsSitInTheMatrix(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let plan: PlanDTO = try await send(app, .GET, Self.programme).json()
            #expect(plan.kind == "uitvoeringsprogramma" && plan.key == "programma-2020" && plan.year == 2020)
            #expect(plan.status == "concept" && plan.actionCount == 12 && plan.lateAdoptionWarning == nil)
            let actions: [ActionDTO] = try await send(app, .GET, Self.programme + "/actions").json()
            #expect(actions.count == 12)

            // Every programme action is tagged to a cell of the matrix, next to the annual plan's.
            let agenda: AgendaDTO = try await send(app, .GET, "api/v1/centres/assen/agenda").json()
            let tagged = Set(agenda.cells.flatMap(\.actions))
            #expect(Set(actions.map(\.id)).isSubset(of: tagged))
            let page = try await send(app, .GET, "assen/economische-agenda")
            #expect(page.text.contains("href=\"/assen/jaarplan/programma-2020\">Uitvoeringsprogramma 2020</a>"))
            #expect(page.text.contains("(programma 2020)"))

            let planPage = try await send(app, .GET, "assen/jaarplan/programma-2020")
            #expect(planPage.status == .ok)
            #expect(planPage.text.contains("<h1>Uitvoeringsprogramma 2020</h1>"))
            #expect(planPage.text.contains("college van B&amp;W"))
            // The annual plan's years do not list the programme.
            #expect(
                try await PlanService.years(
                    PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db), on: app.db) == [2019])
            // A programme is not public while it is a draft.
            #expect(try await send(app, .GET, Self.programme, as: .anonymous).status == .unauthorized)
            #expect(try await send(app, .GET, Self.programme, as: .ondernemer).status == .forbidden)
            #expect(try await send(app, .GET, "api/v1/centres/assen/plans/programma-20x").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aNewProgrammeIsMadeFilledAndAdoptedByTheCollegeAlone(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let made = try await send(app, .POST, "assen/economische-agenda/programmas", form: [("year", "2021")])
            #expect(made.status == .seeOther)
            #expect(made.headers.first(name: .location) == "/assen/jaarplan/programma-2021")
            let again = try await send(app, .POST, "assen/economische-agenda/programmas", form: [("year", "2021")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("Het uitvoeringsprogramma 2021 bestaat al."))
            #expect(again.text.contains("href=\"#programmeYear\""))
            let wrong = try await send(app, .POST, "assen/economische-agenda/programmas", form: [("year", "ooit")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("vul een jaartal in"))

            let path = "api/v1/centres/assen/plans/programma-2021"
            let created = try await send(
                app, .POST, path + "/actions",
                raw:
                    #"{"title":"Bedrijvendag 2021","themeLine":"EO","lead":"gemeente","noPartners":true,"budgetCents":0}"#
            )
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json(ActionDTO.self).year == 2021)

            let byVaart = try await send(
                app, .POST, path + "/adoptions",
                raw: #"{"party":"binnenstadsorganisatie","adoptedBy":"H. de Vries","date":"2020-05-01"}"#,
                as: .bestuurVaart)
            #expect(byVaart.status == .unprocessableEntity)
            #expect(byVaart.text.contains("stelt geen uitvoeringsprogramma vast"))
            let byCollege = try await send(
                app, .POST, path + "/adoptions",
                raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"2020-05-01"}"#, as: .bestuurGemeente)
            #expect(byCollege.status == .created, "\(byCollege.text)")
            let adopted: PlanDTO = try byCollege.json()
            #expect(adopted.status == "vastgesteld" && adopted.kind == "uitvoeringsprogramma")
            // Adopted, it is public like an adopted annual plan.
            #expect(try await send(app, .GET, path, as: .anonymous).status == .ok)

            // The annual plan of the same year is another plan: both exist side by side.
            let next = try await send(app, .POST, "api/v1/centres/assen/plans/2019/next-year")
            #expect(next.status == .created || next.status == .ok, "\(next.text)")
            let annual: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2020").json()
            #expect(annual.kind == "jaarplan" && annual.actionCount > 12)

            // Its CSV names the programme in the year column and re-imports unchanged.
            let catalog = try await PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db)
            let snapshot = try await PlanService.snapshot(catalog, year: 2021, kind: .uitvoeringsprogramma, on: app.db)
            let csv = PlanExport.csv(snapshot)
            #expect(csv.contains(";programma-2021;"))
            let summary = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
            #expect(summary.unchanged == 1 && summary.created == 0)
        }
    }
}

/// Issue 14: the agenda's cell texts are edited in the page and through the API.
@Suite("The economic agenda's cell texts")
struct AgendaCellTextTests {
    @Test(arguments: TestDatabase.available)
    func editorsChangeACellsTextAndTheTrailKeepsTheOldOne(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let page = try await send(app, .GET, "assen/economische-agenda")
            #expect(page.text.contains("<label for=\"cellText-1-1\">Tekst van cel 1-1</label>"))
            #expect(
                !(try await send(app, .GET, "assen/economische-agenda", as: .tafellidA)).text.contains("cellText-1-1"))

            let long = String(repeating: "x", count: AgendaCellTextInput.maxText + 1)
            let refused = try await send(
                app, .POST, "assen/economische-agenda/cellen/1-1/tekst", form: [("text", long)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("href=\"#cellText-1-1\""))
            #expect(refused.text.contains("aria-describedby=\"cellText-1-1-error\""))

            let saved = try await send(
                app, .POST, "assen/economische-agenda/cellen/1-1/tekst",
                form: [("text", "  Stadsmarketing met de binnenstad als etalage.  ")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/assen/economische-agenda#cel-1-1")
            let agenda: AgendaDTO = try await send(app, .GET, "api/v1/centres/assen/agenda").json()
            #expect(agenda.cells.first { $0.key == "1-1" }?.text == "Stadsmarketing met de binnenstad als etalage.")

            let api = try await send(app, .PATCH, "api/v1/centres/assen/agenda/cells/2-3", raw: #"{"text":""}"#)
            #expect(api.status == .ok, "\(api.text)")
            #expect(try api.json(AgendaCellDTO.self).text == "")
            #expect(
                try await send(app, .PATCH, "api/v1/centres/assen/agenda/cells/9-9", raw: #"{"text":"x"}"#).status
                    == .notFound)
            let trail = try await AuditEntry.query(on: app.db).all().filter { $0.summary.hasPrefix("Tekst van cel") }
            #expect(trail.count == 2)
        }
    }
}
