import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Issue 14: a plan's period ("deels 2018 en geheel 2019") set through the page and the API.
@Suite("A plan's period")
struct PlanPeriodTests {
    static let plan = "api/v1/centres/assen/plans/2019"

    @Test(arguments: TestDatabase.available)
    func theFormAndTheAPISetThePeriodUntilABoardAdopts(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let page = try await send(app, .GET, Web.plan.link("assen", 2019))
            #expect(page.text.contains("<summary>Looptijd wijzigen</summary>"))
            #expect(
                !(try await send(app, .GET, Web.plan.link("assen", 2019), as: .tafellidA)).text.contains(
                    "Looptijd wijzigen"))

            let bad = try await send(
                app, .POST, Web.planPeriod.link("assen", 2019), form: [("start", "2019-13-01"), ("end", "2018-01-01")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("href=\"#periodStart\""))
            #expect(bad.text.contains("<details id=\"looptijd\" open>"))
            var plan: PlanDTO = try await send(app, .GET, Self.plan).json()
            #expect(plan.start == "2019-01-01")

            let saved = try await send(
                app, .POST, Web.planPeriod.link("assen", 2019), form: [("start", "2018-09-01"), ("end", "")])
            #expect(saved.status == .seeOther)
            plan = try await send(app, .GET, Self.plan).json()
            #expect(plan.start == "2018-09-01" && plan.end == "2019-12-31")
            #expect(try await send(app, .GET, Web.plan.link("assen", 2019)).text.contains("1 september 2018"))

            // The API changes only the day it is sent; an empty day goes back to the calendar year.
            let patched = try await send(app, .PATCH, Self.plan, raw: #"{"end":"2020-06-30"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            plan = try patched.json()
            #expect(plan.start == "2018-09-01" && plan.end == "2020-06-30")
            plan = try await send(app, .PATCH, Self.plan, raw: #"{"start":""}"#).json()
            #expect(plan.start == "2019-01-01" && plan.end == "2020-06-30")
            let refused = try await send(app, .PATCH, Self.plan, raw: #"{"start":"gisteren"}"#)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("\"start\""))
            #expect(
                try await send(app, .PATCH, Self.plan, raw: #"{"end":"2020-06-30"}"#, as: .tafellidA).status
                    == .forbidden)
            let entries = try await AuditEntry.query(on: app.db).all().filter { $0.summary.hasPrefix("Looptijd") }.count
            #expect(entries == 3)
        }
    }
}
