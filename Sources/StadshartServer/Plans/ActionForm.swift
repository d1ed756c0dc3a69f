import StadshartCore
import Vapor

/// The action form (new and edit): its fields as posted, and the page that shows them.
enum ActionForm {
    struct Check: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct PartnerRow: Encodable {
        var key: String
        var name: String
        var checks: [Check]
    }

    struct OptionGroup: Encodable {
        var label: String
        var options: [SelectOption]
    }

    struct Page: Encodable {
        var layout: Layout
        var heading: String
        var postLink: String
        var cancelLink: String
        var title: String
        var description: String
        var budget: String
        var budgetPerOccasion: String
        var occasions: String
        var fundingSource: String
        var fundingStatuses: [SelectOption]
        var fundingKinds: [SelectOption]
        var start: String
        var end: String
        var deadline: String
        var recurrences: [SelectOption]
        var recurrenceCount: String
        /// "— geen (een actie van het plan zelf) —" and the plan's actions that can have sub-actions.
        var parents: [SelectOption]
        var themeLines: [SelectOption]
        var keyPointGroups: [OptionGroup]
        var leads: [SelectOption]
        var coLeads: [SelectOption]
        var budgetHolders: [SelectOption]
        var horizons: [SelectOption]
        var priorities: [SelectOption]
        var statuses: [SelectOption]
        var partners: [PartnerRow]
        var noPartners: Bool
        var needsReason: Bool
        var reason: String
        var failed: FormErrors?
    }

    /// The form's inputs and their Dutch labels, as the template shows them.
    static let fields = FormFields(
        form: "action",
        [
            ("title", "title", "Titel"), ("description", "description", "Omschrijving"),
            ("parent", "parent", "Hoofdactie"),
            ("themeLine", "themeLine", "Themalijn"), ("keyPoint", "keyPoint", "Kernpunt"), ("lead", "lead", "Trekker"),
            ("coLead", "coLead", "Tweede trekker"),
            ("partners", "partners", "Partners"), ("noPartners", "partners", "Partners"),
            ("budget", "budget", "Budget"), ("budgetPerOccasion", "budgetPerOccasion", "Budget per keer"),
            ("occasions", "occasions", "Verwacht aantal keren"), ("budgetHolder", "budgetHolder", "Budgethouder"),
            ("fundingSource", "fundingSource", "Financieringsbron"), ("fundingStatus", "fundingStatus", "Financiering"),
            ("fundingKind", "fundingKind", "Soort financiering"), ("horizon", "horizon", "Horizon"),
            ("priority", "priority", "Prioriteit"), ("status", "status", "Status"), ("start", "start", "Begin"),
            ("end", "end", "Einde"), ("deadline", "deadline", "Deadline"), ("recurrence", "recurrence", "Herhaling"),
            ("recurrenceCount", "recurrenceCount", "Aantal keer per jaar"), ("reason", "reason", "Reden"),
        ])

    /// A whole number as typed; text that is not one becomes 0, which the rules refuse with a message
    /// that says what is needed (a whole number of 1 or more).
    static func count(_ text: String?) -> Int? {
        guard let text = text.nonBlank else { return nil }
        return Int(text) ?? 0
    }

    /// Reads the posted form. Partners come as checkboxes named "partner:KEY".
    static func input(from form: FormBody) -> (ActionInput, AmendmentInput) {
        var input = ActionInput()
        input.title = form["title"]
        input.description = form["description"]
        input.parent = form["parent"]
        input.themeLine = form["themeLine"]
        input.keyPoint = form["keyPoint"]
        input.lead = form["lead"]
        input.coLead = form["coLead"]
        input.budget = form["budget"]
        input.budgetPerOccasion = form["budgetPerOccasion"]
        input.occasions = count(form["occasions"])
        input.budgetHolder = form["budgetHolder"]
        input.fundingSource = form["fundingSource"]
        input.fundingStatus = form["fundingStatus"]
        input.fundingKind = form["fundingKind"]
        input.start = form["start"]
        input.end = form["end"]
        input.deadline = form["deadline"]
        input.recurrence = form["recurrence"]
        input.recurrenceCount = count(form["recurrenceCount"])
        input.horizon = form["horizon"]
        input.priority = form["priority"]
        input.status = form["status"]
        input.noPartners = form["noPartners"] != nil
        input.partners = form.names(withPrefix: "partner:").map { name in
            ActionInput.Partner(organisation: String(name.dropFirst("partner:".count)), contributions: form.all(name))
        }
        return (input, AmendmentInput(reason: form["reason"]))
    }

    /// The form's text for a saved action: the budget as people write it.
    static func input(for draft: ActionDraft) -> ActionInput {
        var input = ActionInput(draft)
        input.budget = draft.budgetCents.map(Money.formatPlain(cents:))
        input.budgetCents = nil
        input.budgetPerOccasion = draft.budgetPerOccasionCents.map(Money.formatPlain(cents:))
        input.budgetPerOccasionCents = nil
        return input
    }

    static func page(
        heading: String, request: Request, postLink: String, cancelLink: String, input: ActionInput,
        catalog: PlanCatalog, years: [Int], parents: [(id: UUID, title: String)] = [],
        needsReason: Bool, amendment: AmendmentInput = AmendmentInput(), problems: [FieldProblem] = []
    ) -> Page {
        func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ selected: String?, label: (T) -> String)
            -> [SelectOption]
        where T.RawValue == String {
            T.allCases.map { SelectOption(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
        }
        func optional<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ selected: String?, label: (T) -> String)
            -> [SelectOption]
        where T.RawValue == String {
            [SelectOption(value: "", label: "— niet ingevuld —", selected: selected.nonBlank == nil)]
                + choices(type, selected, label: label)
        }
        func organisations(_ selected: String?, none: String) -> [SelectOption] {
            [SelectOption(value: "", label: none, selected: selected.map(\.isEmpty) ?? true)]
                + catalog.organisations.map {
                    SelectOption(value: $0.key, label: $0.name, selected: $0.key == selected)
                }
        }
        let chosen = Dictionary(
            (input.partners ?? []).compactMap { p in p.organisation.map { ($0, Set(p.contributions ?? [])) } },
            uniquingKeysWith: { a, b in a.union(b) })
        return Page(
            layout: Layout(title: heading, request: request, centre: catalog.centre, years: years),
            heading: heading, postLink: postLink, cancelLink: cancelLink,
            title: input.title ?? "", description: input.description ?? "",
            budget: input.budget ?? input.budgetCents.map(Money.formatPlain(cents:)) ?? "",
            budgetPerOccasion: input.budgetPerOccasion ?? input.budgetPerOccasionCents.map(Money.formatPlain(cents:))
                ?? "",
            occasions: input.occasions.map(String.init) ?? "",
            fundingSource: input.fundingSource ?? "",
            fundingStatuses: optional(FundingStatus.self, input.fundingStatus) { $0.label },
            fundingKinds: optional(FundingKind.self, input.fundingKind) { $0.label },
            start: input.start ?? "", end: input.end ?? "", deadline: input.deadline ?? "",
            recurrences: [SelectOption(value: "", label: "— geen —", selected: input.recurrence.nonBlank == nil)]
                + choices(ActionRecurrenceKind.self, input.recurrence) { $0.label },
            recurrenceCount: input.recurrenceCount.map(String.init) ?? "",
            parents: [
                SelectOption(
                    value: "", label: "— geen: een actie van het plan zelf —", selected: input.parent.nonBlank == nil)
            ]
                + parents.map {
                    SelectOption(
                        value: $0.id.uuidString, label: $0.title,
                        selected: $0.id.uuidString.lowercased() == input.parent?.lowercased())
                },
            themeLines: catalog.themeLines.map {
                SelectOption(
                    value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == input.themeLine?.uppercased())
            },
            keyPointGroups: catalog.themeLines.map { line in
                OptionGroup(
                    label: "\(line.code) \(line.name)",
                    options: catalog.keyPoints(of: line).map {
                        SelectOption(
                            value: $0.code, label: "\($0.code) \($0.title)",
                            selected: $0.code == input.keyPoint?.uppercased())
                    })
            }.filter { !$0.options.isEmpty },
            leads: organisations(input.lead, none: "— nog geen trekker —"),
            coLeads: organisations(input.coLead, none: "— geen tweede trekker —"),
            budgetHolders: organisations(input.budgetHolder, none: "— geen budgethouder —"),
            horizons: choices(Horizon.self, input.horizon ?? Horizon.kort.rawValue) { $0.label },
            priorities: choices(Priority.self, input.priority ?? Priority.normaal.rawValue) { $0.label },
            statuses: choices(ActionStatus.self, input.status ?? ActionStatus.gepland.rawValue) { $0.label },
            partners: catalog.organisations.map { organisation in
                PartnerRow(
                    key: organisation.key, name: organisation.name,
                    checks: Contribution.allCases.map {
                        Check(
                            value: $0.rawValue, label: $0.label,
                            checked: chosen[organisation.key]?.contains($0.rawValue) ?? false)
                    })
            },
            noPartners: input.noPartners ?? false, needsReason: needsReason,
            reason: amendment.reason ?? "",
            failed: problems.isEmpty ? nil : fields.errors(problems))
    }
}
