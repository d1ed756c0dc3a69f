/// Art. 16 of the agreement: for every action it must be settled who leads it, who the
/// partners are, which budget applies and who holds it. Money that is still to be found is an
/// open problem too.
public enum Art16 {
    public enum Gap: String, CaseIterable, Codable, Sendable {
        case lead, partners, budget, budgetHolder
        /// The budget is set, but the money for it is still to be found.
        case funding

        /// Short, for lists: "geen budget".
        public var label: String {
            switch self {
            case .lead: "geen trekker"
            case .partners: "geen partners"
            case .budget: "geen budget"
            case .budgetHolder: "geen budgethouder"
            case .funding: "financiering nog te vinden"
            }
        }

        public var message: String {
            switch self {
            case .lead: "geen trekker"
            case .partners: "geen partners (of kies expliciet 'geen partners')"
            case .budget: "geen budget (of vul € 0 in: 'geen budget nodig')"
            case .budgetHolder: "geen budgethouder bij een budget boven € 0"
            case .funding:
                "financiering nog te vinden (zet de financiering op zeker of gereserveerd als het geld er is)"
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
        public var fundingToBeFound: Bool
        /// A sub-action is part of its parent's effort: the lead, partners and money art. 16 asks for
        /// are the parent's, so a sub-action has no gaps of its own.
        public var isSubAction: Bool

        public init(
            status: ActionStatus, hasLead: Bool, partnerCount: Int, noPartners: Bool,
            budgetCents: Int64?, hasBudgetHolder: Bool, fundingToBeFound: Bool = false, isSubAction: Bool = false
        ) {
            self.status = status
            self.hasLead = hasLead
            self.partnerCount = partnerCount
            self.noPartners = noPartners
            self.budgetCents = budgetCents
            self.hasBudgetHolder = hasBudgetHolder
            self.fundingToBeFound = fundingToBeFound
            self.isSubAction = isSubAction
        }
    }

    public static func gaps(_ facts: Facts) -> [Gap] {
        guard facts.status.needsArt16, !facts.isSubAction else { return [] }
        var gaps: [Gap] = []
        if !facts.hasLead { gaps.append(.lead) }
        if facts.partnerCount == 0 && !facts.noPartners { gaps.append(.partners) }
        switch facts.budgetCents {
        case nil: gaps.append(.budget)
        case let cents? where cents > 0 && !facts.hasBudgetHolder: gaps.append(.budgetHolder)
        default: break
        }
        if facts.fundingToBeFound { gaps.append(.funding) }
        return gaps
    }
}

/// Why a board cannot adopt the plan now, or nil when it can.
public enum AdoptionRule {
    public enum Refusal: Equatable, Sendable {
        case incomplete(actionCount: Int, kind: PlanKind = .jaarplan)
        case alreadyAdopted(Party, kind: PlanKind = .jaarplan)
        /// A programme of the economic agenda is the municipality's: only the college adopts it.
        case notAdoptedBy(Party, kind: PlanKind)

        public var message: String {
            switch self {
            case .incomplete(let count, let kind):
                count == 1
                    ? "Het \(kind.noun) kan niet worden vastgesteld: 1 actie is niet compleet (art. 16)."
                    : "Het \(kind.noun) kan niet worden vastgesteld: \(count) acties zijn niet compleet (art. 16)."
            case .alreadyAdopted(let party, let kind):
                "Het \(party.label) heeft dit \(kind.noun) al vastgesteld."
            case .notAdoptedBy(let party, let kind):
                "Het \(party.label) stelt geen \(kind.noun) vast; dat doet "
                    + kind.adoptingParties.map { "het \($0.label)" }.joined(separator: " en ") + "."
            }
        }
    }

    public static func refusal(
        party: Party, adoptedBy: [Party], incompleteActions: Int, kind: PlanKind = .jaarplan
    ) -> Refusal? {
        if !kind.adoptingParties.contains(party) { return .notAdoptedBy(party, kind: kind) }
        if adoptedBy.contains(party) { return .alreadyAdopted(party, kind: kind) }
        if incompleteActions > 0 { return .incomplete(actionCount: incompleteActions, kind: kind) }
        return nil
    }
}

/// Art. 17 asks that the plan is adopted before the year it is for begins. Partnerships adopt late in
/// practice, so a late adoption is allowed, and flagged: the plan, each board's adoption, by how long.
public struct AdoptionTiming: Equatable, Sendable {
    /// The last day on which adopting is on time: 31 December of the year before.
    public let deadline: Day
    /// The boards whose adoption came on or after 1 January of the plan's year.
    public let lateParties: [Party]
    /// The day the plan became adopted (the second board's day), when both boards adopted it.
    public let adoptedOn: Day?
    /// Art. 17 is the partnership's: the municipality's programme has no such deadline, so it is never late.
    public let hasDeadline: Bool

    public init(planYear: Int, adoptions: [(party: Party, day: Day)], kind: PlanKind = .jaarplan) {
        deadline = Day(year: planYear - 1, month: 12, day: 31)!
        hasDeadline = kind == .jaarplan
        let deadline = self.deadline
        let hasDeadline = self.hasDeadline
        lateParties = Party.allCases.filter { party in
            hasDeadline && adoptions.contains { $0.party == party && $0.day > deadline }
        }
        let parties = Set(adoptions.map(\.party))
        adoptedOn = parties.isSuperset(of: kind.adoptingParties) ? adoptions.map(\.day).max() : nil
    }

    /// Whether the plan was, or will now be, adopted after its year began.
    public func isLate(today: Day) -> Bool {
        guard hasDeadline else { return false }
        if let adoptedOn { return adoptedOn > deadline }
        return today > deadline
    }

    /// The flag in Dutch, or nil when the plan is adopted on time or there is still time.
    public func warning(today: Day) -> String? {
        guard isLate(today: today) else { return nil }
        let year = deadline.year + 1
        if let adoptedOn {
            let days = adoptedOn - deadline
            return
                "Vastgesteld op \(adoptedOn.dutch), toen \(year) al begonnen was (\(days) \(days == 1 ? "dag" : "dagen") te laat); "
                + "art. 17 vraagt vaststelling vóór 1 januari \(year)."
        }
        return
            "Nog niet vastgesteld, terwijl \(year) al begonnen is; art. 17 vraagt vaststelling vóór 1 januari \(year)."
    }
}
