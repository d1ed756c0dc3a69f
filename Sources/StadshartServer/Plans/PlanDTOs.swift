import Foundation
import StadshartCore
import Vapor

struct PartnerDTO: Content {
    var organisation: OrganisationRef
    var contributions: [String]
}

struct ProgressNoteDTO: Content {
    var date: String
    var text: String
    var author: String
}

extension ProgressNoteDTO {
    init(_ note: ProgressNote) { self.init(date: note.day, text: note.text, author: note.author) }
}

struct AmendmentDTO: Content {
    var recordedAt: Date
    var author: String
    var reason: String
    var changes: [FieldChange]
}

extension AmendmentDTO {
    init(_ amendment: Amendment) {
        self.init(
            recordedAt: amendment.recordedAt, author: amendment.author, reason: amendment.reason,
            changes: (try? JSONDecoder().decode([FieldChange].self, from: Data(amendment.changes.utf8))) ?? [])
    }
}

struct ActionDTO: Content {
    var id: UUID
    var year: Int
    var title: String
    var description: String
    var themeLine: String
    var keyPoint: String?
    var lead: OrganisationRef?
    /// The second lead when two organisations lead together.
    var coLead: OrganisationRef?
    var partners: [PartnerDTO]
    var noPartners: Bool
    /// A fixed amount; or else `budgetPerOccasionCents` times the expected `occasions`.
    var budgetCents: Int64?
    var budgetPerOccasionCents: Int64?
    var occasions: Int?
    /// The whole budget: the amount, or per occasion × occasions (nil while the occasions are unknown).
    var totalBudgetCents: Int64?
    /// The budget as people read it, "€ 10.000,00" or "€ 10.000,00 per keer × 2 = € 20.000,00".
    var budget: String?
    var budgetHolder: OrganisationRef?
    var fundingSource: String?
    /// zeker, gereserveerd or te_vinden.
    var fundingStatus: String?
    /// gemeente, binnenstadsfonds, provincie, ondernemers, cofinanciering or anders.
    var fundingKind: String?
    var horizon: String
    var priority: String
    var status: String
    var start: String?
    var end: String?
    var deadline: String?
    /// jaarlijks, per_jaar (with recurrenceCount times a year) or per_gelegenheid.
    var recurrence: String?
    var recurrenceCount: Int?
    /// Past its deadline (or end) on the request's working day and neither finished nor dropped.
    var late: Bool
    var carriedOverFrom: UUID?
    /// What art. 16 still misses: lead, partners, budget, budgetHolder, funding (money still to be found).
    var missing: [String]
    var progress: [ProgressNoteDTO]?
    var amendments: [AmendmentDTO]?
    /// Every status the action had and the day it took effect (nil: before the history was kept).
    var statusHistory: [StatusChangeDTO]?
    /// The action this one is a sub-action of; the detail also names it.
    var parent: UUID?
    var parentAction: ActionRefDTO?
    /// A parent's progress as its sub-actions make it; the detail also lists them.
    var subActionProgress: SubActionProgressDTO?
    var subActions: [ActionRefDTO]?

    /// An action with its progress, amendments and status history.
    init(_ detail: ActionDetail, catalog: PlanCatalog, today: Day) {
        self.init(detail.record, year: detail.year, catalog: catalog, today: today)
        progress = detail.notes.map(ProgressNoteDTO.init)
        amendments = detail.amendments.map(AmendmentDTO.init)
        statusHistory = detail.statusChanges.map {
            StatusChangeDTO(date: $0.day, status: $0.status)
        }
        parentAction = detail.parent.map { ActionRefDTO($0, catalog: catalog) }
        subActions = detail.subActions.map { ActionRefDTO($0, catalog: catalog) }
        subActionProgress = detail.rollup.map(SubActionProgressDTO.init)
    }

    init(
        _ record: ActionRecord, year: Int, catalog: PlanCatalog, today: Day, rollup: SubActions.Rollup? = nil
    ) {
        let draft = record.draft
        id = record.id
        self.year = year
        title = draft.title
        description = draft.description
        themeLine = draft.themeLine
        keyPoint = draft.keyPoint
        lead = catalog.ref(catalog.organisation(key: draft.lead))
        coLead = catalog.ref(catalog.organisation(key: draft.coLead))
        partners = draft.partners.map {
            PartnerDTO(
                organisation: catalog.ref(catalog.organisation(key: $0.organisation))!,
                contributions: $0.contributions.map(\.rawValue))
        }
        noPartners = draft.noPartners
        budgetCents = draft.budgetCents
        budgetPerOccasionCents = draft.budgetPerOccasionCents
        occasions = draft.occasions
        totalBudgetCents = draft.totalBudgetCents
        budget = draft.budgetText
        budgetHolder = catalog.ref(catalog.organisation(key: draft.budgetHolder))
        fundingSource = draft.fundingSource
        fundingStatus = draft.fundingStatus?.rawValue
        fundingKind = draft.fundingKind?.rawValue
        horizon = draft.horizon.rawValue
        priority = draft.priority.rawValue
        status = draft.status.rawValue
        start = draft.start?.description
        end = draft.end?.description
        deadline = draft.deadline?.description
        recurrence = draft.recurrence?.kind.rawValue
        recurrenceCount = draft.recurrence?.count
        late = draft.isLate(on: today)
        carriedOverFrom = record.model.carriedOverFromID
        missing = record.gaps.map(\.rawValue)
        parent = draft.parent
        subActionProgress = rollup.map(SubActionProgressDTO.init)
    }
}

/// Another action, named: a sub-action in its parent's detail, or the parent in a sub-action's.
struct ActionRefDTO: Content {
    var id: UUID
    var title: String
    var lead: OrganisationRef?
    var status: String

    init(_ record: ActionRecord, catalog: PlanCatalog) {
        id = record.id
        title = record.draft.title
        lead = catalog.ref(catalog.organisation(key: record.draft.lead))
        status = record.draft.status.rawValue
    }
}

struct SubActionProgressDTO: Content {
    var total: Int
    var finished: Int
    var running: Int
    var dropped: Int
    /// Finished of those not dropped; nil when all were dropped.
    var percentFinished: Int?
    /// "2 van 4 deelacties afgerond, 1 in uitvoering".
    var summary: String

    init(_ rollup: SubActions.Rollup) {
        total = rollup.total
        finished = rollup.finished
        running = rollup.running
        dropped = rollup.dropped
        percentFinished = rollup.percentFinished
        summary = rollup.dutch
    }
}

/// One incomplete action and what art. 16 misses for it.
struct ActionGapsDTO: Content, Equatable {
    var actionId: UUID
    var title: String
    var missing: [String]
    var messages: [String]

    init(_ record: ActionRecord) {
        actionId = record.id
        title = record.draft.title
        missing = record.gaps.map(\.rawValue)
        messages = record.gaps.map(\.message)
    }
}

struct StatusChangeDTO: Content {
    var date: String?
    var status: String
}

struct AdoptionDTO: Content {
    var party: String
    var adoptedBy: String
    var date: String
    /// On or after 1 January of the plan's year: allowed, but art. 17 asks for adoption before it.
    var late: Bool
}

struct PlanDTO: Content {
    var centre: String
    var year: Int
    /// jaarplan or uitvoeringsprogramma; `key` names the plan in addresses ("2019", "programma-2020").
    var kind: String
    var key: String
    /// The days the plan runs: by default 1 January to 31 December of its year.
    var start: String
    var end: String
    var status: String
    var adoptions: [AdoptionDTO]
    /// Adopted (or still not adopted) after the plan's year began, against art. 17; with the reason.
    var lateAdoption: Bool
    var lateAdoptionWarning: String?
    /// Actions (top level) and sub-actions; the status counts and late count take both.
    var actionCount: Int
    var subActionCount: Int
    /// Actions past their deadline (or end) on the request's working day, not finished nor dropped.
    var lateCount: Int
    var statusCounts: [String: Int]
    var problems: [ActionGapsDTO]

    init(_ snapshot: PlanSnapshot, today: Day) {
        centre = snapshot.catalog.centre.slug
        year = snapshot.plan.year
        kind = snapshot.plan.kind
        key = snapshot.plan.key.description
        start = snapshot.plan.period.start.description
        end = snapshot.plan.period.end.description
        status = snapshot.status.rawValue
        let timing = snapshot.adoptionTiming
        adoptions = snapshot.adoptions.map {
            AdoptionDTO(
                party: $0.party, adoptedBy: $0.adoptedBy, date: $0.day,
                late: Party(rawValue: $0.party).map(timing.lateParties.contains) ?? false)
        }
        lateAdoption = timing.isLate(today: today)
        lateAdoptionWarning = timing.warning(today: today)
        actionCount = snapshot.topLevel.count
        subActionCount = snapshot.subActionCount
        lateCount = snapshot.actions.filter { $0.draft.isLate(on: today) }.count
        statusCounts = Dictionary(
            uniqueKeysWithValues: StadshartCore.statusCounts(snapshot.actions.map(\.draft)).map {
                ($0.status.rawValue, $0.count)
            })
        problems = snapshot.incomplete.map(ActionGapsDTO.init)
    }
}

struct KeyPointDTO: Content {
    var id: UUID
    var code: String
    var title: String
}

struct ThemeLineDTO: Content {
    var code: String
    var name: String
    var description: String
    var keyPoints: [KeyPointDTO]
}

struct InvolvementDTO: Content {
    struct Contribution: Content {
        var action: UUID
        var contributions: [String]
    }
    var organisation: OrganisationRef
    var leads: [UUID]
    var contributes: [Contribution]
    var holdsBudget: [UUID]
    var budgetHeldCents: Int64
}

/// A new action, and why when the plan is already adopted.
struct NewActionInput: Decodable {
    var action: ActionInput
    var reason: String?

    init(from decoder: any Decoder) throws {
        action = try ActionInput(from: decoder)
        reason = try decoder.container(keyedBy: PartialUpdate<ActionInput>.AnyKey.self)
            .decodeIfPresent(String.self, forKey: .init(stringValue: "reason"))
    }
}

/// A key point's new title (its code stays).
struct KeyPointRename: Decodable {
    var title: String?
}

struct PlanInput: Content {
    var year: Int?
    /// jaarplan (the default) or uitvoeringsprogramma.
    var kind: String?
    /// The period; blank: 1 January or 31 December of the year.
    var start: String?
    var end: String?
}

/// A plan's period as people send it, days "YYYY-MM-DD"; blank (or null) is 1 January or 31 December.
/// Sent as a PATCH (`PartialUpdate`): a day not sent stays as it is.
struct PlanPeriodInput: Codable {
    var start: String?
    var end: String?
}

struct NextYearDTO: Content {
    var year: Int
    var carriedOver: Int
}

/// The body of PATCH: the fields to change, and why when the plan is adopted.
struct ActionPatch: Decodable {
    var update: PartialUpdate<ActionInput>
    var reason: String?

    init(from decoder: any Decoder) throws {
        update = try PartialUpdate(from: decoder)
        reason = try decoder.container(keyedBy: PartialUpdate<ActionInput>.AnyKey.self)
            .decodeIfPresent(String.self, forKey: .init(stringValue: "reason"))
    }

    /// The current action with the sent fields laid over it; a sent null clears a field.
    func applied(to current: ActionDraft) throws -> ActionInput {
        var merged = try update.applied(
            to: ActionInput(current),
            together: [
                ["budget", "budgetCents"], ["budgetPerOccasion", "budgetPerOccasionCents"],
                ["recurrence", "recurrenceCount"],
            ])
        // The budget is an amount or an amount per occasion: setting one form replaces the other.
        let amount: Set<String> = ["budget", "budgetCents"]
        let perOccasion: Set<String> = ["budgetPerOccasion", "budgetPerOccasionCents"]
        if !update.sent.isDisjoint(with: amount) && update.sent.isDisjoint(with: perOccasion)
            && (merged.budget.nonBlank != nil || merged.budgetCents != nil)
        {
            merged.budgetPerOccasion = nil
            merged.budgetPerOccasionCents = nil
            if !update.sent.contains("occasions") { merged.occasions = nil }
        }
        if !update.sent.isDisjoint(with: perOccasion) && update.sent.isDisjoint(with: amount) {
            if merged.budgetPerOccasion.nonBlank != nil || merged.budgetPerOccasionCents != nil {
                merged.budget = nil
                merged.budgetCents = nil
            } else if !update.sent.contains("occasions") {
                merged.occasions = nil
            }
        }
        // A new theme line without a key point leaves the old line's key point behind.
        if update.sent.contains("themeLine") && !update.sent.contains("keyPoint")
            && update.changes.themeLine?.uppercased() != current.themeLine
        {
            merged.keyPoint = nil
        }
        return merged
    }
}
