import Testing

@testable import StadshartCore

/// Issue 14: joint leads, money per occasion and still to be found, days and lateness, recurrence.
@Suite("Action planning")
struct ActionPlanningTests {
    static func day(_ text: String) -> Day { Day(parsing: text)! }

    /// A tandem, per-occasion, dated, recurring action using every new field.
    static let cityDressing = ActionDraft(
        title: "City dressing", themeLine: "A", lead: "gemeente", coLead: "vaart",
        partners: [PartnerDraft(organisation: "drents-museum", contributions: [.meedenken])],
        budgetPerOccasionCents: 1_000_000, occasions: 2, budgetHolder: "gemeente",
        fundingSource: "stelpost", fundingStatus: .teVinden, fundingKind: .cofinanciering,
        start: day("2018-09-01"), end: day("2020-12-31"), deadline: day("2019-06-30"),
        recurrence: ActionRecurrence(kind: .perGelegenheid))

    // MARK: Joint lead

    @Test func aSecondLeadIsValidated() throws {
        var input = Fixture.input(lead: "gemeente")
        input.coLead = "vaart"
        #expect(try input.validate(against: Fixture.vocabulary).coLead == "vaart")

        input.coLead = "gemeente"
        #expect(Fixture.problems(input).map(\.field) == ["coLead"])
        #expect(Fixture.problems(input)[0].message.contains("dezelfde organisatie"))

        input.coLead = "vaart"
        input.partners = [.init(organisation: "vaart", contributions: ["uitvoeren"])]
        #expect(
            Fixture.problems(input).map(\.message) == ["de tweede trekker 'vaart' staat ook bij de partners"])

        var alone = Fixture.input()
        alone.coLead = "vaart"
        #expect(Fixture.problems(alone).map(\.field) == ["coLead"])
        alone.coLead = "onbekend"
        #expect(Fixture.problems(alone).contains { $0.message == "onbekende organisatie 'onbekend'" })
    }

    @Test func bothLeadsAreNamedAndFiltered() {
        let draft = Self.cityDressing
        #expect(
            draft.leadsText(name: { $0 == "gemeente" ? "Gemeente" : "Vaart in Assen" }) == "Gemeente en Vaart in Assen")
        #expect(ActionFilter(lead: "vaart").matches(draft))
        #expect(ActionFilter(lead: "gemeente").matches(draft))
        #expect(!ActionFilter(lead: "drents-museum").matches(draft))
        let involvement = Involvement.byOrganisation([(id: 1, draft: draft)])
        #expect(involvement["vaart"]?.leads == [1])
        #expect(involvement["gemeente"]?.leads == [1])
        #expect(involvement["gemeente"]?.budgetHeldCents == 2_000_000)
    }

    // MARK: Money

    @Test func aBudgetPerOccasionTimesTheOccasions() throws {
        #expect(Self.cityDressing.totalBudgetCents == 2_000_000)
        #expect(Self.cityDressing.budgetText == "€ 10.000,00 per keer × 2 = € 20.000,00")
        var unknown = Self.cityDressing
        unknown.occasions = nil
        #expect(unknown.totalBudgetCents == nil)
        #expect(unknown.budgetText == "€ 10.000,00 per keer (aantal keren nog niet bekend)")
        #expect(unknown.hasBudget)
        #expect(!Art16.gaps(unknown.art16).contains(.budget))

        var input = Fixture.input()
        input.budgetPerOccasion = "€ 10.000"
        input.occasions = 3
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(draft.budgetPerOccasionCents == 1_000_000)
        #expect(draft.totalBudgetCents == 3_000_000)
    }

    @Test func budgetProblemsNameTheirField() {
        var both = Fixture.input(budget: "100")
        both.budgetPerOccasion = "10"
        #expect(Fixture.problems(both).map(\.field) == ["budgetPerOccasion"])

        var occasionsAlone = Fixture.input()
        occasionsAlone.occasions = 2
        #expect(Fixture.problems(occasionsAlone).map(\.field) == ["occasions"])

        var zero = Fixture.input()
        zero.budgetPerOccasion = "10"
        zero.occasions = 0
        #expect(
            Fixture.problems(zero).map(\.message) == [
                "het aantal keren moet een geheel getal van 1 tot en met 1000 zijn"
            ])

        var notMoney = Fixture.input()
        notMoney.budgetPerOccasion = "tien"
        #expect(Fixture.problems(notMoney).map(\.field) == ["budgetPerOccasion"])
    }

    @Test func fundingStillToBeFoundIsAGapThatBlocksAdoption() throws {
        var input = Fixture.input(
            lead: "gemeente", noPartners: true, budget: "0")
        input.fundingStatus = "te vinden"
        input.fundingKind = "provincie"
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(draft.fundingStatus == .teVinden)
        #expect(draft.fundingKind == .provincie)
        #expect(Art16.gaps(draft.art16) == [.funding])
        #expect(Art16.Gap.funding.label == "financiering nog te vinden")

        var secured = draft
        secured.fundingStatus = .zeker
        #expect(Art16.gaps(secured.art16).isEmpty)

        input.fundingStatus = "misschien"
        #expect(
            Fixture.problems(input).map(\.message) == ["kies uit: zeker, gereserveerd, te_vinden"])
        #expect(Fixture.problems(input).map(\.field) == ["fundingStatus"])
    }

    // MARK: Days and lateness

    @Test func daysAreCheckedInDutch() throws {
        var input = Fixture.input()
        input.start = "01-03-2019"
        input.end = "2019-02-01"
        input.deadline = "2019-01-01"
        let problems = Fixture.problems(input)
        #expect(problems.map(\.field) == ["end", "deadline"])
        #expect(
            problems.map(\.message) == ["de einddatum ligt vóór de begindatum", "de deadline ligt vóór de begindatum"])

        input.end = "morgen"
        #expect(
            Fixture.problems(input).contains {
                $0.field == "end" && $0.message == "einddatum 'morgen' is geen datum; schrijf 2019-01-01 of 01-01-2019"
            })

        input.end = "31-12-2020"
        input.deadline = "2019-06-30"
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(draft.start == Self.day("2019-03-01"))
        #expect(draft.end == Self.day("2020-12-31"))
    }

    @Test func lateWhenTheDeadlineOrEndHasPassedAndTheWorkIsOpen() {
        var draft = ActionDraft(title: "Parkeerbeleid", themeLine: "C", deadline: Self.day("2019-01-01"))
        #expect(!draft.isLate(on: Self.day("2019-01-01")))
        #expect(draft.isLate(on: Self.day("2019-01-02")))
        #expect(draft.lateNote(on: Self.day("2020-06-01")) == "te laat: deadline 1 januari 2019")
        draft.status = .afgerond
        #expect(!draft.isLate(on: Self.day("2020-06-01")))
        draft.status = .vervallen
        #expect(!draft.isLate(on: Self.day("2020-06-01")))
        draft.status = .inUitvoering
        #expect(draft.isLate(on: Self.day("2020-06-01")))

        var ends = ActionDraft(title: "Loopt", themeLine: "A", end: Self.day("2019-12-31"))
        #expect(ends.lateNote(on: Self.day("2020-01-01")) == "te laat: einde 31 december 2019")
        ends.deadline = Self.day("2020-03-01")
        #expect(!ends.isLate(on: Self.day("2020-01-01")))
        #expect(!ActionDraft(title: "Zonder data", themeLine: "A").isLate(on: Self.day("2030-01-01")))
    }

    @Test func aPlanRunsOverItsYearByDefault() throws {
        #expect(PlanPeriod.standard(year: 2019).dutch == "1 januari 2019 – 31 december 2019")
        let period = try PlanPeriod.parse(year: 2019, start: "2018-09-01", end: nil)
        #expect(period.start == Self.day("2018-09-01"))
        #expect(period.end == Self.day("2019-12-31"))
        #expect(throws: InvalidInput.self) { try PlanPeriod.parse(year: 2019, start: "2019-06-01", end: "2019-01-01") }
        #expect(throws: InvalidInput.self) { try PlanPeriod.parse(year: 2019, start: "2020-01-01", end: "2020-12-31") }
        #expect(throws: InvalidInput.self) { try PlanPeriod.parse(year: 2019, start: "gisteren", end: nil) }
    }

    // MARK: ActionRecurrence

    @Test func recurrenceIsKindAndCount() throws {
        var input = Fixture.input()
        input.recurrence = "per_jaar"
        input.recurrenceCount = 5
        let draft = try input.validate(against: Fixture.vocabulary)
        #expect(draft.recurrence == ActionRecurrence(kind: .perJaar, count: 5))
        #expect(draft.recurrence?.label == "5 keer per jaar")

        input.recurrence = "jaarlijks"
        input.recurrenceCount = nil
        #expect(try input.validate(against: Fixture.vocabulary).recurrence?.label == "jaarlijks")
        input.recurrence = "per gelegenheid"
        #expect(try input.validate(against: Fixture.vocabulary).recurrence?.label == "bij elke gelegenheid")

        input.recurrence = "per_jaar"
        #expect(Fixture.problems(input).map(\.field) == ["recurrenceCount"])
        input.recurrenceCount = 0
        #expect(Fixture.problems(input).map(\.field) == ["recurrenceCount"])
        input.recurrence = "jaarlijks"
        input.recurrenceCount = 2
        #expect(Fixture.problems(input).map(\.field) == ["recurrenceCount"])
        input.recurrence = nil
        #expect(Fixture.problems(input).map(\.field) == ["recurrenceCount"])
        input.recurrence = "wekelijks"
        input.recurrenceCount = nil
        #expect(Fixture.problems(input).map(\.field) == ["recurrence"])
    }

    // MARK: CSV and changes

    @Test func theNewFieldsRoundTripThroughCSV() throws {
        let vocabulary = PlanVocabulary(
            keyPointsByThemeLine: ["A": []], organisations: ["gemeente", "vaart", "drents-museum"])
        let text = CSV.encode([
            ActionCSV.header, ActionCSV.row(id: "7", centre: "assen", year: 2019, Self.cityDressing),
        ])
        let records = try ActionCSV.records(from: text)
        try #require(records.count == 1)
        #expect(records[0].absentColumns.isEmpty)
        #expect(try records[0].input.validate(against: vocabulary) == Self.cityDressing)
        #expect(
            ActionDraft(title: "x", themeLine: "A").changes(to: Self.cityDressing).map(\.field).contains(
                "tweede trekker"))
    }

    @Test func anOldFileWithoutTheNewColumnsStillImports() throws {
        let oldHeader = Array(ActionCSV.header.prefix(16))
        #expect(oldHeader.last == "status")
        let text = CSV.encode([
            oldHeader,
            [
                "7", "assen", "2019", "A", "", "City dressing", "", "gemeente", "drents-museum:meedenken", "nee", "",
                "gemeente", "stelpost", "kort", "normaal", "gepland",
            ],
        ])
        let records = try ActionCSV.records(from: text)
        try #require(records.count == 1)
        #expect(records[0].absentColumns == Set(ActionCSV.added))
        let vocabulary = PlanVocabulary(
            keyPointsByThemeLine: ["A": []], organisations: ["gemeente", "vaart", "drents-museum"])
        let fresh = try records[0].input.validate(against: vocabulary)
        #expect(fresh.coLead == nil && fresh.budgetPerOccasionCents == nil && fresh.recurrence == nil)
        // Updating an action, the missing columns keep what the action has.
        let updated = try records[0].merged(over: Self.cityDressing).validate(against: vocabulary)
        #expect(updated == Self.cityDressing)
    }

    @Test func aCountThatIsNoNumberIsNamedByItsColumn() {
        let header = ActionCSV.header
        var row = ActionCSV.row(id: "", centre: "assen", year: 2019, Self.cityDressing)
        row[header.firstIndex(of: "aantal_keren")!] = "twee"
        do {
            _ = try ActionCSV.records(from: CSV.encode([header, row]))
            Issue.record("a count that is no number was read")
        } catch {
            #expect(
                error.problems == [FieldProblem(field: "aantal_keren", message: "'twee' is geen geheel getal", line: 2)]
            )
        }
    }
}
