@testable import StadshartCore

/// Shared test data: a small plan vocabulary and a complete action.
enum Fixture {
    static let vocabulary = PlanVocabulary(
        keyPointsByThemeLine: ["A": ["A1", "A2"], "EO": ["EO1"]],
        organisations: ["gemeente", "vaart", "drents-museum"])

    /// A complete, valid action using every field.
    static let fullDraft = ActionDraft(
        title: "Gevelverbetering Oude Vaart",
        description: "Subsidie voor gevels; \"mooi\" maken\nmet tweede regel",
        themeLine: "A", keyPoint: "A2", lead: "gemeente",
        partners: [
            PartnerDraft(organisation: "vaart", contributions: [.meedenken, .uitvoeren]),
            PartnerDraft(organisation: "drents-museum", contributions: [.informeren]),
        ],
        noPartners: false, budgetCents: 1_000_050, budgetHolder: "gemeente", fundingSource: "Regiodeal",
        horizon: .middellang, priority: .top, status: .inUitvoering)

    /// A minimal, valid action: only what is required, the rest defaults.
    static let minimalDraft = ActionDraft(title: "Klein idee", themeLine: "EO")

    static func input(
        title: String? = "Gevelverbetering", themeLine: String? = "A", keyPoint: String? = nil,
        lead: String? = nil, partners: [ActionInput.Partner]? = nil, noPartners: Bool? = nil,
        budget: String? = nil, budgetCents: Int64? = nil, budgetHolder: String? = nil,
        horizon: String? = nil, priority: String? = nil, status: String? = nil
    ) -> ActionInput {
        var input = ActionInput()
        input.title = title
        input.themeLine = themeLine
        input.keyPoint = keyPoint
        input.lead = lead
        input.partners = partners
        input.noPartners = noPartners
        input.budget = budget
        input.budgetCents = budgetCents
        input.budgetHolder = budgetHolder
        input.horizon = horizon
        input.priority = priority
        input.status = status
        return input
    }

    /// The problems of an input that must be invalid (empty when it unexpectedly validates).
    static func problems(_ input: ActionInput, line: Int? = nil) -> [FieldProblem] {
        do {
            _ = try input.validate(against: vocabulary, line: line)
            return []
        } catch {
            return error.problems
        }
    }
}
