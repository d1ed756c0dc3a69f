/// Art. 16 of the agreement: for every action it must be settled who leads it, who the
/// partners are, which budget applies and who holds it.
public enum Art16 {
    public enum Gap: String, CaseIterable, Codable, Sendable {
        case lead, partners, budget, budgetHolder

        /// Short, for lists: "geen budget".
        public var label: String {
            switch self {
            case .lead: "geen trekker"
            case .partners: "geen partners"
            case .budget: "geen budget"
            case .budgetHolder: "geen budgethouder"
            }
        }

        public var message: String {
            switch self {
            case .lead: "geen trekker"
            case .partners: "geen partners (of kies expliciet 'geen partners')"
            case .budget: "geen budget (of vul € 0 in: 'geen budget nodig')"
            case .budgetHolder: "geen budgethouder bij een budget boven € 0"
            }
        }
    }

    /// What art. 16 needs to know of an action.
    public struct Facts: Sendable {
        public var status: ActionStatus
        public var hasLead: Bool
        public var partnerCount: Int
        public var noPartners: Bool
        public var budgetCents: Int64?
        public var hasBudgetHolder: Bool

        public init(
            status: ActionStatus, hasLead: Bool, partnerCount: Int, noPartners: Bool,
            budgetCents: Int64?, hasBudgetHolder: Bool
        ) {
            self.status = status
            self.hasLead = hasLead
            self.partnerCount = partnerCount
            self.noPartners = noPartners
            self.budgetCents = budgetCents
            self.hasBudgetHolder = hasBudgetHolder
        }
    }

    public static func gaps(_ facts: Facts) -> [Gap] {
        guard facts.status.needsArt16 else { return [] }
        var gaps: [Gap] = []
        if !facts.hasLead { gaps.append(.lead) }
        if facts.partnerCount == 0 && !facts.noPartners { gaps.append(.partners) }
        switch facts.budgetCents {
        case nil: gaps.append(.budget)
        case let cents? where cents > 0 && !facts.hasBudgetHolder: gaps.append(.budgetHolder)
        default: break
        }
        return gaps
    }
}

/// Why a board cannot adopt the plan now, or nil when it can.
public enum AdoptionRule {
    public enum Refusal: Equatable, Sendable {
        case incomplete(actionCount: Int)
        case alreadyAdopted(Party)

        public var message: String {
            switch self {
            case .incomplete(let count):
                count == 1
                    ? "Het jaarplan kan niet worden vastgesteld: 1 actie is niet compleet (art. 16)."
                    : "Het jaarplan kan niet worden vastgesteld: \(count) acties zijn niet compleet (art. 16)."
            case .alreadyAdopted(let party):
                "Het \(party.label) heeft dit jaarplan al vastgesteld."
            }
        }
    }

    public static func refusal(party: Party, adoptedBy: [Party], incompleteActions: Int) -> Refusal? {
        if adoptedBy.contains(party) { return .alreadyAdopted(party) }
        if incompleteActions > 0 { return .incomplete(actionCount: incompleteActions) }
        return nil
    }
}
