import Testing

@testable import StadshartCore

@Suite("Art. 16, adoption and plan status")
struct Art16Tests {
    func facts(
        status: ActionStatus = .gepland, hasLead: Bool = true, partnerCount: Int = 1, noPartners: Bool = false,
        budgetCents: Int64? = 1_000_000, hasBudgetHolder: Bool = true
    ) -> Art16.Facts {
        Art16.Facts(
            status: status, hasLead: hasLead, partnerCount: partnerCount, noPartners: noPartners,
            budgetCents: budgetCents, hasBudgetHolder: hasBudgetHolder)
    }

    @Test func completeActionHasNoGaps() {
        #expect(Art16.gaps(facts()).isEmpty)
        #expect(Art16.gaps(Fixture.fullDraft.art16).isEmpty)
    }

    @Test func missingLead() {
        #expect(Art16.gaps(facts(hasLead: false)) == [.lead])
    }

    @Test func partners() {
        #expect(Art16.gaps(facts(partnerCount: 0)) == [.partners])
        #expect(Art16.gaps(facts(partnerCount: 0, noPartners: true)).isEmpty)
        #expect(Art16.gaps(facts(partnerCount: 3)).isEmpty)
    }

    @Test func budget() {
        #expect(Art16.gaps(facts(budgetCents: nil)) == [.budget])
        #expect(Art16.gaps(facts(budgetCents: nil, hasBudgetHolder: false)) == [.budget])
        #expect(Art16.gaps(facts(budgetCents: 0, hasBudgetHolder: false)).isEmpty)
        #expect(Art16.gaps(facts(budgetCents: 0, hasBudgetHolder: true)).isEmpty)
        #expect(Art16.gaps(facts(budgetCents: 1, hasBudgetHolder: false)) == [.budgetHolder])
        #expect(Art16.gaps(facts(budgetCents: 1_000_000, hasBudgetHolder: false)) == [.budgetHolder])
    }

    @Test func everyGapAtOnceInOrder() {
        let empty = facts(hasLead: false, partnerCount: 0, budgetCents: nil, hasBudgetHolder: false)
        #expect(Art16.gaps(empty) == [.lead, .partners, .budget])
        let withBudget = facts(hasLead: false, partnerCount: 0, budgetCents: 5, hasBudgetHolder: false)
        #expect(Art16.gaps(withBudget) == [.lead, .partners, .budgetHolder])
        #expect(Art16.gaps(Fixture.minimalDraft.art16) == [.lead, .partners, .budget])
    }

    @Test("every status but vervallen needs art. 16", arguments: ActionStatus.allCases)
    func statuses(status: ActionStatus) {
        let empty = facts(status: status, hasLead: false, partnerCount: 0, budgetCents: nil, hasBudgetHolder: false)
        if status == .vervallen {
            #expect(Art16.gaps(empty).isEmpty)
            #expect(!status.needsArt16)
        } else {
            #expect(Art16.gaps(empty) == [.lead, .partners, .budget])
            #expect(status.needsArt16)
        }
    }

    @Test func gapMessagesAreDutch() {
        for gap in Art16.Gap.allCases { #expect(!gap.message.isEmpty) }
        #expect(Art16.Gap.lead.message.contains("trekker"))
        #expect(Art16.Gap.partners.message.contains("geen partners"))
        #expect(Art16.Gap.budget.message.contains("budget"))
        #expect(Art16.Gap.budgetHolder.message.contains("budgethouder"))
    }

    @Test func draftFacts() {
        var draft = Fixture.fullDraft
        draft.lead = nil
        draft.budgetHolder = nil
        let f = draft.art16
        #expect(!f.hasLead)
        #expect(!f.hasBudgetHolder)
        #expect(f.partnerCount == 2)
        #expect(f.budgetCents == 1_000_050)
        #expect(f.status == .inUitvoering)
        #expect(Art16.gaps(f) == [.lead, .budgetHolder])
    }

    @Test func planStatus() {
        #expect(PlanStatus.of(adoptedBy: [Party]()) == .concept)
        #expect(PlanStatus.of(adoptedBy: [Party.gemeente]) == .concept)
        #expect(PlanStatus.of(adoptedBy: [Party.binnenstadsorganisatie]) == .concept)
        #expect(PlanStatus.of(adoptedBy: [Party.gemeente, .gemeente]) == .concept)
        #expect(PlanStatus.of(adoptedBy: [Party.gemeente, .binnenstadsorganisatie]) == .vastgesteld)
        #expect(PlanStatus.of(adoptedBy: [Party.binnenstadsorganisatie, .gemeente, .gemeente]) == .vastgesteld)
        #expect(PlanStatus.of(adoptedBy: Set(Party.allCases)) == .vastgesteld)
        #expect(PlanStatus.vastgesteld.label == "vastgesteld")
    }

    @Test func adoptionRefusal() {
        #expect(AdoptionRule.refusal(party: .gemeente, adoptedBy: [], incompleteActions: 0) == nil)
        #expect(
            AdoptionRule.refusal(party: .gemeente, adoptedBy: [.binnenstadsorganisatie], incompleteActions: 0) == nil)
        #expect(
            AdoptionRule.refusal(party: .gemeente, adoptedBy: [], incompleteActions: 3) == .incomplete(actionCount: 3))
        #expect(
            AdoptionRule.refusal(party: .gemeente, adoptedBy: [.gemeente], incompleteActions: 0)
                == .alreadyAdopted(.gemeente))
        // Having adopted already is the more telling reason.
        #expect(
            AdoptionRule.refusal(
                party: .binnenstadsorganisatie, adoptedBy: [.binnenstadsorganisatie], incompleteActions: 2)
                == .alreadyAdopted(.binnenstadsorganisatie))
    }

    @Test func refusalMessages() {
        #expect(
            AdoptionRule.Refusal.incomplete(actionCount: 1).message
                == "Het jaarplan kan niet worden vastgesteld: 1 actie is niet compleet (art. 16).")
        #expect(
            AdoptionRule.Refusal.incomplete(actionCount: 4).message
                == "Het jaarplan kan niet worden vastgesteld: 4 acties zijn niet compleet (art. 16).")
        #expect(
            AdoptionRule.Refusal.alreadyAdopted(.gemeente).message
                == "Het college van B&W (gemeente) heeft dit jaarplan al vastgesteld.")
        #expect(
            AdoptionRule.Refusal.alreadyAdopted(.binnenstadsorganisatie).message
                == "Het bestuur binnenstadsorganisatie heeft dit jaarplan al vastgesteld.")
    }

    @Test func vocabularyLabelsAndCarryOver() {
        #expect(ActionStatus(rawValue: "in_uitvoering") == .inUitvoering)
        #expect(ActionStatus.inUitvoering.label == "in uitvoering")
        #expect(ActionStatus.allCases.filter(\.carriesOver) == [.idee, .gepland, .inUitvoering])
        for kind in Contribution.allCases { #expect(!kind.label.isEmpty) }
        for kind in OrganisationKind.allCases { #expect(!kind.label.isEmpty) }
        #expect(Horizon.middellang.label == "middellange termijn")
        #expect(Priority.top.label == "topprioriteit")
        #expect(Contribution.allCases.map(\.order) == [0, 1, 2, 3])
    }

    @Test func fieldProblemText() {
        #expect(
            FieldProblem(field: "budget", message: "geen geldig bedrag", line: 4).text
                == "regel 4, budget: geen geldig bedrag")
        #expect(FieldProblem(field: "budget", message: "geen geldig bedrag").text == "budget: geen geldig bedrag")
    }
}

@Suite("Adoption before the year begins (art. 17)")
struct AdoptionTimingTests {
    let dec = Day(year: 2018, month: 12, day: 31)!
    let jan = Day(year: 2019, month: 1, day: 1)!

    @Test func onTimeWhenBothBoardsAdoptBeforeTheYear() {
        let timing = AdoptionTiming(planYear: 2019, adoptions: [(.gemeente, dec), (.binnenstadsorganisatie, dec)])
        #expect(timing.adoptedOn == dec)
        #expect(timing.lateParties.isEmpty)
        #expect(!timing.isLate(today: Day(year: 2020, month: 6, day: 1)!))
        #expect(timing.warning(today: Day(year: 2020, month: 6, day: 1)!) == nil)
    }

    @Test func theFirstOfJanuaryIsLateForTheBoardThatAdoptedThen() {
        let timing = AdoptionTiming(planYear: 2019, adoptions: [(.gemeente, dec), (.binnenstadsorganisatie, jan)])
        #expect(timing.lateParties == [.binnenstadsorganisatie])
        #expect(timing.adoptedOn == jan)
        #expect(timing.isLate(today: jan))
        #expect(timing.warning(today: jan)?.contains("(1 dag te laat)") == true)
    }

    @Test func oneBoardIsNotAnAdoptionAndTimeRunsOutOnTheFirstOfJanuary() {
        let timing = AdoptionTiming(planYear: 2019, adoptions: [(.gemeente, dec)])
        #expect(timing.adoptedOn == nil)
        #expect(!timing.isLate(today: dec))
        #expect(timing.isLate(today: jan))
        #expect(timing.warning(today: jan)?.hasPrefix("Nog niet vastgesteld") == true)
    }
}
