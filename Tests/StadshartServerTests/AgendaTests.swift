import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// The economic agenda's matrix: the page with its twelve cells, tagging and untagging actions
/// through the form and the API, who may do it, and the audit trail.
@Suite("Economic agenda")
struct AgendaTests {
    static func action(_ app: Application, _ title: String) async throws -> ActionDTO {
        try #require(try await demoActions(app).first { $0.title == title }, "no demo action '\(title)'")
    }

    static func agenda(_ app: Application) async throws -> AgendaDTO {
        try await send(app, .GET, "api/v1/centres/assen/agenda").json()
    }

    @Test(arguments: TestDatabase.available)
    func thePageShowsTwelveCellsWithTheDemosTags(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            // The test demo has the agenda already, as `stadshart demo` has; a second load changes nothing.
            let assen = try await Centre.find(slug: "assen", on: app.db)
            let again = try await AgendaFile.load(
                from: AgendaFile.demoPath(in: app.directory), into: assen, by: .demo(app), on: app.db)
            #expect(!again.loaded)
            let marketing = try await Self.action(app, "Marketingstrategie voor Assen")

            let res = try await send(app, .GET, "assen/economische-agenda", as: .tafellidA)

            #expect(res.status == .ok)
            #expect(res.text.components(separatedBy: "class=\"agenda-cell\"").count - 1 == 12)
            #expect(res.text.components(separatedBy: "class=\"agenda-pillar\"").count - 1 == 3)
            #expect(res.text.contains("Pijler 1. Spilfunctie in de regio versterken"))
            #expect(res.text.contains("Opgave 4. Wendbare beroepsbevolking"))
            #expect(res.text.contains("href=\"/assen/acties/\(marketing.id)\">Marketingstrategie voor Assen</a>"))
            #expect(res.text.contains("href=\"/assen/monitor/indicatoren/top25\""))
            // A ThemaTafel member reads, but does not tag.
            #expect(!res.text.contains("id=\"tag-form\""))
            #expect(!res.text.contains("Loskoppelen"))

            let agenda = try await Self.agenda(app)
            #expect(agenda.period == "2020–2025")
            #expect(agenda.pillars.count == 3 && agenda.tasks.count == 4 && agenda.cells.count == 12)
            let first = try #require(agenda.cells.first { $0.key == "1-1" })
            #expect(first.actions.contains(marketing.id))
            #expect(first.indicators == ["waardering", "top25"] || first.indicators == ["top25", "waardering"])
            #expect(agenda.cells.allSatisfy { !$0.text.isEmpty })
            // Every title the demo file tags is an action of the 2019 plan (eight tags in six cells);
            // the programme 2020 has an action in every cell.
            let plan2019 = Set(try await demoActions(app).map(\.id))
            #expect(agenda.cells.map { $0.actions.filter(plan2019.contains).count }.reduce(0, +) == 8)
            #expect(agenda.cells.filter { !$0.actions.filter(plan2019.contains).isEmpty }.count == 6)
            #expect(agenda.cells.allSatisfy { !$0.actions.isEmpty })

            // The monitor's groups point at the agenda; the start page links it.
            let monitor = try await send(app, .GET, "assen/monitor")
            #expect(monitor.text.contains("href=\"/assen/economische-agenda\">Economische agenda</a>"))
            let start = try await send(app, .GET, "assen")
            #expect(start.text.contains("href=\"/assen/economische-agenda\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func editorsTagThroughTheFormAndTheAPI(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let nota = try await Self.action(app, "Strategienota Binnenstad opstellen")
            let schouw = try await Self.action(app, "Jaarlijkse schouw van de binnenstad")

            let form = try await send(
                app, .POST, "assen/economische-agenda/koppelingen",
                form: [("cell", "2-2"), ("action", nota.id.uuidString)])
            #expect(form.status == .seeOther)
            #expect(form.headers.first(name: .location) == "/assen/economische-agenda#cel-2-2")
            let api = try await send(
                app, .POST, "api/v1/centres/assen/agenda/cells/3-3/actions", raw: #"{"action":"\#(schouw.id)"}"#)
            #expect(api.status == .created)
            let cell: AgendaCellDTO = try api.json()
            #expect(cell.key == "3-3" && cell.actions.contains(schouw.id))

            let agenda = try await Self.agenda(app)
            let plan2019 = Set(try await demoActions(app).map(\.id))
            #expect(agenda.cells.first { $0.key == "2-2" }?.actions.filter(plan2019.contains) == [nota.id])
            #expect(agenda.cells.first { $0.key == "3-3" }?.actions.contains(schouw.id) == true)
            let page = try await send(app, .GET, "assen/economische-agenda")
            #expect(page.text.contains("Strategienota Binnenstad opstellen"))

            // The same tag again clashes with what is stored.
            let again = try await send(
                app, .POST, "api/v1/centres/assen/agenda/cells/3-3/actions", raw: #"{"action":"\#(schouw.id)"}"#)
            #expect(again.status == .conflict)

            // Each tag is in the audit trail, on the action, in the same transaction.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$event == AuditEvent.gekoppeld.rawValue)
                .all()
            #expect(entries.count == 2)
            let entry = try #require(entries.first { $0.recordID == nota.id.uuidString })
            #expect(entry.kind == AuditKind.actie.rawValue)
            #expect(entry.summary.contains("cel 2-2"))
            #expect(entry.userID != nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnknownActionOrCellIsRefusedInDutch(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await Self.agenda(app)
            let stranger = UUID()

            let form = try await send(
                app, .POST, "assen/economische-agenda/koppelingen",
                form: [("cell", "9-9"), ("action", stranger.uuidString)])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains(FormErrors.notSaved))
            #expect(
                form.text.contains("href=\"#agendaCell\">Cel: cel &#39;9-9&#39; bestaat niet in deze agenda</a>")
                    || form.text.contains("Cel: cel '9-9' bestaat niet in deze agenda"))
            #expect(
                form.text.contains("Actie: &#39;\(stranger.uuidString)&#39; is geen actie")
                    || form.text.contains("Actie: '\(stranger.uuidString)' is geen actie"))
            #expect(form.text.contains("aria-invalid=\"true\" aria-describedby=\"agendaAction-error\""))

            let api = try await send(
                app, .POST, "api/v1/centres/assen/agenda/cells/1-1/actions", raw: #"{"action":"\#(stranger)"}"#)
            #expect(api.status == .unprocessableEntity)
            let problem: Problem = try api.json()
            #expect(problem.errors?.map(\.field) == ["action"])
            #expect(problem.errors?.first?.message.contains("is geen actie van een jaarplan") == true)
            let noCell = try await send(
                app, .POST, "api/v1/centres/assen/agenda/cells/4-1/actions", raw: #"{"action":"\#(stranger)"}"#)
            #expect(noCell.status == .notFound)

            let after = try await Self.agenda(app)
            #expect(after.cells.map(\.actions) == before.cells.map(\.actions))
        }
    }

    @Test(arguments: TestDatabase.available)
    func untaggingKeepsTheAction(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let marketing = try await Self.action(app, "Marketingstrategie voor Assen")
            let werkplan = try await Self.action(
                app, "Marketing- en communicatiewerkplan met ondernemers als ambassadeur")
            let confirmPath = "assen/economische-agenda/cellen/1-1/acties/\(marketing.id)/ontkoppelen"

            // The page offers it, a page of its own asks first.
            let page = try await send(app, .GET, "assen/economische-agenda")
            #expect(page.text.contains("href=\"/\(confirmPath)\""))
            let ask = try await send(app, .GET, confirmPath)
            #expect(ask.status == .ok)
            #expect(ask.text.contains("Ja, loskoppelen"))
            #expect(ask.text.contains("de actie blijft in het jaarplan 2019"))

            let web = try await send(app, .POST, confirmPath, form: [])
            #expect(web.status == .seeOther)
            let api = try await send(
                app, .DELETE, "api/v1/centres/assen/agenda/cells/1-1/actions/\(werkplan.id)")
            #expect(api.status == .noContent)

            let agenda = try await Self.agenda(app)
            let plan2019 = Set(try await demoActions(app).map(\.id))
            #expect(agenda.cells.first { $0.key == "1-1" }?.actions.filter(plan2019.contains).isEmpty == true)
            for action in [marketing, werkplan] {
                let res = try await send(app, .GET, "api/v1/centres/assen/actions/\(action.id)")
                #expect(res.status == .ok, "the action \(action.title) is gone")
            }
            let entries = try await AuditEntry.query(on: app.db).filter(\.$event == AuditEvent.ontkoppeld.rawValue)
                .all()
            #expect(Set(entries.compactMap(\.recordID)) == [marketing.id.uuidString, werkplan.id.uuidString])

            // A tag that is not there is not found; deleting a tagged action takes its tag along.
            let gone = try await send(
                app, .DELETE, "api/v1/centres/assen/agenda/cells/1-1/actions/\(werkplan.id)")
            #expect(gone.status == .notFound)
            let acquisitie = try await Self.action(app, "Acquisitie van aanvullende winkelformules")
            let deleted = try await send(app, .DELETE, "api/v1/centres/assen/actions/\(acquisitie.id)")
            #expect(deleted.status == .noContent)
            #expect(
                try await Self.agenda(app).cells.first { $0.key == "1-2" }?.actions.filter(plan2019.contains).isEmpty
                    == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyPlanReadersSeeItAndOnlyEditorsTag(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let nota = try await Self.action(app, "Strategienota Binnenstad opstellen")
            #expect(try await send(app, .GET, "assen/economische-agenda", as: .bestuurVaart).status == .ok)
            #expect(try await send(app, .GET, "assen/economische-agenda", as: .ondernemer).status == .forbidden)
            #expect(try await send(app, .GET, "api/v1/centres/assen/agenda", as: .anonymous).status == .unauthorized)
            let byBoard = try await send(
                app, .POST, "api/v1/centres/assen/agenda/cells/1-1/actions", raw: #"{"action":"\#(nota.id)"}"#,
                as: .bestuurGemeente)
            #expect(byBoard.status == .forbidden)
            let byTable = try await send(
                app, .POST, "assen/economische-agenda/koppelingen",
                form: [("cell", "1-1"), ("action", nota.id.uuidString)],
                as: .tafellidA)
            #expect(byTable.status == .forbidden)
            #expect(try await Self.agenda(app).cells.first { $0.key == "1-1" }?.actions.contains(nota.id) == false)
        }
    }

    @Test func aCentreWithoutAnAgendaSaysSo() async throws {
        try await withStadshart(.sqlite) { app in
            try await AgendaCellAction.query(on: app.db).delete()
            try await AgendaCellIndicator.query(on: app.db).delete()
            try await AgendaCellRecord.query(on: app.db).delete()
            try await AgendaTaskRecord.query(on: app.db).delete()
            try await AgendaPillarRecord.query(on: app.db).delete()
            try await EconomicAgenda.query(on: app.db).delete()
            let page = try await send(app, .GET, "assen/economische-agenda")
            #expect(page.status == .ok)
            #expect(page.text.contains(AgendaService.missing))
            #expect(try await send(app, .GET, "api/v1/centres/assen/agenda").status == .notFound)
        }
    }
}
