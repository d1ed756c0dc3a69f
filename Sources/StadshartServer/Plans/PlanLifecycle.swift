import Fluent
import Foundation
import StadshartCore
import Vapor

/// A plan as a whole: made, given its period, adopted by the boards, and followed by next year's.
extension PlanService {
    /// Art. 17: one board adopts; refused while any action is incomplete (art. 16).
    static func adopt(
        _ snapshot: PlanSnapshot, _ input: AdoptionInput, allowed: (Party) -> Bool,
        by actor: Actor, on db: any Database
    ) async throws {
        let now = actor.now
        let valid = try input.validate(today: actor.today)
        let (party, adoptedBy, day) = (valid.party, valid.adoptedBy, valid.day)
        guard allowed(party) else {
            throw StadshartError(
                status: .forbidden, title: "Geen toegang",
                detail: "Alleen een bestuurslid van die partij kan het jaarplan namens het \(party.label) vaststellen."
            )
        }
        let adoption = Adoption()
        adoption.$plan.id = try snapshot.plan.requireID()
        adoption.party = party.rawValue
        adoption.adoptedBy = adoptedBy
        adoption.day = day.description
        adoption.recordedAt = now
        try await db.transaction { tx in
            // The plan as it is inside this transaction: a change made a moment ago counts too.
            let current = try await PlanService.snapshot(
                snapshot.catalog, year: snapshot.plan.year, kind: snapshot.plan.planKind, on: tx)
            if let refusal = AdoptionRule.refusal(
                party: party, adoptedBy: current.adoptedBy, incompleteActions: current.incomplete.count,
                kind: current.plan.planKind)
            {
                var error = StadshartError(
                    status: .unprocessableEntity, title: "Niet vast te stellen", detail: refusal.message)
                switch refusal {
                case .alreadyAdopted: error.status = .conflict
                case .notAdoptedBy, .incomplete: break
                }
                error.incompleteActions = current.incomplete.map(ActionGapsDTO.init)
                throw error
            }
            try await adoption.create(on: tx)
            try await Audit.record(
                .vastgesteld, .jaarplan, id: snapshot.plan.id?.uuidString, centreID: snapshot.catalog.centreID,
                summary:
                    "\(snapshot.plan.planKind.label) \(snapshot.plan.year) vastgesteld door het \(party.label) (\(adoptedBy), \(day))",
                by: actor, on: tx)
        }
    }

    /// An empty plan for a year, for a centre's first plan (later ones start from the previous one).
    static func createPlan(
        _ catalog: PlanCatalog, year: String?, start: String? = nil, end: String? = nil,
        kind: PlanKind = .jaarplan, by actor: Actor, on db: any Database
    ) async throws
        -> Int
    {
        let year = try PlanYear.parse(year)
        let period = try PlanPeriod.parse(year: year, start: start, end: end)
        if try await exists(catalog.centreID, PlanKey(kind, year: year), on: db) {
            throw StadshartError.conflict("Het \(kind.noun) \(year) bestaat al.")
        }
        try await db.transaction { tx in
            let plan = AnnualPlan(centreID: catalog.centreID, year: year, kind: kind)
            plan.set(period)
            try await plan.create(on: tx)
            try await Audit.record(
                .aangemaakt, .jaarplan, id: plan.id?.uuidString, centreID: catalog.centreID,
                summary: "\(kind.label) \(year) aangemaakt (\(period.dutch))", by: actor, on: tx)
        }
        return year
    }

    /// Sets the days a plan runs ("deels 2018 en geheel 2019"); blank days fall back to 1 January and
    /// 31 December. Once a board adopted the plan its period is part of what was adopted: refused.
    static func setPeriod(
        _ snapshot: PlanSnapshot, start: String?, end: String?, by actor: Actor, on db: any Database
    ) async throws {
        let plan = snapshot.plan
        let period = try PlanPeriod.parse(year: plan.year, start: start, end: end)
        let before = plan.period
        guard period != before else { return }
        try await db.transaction { tx in
            if try await hasAdoption(planID: plan.requireID(), on: tx) {
                throw StadshartError.conflict(
                    "Het \(plan.planKind.noun) \(plan.year) is (deels) vastgesteld: de looptijd ligt vast.")
            }
            plan.set(period)
            try await plan.update(on: tx)
            try await Audit.record(
                .gewijzigd, .jaarplan, id: plan.id?.uuidString, centreID: snapshot.catalog.centreID,
                summary: "Looptijd van het \(plan.key.name) gewijzigd",
                changes: [FieldChange(field: "looptijd", before: before.dutch, after: period.dutch)], by: actor, on: tx)
        }
    }

    static func exists(_ centreID: UUID, _ key: PlanKey, on db: any Database) async throws -> Bool {
        try await AnnualPlan.query(on: db).filter(\.$centre.$id == centreID).filter(\.$kind == key.kind.rawValue)
            .filter(\.$year == key.year).count() > 0
    }

    /// Starts next year's plan: unfinished actions carry over, marked as such.
    static func startNextYear(_ snapshot: PlanSnapshot, by actor: Actor, on db: any Database) async throws -> (
        year: Int, carried: Int
    ) {
        let year = snapshot.plan.year + 1
        let kind = snapshot.plan.planKind
        if try await exists(snapshot.catalog.centreID, PlanKey(kind, year: year), on: db) {
            throw StadshartError.conflict("Het \(kind.noun) \(year) bestaat al.")
        }
        return try await db.transaction { tx in
            let next = AnnualPlan(centreID: snapshot.catalog.centreID, year: year, kind: kind)
            try await next.create(on: tx)
            // Parents come before their sub-actions in a snapshot; a sub-action whose parent ends
            // this year goes on as an action of its own.
            var newIDs: [UUID: UUID] = [:]
            for record in snapshot.actions {
                guard var draft = CarryOver.next(record.draft) else { continue }
                draft.parent = draft.parent.flatMap { newIDs[$0] }
                newIDs[record.id] = try await insert(
                    draft, planID: next.requireID(), catalog: snapshot.catalog, carriedOverFrom: record.id, by: actor,
                    on: tx)
            }
            let carried = newIDs.count
            try await Audit.record(
                .doorgezet, .jaarplan, id: next.id?.uuidString, centreID: snapshot.catalog.centreID,
                summary: "\(kind.label) \(year) gestart vanuit \(snapshot.plan.year); \(carried) acties lopen door",
                by: actor, on: tx)
            return (year, carried)
        }
    }
}
