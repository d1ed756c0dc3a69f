import Testing

@testable import StadshartCore

@Suite("Filters and overviews")
struct ActionFilterTests {
    static let actions: [ActionDraft] = [
        Fixture.fullDraft,  // A, lead gemeente, partners vaart + drents-museum, holder gemeente, in uitvoering, top
        ActionDraft(
            title: "B", themeLine: "A", lead: "vaart",
            partners: [PartnerDraft(organisation: "gemeente", contributions: [.financieren])], budgetCents: 500_000,
            budgetHolder: "gemeente"),
        ActionDraft(title: "C", themeLine: "EO", lead: "vaart", budgetHolder: "vaart", status: .afgerond),
        ActionDraft(
            title: "D", themeLine: "EO", lead: "drents-museum",
            partners: [PartnerDraft(organisation: "vaart", contributions: [.uitvoeren])], budgetCents: 99,
            budgetHolder: "drents-museum", priority: .top, status: .vervallen),
    ]

    func titles(_ filter: ActionFilter) -> [String] {
        Self.actions.filter(filter.matches).map(\.title)
    }

    @Test func isEmpty() {
        #expect(ActionFilter().isEmpty)
        #expect(ActionFilter(themeLine: "", lead: "  ", partner: nil, budgetHolder: "\n").isEmpty)
        #expect(!ActionFilter(themeLine: "A").isEmpty)
        #expect(!ActionFilter(status: .idee).isEmpty)
        #expect(!ActionFilter(priority: .normaal).isEmpty)
        #expect(ActionFilter(lead: " vaart ").lead == "vaart")
    }

    @Test func emptyFilterMatchesEverything() {
        #expect(titles(ActionFilter()) == ["Gevelverbetering Oude Vaart", "B", "C", "D"])
        #expect(titles(ActionFilter(themeLine: " ")) == ["Gevelverbetering Oude Vaart", "B", "C", "D"])
    }

    @Test func eachField() {
        #expect(titles(ActionFilter(themeLine: "EO")) == ["C", "D"])
        #expect(titles(ActionFilter(lead: "vaart")) == ["B", "C"])
        #expect(titles(ActionFilter(lead: " vaart ")) == ["B", "C"])
        #expect(titles(ActionFilter(partner: "vaart")) == ["Gevelverbetering Oude Vaart", "D"])
        #expect(titles(ActionFilter(partner: "gemeente")) == ["B"])  // leading is not partnering
        #expect(titles(ActionFilter(budgetHolder: "gemeente")) == ["Gevelverbetering Oude Vaart", "B"])
        #expect(titles(ActionFilter(status: .afgerond)) == ["C"])
        #expect(titles(ActionFilter(status: .idee)) == [])
        #expect(titles(ActionFilter(priority: .top)) == ["Gevelverbetering Oude Vaart", "D"])
        #expect(titles(ActionFilter(priority: .normaal)) == ["B", "C"])
    }

    @Test func fieldsCombine() {
        #expect(titles(ActionFilter(themeLine: "A", lead: "vaart")) == ["B"])
        #expect(titles(ActionFilter(themeLine: "EO", priority: .top)) == ["D"])
        #expect(titles(ActionFilter(partner: "vaart", status: .vervallen)) == ["D"])
        #expect(titles(ActionFilter(themeLine: "A", status: .vervallen)) == [])
    }

    @Test func involvementByOrganisation() throws {
        let byOrg = Involvement.byOrganisation(Self.actions.enumerated().map { (id: $0.offset + 1, draft: $0.element) })
        #expect(Set(byOrg.keys) == ["gemeente", "vaart", "drents-museum"])

        let gemeente = try #require(byOrg["gemeente"])
        #expect(gemeente.leads == [1])
        #expect(gemeente.contributes.map(\.action) == [2])
        #expect(gemeente.contributes.map(\.kinds) == [[.financieren]])
        #expect(gemeente.holdsBudget == [1, 2])
        #expect(gemeente.budgetHeldCents == 1_500_050)
        #expect(!gemeente.isEmpty)

        let vaart = try #require(byOrg["vaart"])
        #expect(vaart.leads == [2, 3])
        #expect(vaart.contributes.map(\.action) == [1])  // not action 4: it is vervallen
        #expect(vaart.contributes.map(\.kinds) == [[.meedenken, .uitvoeren]])
        #expect(vaart.holdsBudget == [3])
        #expect(vaart.budgetHeldCents == 0)

        // drents-museum only leads and holds the budget of a dropped action.
        let museum = try #require(byOrg["drents-museum"])
        #expect(museum.leads == [])
        #expect(museum.contributes.map(\.action) == [1])
        #expect(museum.holdsBudget == [])
        #expect(museum.budgetHeldCents == 0)
    }

    @Test func involvementLeavesOutDroppedActions() {
        let byOrg = Involvement.byOrganisation([(id: "d", draft: Self.actions[3])])
        #expect(byOrg.isEmpty)
        #expect(Involvement<String>().isEmpty)
        #expect(Involvement.byOrganisation([(id: "m", draft: Fixture.minimalDraft)]).isEmpty)
    }

    @Test func statusCountsInStatusOrder() {
        let counts = statusCounts(Self.actions + [Fixture.minimalDraft])
        #expect(counts.map(\.status) == ActionStatus.allCases)
        #expect(counts.map(\.count) == [0, 2, 1, 1, 1])
        #expect(statusCounts([]).map(\.count) == [0, 0, 0, 0, 0])
    }
}
