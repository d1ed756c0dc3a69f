import Testing

@testable import StadshartCore

@Suite("CSV exports are safe to open in a spreadsheet")
struct SpreadsheetSafetyTests {
    @Test(arguments: ["=SUM(A1:A9)", "+31 6", "-5", "@rekenblad", "\tx"])
    func formulasGetAnApostropheAndLoseItOnImport(_ field: String) throws {
        let escaped = CSV.escapeFormula(field)
        #expect(escaped == "'" + field)
        #expect(CSV.unescapeFormula(escaped) == field)
    }

    @Test func ordinaryFieldsStayAsTheyAre() {
        #expect(CSV.escapeFormula("Kerstmarkt") == "Kerstmarkt")
        #expect(CSV.unescapeFormula("'t Zand") == "'t Zand")
        #expect(CSV.encode([["=1+1", "gewoon"]]) == "'=1+1;gewoon\r\n")
    }

    @Test func anActionTitledLikeAFormulaRoundTrips() throws {
        let draft = ActionDraft(
            title: "=HYPERLINK(\"x\")", themeLine: "A", lead: "gemeente", noPartners: true, budgetCents: 0)
        let csv = CSV.encode([ActionCSV.header, ActionCSV.row(id: "1", centre: "assen", year: 2019, draft)])
        #expect(!csv.contains(";=HYPERLINK"))
        let records = try ActionCSV.records(from: csv)
        #expect(records.first?.input.title == draft.title)
    }

    @Test func importYearsAreRealYears() {
        #expect(throws: InvalidInput.self) {
            try ActionCSV.records(from: "binnenstad;jaar;themalijn;titel\nassen;20190;A;x\n")
        }
    }
}
