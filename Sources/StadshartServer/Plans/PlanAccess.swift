import Fluent
import StadshartCore
import Vapor

/// An action with its dated progress and its amendments, as the action page and the API show it.
struct ActionDetail {
    let record: ActionRecord
    let year: Int
    let notes: [ProgressNote]
    let amendments: [Amendment]
    /// Its statuses through time, in the order recorded.
    let statusChanges: [ActionStatusChange]
    /// Its sub-actions in plan order, and the action it is a sub-action of.
    let subActions: [ActionRecord]
    let parent: ActionRecord?

    var rollup: SubActions.Rollup? { SubActions.rollup(subActions.map(\.draft.status)) }
}

/// What of the plan a caller may see and do; every face asks here.
extension PlanService {
    /// The plan of a year, when the caller may see it: adopted plans are public, drafts need
    /// `readPlan` in the centre.
    static func visibleSnapshot(_ catalog: PlanCatalog, _ key: PlanKey, for caller: Caller, on db: any Database)
        async throws -> PlanSnapshot
    {
        let snapshot = try await snapshot(catalog, year: key.year, kind: key.kind, on: db)
        try requireVisible(adopted: snapshot.status == .vastgesteld, centre: catalog.centre.slug, for: caller)
        return snapshot
    }

    /// An action of this centre only, when its plan is visible to the caller.
    static func visibleAction(_ catalog: PlanCatalog, id: UUID, for caller: Caller, on db: any Database)
        async throws -> ActionRecord
    {
        let (record, plan) = try await action(catalog, id: id, on: db)
        if !Access.allows(caller.grants, .readPlan, in: catalog.centre.slug) {
            // Only the adoptions are needed here, not the whole plan.
            let parties = try await Adoption.query(on: db).filter(\.$plan.$id == plan.requireID()).all()
                .compactMap { Party(rawValue: $0.party) }
            let adopted = PlanStatus.of(adoptedBy: parties, kind: plan.planKind) == .vastgesteld
            try requireVisible(adopted: adopted, centre: catalog.centre.slug, for: caller)
        }
        return record
    }

    static func requireVisible(adopted: Bool, centre: String, for caller: Caller) throws {
        guard Access.maySee(planAdopted: adopted, caller.grants, in: centre) else {
            if !caller.signedIn { throw Refusal.signInNeeded }
            throw Refusal.forbidden(
                "Dit jaarplan is nog niet vastgesteld en alleen zichtbaar voor de binnenstadsorganisatie, de gemeente en de besturen."
            )
        }
    }

    /// A ThemaTafel member adds progress only on the actions of their own theme line.
    static func requireProgressRight(_ record: ActionRecord, catalog: PlanCatalog, for caller: Caller) throws {
        guard Access.mayAddProgress(caller.grants, themeLine: record.draft.themeLine, in: catalog.centre.slug) else {
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

    static func detail(_ catalog: PlanCatalog, id: UUID, on db: any Database) async throws -> ActionDetail {
        let (record, plan) = try await action(catalog, id: id, on: db)
        let subActions = try await Action.query(on: db).filter(\.$parentID == id).with(\.$partners).sort(\.$position)
            .all().map { ActionRecord(model: $0, draft: catalog.draft(of: $0)) }
        var parent: ActionRecord?
        if let parentID = record.draft.parent { parent = try await action(catalog, id: parentID, on: db).0 }
        return ActionDetail(
            record: record, year: plan.year, notes: try await notes(of: id, on: db),
            amendments: try await amendments(of: id, on: db),
            statusChanges: try await ActionStatusChange.query(on: db).filter(\.$action.$id == id).sort(\.$recordedAt)
                .all(), subActions: subActions, parent: parent)
    }
}

/// The plan of the route, for the plan's pages and API alike: the adapters' shared first step.
extension Request {
    /// The centre's organisations, theme lines and key points. A GET shares the catalog made
    /// once per data version (it only reads it); a write loads models of its own to change.
    func planCatalog() async throws -> PlanCatalog {
        let (centre, db) = (try self.centre, self.db)
        guard method == .GET else { return try await PlanCatalog.load(centre, on: db) }
        return try await application.readModels.value("plan-catalog", of: centre) {
            try await PlanCatalog.load(centre, on: db)
        }
    }

    /// The plan of the route's year, when the caller may see it; shared between GETs like the catalog.
    func visiblePlan() async throws -> PlanSnapshot {
        let (catalog, key, db) = (try await planCatalog(), try planKeyParameter(), self.db)
        guard method == .GET else {
            return try await PlanService.visibleSnapshot(catalog, key, for: caller, on: db)
        }
        let snapshot = try await application.readModels.value("plan|\(key)", of: centre) {
            try await PlanService.snapshot(catalog, year: key.year, kind: key.kind, on: db)
        }
        try PlanService.requireVisible(
            adopted: snapshot.status == .vastgesteld, centre: catalog.centre.slug, for: caller)
        return snapshot
    }

    func visibleAction() async throws -> (ActionRecord, PlanCatalog) {
        let catalog = try await planCatalog()
        let record = try await PlanService.visibleAction(
            catalog, id: uuidParameter("id", what: "Actie"), for: caller, on: db)
        return (record, catalog)
    }

    /// `?themeLine=&lead=&…` as an action filter; an unknown status or priority is a Dutch 400.
    func actionFilter() throws -> ActionFilter {
        try queryFilter(ActionFilter.parameters, ActionFilter.parse)
    }
}
