import Testing

@testable import StadshartCore

@Suite("Changes, carry-over and key points")
struct ActionChangesTests {
    static let names = ["gemeente": "Gemeente Assen", "vaart": "De Vaart", "drents-museum": "Drents Museum"]
    func name(_ key: String) -> String { Self.names[key] ?? key }

    @Test func noChanges() {
        #expect(Fixture.fullDraft.changes(to: Fixture.fullDraft).isEmpty)
        #expect(Fixture.minimalDraft.changes(to: Fixture.minimalDraft).isEmpty)
    }

    @Test func onlyChangedFieldsWithFormattedMoney() {
        var after = Fixture.fullDraft
        after.lead = "drents-museum"
        after.budgetCents = 1_500_000
        after.status = .afgerond
        #expect(
            Fixture.fullDraft.changes(to: after) == [
                FieldChange(field: "trekker", before: "gemeente", after: "drents-museum"),
                FieldChange(field: "budget", before: "€ 10.000,50", after: "€ 15.000,00"),
                FieldChange(field: "status", before: "in uitvoering", after: "afgerond"),
            ])
    }

    @Test func organisationsAreNamed() {
        var after = Fixture.fullDraft
        after.lead = "drents-museum"
        after.budgetHolder = nil
        #expect(
            Fixture.fullDraft.changes(to: after, name: name) == [
                FieldChange(field: "trekker", before: "Gemeente Assen", after: "Drents Museum"),
                FieldChange(field: "budgethouder", before: "Gemeente Assen", after: "—"),
            ])
    }

    @Test func partners() {
        var after = Fixture.fullDraft
        after.partners = []
        after.noPartners = true
        #expect(
            Fixture.fullDraft.changes(to: after, name: name) == [
                FieldChange(
                    field: "partners",
                    before: "De Vaart (meedenken/adviseren, uitvoeren); Drents Museum (achterban informeren)",
                    after: "geen partners")
            ])
        var undecided = after
        undecided.noPartners = false
        #expect(after.changes(to: undecided) == [FieldChange(field: "partners", before: "geen partners", after: "—")])
        var contribution = Fixture.fullDraft
        contribution.partners[1].contributions = [.informeren, .financieren]
        #expect(
            Fixture.fullDraft.changes(to: contribution) == [
                FieldChange(
                    field: "partners",
                    before: "vaart (meedenken/adviseren, uitvoeren); drents-museum (achterban informeren)",
                    after: "vaart (meedenken/adviseren, uitvoeren); drents-museum (achterban informeren, financieren)")
            ])
    }

    @Test func budgetFromNothingToZero() {
        var after = Fixture.minimalDraft
        after.budgetCents = 0
        #expect(
            Fixture.minimalDraft.changes(to: after) == [
                FieldChange(field: "budget", before: "niet ingevuld", after: "€ 0,00")
            ])
    }

    @Test func everyFieldInOrder() {
        let changes = Fixture.minimalDraft.changes(to: Fixture.fullDraft)
        #expect(
            changes.map(\.field) == [
                "titel", "omschrijving", "themalijn", "kernpunt", "trekker", "partners", "budget", "budgethouder",
                "financieringsbron", "horizon", "prioriteit", "status",
            ])
        #expect(changes[3] == FieldChange(field: "kernpunt", before: "—", after: "A2"))
        #expect(changes[8] == FieldChange(field: "financieringsbron", before: "—", after: "Regiodeal"))
        #expect(changes[9] == FieldChange(field: "horizon", before: "korte termijn", after: "middellange termijn"))
        #expect(changes[10] == FieldChange(field: "prioriteit", before: "normaal", after: "topprioriteit"))
        #expect(changes[11] == FieldChange(field: "status", before: "gepland", after: "in uitvoering"))
    }

    @Test("carry-over", arguments: ActionStatus.allCases)
    func carryOver(status: ActionStatus) {
        var draft = Fixture.fullDraft
        draft.status = status
        switch status {
        case .afgerond, .vervallen: #expect(CarryOver.next(draft) == nil)
        case .idee, .gepland, .inUitvoering: #expect(CarryOver.next(draft) == draft)
        }
    }

    func keyPointProblems(
        _ code: String?, _ title: String?, themeLine: String = "A", existing: Set<String> = ["A1", "A2"]
    )
        -> [FieldProblem]
    {
        do {
            _ = try KeyPointInput(code: code, title: title).validate(themeLine: themeLine, existingCodes: existing)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func keyPointValid() throws {
        let result = try KeyPointInput(code: " a5 ", title: "  Nieuw kernpunt ").validate(
            themeLine: "A", existingCodes: ["A1", "A2"])
        #expect(result.code == "A5")
        #expect(result.title == "Nieuw kernpunt")
        let eo = try KeyPointInput(code: "eo12", title: "x").validate(themeLine: "EO", existingCodes: ["EO1"])
        #expect(eo.code == "EO12")
        let max = String(repeating: "t", count: 300)
        #expect(try KeyPointInput(code: "A3", title: max).validate(themeLine: "A", existingCodes: []).title == max)
    }

    @Test(
        "key point code must be the line's code and a number",
        arguments: ["B5", "A", "Ax", "5", "AA5", "A5b", "A 5", "EO1"])
    func keyPointWrongCode(code: String) {
        let problems = keyPointProblems(code, "Titel")
        #expect(problems.map(\.field) == ["code"])
        #expect(problems[0].message.contains("gevolgd door een nummer"))
    }

    @Test func keyPointOfAnotherLineWithTheSameStart() {
        #expect(keyPointProblems("EO1", "Titel", themeLine: "E", existing: []).map(\.field) == ["code"])
    }

    /// "A²" or "A½" are not numbered key points, yet `Character.isNumber` accepts them.
    @Test("key point number is plain digits", arguments: ["A²", "A½", "A٣", "AⅫ"])
    func keyPointNonDigitNumbers(code: String) {
        #expect(keyPointProblems(code, "Titel").map(\.field) == ["code"])
    }

    @Test func keyPointDuplicate() {
        let problems = keyPointProblems("a1", "Titel")
        #expect(problems.map(\.field) == ["code"])
        #expect(problems[0].message == "kernpunt A1 bestaat al")
    }

    @Test func keyPointMissingFields() {
        let both = keyPointProblems(nil, "  ")
        #expect(both.map(\.field) == ["code", "title"])
        #expect(both[0].message.contains("verplicht"))
        #expect(both[0].message.contains("A5"))
        #expect(both[1].message == "titel is verplicht")
        #expect(keyPointProblems("  ", "Titel").map(\.field) == ["code"])
        #expect(keyPointProblems("A3", nil).map(\.field) == ["title"])
        #expect(keyPointProblems("A3", String(repeating: "t", count: 301)).map(\.field) == ["title"])
    }
}
