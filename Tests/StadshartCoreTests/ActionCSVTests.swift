import Testing

@testable import StadshartCore

@Suite("ActionCSV")
struct ActionCSVTests {
    func problems(_ text: String) -> [FieldProblem] {
        do {
            _ = try ActionCSV.records(from: text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func rowWritesEveryColumn() {
        let row = ActionCSV.row(id: "42", centre: "assen", year: 2019, Fixture.fullDraft)
        #expect(row.count == ActionCSV.header.count)
        #expect(
            row == [
                "42", "assen", "2019", "A", "A2", "Gevelverbetering Oude Vaart",
                "Subsidie voor gevels; \"mooi\" maken\nmet tweede regel", "gemeente",
                "vaart:meedenken+uitvoeren|drents-museum:informeren", "nee", "10.000,50", "gemeente", "Regiodeal",
                "middellang", "top", "in_uitvoering", "", "", "", "", "", "", "", "", "", "", "",
            ])
    }

    @Test func rowOfAMinimalDraft() {
        let row = ActionCSV.row(id: "", centre: "assen", year: 2020, Fixture.minimalDraft)
        #expect(
            row == [
                "", "assen", "2020", "EO", "", "Klein idee", "", "", "", "nee", "", "", "", "kort", "normaal",
                "gepland", "", "", "", "", "", "", "", "", "", "", "",
            ])
        #expect(
            ActionCSV.row(id: "", centre: "assen", year: 2020, Fixture.minimalDraft, parentTitle: "Groot idee").last
                == "Groot idee")
        var none = Fixture.minimalDraft
        none.noPartners = true
        none.budgetCents = 0
        #expect(ActionCSV.row(id: "", centre: "assen", year: 2020, none)[9] == "ja")
        #expect(ActionCSV.row(id: "", centre: "assen", year: 2020, none)[10] == "0,00")
    }

    static let drafts: [ActionDraft] = [
        Fixture.fullDraft,
        Fixture.minimalDraft,
        ActionDraft(
            title: "Geen partners; wel \"budget\"", themeLine: "EO", keyPoint: "EO1", lead: "vaart", noPartners: true,
            budgetCents: 0, horizon: .lang, status: .vervallen),
        ActionDraft(
            title: "Groot", themeLine: "A", lead: "drents-museum",
            partners: [PartnerDraft(organisation: "gemeente", contributions: Contribution.allCases)],
            budgetCents: 100_000_000_000_00, budgetHolder: "vaart", status: .idee),
    ]

    @Test("an export re-imports as it is", arguments: drafts)
    func roundTrip(draft: ActionDraft) throws {
        let text = CSV.encode([ActionCSV.header, ActionCSV.row(id: "7", centre: "assen", year: 2019, draft)])
        let records = try ActionCSV.records(from: text)
        try #require(records.count == 1)
        let record = records[0]
        #expect(record.line == 2)
        #expect(record.id == "7")
        #expect(record.centre == "assen")
        #expect(record.year == 2019)
        #expect(try record.input.validate(against: Fixture.vocabulary, line: record.line) == draft)
    }

    @Test func roundTripOfAWholeFile() throws {
        let rows = Self.drafts.enumerated().map { index, draft in
            ActionCSV.row(id: index == 1 ? "" : "id-\(index)", centre: "assen", year: 2018 + index, draft)
        }
        for delimiter: Character in [";", ","] {
            let records = try ActionCSV.records(from: CSV.encode([ActionCSV.header] + rows, delimiter: delimiter))
            // The full draft's description has a newline, so its row takes two lines.
            #expect(records.map(\.line) == [2, 4, 5, 6])
            #expect(records.map(\.id) == ["id-0", nil, "id-2", "id-3"])
            #expect(records.map(\.year) == [2018, 2019, 2020, 2021])
            #expect(try records.map { try $0.input.validate(against: Fixture.vocabulary) } == Self.drafts)
        }
    }

    @Test func onlyTheRequiredColumns() throws {
        let records = try ActionCSV.records(from: "Binnenstad;JAAR; themalijn ;Titel\nassen;2019;a;  Iets  \n")
        #expect(records.count == 1)
        #expect(records[0].id == nil)
        #expect(records[0].input.title == "Iets")
        #expect(records[0].input.partners == [])
        #expect(records[0].input.noPartners == false)
        #expect(records[0].input.budget == nil)
        #expect(
            try records[0].input.validate(against: Fixture.vocabulary) == ActionDraft(title: "Iets", themeLine: "A"))
    }

    @Test func unknownAndMissingColumnsOnLineOne() {
        let problems = problems("binnenstad;themalijn;kleur;omschrijving\nassen;A;rood;x\n")
        #expect(problems.map(\.field) == ["kleur", "jaar", "titel"])
        #expect(problems.allSatisfy { $0.line == 1 })
        #expect(problems[0].message.contains("onbekende kolom"))
        #expect(problems[1].message == "kolom ontbreekt")
        #expect(problems[2].message == "kolom ontbreekt")
    }

    @Test func wrongFieldCountAndBadYearWithTheirLines() {
        let text =
            "binnenstad;jaar;themalijn;titel\nassen;2019;A;Goed\nassen;2019;A\nassen;twintig;A;Slecht\n;2019;A;Geen binnenstad\n"
        let problems = problems(text)
        #expect(problems.map(\.field) == ["regel", "jaar", "binnenstad"])
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(problems[0].message == "3 velden, verwacht 4")
        #expect(problems[1].message == "'twintig' is geen jaartal (of 'programma-' met een jaartal)")
        #expect(problems[2].message.contains("verplicht"))
    }

    @Test func emptyYear() {
        let problems = problems("binnenstad;jaar;themalijn;titel\nassen;;A;X\n")
        #expect(problems.map(\.field) == ["jaar"])
        #expect(problems[0].line == 2)
    }

    @Test("geen_partners yes", arguments: ["ja", "JA", "Ja", "yes", "true", "1", " ja "])
    func noPartnersYes(value: String) throws {
        let records = try ActionCSV.records(
            from: "binnenstad;jaar;themalijn;titel;geen_partners\nassen;2019;A;X;\(value)\n")
        #expect(records[0].input.noPartners == true)
    }

    @Test("geen_partners no", arguments: ["", "nee", "NEE", "no", "false", "0"])
    func noPartnersNo(value: String) throws {
        let records = try ActionCSV.records(
            from: "binnenstad;jaar;themalijn;titel;geen_partners\nassen;2019;A;X;\(value)\n")
        #expect(records[0].input.noPartners == false)
    }

    @Test func noPartnersOtherValue() {
        let problems = problems("binnenstad;jaar;themalijn;titel;geen_partners\nassen;2019;A;X;misschien\n")
        #expect(problems.map(\.field) == ["geen_partners"])
        #expect(problems[0].line == 2)
        #expect(problems[0].message.contains("misschien"))
    }

    @Test func partnersColumn() throws {
        let text =
            "binnenstad;jaar;themalijn;titel;partners\nassen;2019;A;X; vaart : meedenken + Uitvoeren || drents-museum:informeren|gemeente\n"
        let records = try ActionCSV.records(from: text)
        #expect(
            records[0].input.partners == [
                ActionInput.Partner(organisation: "vaart", contributions: ["meedenken", "Uitvoeren"]),
                ActionInput.Partner(organisation: "drents-museum", contributions: ["informeren"]),
                ActionInput.Partner(organisation: "gemeente", contributions: []),
            ])
        // The partner without a contribution is caught by validation, on the record's line.
        let problems: [FieldProblem]
        do {
            _ = try records[0].input.validate(against: Fixture.vocabulary, line: records[0].line)
            problems = []
        } catch {
            problems = error.problems
        }
        #expect(problems.map(\.field) == ["partners"])
        #expect(problems.map(\.line) == [2])
    }

    @Test func emptyFile() {
        for text in ["", "\n\n", "\u{FEFF}"] {
            let problems = problems(text)
            #expect(problems == [FieldProblem(field: "bestand", message: "het bestand is leeg")])
        }
    }

    @Test func headerOnly() {
        let problems = problems(CSV.encode([ActionCSV.header]))
        #expect(problems.map(\.field) == ["bestand"])
        #expect(problems[0].line == 2)
        #expect(problems[0].message.contains("geen acties"))
    }

    @Test func malformedCSVIsReportedAsAFileProblem() {
        let problems = problems("binnenstad;jaar;themalijn;titel\nassen;2019;A;X\nassen;2019;A;\"open\n")
        #expect(problems.map(\.field) == ["bestand"])
        #expect(problems[0].line == 3)
        #expect(problems[0].message.contains("aanhalingsteken"))
    }
}
