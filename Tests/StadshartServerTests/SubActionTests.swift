import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 14: sub-actions ("▪" under a "➢") with their own lead, status and progress, rolled up into
/// the parent — in the demo, the API, the pages, the CSV and the next year's plan.
@Suite("Sub-actions")
struct SubActionTests {
    static let actions = "api/v1/centres/assen/plans/2019/actions"

    func parent(_ actions: [ActionDTO], _ prefix: String) throws -> ActionDTO {
        try #require(actions.first { $0.title.hasPrefix(prefix) && $0.parent == nil })
    }

    @Test(arguments: TestDatabase.available)
    func theDemoHasThe35ActionsAnd20SubActionsOfPartsAAndB(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            #expect(actions.filter { $0.parent == nil }.count == 35)
            #expect(actions.filter { $0.parent != nil }.count == 20)
            let counts = Dictionary(grouping: actions.compactMap(\.parent)) { $0 }.mapValues(\.count)
            #expect(counts.values.sorted() == [2, 2, 3, 3, 4, 6])
            let square = try parent(actions, "Koopmansplein")
            #expect(counts[square.id] == 4 && square.subActionProgress?.total == 4)
            let rink = try #require(actions.first { $0.title.contains("ijsbaan") })
            #expect(rink.parent == square.id && rink.status == "in_uitvoering" && rink.themeLine == square.themeLine)
            #expect(square.subActionProgress?.running == 1)
            #expect(counts[try parent(actions, "Tijdelijk beheerder").id] == 6)
            // A sub-action answers to its parent for art. 16; it has no gaps of its own.
            let subActionGaps = actions.filter { $0.parent != nil }.flatMap(\.missing)
            #expect(subActionGaps.isEmpty)

            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(plan.actionCount == 35 && plan.subActionCount == 20)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSubActionThroughTheAPIRollsUpIntoItsParent(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            let dressing = try parent(actions, "City dressing")
            let created = try await send(
                app, .POST, Self.actions,
                raw: #"{"title":"Vlaggenpakket samenstellen","lead":"vaart","parent":"\#(dressing.id)"}"#)
            #expect(created.status == .created, "\(created.text)")
            let sub: ActionDTO = try created.json()
            #expect(sub.parent == dressing.id && sub.themeLine == dressing.themeLine && sub.missing.isEmpty)

            var detail: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(dressing.id)").json()
            #expect(detail.subActions?.map(\.title) == ["Vlaggenpakket samenstellen"])
            #expect(detail.subActionProgress?.summary == "0 van 1 deelactie afgerond")
            let done = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(sub.id)", raw: #"{"status":"afgerond"}"#)
            #expect(done.status == .ok, "\(done.text)")
            detail = try await send(app, .GET, "api/v1/centres/assen/actions/\(dressing.id)").json()
            #expect(detail.subActionProgress?.percentFinished == 100)
            let subDetail: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(sub.id)").json()
            #expect(subDetail.parentAction?.id == dressing.id)

            // One level deep; never under itself; not from another plan; a parent does not become a sub-action.
            let deeper = try await send(
                app, .POST, Self.actions, raw: #"{"title":"Nog dieper","parent":"\#(sub.id)"}"#)
            #expect(deeper.status == .unprocessableEntity)
            #expect(deeper.text.contains("\"parent\"") && deeper.text.contains("één niveau"))
            let unknown = try await send(
                app, .POST, Self.actions, raw: #"{"title":"Wees","parent":"\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("niet bij dit jaarplan"))
            let other = try parent(actions, "Marketingstrategie")
            let nested = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(dressing.id)", raw: #"{"parent":"\#(other.id)"}"#)
            #expect(nested.status == .unprocessableEntity && nested.text.contains("heeft zelf deelacties"))
            let selfParent = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(other.id)", raw: #"{"parent":"\#(other.id)"}"#)
            #expect(selfParent.status == .unprocessableEntity)

            // A parent with sub-actions is not deleted out from under them.
            let delete = try await send(app, .DELETE, "api/v1/centres/assen/actions/\(dressing.id)")
            #expect(delete.status == .conflict && delete.text.contains("deelacties"))

            // The parent moves to another theme line: its sub-actions move with it.
            let moved = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(dressing.id)", raw: #"{"themeLine":"E"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            let after: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(sub.id)").json()
            #expect(after.themeLine == "E")
            // Made an action of its own again, it keeps the theme line it had.
            let freed = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(sub.id)", raw: #"{"parent":null}"#)
            #expect(freed.status == .ok, "\(freed.text)")
            let free: ActionDTO = try freed.json()
            #expect(free.parent == nil && free.themeLine == "E")
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePagesShowSubActionsUnderTheirParent(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            let square = try parent(actions, "Koopmansplein")
            let plan = try await send(app, .GET, Web.plan.link("assen", 2019))
            #expect(plan.text.contains("35 acties met 20 deelacties"))
            #expect(plan.text.contains("deelactie van Koopmansplein hoogwaardig herontwikkelen"))
            #expect(plan.text.contains("0 van 4 deelacties afgerond, 1 in uitvoering"))

            let page = try await send(app, .GET, Web.action.link("assen", square.id))
            #expect(page.text.contains("<h2>Deelacties</h2>"))
            #expect(page.text.contains("Tijdelijke ijsbaan op het Koopmansplein rond kerst 2018"))
            #expect(page.text.contains("?hoofdactie=\(square.id.uuidString)"))
            let rink = try #require(actions.first { $0.title.contains("ijsbaan") })
            let rinkPage = try await send(app, .GET, Web.action.link("assen", rink.id))
            #expect(rinkPage.text.contains("Deelactie van <a href=\"\(Web.action.link("assen", square.id))\""))

            // "Deelactie toevoegen" opens the form with the parent chosen; saving puts it under it.
            let form = try await send(app, .GET, Web.newAction.link("assen", 2019) + "?hoofdactie=\(square.id)")
            #expect(form.text.contains("<option value=\"\(square.id.uuidString)\" selected>"))
            let saved = try await send(
                app, .POST, Web.newAction.link("assen", 2019),
                form: [
                    ("title", "Kerstmarkt op het plein"), ("parent", square.id.uuidString), ("themeLine", "A"),
                    ("horizon", "kort"), ("priority", "normaal"), ("status", "idee"),
                ])
            #expect(saved.status == .seeOther, "\(saved.text)")
            let after = try await demoActions(app)
            #expect(after.first { $0.title == "Kerstmarkt op het plein" }?.parent == square.id)

            // The edit form of a parent with sub-actions offers no parent to choose.
            let parentForm = try await send(app, .GET, Web.editAction.link("assen", square.id))
            #expect(!parentForm.text.contains("id=\"parent\""))
            let rinkForm = try await send(app, .GET, Web.editAction.link("assen", rink.id))
            #expect(rinkForm.text.contains("<option value=\"\(square.id.uuidString)\" selected>"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCSVNamesTheParentByTitle(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let catalog = try await PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db)
            let before = try await PlanService.snapshot(catalog, year: 2019, on: app.db)
            let csv = PlanExport.csv(before)
            let records = try ActionCSV.records(from: csv)
            let rink = try #require(records.first { $0.input.title?.contains("ijsbaan") == true })
            #expect(rink.parentTitle == "Koopmansplein hoogwaardig herontwikkelen")
            let unchanged = try await PlanImport.run(csv: csv, by: .commandLine(app), on: app.db)
            #expect(unchanged.updated == 0 && unchanged.created == 0)

            // A new action and its sub-action in one file; the parent's title is in an earlier line.
            var top = ActionCSV.row(
                id: "", centre: "assen", year: 2019, ActionDraft(title: "Winterprogramma", themeLine: "E"))
            var child = ActionCSV.row(
                id: "", centre: "assen", year: 2019, ActionDraft(title: "Lichtjesroute", themeLine: "E"),
                parentTitle: "winterprogramma")
            child[ActionCSV.header.firstIndex(of: "themalijn")!] = ""
            let summary = try await PlanImport.run(
                csv: CSV.encode([ActionCSV.header, top, child]), by: .commandLine(app), on: app.db)
            #expect(summary.created == 2)
            let actions = try await demoActions(app)
            let winter = try #require(actions.first { $0.title == "Winterprogramma" })
            let route = try #require(actions.first { $0.title == "Lichtjesroute" })
            #expect(route.parent == winter.id && route.themeLine == "E")

            // An unknown parent is named by line and column, and nothing is written.
            top[ActionCSV.header.firstIndex(of: "titel")!] = "Zomerprogramma"
            child[ActionCSV.header.firstIndex(of: "hoofdactie")!] = "Lenteprogramma"
            do {
                _ = try await PlanImport.run(
                    csv: CSV.encode([ActionCSV.header, top, child]), by: .commandLine(app), on: app.db)
                Issue.record("the import should have been refused")
            } catch let invalid as InvalidInput {
                #expect(invalid.problems.contains { $0.field == "hoofdactie" && $0.line == 3 })
            }
            #expect(try await demoActions(app).count == actions.count)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theNextYearKeepsSubActionsUnderTheirParent(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let next = try await send(app, .POST, "api/v1/centres/assen/plans/2019/next-year")
            #expect(next.status == .created || next.status == .ok, "\(next.text)")
            let actions = try await demoActions(app, year: 2020)
            let square = try parent(actions, "Koopmansplein")
            let underSquare = actions.filter { $0.parent == square.id }
            #expect(underSquare.count == 4)
            let ids = Set(actions.map(\.id))
            let orphans = actions.filter { $0.parent.map { !ids.contains($0) } ?? false }
            #expect(orphans.isEmpty)
        }
    }
}
