import Foundation
import StadshartCore
import Vapor

/// The contexts of the plan's pages: what each template needs, built by functions a test can call.
enum PlanPages {
    struct ActionRow: Encodable {
        var link: String
        var title: String
        var keyPoint: String?
        var lead: String
        var partners: String
        var budget: String
        var budgetHolder: String?
        var status: String
        var statusCode: String
        var isTop: Bool
        var carriedOver: Bool
        var missing: [String]
        /// "te laat: deadline 1 januari 2019".
        var late: String?
        /// "jaarlijks", "5 keer per jaar".
        var recurrence: String?
        /// A sub-action is shown under its parent; the parent shows how far its sub-actions are.
        var parentTitle: String?
        var subActionProgress: String?
    }

    struct LineSection: Encodable {
        var code: String
        var name: String
        var description: String
        var keyPoints: [KeyPointRow]
        var actions: [ActionRow]
        var newKeyPointLink: String
    }

    struct KeyPointRow: Encodable {
        var code: String
        var title: String
        var editLink: String
    }

    struct ProblemRow: Encodable {
        var title: String
        var link: String
        var messages: [String]
    }

    struct AdoptionRow: Encodable {
        var party: String
        var adoptedBy: String
        var date: String
    }

    struct FilterForm: Encodable {
        var themeLines: [SelectOption]
        var leads: [SelectOption]
        var partners: [SelectOption]
        var budgetHolders: [SelectOption]
        var statuses: [SelectOption]
        var priorities: [SelectOption]
        var active: Bool
    }

    struct PeriodForm: Encodable {
        var link: String
        var start: String
        var end: String
    }

    static let periodFields = FormFields(
        form: "period", [("start", "periodStart", "Begin"), ("end", "periodEnd", "Einde")])

    struct AdoptForm: Encodable {
        var parties: [SelectOption]
        var adoptedBy: String
        var date: String
    }

    /// The adoption form's inputs (they sit at the end of a long page: its summary stands right
    /// above the form).
    static let adoptFields = FormFields(
        form: "adopt",
        [
            ("party", "adoptParty", "Partij"), ("adoptedBy", "adoptedBy", "Namens het bestuur"),
            ("date", "adoptDate", "Datum"),
        ])

    /// The progress note form on an action's page.
    static let noteFields = FormFields(
        form: "progress", [("date", "noteDate", "Datum"), ("text", "noteText", "Wat is er gebeurd")])

    struct PlanPage: Encodable {
        var layout: Layout
        var centre: String
        var year: Int
        /// Editors, before adoption: the form that sets the period, with its days as the fields hold them.
        var periodForm: PeriodForm?
        /// "Jaarplan" or "Uitvoeringsprogramma", and the same in a sentence; who adopts it.
        var kindLabel: String
        var kindNoun: String
        /// A programme's page leads back to the economic agenda it belongs to.
        var agendaLink: String?
        var adoptionRule: String
        var adoptionHeading: String
        var status: String
        var isAdopted: Bool
        var adoptions: [AdoptionRow]
        /// Art. 17: adopted, or still not adopted, after the year began.
        var lateAdoption: String?
        var counts: [LabelledCount]
        var total: Int
        var subActionCount: Int
        /// "1 januari 2019 – 31 december 2019".
        var period: String
        /// Actions past their deadline (or end) on the working day, not finished nor dropped.
        var lateCount: Int
        var shown: Int
        var budgetTotal: String
        var filter: FilterForm
        var lines: [LineSection]
        var problems: [ProblemRow]
        var gapCounts: [LabelledCount]
        var adopt: AdoptForm?
        var failed: FormErrors?
        var newActionLink: String
        var whoLink: String
        var csvLink: String
        var jsonLink: String
        var adoptLink: String
        var nextYearLink: String
        var nextYear: Int
        var nextYearExists: Bool
        var canEdit: Bool
        var canAdopt: Bool
        var historyLink: String?
        /// Shown as it stood on a day (`?stand=`): that day in Dutch, and as the date field holds it.
        var asOf: String?
        var asOfValue: String?
    }

    static func planPage(
        _ snapshot: PlanSnapshot, request: Request, filter: ActionFilter, years: [Int],
        adoptInput: AdoptionInput? = nil,
        adoptError: StadshartError? = nil, nextYearExists: Bool? = nil,
        periodInput: (start: String, end: String)? = nil, periodProblems: [FieldProblem] = []
    ) -> PlanPage {
        let catalog = snapshot.catalog
        let slug = catalog.centre.slug
        let year = snapshot.plan.year
        let key = snapshot.plan.key
        let nextYearExists = nextYearExists ?? years.contains(year + 1)
        func name(_ key: String?) -> String { key.map(catalog.name(ofKey:)) ?? "" }
        func options(_ organisations: [Organisation], selected: String?) -> [SelectOption] {
            [SelectOption(value: "", label: "alle", selected: selected == nil)]
                + organisations.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == selected) }
        }
        let shown = snapshot.actions.filter { filter.matches($0.draft) }
        let today = request.today
        let rollups = snapshot.rollups
        let titles = Dictionary(uniqueKeysWithValues: snapshot.topLevel.map { ($0.id, $0.draft.title) })
        let lines = catalog.themeLines.compactMap { line -> LineSection? in
            let rows = shown.filter { $0.draft.themeLine == line.code }.map {
                row(
                    $0, catalog: catalog, today: today, rollup: rollups[$0.id],
                    parentTitle: $0.draft.parent.flatMap { titles[$0] })
            }
            if !filter.isEmpty && rows.isEmpty { return nil }
            return LineSection(
                code: line.code, name: line.name, description: line.description,
                keyPoints: catalog.keyPoints(of: line).map {
                    KeyPointRow(code: $0.code, title: $0.title, editLink: Web.editKeyPoint.link(slug, $0.id!))
                },
                actions: rows, newKeyPointLink: Web.newKeyPoint.link(slug, line.code))
        }
        let adopted = snapshot.adoptedBy
        let kind = snapshot.plan.planKind
        let open = kind.adoptingParties.filter { !adopted.contains($0) }
        let adopt =
            open.isEmpty
            ? nil
            : AdoptForm(
                parties: open.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == adoptInput?.party)
                },
                adoptedBy: adoptInput?.adoptedBy ?? "", date: adoptInput?.date ?? request.today.description)
        // A refusal of the plan as a whole (actions incomplete) links to the list of what is missing.
        let failed = adoptError.map { error in
            error.errors.isEmpty
                ? adoptFields.refusal(
                    error.detail, target: error.incompleteActions.isEmpty ? nil : "ontbreekt")
                : adoptFields.errors(error.errors)
        }
        return PlanPage(
            layout: Layout(
                title: "\(kind.label) \(year) — \(catalog.centre.name)", request: request, centre: catalog.centre,
                years: years),
            centre: slug, year: year,
            periodForm: Access.allows(request.grants, .editPlan, in: slug) && snapshot.adoptions.isEmpty
                ? PeriodForm(
                    link: Web.planPeriod.link(slug, key),
                    start: periodInput?.start ?? snapshot.plan.period.start.description,
                    end: periodInput?.end ?? snapshot.plan.period.end.description) : nil,
            kindLabel: kind.label, kindNoun: kind.noun,
            agendaLink: kind == .uitvoeringsprogramma ? Web.agenda.link(slug) : nil,
            adoptionRule: kind.adoptionRule, adoptionHeading: kind.adoptionHeading,
            status: snapshot.status.label, isAdopted: snapshot.status == .vastgesteld,
            adoptions: snapshot.adoptions.map {
                AdoptionRow(
                    party: Party(rawValue: $0.party)?.label ?? $0.party, adoptedBy: $0.adoptedBy,
                    date: Day(parsing: $0.day)?.dutch ?? $0.day)
            },
            lateAdoption: snapshot.adoptionTiming.warning(today: request.today),
            counts: statusCounts(snapshot.actions.map(\.draft)).map {
                LabelledCount(label: $0.status.label, count: $0.count)
            },
            total: snapshot.topLevel.count, subActionCount: snapshot.subActionCount, period: snapshot.plan.period.dutch,
            lateCount: snapshot.actions.filter { $0.draft.isLate(on: today) }.count, shown: shown.count,
            budgetTotal: Money.format(cents: shown.compactMap(\.draft.totalBudgetCents).reduce(0, +)),
            filter: FilterForm(
                themeLines: [SelectOption(value: "", label: "alle", selected: filter.themeLine == nil)]
                    + catalog.themeLines.map {
                        SelectOption(
                            value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == filter.themeLine)
                    },
                leads: options(catalog.organisations, selected: filter.lead),
                partners: options(catalog.organisations, selected: filter.partner),
                budgetHolders: options(catalog.organisations, selected: filter.budgetHolder),
                statuses: [SelectOption(value: "", label: "alle", selected: filter.status == nil)]
                    + ActionStatus.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.status)
                    },
                priorities: [SelectOption(value: "", label: "alle", selected: filter.priority == nil)]
                    + Priority.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.priority)
                    },
                active: !filter.isEmpty),
            lines: lines,
            problems: snapshot.incomplete.map {
                ProblemRow(title: $0.draft.title, link: Web.action.link(slug, $0.id), messages: $0.gaps.map(\.label))
            },
            gapCounts: Art16.Gap.allCases.map { gap in
                LabelledCount(label: gap.label, count: snapshot.incomplete.filter { $0.gaps.contains(gap) }.count)
            }.filter { $0.count > 0 },
            adopt: adopt, failed: periodProblems.isEmpty ? failed : periodFields.errors(periodProblems),
            newActionLink: Web.newAction.link(slug, key), whoLink: Web.whoDoesWhat.link(slug, key),
            csvLink: Web.exportCSV.link(slug, key), jsonLink: apiLink(PlansAPI.actionsPath, slug, key),
            adoptLink: Web.adopt.link(slug, key), nextYearLink: Web.nextYear.link(slug, key), nextYear: year + 1,
            nextYearExists: nextYearExists,
            canEdit: Access.allows(request.grants, .editPlan, in: slug),
            canAdopt: Access.allows(request.grants, .adoptPlan, in: slug),
            historyLink: Access.allows(request.grants, .readAudit, in: slug)
                ? Web.history.link(slug, AuditKind.jaarplan.rawValue, snapshot.plan.id!) : nil)
    }

    static func row(
        _ record: ActionRecord, catalog: PlanCatalog, today: Day, rollup: SubActions.Rollup? = nil,
        parentTitle: String? = nil
    ) -> ActionRow {
        let draft = record.draft
        return ActionRow(
            link: Web.action.link(catalog.centre.slug, record.id), title: draft.title, keyPoint: draft.keyPoint,
            lead: draft.leadsText(name: catalog.name(ofKey:)) ?? "—",
            partners: partnersText(draft, catalog: catalog),
            budget: budgetText(draft) ?? "—",
            budgetHolder: draft.budgetHolder.map(catalog.name(ofKey:)),
            status: draft.status.label, statusCode: draft.status.rawValue, isTop: draft.priority == .top,
            carriedOver: record.model.carriedOverFromID != nil, missing: record.gaps.map(\.label),
            late: draft.lateNote(on: today), recurrence: draft.recurrence?.label, parentTitle: parentTitle,
            subActionProgress: rollup?.dutch)
    }

    /// The budget in a list: "geen budget nodig" for € 0, the amount, or the amount per occasion.
    static func budgetText(_ draft: ActionDraft) -> String? {
        if draft.budgetCents == 0 { return "geen budget nodig" }
        guard let text = draft.budgetText else { return nil }
        guard let status = draft.fundingStatus else { return text }
        return "\(text), \(status.label)"
    }

    static func partnersText(_ draft: ActionDraft, catalog: PlanCatalog) -> String {
        if draft.partners.isEmpty { return draft.noPartners ? "geen partners" : "—" }
        return draft.partners.map(\.organisation).map(catalog.name(ofKey:)).joined(separator: ", ")
    }

    // MARK: The action page

    struct PartnerRow: Encodable {
        var name: String
        var contributions: String
    }

    /// An amendment as the API gives it, with its moment written out in Dutch.
    struct AmendmentRow: Encodable {
        var when: String
        var amendment: AmendmentDTO
    }

    struct NoteForm: Encodable {
        var date: String
        var text: String
    }

    struct ActionPage: Encodable {
        var layout: Layout
        var title: String
        var description: String
        var year: Int
        /// "Jaarplan", "Uitvoeringsprogramma".
        var kindLabel: String
        var planLink: String
        var themeLine: String
        var keyPoint: String?
        var lead: String
        var partners: [PartnerRow]
        var noPartners: Bool
        var budget: String
        var budgetHolder: String
        var fundingSource: String
        /// "nog te vinden · gemeente", or "—".
        var funding: String
        /// "1 maart 2019 – 31 december 2020", "vanaf 1 maart 2019", or nil.
        var runs: String?
        var deadline: String?
        var late: String?
        var recurrence: String?
        var horizon: String
        var priority: String
        var isTop: Bool
        var status: String
        var statusCode: String
        var missing: [String]
        var carriedOverLink: String?
        var notes: [ProgressNoteDTO]
        var amendments: [AmendmentRow]
        /// "in uitvoering sinds 4 maart 2019", newest first.
        var statusHistory: [String]
        var noteForm: NoteForm
        var failed: FormErrors?
        var editLink: String
        var noteLink: String
        var deleteLink: String
        var canDelete: Bool
        var canEdit = false
        var canAddProgress = false
        var historyLink: String?
        /// The action this one is a sub-action of; or its own sub-actions, their progress, and where to add one.
        var parent: Layout.Link?
        var subActions: [SubActionRow]
        var subActionProgress: String?
        var subActionPercent: Int?
        var newSubActionLink: String?
    }

    struct SubActionRow: Encodable {
        var link: String
        var title: String
        var lead: String
        var status: String
        var statusCode: String
    }

    static func actionPage(
        _ detail: ActionDTO, request: Request, record: ActionRecord, catalog: PlanCatalog, years: [Int], adopted: Bool,
        noteInput: ProgressNoteInput? = nil, noteErrors: [FieldProblem] = []
    ) -> ActionPage {
        let slug = catalog.centre.slug
        let draft = record.draft
        let line = catalog.themeLine(code: draft.themeLine)
        return ActionPage(
            layout: Layout(title: draft.title, request: request, centre: catalog.centre, years: years),
            title: draft.title, description: draft.description, year: detail.year,
            kindLabel: record.model.plan.planKind.label, planLink: Web.plan.link(slug, record.model.plan.key),
            themeLine: line.map { "\($0.code) \($0.name)" } ?? draft.themeLine,
            keyPoint: catalog.keyPoint(code: draft.keyPoint, in: draft.themeLine).map { "\($0.code) \($0.title)" },
            lead: draft.leadsText(name: catalog.name(ofKey:)) ?? "niet vastgesteld",
            partners: detail.partners.map { partner in
                PartnerRow(
                    name: partner.organisation.name,
                    contributions: partner.contributions.compactMap { Contribution(rawValue: $0)?.label }.joined(
                        separator: ", "))
            },
            noPartners: draft.noPartners,
            budget: draft.budgetCents == 0 ? "€ 0,00 (geen budget nodig)" : draft.budgetText ?? "niet vastgesteld",
            budgetHolder: detail.budgetHolder?.name ?? "—", fundingSource: draft.fundingSource ?? "—",
            funding: draft.fundingStatus == nil && draft.fundingKind == nil
                ? "—"
                : [draft.fundingStatus?.label, draft.fundingKind?.label].compactMap { $0 }.joined(separator: " · "),
            runs: runs(draft), deadline: draft.deadline?.dutch, late: draft.lateNote(on: request.today),
            recurrence: draft.recurrence?.label,
            horizon: draft.horizon.label, priority: draft.priority.label, isTop: draft.priority == .top,
            status: draft.status.label, statusCode: draft.status.rawValue, missing: record.gaps.map(\.message),
            carriedOverLink: record.model.carriedOverFromID.map { Web.action.link(slug, $0) },
            notes: (detail.progress ?? []).map { note in
                var note = note
                note.date = Day(parsing: note.date)?.dutch ?? note.date
                return note
            },
            amendments: (detail.amendments ?? []).map {
                AmendmentRow(when: DutchTime.instant($0.recordedAt), amendment: $0)
            },
            statusHistory: (detail.statusHistory ?? []).reversed().map { change in
                let label = ActionStatus(rawValue: change.status)?.label ?? change.status
                guard let day = change.date.flatMap(Day.init(parsing:)) else {
                    return "\(label), van vóór de statusgeschiedenis"
                }
                return "\(label) vanaf \(day.dutch)"
            },
            noteForm: NoteForm(
                date: noteInput?.date ?? request.today.description, text: noteInput?.text ?? ""),
            failed: noteErrors.isEmpty ? nil : noteFields.errors(noteErrors),
            editLink: Web.editAction.link(slug, record.id), noteLink: Web.addProgress.link(slug, record.id),
            deleteLink: Web.deleteAction.link(slug, record.id), canDelete: !adopted,
            parent: detail.parentAction.map { Layout.Link(label: $0.title, href: Web.action.link(slug, $0.id)) },
            subActions: (detail.subActions ?? []).map {
                SubActionRow(
                    link: Web.action.link(slug, $0.id), title: $0.title, lead: $0.lead?.name ?? "—",
                    status: ActionStatus(rawValue: $0.status)?.label ?? $0.status, statusCode: $0.status)
            },
            subActionProgress: detail.subActionProgress?.summary,
            subActionPercent: detail.subActionProgress?.percentFinished,
            newSubActionLink: draft.parent == nil
                ? Web.newAction.link(slug, record.model.plan.key) + "?hoofdactie=\(record.id.uuidString)" : nil)
    }

    /// When the work runs, in Dutch: "1 maart 2019 – 31 december 2020", "vanaf …", "tot en met …".
    static func runs(_ draft: ActionDraft) -> String? {
        switch (draft.start, draft.end) {
        case (let start?, let end?): "\(start.dutch) – \(end.dutch)"
        case (let start?, nil): "vanaf \(start.dutch)"
        case (nil, let end?): "tot en met \(end.dutch)"
        case (nil, nil): nil
        }
    }

    // MARK: Who does what

    struct InvolvementRow: Encodable {
        var name: String
        var kind: String
        var leads: [Layout.Link]
        var contributes: [Layout.Link]
        var holdsBudget: [Layout.Link]
        var budgetHeld: String
    }

    struct WhoPage: Encodable {
        var layout: Layout
        var year: Int
        var kindLabel: String
        var planLink: String
        var organisations: [InvolvementRow]
    }

    static func whoPage(_ snapshot: PlanSnapshot, request: Request, years: [Int]) -> WhoPage {
        let catalog = snapshot.catalog
        let slug = catalog.centre.slug
        let titles = Dictionary(uniqueKeysWithValues: snapshot.actions.map { ($0.id, $0.draft.title) })
        let drafts = Dictionary(uniqueKeysWithValues: snapshot.actions.map { ($0.id, $0.draft) })
        func link(_ id: UUID, _ suffix: String = "") -> Layout.Link {
            Layout.Link(label: (titles[id] ?? "?") + suffix, href: Web.action.link(slug, id))
        }
        /// A tandem action names the other lead: "City dressing (samen met Gemeente Assen)".
        func led(_ id: UUID, by key: String) -> Layout.Link {
            guard let draft = drafts[id], let lead = draft.lead, let coLead = draft.coLead else { return link(id) }
            return link(id, " (samen met \(catalog.name(ofKey: key == lead ? coLead : lead)))")
        }
        let involvement = Involvement.byOrganisation(snapshot.actions.map { (id: $0.id, draft: $0.draft) })
        return WhoPage(
            layout: Layout(
                title: "Wie doet wat — \(snapshot.plan.key.name)", request: request, centre: catalog.centre,
                years: years),
            year: snapshot.plan.year, kindLabel: snapshot.plan.planKind.label,
            planLink: Web.plan.link(slug, snapshot.plan.key),
            organisations: catalog.organisations.compactMap { organisation in
                guard let entry = involvement[organisation.key] else { return nil }
                return InvolvementRow(
                    name: organisation.name,
                    kind: OrganisationKind(rawValue: organisation.kind)?.label ?? organisation.kind,
                    leads: entry.leads.map { led($0, by: organisation.key) },
                    contributes: entry.contributes.map {
                        link($0.action, " (\($0.kinds.map(\.label).joined(separator: ", ")))")
                    },
                    holdsBudget: entry.holdsBudget.map { link($0) },
                    budgetHeld: Money.format(cents: entry.budgetHeldCents))
            })
    }
}
