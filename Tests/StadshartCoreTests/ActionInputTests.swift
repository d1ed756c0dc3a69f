import Foundation
import Testing

@testable import StadshartCore

@Suite("ActionInput.validate")
struct ActionInputTests {
    typealias Partner = ActionInput.Partner

    @Test func validInputBecomesATrimmedDraftWithDefaults() throws {
        var input = Fixture.input(
            title: "  Gevelverbetering \n", themeLine: " a ", keyPoint: " a1 ", lead: " gemeente ",
            partners: [Partner(organisation: " vaart ", contributions: ["Uitvoeren", " meedenken ", "uitvoeren"])],
            budget: "€ 10.000", budgetHolder: "gemeente")
        input.description = "  Gevels opknappen  "
        input.fundingSource = "  Regiodeal "
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(
            draft
                == ActionDraft(
                    title: "Gevelverbetering", description: "Gevels opknappen", themeLine: "A", keyPoint: "A1",
                    lead: "gemeente",
                    partners: [PartnerDraft(organisation: "vaart", contributions: [.meedenken, .uitvoeren])],
                    noPartners: false, budgetCents: 1_000_000, budgetHolder: "gemeente", fundingSource: "Regiodeal",
                    horizon: .kort, priority: .normaal, status: .gepland))
    }

    @Test func minimalInput() throws {
        let draft = try Fixture.input(title: "Klein idee", themeLine: "eo").validate(against: Fixture.vocabulary)
        #expect(draft == Fixture.minimalDraft)
        #expect(draft.keyPoint == nil)
        #expect(draft.lead == nil)
        #expect(draft.budgetCents == nil)
        #expect(draft.fundingSource == nil)
        #expect(draft.description == "")
    }

    @Test func blankOptionalFieldsAreNil() throws {
        var input = Fixture.input(
            keyPoint: "  ", lead: " ", budget: "   ", budgetHolder: "", horizon: " ", priority: "", status: "  ")
        input.fundingSource = "  "
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(draft.keyPoint == nil)
        #expect(draft.lead == nil)
        #expect(draft.budgetCents == nil)
        #expect(draft.budgetHolder == nil)
        #expect(draft.fundingSource == nil)
        #expect(draft.horizon == .kort)
        #expect(draft.priority == .normaal)
        #expect(draft.status == .gepland)
    }

    @Test func choicesAreCaseAndSpaceTolerant() throws {
        let draft = try Fixture.input(horizon: "Middellang", priority: "TOP", status: "In uitvoering")
            .validate(against: Fixture.vocabulary)
        #expect(draft.horizon == .middellang)
        #expect(draft.priority == .top)
        #expect(draft.status == .inUitvoering)
        let other = try Fixture.input(horizon: " lang ", status: "in_uitvoering").validate(against: Fixture.vocabulary)
        #expect(other.horizon == .lang)
        #expect(other.status == .inUitvoering)
    }

    @Test func everyProblemIsReportedAtOnceWithItsLine() {
        let input = Fixture.input(
            title: "   ", themeLine: "A", keyPoint: "EO1", lead: "onbekend",
            partners: [Partner(organisation: nil, contributions: ["uitvoeren"])], budget: "veel",
            budgetHolder: "niemand", horizon: "soms", priority: "hoog", status: "klaar")
        let problems = Fixture.problems(input, line: 7)
        #expect(
            problems.map(\.field) == [
                "title", "keyPoint", "lead", "partners", "budget", "budgetHolder", "horizon", "priority", "status",
            ])
        #expect(problems.allSatisfy { $0.line == 7 })
        #expect(problems.allSatisfy { !$0.message.isEmpty })
        #expect(problems[0].message.contains("verplicht"))
        #expect(problems[1].message.contains("EO1"))
        #expect(problems[1].message.contains("hoort niet bij themalijn A"))
        #expect(problems[2].message.contains("onbekende organisatie 'onbekend'"))
        #expect(problems[3].message.contains("geen organisatie"))
        #expect(problems[4].message.contains("'veel' is geen bedrag"))
        #expect(problems[5].message.contains("onbekende organisatie 'niemand'"))
        #expect(problems[6].message == "kies uit: kort, middellang, lang")
        #expect(problems[7].message == "kies uit: top, normaal")
        #expect(problems[8].message == "kies uit: idee, gepland, in_uitvoering, afgerond, vervallen")
    }

    @Test func withoutLineProblemsHaveNoLine() {
        let problems = Fixture.problems(Fixture.input(title: nil))
        #expect(problems.map(\.field) == ["title"])
        #expect(problems[0].line == nil)
        #expect(problems[0].message == "titel is verplicht")
    }

    @Test func themeLine() {
        let missing = Fixture.problems(Fixture.input(themeLine: "  "))
        #expect(missing.map(\.field) == ["themeLine"])
        #expect(missing[0].message.contains("verplicht"))
        #expect(Fixture.problems(Fixture.input(themeLine: nil)).map(\.field) == ["themeLine"])

        // An unknown theme line is one problem; its key point is not judged as well.
        let unknown = Fixture.problems(Fixture.input(themeLine: "B", keyPoint: "B1"))
        #expect(unknown.map(\.field) == ["themeLine"])
        #expect(unknown[0].message.contains("onbekende themalijn 'B'"))
    }

    @Test func keyPointMustBelongToItsThemeLine() throws {
        #expect(Fixture.problems(Fixture.input(themeLine: "A", keyPoint: "EO1")).map(\.field) == ["keyPoint"])
        #expect(Fixture.problems(Fixture.input(themeLine: "A", keyPoint: "A3")).map(\.field) == ["keyPoint"])
        #expect(Fixture.problems(Fixture.input(themeLine: "EO", keyPoint: "A1")).map(\.field) == ["keyPoint"])
        #expect(
            try Fixture.input(themeLine: "eo", keyPoint: "eo1").validate(against: Fixture.vocabulary).keyPoint == "EO1")
    }

    @Test func title() throws {
        let max = String(repeating: "x", count: 200)
        #expect(try Fixture.input(title: max).validate(against: Fixture.vocabulary).title == max)
        let long = Fixture.problems(Fixture.input(title: max + "y"))
        #expect(long.map(\.field) == ["title"])
        #expect(long[0].message.contains("200"))
        // Surrounding white space does not count.
        #expect(try Fixture.input(title: "  " + max + "  ").validate(against: Fixture.vocabulary).title == max)
    }

    @Test func description() throws {
        var input = Fixture.input()
        input.description = String(repeating: "x", count: 5000)
        #expect(try input.validate(against: Fixture.vocabulary).description.count == 5000)
        input.description = String(repeating: "x", count: 5001)
        #expect(Fixture.problems(input).map(\.field) == ["description"])
    }

    @Test func unknownLead() {
        let problems = Fixture.problems(Fixture.input(lead: "Gemeente"))  // keys are exact
        #expect(problems.map(\.field) == ["lead"])
    }

    @Test func leadIsNotAlsoAPartner() {
        let problems = Fixture.problems(
            Fixture.input(lead: "vaart", partners: [Partner(organisation: "vaart", contributions: ["uitvoeren"])]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message.contains("trekker"))
    }

    @Test func partnerTwice() {
        let problems = Fixture.problems(
            Fixture.input(partners: [
                Partner(organisation: "vaart", contributions: ["uitvoeren"]),
                Partner(organisation: "vaart", contributions: ["informeren"]),
            ]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message.contains("twee keer"))
    }

    @Test("a partner needs a contribution", arguments: [nil, [String]()])
    func partnerWithoutContributions(contributions: [String]?) {
        let problems = Fixture.problems(
            Fixture.input(partners: [Partner(organisation: "vaart", contributions: contributions)]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message.contains("minstens één soort bijdrage"))
    }

    @Test func unknownContribution() {
        let problems = Fixture.problems(
            Fixture.input(partners: [Partner(organisation: "vaart", contributions: ["uitvoeren", "sponsoren"])]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message.contains("onbekende bijdrage 'sponsoren'"))
        #expect(problems[0].message.contains("meedenken, informeren, uitvoeren, financieren"))
    }

    @Test func unknownPartnerOrganisation() {
        let problems = Fixture.problems(
            Fixture.input(partners: [Partner(organisation: "onbekend", contributions: ["uitvoeren"])]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message.contains("onbekende organisatie"))
    }

    @Test func partnerWithoutOrganisationIsNumbered() {
        let problems = Fixture.problems(
            Fixture.input(partners: [
                Partner(organisation: "vaart", contributions: ["uitvoeren"]),
                Partner(organisation: "  ", contributions: ["uitvoeren"]),
            ]))
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems[0].message == "partner 2 heeft geen organisatie")
    }

    @Test func contributionsAreDedupedAndInArticleOrder() throws {
        let draft = try Fixture.input(partners: [
            Partner(organisation: "vaart", contributions: ["financieren", "MEEDENKEN", "informeren", "financieren"])
        ]).validate(against: Fixture.vocabulary)
        #expect(
            draft.partners == [
                PartnerDraft(organisation: "vaart", contributions: [.meedenken, .informeren, .financieren])
            ])
    }

    @Test func partnersKeepTheirOrder() throws {
        let draft = try Fixture.input(partners: [
            Partner(organisation: "vaart", contributions: ["uitvoeren"]),
            Partner(organisation: "drents-museum", contributions: ["informeren"]),
        ]).validate(against: Fixture.vocabulary)
        #expect(draft.partners.map(\.organisation) == ["vaart", "drents-museum"])
    }

    @Test func noPartners() throws {
        let draft = try Fixture.input(noPartners: true).validate(against: Fixture.vocabulary)
        #expect(draft.noPartners)
        #expect(draft.partners.isEmpty)

        let both = Fixture.problems(
            Fixture.input(partners: [Partner(organisation: "vaart", contributions: ["uitvoeren"])], noPartners: true))
        #expect(both.map(\.field) == ["noPartners"])
        #expect(!both[0].message.isEmpty)

        // An empty partner list together with "no partners" is fine.
        #expect(try Fixture.input(partners: [], noPartners: true).validate(against: Fixture.vocabulary).noPartners)
    }

    @Test(
        "budget text",
        arguments: [
            ("€ 10.000", Int64(1_000_000)), ("10000.50", 1_000_050), ("0", 0), ("1,5", 150), ("10.000,-", 1_000_000),
        ])
    func budgetText(text: String, cents: Int64) throws {
        #expect(try Fixture.input(budget: text).validate(against: Fixture.vocabulary).budgetCents == cents)
    }

    @Test func budgetTextWinsOverCents() throws {
        #expect(
            try Fixture.input(budget: "10", budgetCents: 5).validate(against: Fixture.vocabulary).budgetCents == 1_000)
        #expect(try Fixture.input(budget: "  ", budgetCents: 5).validate(against: Fixture.vocabulary).budgetCents == 5)
        #expect(try Fixture.input(budgetCents: 0).validate(against: Fixture.vocabulary).budgetCents == 0)
    }

    @Test func badBudget() {
        let garbage = Fixture.problems(Fixture.input(budget: "tienduizend"))
        #expect(garbage.map(\.field) == ["budget"])
        #expect(garbage[0].message.contains("geen bedrag"))

        let negativeText = Fixture.problems(Fixture.input(budget: "-5"))
        #expect(negativeText.map(\.field) == ["budget"])
        #expect(negativeText[0].message.contains("negatief"))

        let negativeCents = Fixture.problems(Fixture.input(budgetCents: -1))
        #expect(negativeCents.map(\.field) == ["budget"])
        #expect(negativeCents[0].message.contains("negatief"))
    }

    @Test func absurdBudget() throws {
        let max: Int64 = 100_000_000_000_00
        #expect(try Fixture.input(budgetCents: max).validate(against: Fixture.vocabulary).budgetCents == max)
        #expect(Fixture.problems(Fixture.input(budgetCents: max + 1)).map(\.field) == ["budget"])
        #expect(Fixture.problems(Fixture.input(budget: "100.000.000.001")).map(\.field) == ["budget"])
    }

    @Test func budgetHolder() throws {
        #expect(Fixture.problems(Fixture.input(budgetHolder: "niemand")).map(\.field) == ["budgetHolder"])
        // A budget without holder is valid input; art. 16 reports it as a gap instead.
        let draft = try Fixture.input(budget: "500").validate(against: Fixture.vocabulary)
        #expect(draft.budgetHolder == nil)
        #expect(Art16.gaps(draft.art16).contains(.budgetHolder))
    }

    @Test(
        "a draft round-trips through ActionInput",
        arguments: [
            Fixture.fullDraft, Fixture.minimalDraft,
            ActionDraft(
                title: "Geen partners", themeLine: "EO", keyPoint: "EO1", noPartners: true, budgetCents: 0,
                status: .vervallen),
        ])
    func roundTrip(draft: ActionDraft) throws {
        let input = ActionInput(draft)
        #expect(input.budget == nil)
        #expect(input.budgetCents == draft.budgetCents)
        #expect(try input.validate(against: Fixture.vocabulary) == draft)
    }

    @Test func decodesFromJSON() throws {
        let json = """
            {"title": "Kerstmarkt", "themeLine": "a", "keyPoint": "a2", "lead": "vaart",
             "partners": [{"organisation": "gemeente", "contributions": ["financieren"]}],
             "budgetCents": 250000, "budgetHolder": "gemeente", "priority": "top"}
            """
        let input = try JSONDecoder().decode(ActionInput.self, from: Data(json.utf8))
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(
            draft
                == ActionDraft(
                    title: "Kerstmarkt", themeLine: "A", keyPoint: "A2", lead: "vaart",
                    partners: [PartnerDraft(organisation: "gemeente", contributions: [.financieren])],
                    budgetCents: 250_000, budgetHolder: "gemeente", priority: .top))
    }
}
