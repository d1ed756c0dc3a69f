import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

@Suite("Audit trail")
struct AuditTests {
    func entries(_ app: Application, _ event: AuditEvent) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$event == event.rawValue).all()
    }

    @Test(arguments: TestDatabase.available)
    func everyKindOfChangeLeavesAnEntry(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created: ActionDTO = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/actions",
                raw: #"{"title":"Gevelschouw","themeLine":"B","lead":"vaart","noPartners":true,"budget":"500"}"#
            ).json()
            _ = try await send(app, .PATCH, "api/v1/centres/assen/actions/\(created.id)", raw: #"{"budget":"750"}"#)
            _ = try await send(
                app, .POST, "api/v1/centres/assen/actions/\(created.id)/progress",
                raw: #"{"text":"Eerste ronde gelopen"}"#)
            _ = try await send(app, .DELETE, "api/v1/centres/assen/actions/\(created.id)")
            _ = try await send(
                app, .POST, "/inloggen", form: [("email", "beheerder@assen.demo"), ("password", "fout")], as: .anonymous
            )
            _ = try await signIn(app, "beheerder@assen.demo")
            try await completeAllActions(app)
            _ = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/adoptions",
                raw: #"{"party":"gemeente","adoptedBy":"wethouder","date":"2018-12-11"}"#, as: .bestuurGemeente)
            let centre = try await Centre.find(slug: "assen", on: app.db)
            let user = try #require(try await AccountService.user(email: "ondernemer@assen.demo", on: app.db))
            try await AccountService.addRole(
                RoleGrant(role: .tafellid, centre: "assen", themeLine: "B"), to: user, centre: centre, by: .demo(app),
                on: app.db)

            let byProgrammeTeam = try #require(
                try await entries(app, .gewijzigd).first { $0.recordID == created.id.uuidString })
            #expect(byProgrammeTeam.actor == "Demo Programmamanager")
            #expect(
                Audit.changes(of: byProgrammeTeam) == [
                    FieldChange(field: "budget", before: "€ 500,00", after: "€ 750,00")
                ])
            #expect(byProgrammeTeam.recordID == created.id.uuidString)
            #expect(byProgrammeTeam.centreID == centre.id)
            for event in [
                AuditEvent.aangemaakt, .voortgang, .verwijderd, .inloggenMislukt, .ingelogd, .vastgesteld,
                .rolToegekend, .tokenAangemaakt,
            ] {
                #expect(try await !entries(app, event).isEmpty, "no entry for \(event)")
            }
            let deleted = try #require(try await entries(app, .verwijderd).first)
            #expect(Audit.changes(of: deleted).contains { $0.field == "titel" && $0.before == "Gevelschouw" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRolledBackChangeLeavesNoEntry(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            struct Stop: Error {}
            let catalog = try await PlanCatalog.load(Centre.find(slug: "assen", on: app.db), on: app.db)
            let plan = try await PlanService.plan(catalog, year: 2019, on: app.db)
            let before = try await AuditEntry.query(on: app.db).count()
            let actions = try await Action.query(on: app.db).count()
            await #expect(throws: Stop.self) {
                try await app.db.transaction { tx in
                    _ = try await PlanService.create(
                        ActionDraft(title: "Teruggedraaid", themeLine: "A"), in: plan, catalog: catalog, by: .demo(app),
                        on: tx)
                    throw Stop()
                }
            }
            #expect(try await AuditEntry.query(on: app.db).count() == before)
            #expect(try await Action.query(on: app.db).count() == actions)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theLogIsReadableFilterableAndExportable(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first)
            _ = try await send(app, .PATCH, "api/v1/centres/assen/actions/\(action.id)", raw: #"{"budget":"1.234"}"#)
            let all: [AuditService.Row] = try await send(app, .GET, "api/v1/centres/assen/audit", as: .bestuurVaart)
                .json()
            #expect(all.contains { $0.summary.contains(action.title) && $0.event == "gewijzigd" })
            let mine: [AuditService.Row] = try await send(
                app, .GET, "api/v1/centres/assen/audit?who=Programmamanager&kind=actie", as: .bestuurVaart
            ).json()
            #expect(!mine.isEmpty && mine.allSatisfy { $0.actor.contains("Programmamanager") && $0.kind == "actie" })
            let none: [AuditService.Row] = try await send(
                app, .GET, "api/v1/centres/assen/audit?from=2001-01-01&to=2001-12-31", as: .bestuurVaart
            ).json()
            #expect(none.isEmpty)
            let bad = try await send(app, .GET, "api/v1/centres/assen/audit?from=gisteren", as: .bestuurVaart)
            #expect(bad.status == .badRequest)
            #expect(try bad.json(Problem.self).errors?.first?.field == "from")
            let history: [AuditService.Row] = try await send(
                app, .GET, "api/v1/centres/assen/audit/actie/\(action.id)", as: .beheerder
            ).json()
            #expect(history.first?.changes.first?.after == "€ 1.234,00")
            #expect(history.count == 2)  // made by the demo, changed now

            let page = try await send(app, .GET, Web.history.link("assen", "actie", action.id), as: .beheerder)
            #expect(page.text.contains("€ 1.234,00"))
            let log = try await send(app, .GET, Web.auditLog.link("assen") + "?kind=actie", as: .beheerder)
            #expect(log.status == .ok && log.text.contains("Demo Programmamanager"))
            let csv = try await send(app, .GET, Web.auditCSV.link("assen"), as: .beheerder)
            let rows = try CSV.parse(csv.text)
            #expect(rows.first?.fields.first == "tijdstip")
            #expect(rows.contains { $0.fields.contains("Demo Programmamanager") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPersonCanBeExportedAndErased(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first { $0.themeLine == "A" })
            let note = try await send(
                app, .POST, "api/v1/centres/assen/actions/\(action.id)/progress", raw: #"{"text":"Gesprek gevoerd"}"#,
                as: .tafellidA)
            #expect(note.status == .created)
            let user = try #require(try await AccountService.user(email: "tafel.a@assen.demo", on: app.db))
            let id = try user.requireID()

            let export = try await send(app, .GET, "api/v1/centres/assen/users/\(id)/personal-data", as: .beheerder)
            #expect(export.status == .ok)
            #expect(export.text.contains("tafel.a@assen.demo"))
            #expect(export.text.contains("Gesprek gevoerd"))

            let erased = try await send(app, .POST, "api/v1/centres/assen/users/\(id)/erase", raw: "{}", as: .beheerder)
            #expect(erased.status == .noContent)
            let after = try #require(try await User.find(id, on: app.db))
            #expect(
                after.email != "tafel.a@assen.demo" && after.name.hasPrefix("persoon-") && after.passwordHash == nil)
            let trail = try await AuditEntry.query(on: app.db).all()
            #expect(!trail.contains { $0.actor == "Demo Tafellid A" || $0.actor == "tafel.a@assen.demo" })
            #expect(trail.contains { $0.actor == after.name && $0.event == AuditEvent.voortgang.rawValue })
            let detail: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(action.id)").json()
            #expect(detail.progress?.first?.author == after.name)
            // The erased person's token no longer works.
            #expect(try await send(app, .GET, "api/v1/me", as: .tafellidA).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aThemaTafelMemberReportsOnlyOnTheirOwnLine(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            let own = try #require(actions.first { $0.themeLine == "A" })
            let other = try #require(actions.first { $0.themeLine == "B" })
            #expect(
                try await send(
                    app, .POST, "api/v1/centres/assen/actions/\(own.id)/progress", raw: #"{"text":"x"}"#, as: .tafellidA
                ).status == .created)
            #expect(
                try await send(
                    app, .POST, "api/v1/centres/assen/actions/\(other.id)/progress", raw: #"{"text":"x"}"#,
                    as: .tafellidA
                ).status == .forbidden)
            #expect(
                try await send(
                    app, .PATCH, "api/v1/centres/assen/actions/\(own.id)", raw: #"{"title":"x"}"#, as: .tafellidA
                ).status == .forbidden)
        }
    }
}
