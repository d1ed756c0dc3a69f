import Fluent
import Foundation
import SQLKit
import StadshartCore
import Vapor

/// An action with everything the pages and the API show of it.
struct ActionRecord {
    let model: Action
    let draft: ActionDraft
    var id: UUID { model.id! }
    var gaps: [Art16.Gap] { Art16.gaps(draft.art16) }
}

/// One plan as read at one moment: its actions, adoptions and what art. 16 still misses.
struct PlanSnapshot {
    let catalog: PlanCatalog
    let plan: AnnualPlan
    let actions: [ActionRecord]
    let adoptions: [Adoption]

    var adoptedBy: [Party] { adoptions.compactMap { Party(rawValue: $0.party) } }
    var topLevel: [ActionRecord] { actions.filter { $0.draft.parent == nil } }
    var subActionCount: Int { actions.count - topLevel.count }
    /// Each parent's progress as its sub-actions make it (`SubActions`).
    var rollups: [UUID: SubActions.Rollup] {
        Dictionary(grouping: actions.filter { $0.draft.parent != nil }) { $0.draft.parent! }
            .compactMapValues { SubActions.rollup($0.map(\.draft.status)) }
    }
    var status: PlanStatus { PlanStatus.of(adoptedBy: adoptedBy, kind: plan.planKind) }
    var incomplete: [ActionRecord] { actions.filter { !$0.gaps.isEmpty } }
    /// Once a board adopted the plan, changes are amendments with a reason.
    var changesNeedReason: Bool { !adoptions.isEmpty }
    /// Whether the boards adopted before the year began (art. 17); a late adoption is flagged, not refused.
    var adoptionTiming: AdoptionTiming {
        AdoptionTiming(
            planYear: plan.year,
            adoptions: adoptions.compactMap { adoption in
                guard let party = Party(rawValue: adoption.party), let day = Day(parsing: adoption.day) else {
                    return nil
                }
                return (party, day)
            }, kind: plan.planKind)
    }
}

/// The plan's reads and writes, shared by the pages, the API and the command line.
/// Every write is one transaction.
enum PlanService {
    static func plan(_ catalog: PlanCatalog, year: Int, kind: PlanKind = .jaarplan, on db: any Database)
        async throws -> AnnualPlan
    {
        guard
            let plan = try await AnnualPlan.query(on: db).filter(\.$centre.$id == catalog.centreID)
                .filter(\.$kind == kind.rawValue).filter(\.$year == year).first()
        else { throw StadshartError.notFound("Er is geen \(kind.noun) \(year) voor \(catalog.centre.name).") }
        return plan
    }

    static func snapshot(_ catalog: PlanCatalog, year: Int, kind: PlanKind = .jaarplan, on db: any Database)
        async throws -> PlanSnapshot
    {
        let plan = try await plan(catalog, year: year, kind: kind, on: db)
        let actions = try await Action.query(on: db).filter(\.$plan.$id == plan.requireID()).with(\.$partners).all()
        let adoptions = try await Adoption.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$recordedAt)
            .all()
        let order = Dictionary(uniqueKeysWithValues: catalog.themeLines.map { ($0.id!, $0.position) })
        let records = actions.map { ActionRecord(model: $0, draft: catalog.draft(of: $0)) }
            .sorted {
                (order[$0.model.$themeLine.id] ?? 0, $0.model.position) < (
                    order[$1.model.$themeLine.id] ?? 0, $1.model.position
                )
            }
        return PlanSnapshot(
            catalog: catalog, plan: plan, actions: SubActions.ordered(records, id: \.id, parent: \.draft.parent),
            adoptions: adoptions)
    }

    /// The status history of each action of a plan, in one query.
    static func histories(_ snapshot: PlanSnapshot, on db: any Database) async throws -> [UUID: StatusHistory] {
        let ids = snapshot.actions.map(\.id)
        guard !ids.isEmpty else { return [:] }
        let changes = try await ActionStatusChange.query(on: db).filter(\.$action.$id ~~ ids).sort(\.$recordedAt)
            .all()
        return Dictionary(grouping: changes, by: \.$action.id).mapValues { StatusHistory($0.map(\.entry)) }
    }

    /// The plan as it stood on a day: each action with its status of that day (`StatusHistory`).
    static func snapshot(_ snapshot: PlanSnapshot, asOf day: Day, on db: any Database) async throws -> PlanSnapshot {
        let histories = try await histories(snapshot, on: db)
        let actions = snapshot.actions.map { record -> ActionRecord in
            guard let status = histories[record.id]?.status(on: day) else { return record }
            var draft = record.draft
            draft.status = status
            return ActionRecord(model: record.model, draft: draft)
        }
        return PlanSnapshot(
            catalog: snapshot.catalog, plan: snapshot.plan, actions: actions,
            adoptions: snapshot.adoptions.filter { Day(parsing: $0.day).map { $0 <= day } ?? true })
    }

    /// Once a board adopted a plan, its actions change only as amendments.
    static func hasAdoption(planID: UUID, on db: any Database) async throws -> Bool {
        try await Adoption.query(on: db).filter(\.$plan.$id == planID).count() > 0
    }

    /// The plan years (of one kind) this person may see, newest first: drafts need `readPlan`.
    static func visibleYears(
        _ centre: Centre, kind: PlanKind = .jaarplan, for grants: [RoleGrant], on db: any Database
    ) async throws -> [Int] {
        let plans = try await AnnualPlan.query(on: db).filter(\.$centre.$id == centre.requireID())
            .filter(\.$kind == kind.rawValue).sort(\.$year, .descending).all()
        if Access.allows(grants, .readPlan, in: centre.slug) { return plans.map(\.year) }
        let adoptions =
            plans.isEmpty
            ? [] : try await Adoption.query(on: db).filter(\.$plan.$id ~~ plans.compactMap(\.id)).all()
        return plans.filter { plan in
            PlanStatus.of(
                adoptedBy: adoptions.filter { $0.$plan.id == plan.id }.compactMap { Party(rawValue: $0.party) },
                kind: kind) == .vastgesteld
        }.map(\.year)
    }

    /// All annual plan years of a centre, newest first.
    static func years(_ catalog: PlanCatalog, on db: any Database) async throws -> [Int] {
        try await AnnualPlan.query(on: db).filter(\.$centre.$id == catalog.centreID)
            .filter(\.$kind == PlanKind.jaarplan.rawValue).sort(\.$year, .descending).all()
            .map(\.year)
    }

    /// An action of this centre by id, with its plan; another centre's action is "not found".
    static func action(_ catalog: PlanCatalog, id: UUID, on db: any Database) async throws -> (ActionRecord, AnnualPlan)
    {
        guard let action = try await Action.query(on: db).filter(\.$id == id).with(\.$partners).with(\.$plan).first(),
            action.plan.$centre.id == catalog.centreID
        else { throw StadshartError.notFound("Actie '\(id.uuidString)' bestaat niet in \(catalog.centre.name).") }
        return (ActionRecord(model: action, draft: catalog.draft(of: action)), action.plan)
    }

    /// The actions of a plan an action could go under: top-level, not itself, in plan order. An action
    /// with sub-actions of its own gets none (sub-actions go one level deep).
    static func parentChoices(for record: ActionRecord, catalog: PlanCatalog, on db: any Database) async throws
        -> [(id: UUID, title: String)]
    {
        let others = try await Action.query(on: db).filter(\.$plan.$id == record.model.$plan.id)
            .filter(\.$parentID == nil).filter(\.$id != record.id).all()
        let hasSubActions = try await Action.query(on: db).filter(\.$parentID == record.id).count() > 0
        if hasSubActions { return [] }
        let order = Dictionary(uniqueKeysWithValues: catalog.themeLines.map { ($0.id!, $0.position) })
        return others.sorted {
            (order[$0.$themeLine.id] ?? 0, $0.position) < (order[$1.$themeLine.id] ?? 0, $1.position)
        }.map { ($0.id!, $0.title) }
    }

    /// Adds an action. To a plan a board has adopted, only with a reason, kept as an amendment.
    static func create(
        _ draft: ActionDraft, in plan: AnnualPlan, catalog: PlanCatalog, reason amendment: AmendmentInput = .init(),
        by actor: Actor, on db: any Database
    ) async throws -> UUID {
        try await db.transaction { tx in
            // Checked inside the transaction, so an adoption at the same moment cannot slip between.
            let reason = try await hasAdoption(planID: plan.requireID(), on: tx) ? try amendment.validated() : nil
            let draft = try await placed(draft, actionID: nil, planID: plan.requireID(), catalog: catalog, on: tx)
            let id = try await insert(
                draft, planID: plan.requireID(), catalog: catalog, carriedOverFrom: nil, by: actor, on: tx)
            let changes = try await ActionDraft.blank.changes(
                to: draft, name: catalog.name(ofKey:), actionTitle: titles(of: [draft.parent], on: tx))
            try await Audit.record(
                .aangemaakt, .actie, id: id.uuidString, centreID: catalog.centreID,
                summary: "Actie '\(draft.title)' toegevoegd aan \(plan.key.name)"
                    + (reason.map { " (reden: \($0))" } ?? ""),
                changes: changes, by: actor, on: tx)
            if let reason {
                try await recordAmendment(actionID: id, reason: reason, changes: changes, by: actor, on: tx)
            }
            return id
        }
    }

    /// A sub-action's parent must be an action of the same plan that is not a sub-action itself
    /// (`SubActions`); the sub-action takes the parent's theme line and key point.
    private static func placed(
        _ draft: ActionDraft, actionID: UUID?, planID: UUID, catalog: PlanCatalog, on db: any Database
    ) async throws -> ActionDraft {
        guard let parentID = draft.parent else { return draft }
        // Locks both rows before reading them: two saves at once (one nesting under an action while
        // that action goes under another) would otherwise both pass on PostgreSQL and nest two deep.
        // SQLite writes one transaction at a time already.
        if let sql = db as? any SQLDatabase {
            // In one order (by id), so two such saves wait for each other instead of deadlocking.
            for id in [actionID, parentID].compactMap({ $0 }).sorted(by: { $0.uuidString < $1.uuidString }) {
                try await sql.update(Action.schema).set("position", to: SQLColumn("position")).where("id", .equal, id)
                    .run()
            }
        }
        let parent = try await Action.find(parentID, on: db)
        var hasSubActions = false
        if let actionID { hasSubActions = try await Action.query(on: db).filter(\.$parentID == actionID).count() > 0 }
        let placement = SubActions.Placement(
            parentInPlan: parent?.$plan.id == planID, parentIsSubAction: parent?.parentID != nil,
            isSelf: parentID == actionID, hasSubActions: hasSubActions)
        if let problem = SubActions.problem(placement) { throw InvalidInput([problem]) }
        var draft = draft
        draft.themeLine = catalog.themeLine(id: parent!.$themeLine.id)?.code ?? draft.themeLine
        draft.keyPoint = catalog.keyPoint(id: parent!.$keyPoint.id)?.code
        return draft
    }

    /// The titles of actions by id, for the audit trail's "hoofdactie".
    private static func titles(of ids: [UUID?], on db: any Database) async throws -> (UUID) -> String {
        let ids = ids.compactMap { $0 }
        guard !ids.isEmpty else { return { $0.uuidString } }
        let titles = try await Action.query(on: db).filter(\.$id ~~ ids).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        return { titles[$0] ?? $0.uuidString }
    }

    private static func recordAmendment(
        actionID: UUID, reason: String, changes: [FieldChange], by actor: Actor, on db: any Database
    ) async throws {
        let now = actor.now
        let entry = Amendment()
        entry.$action.id = actionID
        entry.author = actor.name
        entry.authorID = actor.userID
        entry.reason = reason
        entry.changes = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
        entry.recordedAt = now
        try await entry.create(on: db)
    }

    /// Writes a new action with its partners and first status (creating and carrying over share it).
    static func insert(
        _ draft: ActionDraft, planID: UUID, catalog: PlanCatalog, carriedOverFrom: UUID?, by actor: Actor,
        on db: any Database
    ) async throws -> UUID {
        let last = try await Action.query(on: db).filter(\.$plan.$id == planID).max(\.$position) ?? 0
        let action = Action()
        action.$plan.id = planID
        action.position = last + 1
        action.carriedOverFromID = carriedOverFrom
        catalog.apply(draft, to: action)
        try await action.create(on: db)
        try await writePartners(draft, actionID: action.requireID(), catalog: catalog, on: db)
        try await ActionStatusChange(
            actionID: action.requireID(), day: actor.today, status: draft.status, at: actor.now
        ).create(on: db)
        return try action.requireID()
    }

    private static func writePartners(_ draft: ActionDraft, actionID: UUID, catalog: PlanCatalog, on db: any Database)
        async throws
    {
        try await ActionPartner.query(on: db).filter(\.$action.$id == actionID).delete()
        for partner in draft.partners {
            guard let organisation = catalog.organisation(key: partner.organisation) else { continue }
            try await ActionPartner(
                actionID: actionID, organisationID: organisation.requireID(),
                contributions: partner.contributions.map(\.rawValue).joined(separator: ",")
            )
            .create(on: db)
        }
    }

    /// Saves a new version of an action and returns what changed. After adoption the change is kept
    /// as an amendment.
    @discardableResult
    static func update(
        _ record: ActionRecord, to draft: ActionDraft, amendment: AmendmentInput, catalog: PlanCatalog,
        by actor: Actor, on db: any Database
    ) async throws -> [FieldChange] {
        try await db.transaction { tx in
            let draft = try await placed(
                draft, actionID: record.id, planID: record.model.$plan.id, catalog: catalog, on: tx)
            let changes = try await record.draft.changes(
                to: draft, name: catalog.name(ofKey:),
                actionTitle: titles(of: [record.draft.parent, draft.parent], on: tx))
            guard !changes.isEmpty else { return [] }
            let adopted = try await hasAdoption(planID: record.model.$plan.id, on: tx)
            let reason = adopted ? try amendment.validated() : nil
            let action = record.model
            catalog.apply(draft, to: action)
            try await action.update(on: tx)
            if draft.themeLine != record.draft.themeLine || draft.keyPoint != record.draft.keyPoint {
                // Sub-actions stay in their parent's theme line and key point.
                try await Action.query(on: tx).filter(\.$parentID == record.id)
                    .set(\.$themeLine.$id, to: action.$themeLine.id).set(\.$keyPoint.$id, to: action.$keyPoint.id)
                    .update()
            }
            if draft.partners != record.draft.partners {
                try await writePartners(draft, actionID: action.requireID(), catalog: catalog, on: tx)
            }
            if draft.status != record.draft.status {
                try await ActionStatusChange(
                    actionID: action.requireID(), day: actor.today, status: draft.status, at: actor.now
                ).create(on: tx)
            }
            try await Audit.record(
                .gewijzigd, .actie, id: record.id.uuidString, centreID: catalog.centreID,
                summary: "Actie '\(draft.title)' gewijzigd" + (reason.map { " (reden: \($0))" } ?? ""),
                changes: changes, by: actor, on: tx)
            if let reason {
                try await recordAmendment(
                    actionID: try action.requireID(), reason: reason, changes: changes, by: actor, on: tx)
            }
            return changes
        }
    }

    /// Only an action of a plan no board has adopted, that no later action continues, can be
    /// deleted; otherwise its status becomes "vervallen" so the record stays.
    static func delete(_ record: ActionRecord, catalog: PlanCatalog, by actor: Actor, on db: any Database) async throws
    {
        let actionID = record.id
        try await db.transaction { tx in
            if try await hasAdoption(planID: record.model.$plan.id, on: tx) {
                throw StadshartError.conflict(
                    "Dit jaarplan is (deels) vastgesteld: een actie verwijderen kan niet meer. Zet de status op 'vervallen' en geef een reden."
                )
            }
            if try await Action.query(on: tx).filter(\.$parentID == actionID).count() > 0 {
                throw StadshartError.conflict(
                    "Deze actie heeft deelacties en kan daarom niet worden verwijderd. Verwijder of verplaats eerst de deelacties, of zet de status op 'vervallen'."
                )
            }
            if try await Action.query(on: tx).filter(\.$carriedOverFromID == actionID).count() > 0 {
                throw StadshartError.conflict(
                    "Deze actie loopt door in een later jaarplan en kan daarom niet worden verwijderd. Zet de status op 'vervallen'."
                )
            }
            try await ActionPartner.query(on: tx).filter(\.$action.$id == actionID).delete()
            try await ProgressNote.query(on: tx).filter(\.$action.$id == actionID).delete()
            try await Amendment.query(on: tx).filter(\.$action.$id == actionID).delete()
            try await ActionStatusChange.query(on: tx).filter(\.$action.$id == actionID).delete()
            try await record.model.delete(on: tx)
            try await Audit.record(
                .verwijderd, .actie, id: actionID.uuidString, centreID: catalog.centreID,
                summary: "Actie '\(record.draft.title)' verwijderd",
                changes: record.draft.changes(to: .blank, name: catalog.name(ofKey:)), by: actor, on: tx)
        }
    }

    static func notes(of actionID: UUID, on db: any Database) async throws -> [ProgressNote] {
        try await ProgressNote.query(on: db).filter(\.$action.$id == actionID).sort(\.$day, .descending)
            .sort(\.$recordedAt, .descending).all()
    }

    static func amendments(of actionID: UUID, on db: any Database) async throws -> [Amendment] {
        try await Amendment.query(on: db).filter(\.$action.$id == actionID).sort(\.$recordedAt, .descending).all()
    }

    static func addNote(
        to record: ActionRecord, _ input: ProgressNoteInput, catalog: PlanCatalog, by actor: Actor,
        on db: any Database
    ) async throws {
        let now = actor.now
        let (day, text) = try input.validate(today: actor.today)
        let note = ProgressNote()
        note.$action.id = record.id
        note.day = day.description
        note.text = text
        note.author = actor.name
        note.authorID = actor.userID
        note.recordedAt = now
        try await db.transaction { tx in
            try await note.create(on: tx)
            try await Audit.record(
                .voortgang, .actie, id: record.id.uuidString, centreID: catalog.centreID,
                summary: "Voortgang bij '\(record.draft.title)': \(text)", by: actor, on: tx)
        }
    }

    static func addKeyPoint(
        _ input: KeyPointInput, to line: ThemeLine, catalog: PlanCatalog, by actor: Actor, on db: any Database
    ) async throws -> KeyPoint {
        let valid = try input.validate(
            themeLine: line.code, existingCodes: Set(catalog.keyPoints(of: line).map(\.code)))
        let point = KeyPoint(themeLineID: try line.requireID(), code: valid.code, title: valid.title)
        try await db.transaction { tx in
            try await point.create(on: tx)
            try await Audit.record(
                .aangemaakt, .kernpunt, id: point.id?.uuidString, centreID: catalog.centreID,
                summary: "Kernpunt \(valid.code) '\(valid.title)' toegevoegd", by: actor, on: tx)
        }
        return point
    }

    static func renameKeyPoint(
        _ point: KeyPoint, title: String?, catalog: PlanCatalog, by actor: Actor, on db: any Database
    ) async throws {
        let title = try KeyPointInput.validTitle(title)
        let before = point.title
        point.title = title
        try await db.transaction { tx in
            try await point.update(on: tx)
            try await Audit.record(
                .gewijzigd, .kernpunt, id: point.id?.uuidString, centreID: catalog.centreID,
                summary: "Kernpunt \(point.code) hernoemd",
                changes: [FieldChange(field: "titel", before: before, after: title)], by: actor, on: tx)
        }
    }
}
