import Fluent
import Foundation
import StadshartCore

/// Themalijn: A Compact en Compleet … F Goed Bekend, plus Jongeren and the economic strategy.
final class ThemeLine: Model, @unchecked Sendable {
    static let schema = "theme_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "position") var position: Int

    init() {}

    init(centreID: UUID, code: String, name: String, description: String, position: Int) {
        self.$centre.id = centreID
        self.code = code
        self.name = name
        self.description = description
        self.position = position
    }
}

/// Kernpunt of a theme line.
final class KeyPoint: Model, @unchecked Sendable {
    static let schema = "key_points"

    @ID(key: .id) var id: UUID?
    @Parent(key: "theme_line_id") var themeLine: ThemeLine
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String

    init() {}

    init(themeLineID: UUID, code: String, title: String) {
        self.$themeLine.id = themeLineID
        self.code = code
        self.title = title
    }
}

/// Jaarplan: one per centre and year. Its status follows from its adoptions.
final class AnnualPlan: Model, @unchecked Sendable {
    static let schema = "annual_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "year") var year: Int
    /// The period it runs (AddPeriodToAnnualPlans), days "YYYY-MM-DD"; nil: 1 January or 31 December of the year.
    @OptionalField(key: "start_day") var startDay: String?
    @OptionalField(key: "end_day") var endDay: String?
    /// `PlanKind`'s raw value (AddKindToAnnualPlans): the annual plan or the economic agenda's programme.
    @Field(key: "kind") var kind: String

    var planKind: PlanKind { PlanKind(rawValue: kind) ?? .jaarplan }
    /// How its pages and API routes name it: "2019", "programma-2020".
    var key: PlanKey { PlanKey(planKind, year: year) }

    var period: PlanPeriod {
        PlanPeriod.of(year: year, start: startDay.flatMap(Day.init(parsing:)), end: endDay.flatMap(Day.init(parsing:)))
    }

    /// Keeps only what differs from the calendar year, so a default period stays nil.
    func set(_ period: PlanPeriod) {
        let standard = PlanPeriod.standard(year: year)
        startDay = period.start == standard.start ? nil : period.start.description
        endDay = period.end == standard.end ? nil : period.end.description
    }

    init() {}

    init(centreID: UUID, year: Int, kind: PlanKind = .jaarplan) {
        self.$centre.id = centreID
        self.year = year
        self.kind = kind.rawValue
    }
}

/// Actie / inspanning (art. 16): lead, partners, budget and budget holder.
final class Action: Model, @unchecked Sendable {
    static let schema = "actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: AnnualPlan
    @Parent(key: "theme_line_id") var themeLine: ThemeLine
    @OptionalParent(key: "key_point_id") var keyPoint: KeyPoint?
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @OptionalParent(key: "lead_id") var lead: Organisation?
    @Field(key: "no_partners") var noPartners: Bool
    @OptionalField(key: "budget_cents") var budgetCents: Int64?
    @OptionalParent(key: "budget_holder_id") var budgetHolder: Organisation?
    @OptionalField(key: "funding_source") var fundingSource: String?
    @Field(key: "horizon") var horizon: String
    @Field(key: "priority") var priority: String
    @Field(key: "status") var status: String
    /// The action of last year's plan this one continues.
    @OptionalField(key: "carried_over_from_id") var carriedOverFromID: UUID?
    // Issue 14 (AddTandemMoneyAndScheduleToActions): second lead, money per occasion, funding, days,
    // recurrence. Days are "YYYY-MM-DD"; the choices are their raw values.
    @OptionalParent(key: "co_lead_id") var coLead: Organisation?
    @OptionalField(key: "budget_per_occasion_cents") var budgetPerOccasionCents: Int64?
    @OptionalField(key: "occasions") var occasions: Int?
    @OptionalField(key: "funding_status") var fundingStatus: String?
    @OptionalField(key: "funding_kind") var fundingKind: String?
    @OptionalField(key: "start_day") var startDay: String?
    @OptionalField(key: "end_day") var endDay: String?
    @OptionalField(key: "deadline_day") var deadlineDay: String?
    @OptionalField(key: "recurrence") var recurrence: String?
    @OptionalField(key: "recurrence_count") var recurrenceCount: Int?
    /// The action this one is a sub-action of (AddParentToActions).
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Children(for: \.$action) var partners: [ActionPartner]

    init() {}
}

/// A partner of an action with its kinds of contribution (art. 19), stored as
/// "meedenken,uitvoeren".
final class ActionPartner: Model, @unchecked Sendable {
    static let schema = "action_partners"

    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: Action
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "contributions") var contributions: String

    init() {}

    init(actionID: UUID, organisationID: UUID, contributions: String) {
        self.$action.id = actionID
        self.$organisation.id = organisationID
        self.contributions = contributions
    }
}

/// A dated note on how an action is getting on.
final class ProgressNote: Model, @unchecked Sendable {
    static let schema = "progress_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: Action
    /// A day, "YYYY-MM-DD".
    @Field(key: "day") var day: String
    @Field(key: "text") var text: String
    @Field(key: "author") var author: String
    /// The account that wrote it, so personal data can be found and erased by person, not by name.
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// One board's adoption of a plan (art. 17).
final class Adoption: Model, @unchecked Sendable {
    static let schema = "adoptions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: AnnualPlan
    @Field(key: "party") var party: String
    @Field(key: "adopted_by") var adoptedBy: String
    @Field(key: "day") var day: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A change to an action after a board adopted the plan: who, when, what, why.
final class Amendment: Model, @unchecked Sendable {
    static let schema = "amendments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: Action
    @Field(key: "author") var author: String
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "reason") var reason: String
    /// JSON array of FieldChange.
    @Field(key: "changes") var changes: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
