import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Makes every demo action of a plan complete under art. 16 (lead, no partners, € 0; money still to
/// be found marked as secured).
func completeAllActions(_ app: Application, year: Int = 2019) async throws {
    for action in try await demoActions(app, year: year) where !action.missing.isEmpty {
        let partners = Set(action.partners.map(\.organisation.key))
        let lead = ["gemeente", "vaart", "mkb-retail"].first { !partners.contains($0) }!
        let funding = action.missing.contains("funding") ? ",\"fundingStatus\":\"zeker\"" : ""
        let res = try await send(
            app, .PATCH, "api/v1/centres/assen/actions/\(action.id)",
            raw: """
                {\(action.lead == nil ? "\"lead\":\"\(lead)\"," : "")"budgetCents":0\(action.partners.isEmpty ? ",\"noPartners\":true" : "")\(funding)}
                """)
        #expect(res.status == .ok, "\(res.text)")
    }
}

@Suite("Plans API")
struct PlansAPITests {
    @Test(arguments: TestDatabase.available)
    func centresAndOrganisations(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let centres: [CentreDTO] = try await send(app, .GET, "api/v1/centres").json()
            #expect(centres.map(\.slug) == ["assen"])
            let organisations: [OrganisationDTO] = try await send(app, .GET, "api/v1/centres/assen/organisations")
                .json()
            #expect(organisations.contains { $0.key == "gemeente" && $0.kind == "gemeente" })
            #expect(organisations.contains { $0.key == "vaart" && $0.kind == "binnenstadsorganisatie" })
            let missing = try await send(app, .GET, "api/v1/centres/emmen/organisations")
            #expect(missing.status == .notFound)
            #expect(missing.isProblem)
            #expect(try missing.json(Problem.self).detail.contains("bestaat niet"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func demoPlanIsAConceptWithArt16Problems(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(plan.status == "concept")
            #expect(plan.actionCount >= 35)
            #expect(!plan.problems.isEmpty)
            #expect(plan.problems.allSatisfy { !$0.missing.isEmpty })
            let lines: [ThemeLineDTO] = try await send(app, .GET, "api/v1/centres/assen/theme-lines").json()
            #expect(lines.map(\.code) == ["A", "B", "C", "D", "E", "F", "J", "EO"])
            #expect(lines.first?.keyPoints.isEmpty == false)

            #expect(try await send(app, .GET, "api/v1/centres/assen/plans/2031").status == .notFound)
            let bad = try await send(app, .GET, "api/v1/centres/assen/plans/twintig")
            #expect(bad.status == .badRequest)
            #expect(bad.isProblem)
        }
    }

    @Test(arguments: TestDatabase.available)
    func filtersActions(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let all = try await demoActions(app)
            let lineA: [ActionDTO] = try await send(app, .GET, "api/v1/centres/assen/plans/2019/actions?themeLine=A")
                .json()
            #expect(!lineA.isEmpty && lineA.allSatisfy { $0.themeLine == "A" })
            #expect(lineA.count < all.count)
            let top: [ActionDTO] = try await send(app, .GET, "api/v1/centres/assen/plans/2019/actions?priority=top")
                .json()
            #expect(top.allSatisfy { $0.priority == "top" } && !top.isEmpty)
            let partner: [ActionDTO] = try await send(
                app, .GET, "api/v1/centres/assen/plans/2019/actions?partner=vaart"
            ).json()
            #expect(partner.allSatisfy { $0.partners.contains { $0.organisation.key == "vaart" } } && !partner.isEmpty)
            let lead: [ActionDTO] = try await send(
                app, .GET, "api/v1/centres/assen/plans/2019/actions?lead=gemeente&status=gepland"
            ).json()
            // Either lead: a tandem action led with the gemeente as second lead counts too.
            #expect(
                lead.allSatisfy {
                    ($0.lead?.key == "gemeente" || $0.coLead?.key == "gemeente") && $0.status == "gepland"
                } && !lead.isEmpty)
            let bad = try await send(app, .GET, "api/v1/centres/assen/plans/2019/actions?status=klaar")
            #expect(bad.status == .badRequest)
            #expect(try bad.json(Problem.self).errors?.first?.field == "status")
        }
    }

    @Test(arguments: TestDatabase.available)
    func createsAnActionAndRefusesBadInput(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await demoActions(app).count
            let good = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/actions",
                raw: """
                    {"title":"Kerstmarkt op de Brink","themeLine":"e","lead":"vaart",
                     "partners":[{"organisation":"gemeente","contributions":["financieren","meedenken"]}],
                     "budget":"€ 10.000,50","budgetHolder":"gemeente","horizon":"kort","priority":"top","status":"idee"}
                    """)
            #expect(good.status == .created)
            let created: ActionDTO = try good.json()
            #expect(created.themeLine == "E")
            #expect(created.budgetCents == 1_000_050)
            #expect(created.budget == "€ 10.000,50")
            #expect(created.partners.first?.contributions == ["meedenken", "financieren"])
            #expect(created.missing.isEmpty)

            let bad = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/actions",
                raw: #"{"title":"  ","themeLine":"Z","lead":"nobody","budget":"veel","status":"klaar"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.isProblem)
            let problem: Problem = try bad.json()
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["title", "themeLine", "lead", "budget", "status"])
            #expect(problem.detail.contains("fouten"))
            #expect(try await demoActions(app).count == before + 1)

            let broken = try await send(app, .POST, "api/v1/centres/assen/plans/2019/actions", raw: "{title")
            #expect(broken.status == .badRequest)
            #expect(broken.isProblem)
        }
    }

    @Test(arguments: TestDatabase.available)
    func readsPatchesAndDeletesAnAction(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            // A top-level action without sub-actions: a parent's delete is refused (SubActionTests), and a
            // sub-action's key point is its parent's.
            let action = try #require(
                try await demoActions(app).first {
                    $0.keyPoint != nil && $0.subActionProgress == nil && $0.parent == nil
                })
            let path = "api/v1/centres/assen/actions/\(action.id)"
            let read: ActionDTO = try await send(app, .GET, path).json()
            #expect(read.title == action.title)
            #expect(read.progress?.isEmpty == true)

            let patched = try await send(
                app, .PATCH, path, raw: #"{"budgetCents": 250000, "budgetHolder": "gemeente", "keyPoint": null}"#)
            #expect(patched.status == .ok)
            let after: ActionDTO = try patched.json()
            #expect(after.budgetCents == 250_000)
            #expect(after.keyPoint == nil)
            #expect(after.title == action.title)

            let refused = try await send(app, .PATCH, path, raw: #"{"budget": "-5", "title": ""}"#)
            #expect(refused.status == .unprocessableEntity)
            let unchanged: ActionDTO = try await send(app, .GET, path).json()
            #expect(unchanged.budgetCents == 250_000 && unchanged.title == action.title)

            #expect(try await send(app, .GET, "api/v1/centres/assen/actions/not-a-uuid").status == .notFound)
            #expect(try await send(app, .DELETE, path).status == .noContent)
            #expect(try await send(app, .GET, path).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anotherCentreCannotReachTheAction(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            try await Centre(slug: "emmen", name: "Binnenstad Emmen").create(on: app.db)
            let action = try #require(try await demoActions(app).first)
            let refusals: Set<HTTPStatus> = [.forbidden, .notFound]
            #expect(refusals.contains(try await send(app, .GET, "api/v1/centres/emmen/actions/\(action.id)").status))
            #expect(
                refusals.contains(
                    try await send(app, .PATCH, "api/v1/centres/emmen/actions/\(action.id)", raw: #"{"title":"x"}"#)
                        .status))
            #expect(refusals.contains(try await send(app, .DELETE, "api/v1/centres/emmen/actions/\(action.id)").status))
            #expect(try await send(app, .GET, "api/v1/centres/assen/actions/\(action.id)").status == .ok)
        }
    }

    /// Every status change is kept with its day, so the API, the plan page and the report show the plan
    /// as it stood on any day.
    @Test(arguments: TestDatabase.available)
    func thePlanAsItStoodOnADay(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            app.clock = .demo(on: Day(year: 2019, month: 1, day: 10)!)
            let created: ActionDTO = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/actions",
                raw: #"{"title":"Gevelscan","themeLine":"A","lead":"gemeente","noPartners":true,"budgetCents":0}"#
            ).json()
            let path = "api/v1/centres/assen/actions/\(created.id)"
            app.clock = .demo(on: Day(year: 2019, month: 3, day: 4)!)
            #expect(try await send(app, .PATCH, path, raw: #"{"status":"in_uitvoering"}"#).status == .ok)
            app.clock = .demo(on: Day(year: 2019, month: 9, day: 2)!)
            #expect(try await send(app, .PATCH, path, raw: #"{"status":"afgerond"}"#).status == .ok)
            #expect(try await send(app, .PATCH, path, raw: #"{"title":"Gevelscan binnenstad"}"#).status == .ok)
            func status(asOf day: String) async throws -> String? {
                let list: [ActionDTO] = try await send(
                    app, .GET, "api/v1/centres/assen/plans/2019/actions?asOf=\(day)"
                ).json()
                return list.first { $0.id == created.id }?.status
            }
            #expect(try await status(asOf: "2019-01-09") == "gepland")
            #expect(try await status(asOf: "2019-01-10") == "gepland")
            #expect(try await status(asOf: "2019-06-01") == "in_uitvoering")
            #expect(try await status(asOf: "2-9-2019") == "afgerond")
            let bad = try await send(app, .GET, "api/v1/centres/assen/plans/2019/actions?asOf=gisteren")
            #expect(bad.status == .badRequest)
            // The action's own history: three statuses, the title change is none.
            let detail: ActionDTO = try await send(app, .GET, path).json()
            #expect(detail.statusHistory?.map(\.status) == ["gepland", "in_uitvoering", "afgerond"])
            #expect(detail.statusHistory?.map(\.date) == ["2019-01-10", "2019-03-04", "2019-09-02"])
            let page = try await send(app, .GET, Web.action.link("assen", created.id))
            #expect(page.text.contains("in uitvoering vanaf 4 maart 2019"))
            // The plan page and the monitor's report on 1 June 2019.
            let plan = try await send(app, .GET, Web.plan.link("assen", 2019) + "?stand=2019-06-01")
            #expect(plan.status == .ok)
            #expect(plan.text.contains("De stand van 1 juni 2019"))
            let report = try await send(app, .GET, Web.monitorReport.link("assen") + "?date=2019-06-01")
            #expect(report.text.contains("Status van de acties zoals op 1 juni 2019"))
        }
    }

    /// Art. 17: adopted before the year begins. A later adoption is allowed, and flagged on the plan
    /// page and in the API, by board and with how late it was.
    @Test(arguments: TestDatabase.available)
    func anAdoptionAfterTheFirstOfJanuaryIsFlagged(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            app.clock = .demo(on: Day(year: 2018, month: 12, day: 1)!)
            let adopt = "api/v1/centres/assen/plans/2019/adoptions"
            let early: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(!early.lateAdoption)
            #expect(early.lateAdoptionWarning == nil)
            app.clock = .demo(on: Day(year: 2019, month: 3, day: 1)!)
            let waiting: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(waiting.lateAdoption)
            #expect(waiting.lateAdoptionWarning?.hasPrefix("Nog niet vastgesteld, terwijl 2019 al begonnen is") == true)
            try await completeAllActions(app)
            _ = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"2018-12-11"}"#,
                as: .bestuurGemeente)
            let second = try await send(
                app, .POST, adopt,
                raw: #"{"party":"binnenstadsorganisatie","adoptedBy":"H. de Vries","date":"2019-02-14"}"#,
                as: .bestuurVaart)
            #expect(second.status == .created)
            let plan: PlanDTO = try second.json()
            #expect(plan.status == "vastgesteld")
            #expect(plan.lateAdoption)
            #expect(plan.adoptions.map(\.late) == [false, true])
            #expect(plan.lateAdoptionWarning?.contains("45 dagen te laat") == true)
            let page = try await send(app, .GET, Web.plan.link("assen", 2019), as: .anonymous)
            #expect(page.text.contains("Vastgesteld op 14 februari 2019, toen 2019 al begonnen was"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func adoptionNeedsACompletePlanAndBothBoards(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let adopt = "api/v1/centres/assen/plans/2019/adoptions"
            let refused = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"2018-12-11"}"#,
                as: .bestuurGemeente)
            #expect(refused.status == .unprocessableEntity)
            let problem: Problem = try refused.json()
            let incomplete = try #require(problem.incompleteActions)
            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(incomplete.count == plan.problems.count)

            let badInput = try await send(
                app, .POST, adopt, raw: #"{"party":"raad","adoptedBy":"","date":"31-02-2018"}"#, as: .bestuurGemeente)
            #expect(Set(try badInput.json(Problem.self).errors?.map(\.field) ?? []) == ["party", "adoptedBy", "date"])

            try await completeAllActions(app)
            let wrongBoard = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"11-12-2018"}"#,
                as: .bestuurVaart)
            #expect(wrongBoard.status == .forbidden)
            let first = try await send(
                app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"M. Jansen","date":"11-12-2018"}"#,
                as: .bestuurGemeente)
            #expect(first.status == .created)
            #expect(try first.json(PlanDTO.self).status == "concept")
            #expect(
                try await send(
                    app, .POST, adopt, raw: #"{"party":"gemeente","adoptedBy":"X","date":"2018-12-12"}"#,
                    as: .bestuurGemeente
                ).status == .conflict)
            let second = try await send(
                app, .POST, adopt,
                raw: #"{"party":"binnenstadsorganisatie","adoptedBy":"H. de Vries","date":"2018-12-13"}"#,
                as: .bestuurVaart)
            let adopted: PlanDTO = try second.json()
            #expect(adopted.status == "vastgesteld")
            #expect(adopted.adoptions.map(\.date) == ["2018-12-11", "2018-12-13"])

            // After adoption a change needs a reason and is kept as an amendment.
            let action = try #require(try await demoActions(app).first)
            let path = "api/v1/centres/assen/actions/\(action.id)"
            let noReason = try await send(app, .PATCH, path, raw: #"{"status":"in_uitvoering"}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(Set(try noReason.json(Problem.self).errors?.map(\.field) ?? []) == ["reason"])
            let amended = try await send(
                app, .PATCH, path,
                raw: #"{"status":"in_uitvoering","reason":"gestart in januari"}"#)
            #expect(amended.status == .ok)
            let record = try #require(try amended.json(ActionDTO.self).amendments?.first)
            #expect(record.reason == "gestart in januari")
            #expect(record.author == "Demo Programmamanager")
            #expect(record.changes.map(\.field) == ["status"])
            #expect(record.changes.first?.after == "in uitvoering")
            #expect(try await send(app, .DELETE, path).status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available)
    func nextYearCarriesOverUnfinishedActions(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let actions = try await demoActions(app)
            let finished = try #require(actions.first { $0.status != "afgerond" })
            _ = try await send(
                app, .PATCH, "api/v1/centres/assen/actions/\(finished.id)", raw: #"{"status":"afgerond"}"#)
            let expected = try await demoActions(app).filter { $0.status != "afgerond" && $0.status != "vervallen" }
                .count

            let res = try await send(app, .POST, "api/v1/centres/assen/plans/2019/next-year")
            #expect(res.status == .created)
            #expect(try res.json(NextYearDTO.self).carriedOver == expected)
            let next = try await demoActions(app, year: 2020)
            #expect(next.count == expected)
            #expect(next.allSatisfy { $0.carriedOverFrom != nil && $0.year == 2020 })
            #expect(!next.contains { $0.carriedOverFrom == finished.id })
            #expect(try await send(app, .POST, "api/v1/centres/assen/plans/2019/next-year").status == .conflict)
            // The carried-over original cannot be deleted any more.
            let carried = try #require(next.first?.carriedOverFrom)
            #expect(try await send(app, .DELETE, "api/v1/centres/assen/actions/\(carried)").status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available)
    func progressNotesKeyPointsAndWhoDoesWhat(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first)
            let notePath = "api/v1/centres/assen/actions/\(action.id)/progress"
            let note = try await send(
                app, .POST, notePath,
                raw: #"{"date":"15-03-2019","text":"Eerste overleg gehouden"}"#)
            #expect(note.status == .created)
            #expect(try note.json(ActionDTO.self).progress?.first?.date == "2019-03-15")
            let badNote = try await send(app, .POST, notePath, raw: #"{"date":"gisteren","text":""}"#)
            // The error names the field as the input does ("date"; it once said "day").
            #expect(Set(try badNote.json(Problem.self).errors?.map(\.field) ?? []) == ["date", "text"])

            let added = try await send(
                app, .POST, "api/v1/centres/assen/theme-lines/a/key-points",
                raw: #"{"code":"A9","title":"Wonen boven winkels"}"#)
            #expect(added.status == .created)
            let point: KeyPointDTO = try added.json()
            #expect(
                try await send(
                    app, .POST, "api/v1/centres/assen/theme-lines/A/key-points", raw: #"{"code":"A9","title":"dubbel"}"#
                ).status == .conflict)
            #expect(
                try await send(
                    app, .POST, "api/v1/centres/assen/theme-lines/Q/key-points", raw: #"{"code":"Q1","title":"x"}"#
                ).status == .notFound)
            let renamed = try await send(
                app, .PATCH, "api/v1/centres/assen/key-points/\(point.id)",
                raw: #"{"title":"Wonen boven winkels stimuleren"}"#)
            #expect(try renamed.json(KeyPointDTO.self).title == "Wonen boven winkels stimuleren")

            let who: [InvolvementDTO] = try await send(app, .GET, "api/v1/centres/assen/plans/2019/who-does-what")
                .json()
            let leadsByGemeente = try await demoActions(app).filter {
                ($0.lead?.key == "gemeente" || $0.coLead?.key == "gemeente") && $0.status != "vervallen"
            }.count
            #expect(who.first { $0.organisation.key == "gemeente" }?.leads.count == leadsByGemeente)
        }
    }
}

@Suite("Plans API: bad requests")
struct PlansAPIBadRequestTests {
    /// Routes not covered with bad input above: an unknown centre, plan or key point is a
    /// Dutch 404, bad input a 422 that names the field.
    @Test(arguments: TestDatabase.available)
    func unknownThingsAreDutch404s(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            for path in [
                "api/v1/centres/emmen/theme-lines", "api/v1/centres/assen/plans/2030/who-does-what",
                "api/v1/centres/emmen/plans/2019/actions",
            ] {
                let res = try await send(app, .GET, path)
                #expect(res.status == .notFound, "\(path)")
                #expect(res.isProblem, "\(path)")
                #expect(
                    try res.json(Problem.self).detail.contains("bestaat niet") || res.text.contains("geen jaarplan"),
                    "\(path)")
            }
            #expect(try await send(app, .POST, "api/v1/centres/assen/plans/2030/next-year").status == .notFound)
            #expect(
                try await send(app, .POST, "api/v1/centres/assen/plans/2030/adoptions", raw: "{}", as: .bestuurGemeente)
                    .status == .notFound)
            let lines: [ThemeLineDTO] = try await send(app, .GET, "api/v1/centres/assen/theme-lines").json()
            let point = try #require(lines.first?.keyPoints.first)
            let empty = try await send(
                app, .PATCH, "api/v1/centres/assen/key-points/\(point.id)", raw: #"{"title":" "}"#)
            #expect(empty.status == .unprocessableEntity)
            #expect(try empty.json(Problem.self).errors?.map(\.field) == ["title"])
            #expect(
                try await send(app, .PATCH, "api/v1/centres/assen/key-points/\(UUID())", raw: #"{"title":"x"}"#).status
                    == .notFound)
            let wrongCode = try await send(
                app, .POST, "api/v1/centres/assen/theme-lines/A/key-points", raw: #"{"code":"B7","title":"x"}"#)
            #expect(try wrongCode.json(Problem.self).errors?.map(\.field) == ["code"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func amendmentsShowOnTheActionPage(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            try await completeAllActions(app)
            for (party, board) in [("gemeente", TestUser.bestuurGemeente), ("binnenstadsorganisatie", .bestuurVaart)] {
                let res = try await send(
                    app, .POST, "api/v1/centres/assen/plans/2019/adoptions",
                    raw: #"{"party":"\#(party)","adoptedBy":"bestuur","date":"2018-12-20"}"#, as: board)
                #expect(res.status == .created)
            }
            let action = try #require(try await demoActions(app).first)
            let form = try await send(app, .GET, Web.editAction.link("assen", action.id))
            #expect(form.text.contains("Wijziging na vaststelling"))
            let refused = try await send(
                app, .POST, Web.editAction.link("assen", action.id),
                form: [
                    ("title", action.title + " (herzien)"), ("themeLine", action.themeLine),
                    ("lead", action.lead?.key ?? ""), ("noPartners", "ja"), ("budget", "0"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("geef de reden"))
            let saved = try await send(
                app, .POST, Web.editAction.link("assen", action.id),
                form: [
                    ("title", action.title + " (herzien)"), ("themeLine", action.themeLine),
                    ("lead", action.lead?.key ?? ""),
                    ("noPartners", "ja"), ("budget", "0"), ("reason", "titel verduidelijkt"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await send(app, .GET, Web.action.link("assen", action.id))
            #expect(page.text.contains("titel verduidelijkt"))
            #expect(page.text.contains("Wijzigingen na vaststelling"))
            #expect(!page.text.contains("Actie verwijderen"))
        }
    }
}

@Suite("A centre's first plan")
struct FirstPlanTests {
    @Test(arguments: TestDatabase.available)
    func aNewCentreStartsItsFirstPlan(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(app, .POST, "api/v1/centres/assen/plans", raw: #"{"year":2021}"#)
            #expect(created.status == .created)
            #expect(try created.json(PlanDTO.self).actionCount == 0)
            #expect(
                try await send(app, .POST, "api/v1/centres/assen/plans", raw: #"{"year":2021}"#).status == .conflict)
            let bad = try await send(app, .POST, "api/v1/centres/assen/plans", raw: #"{"year":12}"#)
            #expect(try bad.json(Problem.self).errors?.map(\.field) == ["year"])

            let web = try await send(app, .POST, Web.newPlan.link("assen"), form: [("year", "2022")])
            #expect(web.headers.first(name: .location) == Web.plan.link("assen", 2022))
            let wrong = try await send(app, .POST, Web.newPlan.link("assen"), form: [("year", "volgend jaar")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("vul een jaartal in"))
            #expect(try await send(app, .GET, Web.centre.link("assen")).text.contains("Jaarplan aanmaken"))
            #expect(
                try await send(app, .GET, Web.centre.link("assen"), as: .anonymous).text.contains("Jaarplan aanmaken")
                    == false)
        }
    }
}
