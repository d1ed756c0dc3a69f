import Fluent
import StadshartCore
import Vapor

/// The plan's JSON API. Handlers decode, call PlanService, encode.
enum PlansAPI {
    static let planPath = "api/v1/centres/{centre}/plans/{year}"
    static let actionsPath = planPath + "/actions"

    static func register(_ api: APIRoutes) {
        api.add(
            .POST, "api/v1/centres/{centre}/plans", .centre(.editPlan),
            summary:
                "Een leeg jaarplan aanmaken (het eerste van een binnenstad), of met kind 'uitvoeringsprogramma' een uitvoeringsprogramma van de economische agenda",
            body: PlanInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let catalog = try await req.planCatalog()
            let input = try body.value
            let kind = try PlanKind.parse(input.kind)
            let year = try await PlanService.createPlan(
                catalog, year: input.year.map(String.init), start: input.start, end: input.end, kind: kind,
                by: req.actor, on: req.db)
            return PlanDTO(
                try await PlanService.snapshot(catalog, year: year, kind: kind, on: req.db), today: req.today)
        }
        let plan = planPath
        api.add(
            .GET, plan, .anyone, summary: "Jaarplan met status, vaststellingen en art. 16-problemen",
            errors: [401, 403, 404]
        ) { req in
            PlanDTO(try await req.visiblePlan(), today: req.today)
        }
        api.add(
            .GET, actionsPath, .anyone,
            summary:
                "Acties van een jaarplan (filters: themeLine, lead, partner, budgetHolder, status, priority; asOf = een dag: de status van elke actie op die dag; een later ingevoerde actie met haar eerste status)",
            errors: [400, 401, 403, 404]
        ) { req in
            var snapshot = try await req.visiblePlan()
            if let day = try req.optionalDayQuery("asOf") {
                snapshot = try await PlanService.snapshot(snapshot, asOf: day, on: req.db)
            }
            let filter = try req.actionFilter()
            let rollups = snapshot.rollups
            return snapshot.actions.filter { filter.matches($0.draft) }
                .map {
                    ActionDTO(
                        $0, year: snapshot.plan.year, catalog: snapshot.catalog, today: req.today,
                        rollup: rollups[$0.id])
                }
        }
        api.add(
            .POST, actionsPath, .centre(.editPlan), summary: "Nieuwe actie; na vaststelling met een reden (reason)",
            body: NewActionInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let snapshot = try await req.visiblePlan()
            let input = try body.value
            let draft = try input.action.validate(against: snapshot.catalog.vocabulary)
            let reason = input.reason
            let id = try await PlanService.create(
                draft, in: snapshot.plan, catalog: snapshot.catalog, reason: AmendmentInput(reason: reason),
                by: req.actor, on: req.db)
            return try await detail(snapshot.catalog, id: id, today: req.today, on: req.db)
        }
        api.add(
            .POST, plan + "/adoptions", .centre(.adoptPlan),
            summary: "Vaststelling door het bestuur van één partij (art. 17)",
            body: AdoptionInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let snapshot = try await req.visiblePlan()
            var input = try body.value
            input.adoptedBy = input.adoptedBy ?? req.principal?.user.name
            try await PlanService.adopt(
                snapshot, input,
                allowed: { Access.mayAdopt(req.grants, for: $0, in: snapshot.catalog.centre.slug) }, by: req.actor,
                on: req.db)
            return PlanDTO(
                try await PlanService.snapshot(
                    snapshot.catalog, year: snapshot.plan.year, kind: snapshot.plan.planKind, on: req.db),
                today: req.today
            )
        }
        api.add(
            .PATCH, plan, .centre(.editPlan),
            summary: "De looptijd van een plan (start, end); een leeg veld: 1 januari of 31 december van het jaar",
            body: PartialUpdate<PlanPeriodInput>.self, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let snapshot = try await req.visiblePlan()
            let days = try body.value.applied(
                to: PlanPeriodInput(start: snapshot.plan.startDay, end: snapshot.plan.endDay))
            try await PlanService.setPeriod(snapshot, start: days.start, end: days.end, by: req.actor, on: req.db)
            return PlanDTO(
                try await PlanService.snapshot(
                    snapshot.catalog, year: snapshot.plan.year, kind: snapshot.plan.planKind, on: req.db),
                today: req.today)
        }
        api.add(
            .POST, plan + "/next-year", .centre(.editPlan),
            summary: "Start het jaarplan van volgend jaar; onafgeronde acties lopen door", status: .created,
            errors: [401, 403, 404, 409]
        ) { req in
            let result = try await PlanService.startNextYear(try await req.visiblePlan(), by: req.actor, on: req.db)
            return NextYearDTO(year: result.year, carriedOver: result.carried)
        }
        api.add(
            .GET, plan + "/who-does-what", .anyone, summary: "Per organisatie: trekker, partner, budgethouder",
            errors: [401, 403, 404]
        ) { req in
            whoDoesWhat(try await req.visiblePlan())
        }

        let action = "api/v1/centres/{centre}/actions/{id}"
        api.add(
            .GET, action, .anyone, summary: "Eén actie met voortgang en wijzigingen",
            errors: [401, 403, 404]
        ) { req in
            let (record, catalog) = try await req.visibleAction()
            return try await detail(catalog, id: record.id, today: req.today, on: req.db)
        }
        api.add(
            .PATCH, action, .centre(.editPlan), summary: "Actie wijzigen; na vaststelling met een reden (reason)",
            body: ActionPatch.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let (record, catalog) = try await req.visibleAction()
            let patch = try body.value
            let draft = try patch.applied(to: record.draft).validate(against: catalog.vocabulary)
            try await PlanService.update(
                record, to: draft, amendment: AmendmentInput(reason: patch.reason), catalog: catalog, by: req.actor,
                on: req.db)
            return try await detail(catalog, id: record.id, today: req.today, on: req.db)
        }
        api.add(
            .DELETE, action, .centre(.editPlan), summary: "Actie verwijderen (alleen in een niet-vastgesteld plan)",
            status: .noContent, errors: [401, 403, 404, 409]
        ) { req in
            let (record, catalog) = try await req.visibleAction()
            try await PlanService.delete(record, catalog: catalog, by: req.actor, on: req.db)
            return HTTPStatus.noContent
        }
        api.add(
            .POST, action + "/progress", .centre(.addProgress), summary: "Voortgangsnotitie toevoegen",
            body: ProgressNoteInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let (record, catalog) = try await req.visibleAction()
            try PlanService.requireProgressRight(record, catalog: catalog, for: req.caller)
            let input = try body.value
            try await PlanService.addNote(to: record, input, catalog: catalog, by: req.actor, on: req.db)
            return try await detail(catalog, id: record.id, today: req.today, on: req.db)
        }

        api.add(
            .GET, "api/v1/centres/{centre}/theme-lines", .anyone, summary: "Themalijnen met kernpunten"
        ) { req in
            themeLines(try await req.planCatalog())
        }
        api.add(
            .POST, "api/v1/centres/{centre}/theme-lines/{code}/key-points", .centre(.editPlan),
            summary: "Kernpunt toevoegen",
            body: KeyPointInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let catalog = try await req.planCatalog()
            let line = try PlanService.themeLine(catalog, code: req.parameter("code"))
            let input = try body.value
            let point = try await PlanService.addKeyPoint(
                input, to: line, catalog: catalog, by: req.actor, on: req.db)
            return KeyPointDTO(id: try point.requireID(), code: point.code, title: point.title)
        }
        api.add(
            .PATCH, "api/v1/centres/{centre}/key-points/{id}", .centre(.editPlan), summary: "Kernpunt hernoemen",
            body: KeyPointRename.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let catalog = try await req.planCatalog()
            let point = try PlanService.keyPoint(catalog, id: req.uuidParameter("id", what: "Kernpunt"))
            let input = try body.value
            try await PlanService.renameKeyPoint(
                point, title: input.title, catalog: catalog, by: req.actor,
                on: req.db)
            return KeyPointDTO(id: try point.requireID(), code: point.code, title: point.title)
        }
    }

    static func detail(_ catalog: PlanCatalog, id: UUID, today: Day, on db: any Database) async throws -> ActionDTO {
        ActionDTO(try await PlanService.detail(catalog, id: id, on: db), catalog: catalog, today: today)
    }

    static func themeLines(_ catalog: PlanCatalog) -> [ThemeLineDTO] {
        catalog.themeLines.map { line in
            ThemeLineDTO(
                code: line.code, name: line.name, description: line.description,
                keyPoints: catalog.keyPoints(of: line).map { KeyPointDTO(id: $0.id!, code: $0.code, title: $0.title) })
        }
    }

    static func whoDoesWhat(_ snapshot: PlanSnapshot) -> [InvolvementDTO] {
        let involvement = Involvement.byOrganisation(snapshot.actions.map { (id: $0.id, draft: $0.draft) })
        return snapshot.catalog.organisations.compactMap { organisation in
            guard let entry = involvement[organisation.key] else { return nil }
            return InvolvementDTO(
                organisation: OrganisationRef(key: organisation.key, name: organisation.name), leads: entry.leads,
                contributes: entry.contributes.map {
                    .init(action: $0.action, contributions: $0.kinds.map(\.rawValue))
                },
                holdsBudget: entry.holdsBudget, budgetHeldCents: entry.budgetHeldCents)
        }
    }
}
