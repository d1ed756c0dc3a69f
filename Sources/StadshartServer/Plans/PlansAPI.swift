import Fluent
import StadshartCore
import Vapor

/// The plan's JSON API. Handlers decode, call PlanStore, encode.
enum PlansAPI {
    static let planPath = "api/v1/centres/{centre}/plans/{year}"
    static let actionsPath = planPath + "/actions"

    static func register(_ api: APIRoutes) {
        api.add(
            .POST, "api/v1/centres/{centre}/plans", .centre(.editPlan),
            summary: "Een leeg jaarplan aanmaken (het eerste van een binnenstad)",
            body: PlanInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, input in
            let catalog = try await catalog(req)
            let year = try await PlanStore.createPlan(
                catalog, year: input.year.map(String.init), by: req.actor, on: req.db)
            return PlanDTO(try await PlanStore.snapshot(catalog, year: year, on: req.db))
        }
        let plan = planPath
        api.add(.GET, plan, .anyone, summary: "Jaarplan met status, vaststellingen en art. 16-problemen") {
            req in
            PlanDTO(try await visibleSnapshot(req))
        }
        api.add(
            .GET, actionsPath, .anyone,
            summary: "Acties van een jaarplan (filters: themeLine, lead, partner, budgetHolder, status, priority)",
            errors: [400, 401, 403, 404]
        ) { req in
            let snapshot = try await visibleSnapshot(req)
            let filter = try filter(from: req)
            return snapshot.actions.filter { filter.matches($0.draft) }
                .map { ActionDTO($0, year: snapshot.plan.year, catalog: snapshot.catalog) }
        }
        api.add(
            .POST, actionsPath, .centre(.editPlan), summary: "Nieuwe actie; na vaststelling met een reden (reason)",
            body: NewActionInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let snapshot = try await visibleSnapshot(req)
            let draft = try input.action.validate(against: snapshot.catalog.vocabulary)
            let reason = input.reason
            let id = try await PlanStore.create(
                draft, in: snapshot.plan, catalog: snapshot.catalog, reason: AmendmentInput(reason: reason),
                by: req.actor, on: req.db)
            return try await detail(snapshot.catalog, id: id, on: req.db)
        }
        api.add(
            .POST, plan + "/adoptions", .centre(.adoptPlan),
            summary: "Vaststelling door het bestuur van één partij (art. 17)",
            body: AdoptionInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, input in
            let snapshot = try await visibleSnapshot(req)
            var input = input
            input.adoptedBy = input.adoptedBy ?? req.principal?.user.name
            try await PlanStore.adopt(
                snapshot, input,
                allowed: { Access.mayAdopt(req.grants, for: $0, in: snapshot.catalog.centre.slug) }, by: req.actor,
                on: req.db)
            return PlanDTO(try await PlanStore.snapshot(snapshot.catalog, year: snapshot.plan.year, on: req.db))
        }
        api.add(
            .POST, plan + "/next-year", .centre(.editPlan),
            summary: "Start het jaarplan van volgend jaar; onafgeronde acties lopen door", status: .created,
            errors: [401, 403, 404, 409]
        ) { req in
            let result = try await PlanStore.startNextYear(try await visibleSnapshot(req), by: req.actor, on: req.db)
            return NextYearDTO(year: result.year, carriedOver: result.carried)
        }
        api.add(
            .GET, plan + "/who-does-what", .anyone, summary: "Per organisatie: trekker, partner, budgethouder",
            errors: [401, 403, 404]
        ) { req in
            whoDoesWhat(try await visibleSnapshot(req))
        }

        let action = "api/v1/centres/{centre}/actions/{id}"
        api.add(
            .GET, action, .anyone, summary: "Eén actie met voortgang en wijzigingen",
            errors: [401, 403, 404]
        ) { req in
            let (record, catalog) = try await visibleAction(req)
            return try await detail(catalog, id: record.id, on: req.db)
        }
        api.add(
            .PATCH, action, .centre(.editPlan), summary: "Actie wijzigen; na vaststelling met een reden (reason)",
            body: ActionPatch.self, errors: [400, 401, 403, 404, 422]
        ) { req, patch in
            let (record, catalog) = try await visibleAction(req)
            let draft = try patch.applied(to: record.draft).validate(against: catalog.vocabulary)
            try await PlanStore.update(
                record, to: draft, amendment: AmendmentInput(reason: patch.reason), catalog: catalog, by: req.actor,
                on: req.db)
            return try await detail(catalog, id: record.id, on: req.db)
        }
        api.add(
            .DELETE, action, .centre(.editPlan), summary: "Actie verwijderen (alleen in een niet-vastgesteld plan)",
            status: .noContent, errors: [401, 403, 404, 409]
        ) { req in
            let (record, catalog) = try await visibleAction(req)
            try await PlanStore.delete(record, catalog: catalog, by: req.actor, on: req.db)
            return HTTPStatus.noContent
        }
        api.add(
            .POST, action + "/progress", .centre(.addProgress), summary: "Voortgangsnotitie toevoegen",
            body: ProgressNoteInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let (record, catalog) = try await visibleAction(req)
            try requireProgressRight(req, record: record, catalog: catalog)
            try await PlanStore.addNote(to: record, input, catalog: catalog, by: req.actor, on: req.db)
            return try await detail(catalog, id: record.id, on: req.db)
        }

        api.add(
            .GET, "api/v1/centres/{centre}/theme-lines", .anyone, summary: "Themalijnen met kernpunten"
        ) { req in
            themeLines(try await catalog(req))
        }
        api.add(
            .POST, "api/v1/centres/{centre}/theme-lines/{code}/key-points", .centre(.editPlan),
            summary: "Kernpunt toevoegen",
            body: KeyPointInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let catalog = try await catalog(req)
            let line = try themeLine(catalog, code: req.parameter("code"))
            let point = try await PlanStore.addKeyPoint(
                input, to: line, catalog: catalog, by: req.actor, on: req.db)
            return KeyPointDTO(id: try point.requireID(), code: point.code, title: point.title)
        }
        api.add(
            .PATCH, "api/v1/centres/{centre}/key-points/{id}", .centre(.editPlan), summary: "Kernpunt hernoemen",
            body: KeyPointRename.self, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let catalog = try await catalog(req)
            let point = try keyPoint(catalog, id: req.uuidParameter("id", what: "Kernpunt"))
            try await PlanStore.renameKeyPoint(
                point, title: input.title, catalog: catalog, by: req.actor,
                on: req.db)
            return KeyPointDTO(id: try point.requireID(), code: point.code, title: point.title)
        }
    }

    static func catalog(_ req: Request) async throws -> PlanCatalog {
        try await PlanCatalog.load(req.centre, on: req.db)
    }

    /// The plan of the route, when this person may see it: adopted plans are public, drafts
    /// need `readPlan` in the centre.
    static func visibleSnapshot(_ req: Request) async throws -> PlanSnapshot {
        let snapshot = try await PlanStore.snapshot(catalog(req), year: req.yearParameter(), on: req.db)
        try requireVisible(req, adopted: snapshot.status == .vastgesteld, centre: snapshot.catalog.centre.slug)
        return snapshot
    }

    /// The action of the route (of this centre only), when its plan is visible to this person.
    static func visibleAction(_ req: Request) async throws -> (ActionRecord, PlanCatalog) {
        let catalog = try await catalog(req)
        let (record, plan) = try await PlanStore.action(catalog, id: req.uuidParameter("id", what: "Actie"), on: req.db)
        if !Access.allows(req.grants, .readPlan, in: catalog.centre.slug) {
            // Only the adoptions are needed here, not the whole plan.
            let parties = try await Adoption.query(on: req.db).filter(\.$plan.$id == plan.requireID()).all()
                .compactMap { Party(rawValue: $0.party) }
            let adopted = PlanStatus.of(adoptedBy: parties) == .vastgesteld
            try requireVisible(req, adopted: adopted, centre: catalog.centre.slug)
        }
        return (record, catalog)
    }

    static func requireVisible(_ req: Request, adopted: Bool, centre: String) throws {
        guard Access.maySee(planAdopted: adopted, req.grants, in: centre) else {
            if req.principal == nil { throw Refusal.signInNeeded }
            throw Refusal.forbidden(
                "Dit jaarplan is nog niet vastgesteld en alleen zichtbaar voor de binnenstadsorganisatie, de gemeente en de besturen."
            )
        }
    }

    /// A ThemaTafel member adds progress only on the actions of their own theme line.
    static func requireProgressRight(_ req: Request, record: ActionRecord, catalog: PlanCatalog) throws {
        guard Access.mayAddProgress(req.grants, themeLine: record.draft.themeLine, in: catalog.centre.slug) else {
            throw Refusal.forbidden("U kunt alleen voortgang melden bij acties van uw eigen themalijn.")
        }
    }

    static func themeLine(_ catalog: PlanCatalog, code: String) throws -> ThemeLine {
        guard let line = catalog.themeLine(code: code.uppercased()) else {
            throw StadshartError.notFound("Themalijn '\(code)' bestaat niet.")
        }
        return line
    }

    static func keyPoint(_ catalog: PlanCatalog, id: UUID) throws -> KeyPoint {
        guard let point = catalog.keyPoint(id: id) else {
            throw StadshartError.notFound("Kernpunt '\(id)' bestaat niet.")
        }
        return point
    }

    /// Reads the filter from query parameters; unknown status or priority is a Dutch 400.
    static func filter(from req: Request) throws -> ActionFilter {
        let status: String? = req.query["status"]
        let priority: String? = req.query["priority"]
        var problems: [FieldProblem] = []
        if let status, !status.isEmpty, ActionStatus(rawValue: status) == nil {
            problems.append(
                FieldProblem(
                    field: "status",
                    message: "kies uit: \(ActionStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let priority, !priority.isEmpty, Priority(rawValue: priority) == nil {
            problems.append(FieldProblem(field: "priority", message: "kies uit: top, normaal"))
        }
        if !problems.isEmpty {
            var error = StadshartError.invalid(InvalidInput(problems))
            error.status = .badRequest
            throw error
        }
        return ActionFilter(
            themeLine: req.query["themeLine"], lead: req.query["lead"], partner: req.query["partner"],
            budgetHolder: req.query["budgetHolder"], status: status.flatMap(ActionStatus.init(rawValue:)),
            priority: priority.flatMap(Priority.init(rawValue:)))
    }

    static func detail(_ catalog: PlanCatalog, id: UUID, on db: any Database) async throws -> ActionDTO {
        let (record, plan) = try await PlanStore.action(catalog, id: id, on: db)
        var dto = ActionDTO(record, year: plan.year, catalog: catalog)
        dto.progress = try await PlanStore.notes(of: id, on: db).map {
            ProgressNoteDTO(date: $0.day, text: $0.text, author: $0.author)
        }
        dto.amendments = try await PlanStore.amendments(of: id, on: db).map {
            AmendmentDTO(
                recordedAt: $0.recordedAt, author: $0.author, reason: $0.reason,
                changes: (try? JSONDecoder().decode([FieldChange].self, from: Data($0.changes.utf8))) ?? [])
        }
        return dto
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
