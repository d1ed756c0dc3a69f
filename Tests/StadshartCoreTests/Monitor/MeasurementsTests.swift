import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

@Suite("Monitor: measurements")
struct MeasurementsTests {
    /// Jobs and vacancy are computed from the register for the centre; the rest are typed in.
    static let indicators: [String: IndicatorRules] = [
        "banen": IndicatorRules(key: "banen", unit: .count, basis: .none, computedArea: "centrum"),
        "leegstand": IndicatorRules(key: "leegstand", unit: .percent, basis: .units, computedArea: "centrum"),
        "rapportcijfer": IndicatorRules(key: "rapportcijfer", unit: .score, basis: .none),
        "positie": IndicatorRules(key: "positie", unit: .rank, basis: .none),
        "huur": IndicatorRules(key: "huur", unit: .euro, basis: .floorArea),
    ]
    static let areas: Set<String> = ["centrum", "Nederland", "Drenthe"]

    func check(
        _ values: [String: String], line: Int? = nil, indicator: IndicatorRules? = nil
    ) -> Result<MeasurementRow, InvalidInput> {
        Measurements.check(values, line: line, indicator: indicator, indicators: Self.indicators, areas: Self.areas)
    }

    func row(_ values: [String: String], line: Int? = nil, indicator: IndicatorRules? = nil) -> MeasurementRow? {
        try? check(values, line: line, indicator: indicator).get()
    }

    func problems(_ values: [String: String], line: Int? = nil, indicator: IndicatorRules? = nil) -> [FieldProblem] {
        if case .failure(let invalid) = check(values, line: line, indicator: indicator) { return invalid.problems }
        return []
    }

    static let good = [
        "indicator": "rapportcijfer", "gebied": "centrum", "datum": "2022-01-01", "waarde": "7,1",
        "bron": "eigen onderzoek", "toelichting": " enquête najaar ",
    ]

    static func good(_ changes: [String: String]) -> [String: String] {
        good.merging(changes) { $1 }
    }

    // MARK: One measurement

    @Test func aGoodMeasurement() {
        #expect(
            row(Self.good, line: 4)
                == MeasurementRow(
                    line: 4, indicator: "rapportcijfer", area: "centrum", date: d("2022-01-01"), value: 7.1,
                    basis: .none, source: .survey, note: "enquête najaar"))
    }

    @Test func basisDefaultsToTheIndicatorsOwn() {
        let vacancy = ["indicator": "leegstand", "gebied": "Nederland", "datum": "2022-01-01", "waarde": "6,5 %"]
        #expect(row(vacancy)?.basis == .units)
        #expect(row(vacancy)?.value == 6.5)
        #expect(row(vacancy)?.source == nil)
        #expect(row(vacancy)?.note == "")
        #expect(row(vacancy.merging(["basis": "m2_wvo"]) { $1 })?.basis == .floorArea)
        #expect(row(vacancy.merging(["basis": " M2_WVO "]) { $1 })?.basis == .floorArea)
        #expect(row(vacancy.merging(["basis": "verkooppunten"]) { $1 })?.basis == .units)
        #expect(row(vacancy.merging(["basis": "geen"]) { $1 })?.basis == Basis.none)
    }

    @Test func sourcesByKeyOrLabel() {
        #expect(row(Self.good(["bron": "locatus"]))?.source == .locatus)
        #expect(row(Self.good(["bron": "Locatus"]))?.source == .locatus)
        #expect(row(Self.good(["bron": "LISA"]))?.source == .lisa)
        #expect(row(Self.good(["bron": "cbs"]))?.source == .cbs)
        #expect(row(Self.good(["bron": "survey"]))?.source == .survey)
        #expect(row(Self.good(["bron": "Berekend uit het register"]))?.source == .computed)
        #expect(row(Self.good(["bron": ""]))?.source == nil)
    }

    @Test func dutchDates() {
        #expect(row(Self.good(["datum": "15-1-2022"]))?.date == d("2022-01-15"))
        #expect(row(Self.good(["datum": "15-01-2022"]))?.date == d("2022-01-15"))
    }

    @Test func aFormOnTheIndicatorsPageNeedsNoIndicatorField() {
        let rules = Self.indicators["positie"]!
        let values = ["gebied": "centrum", "datum": "2022-01-01", "waarde": "25e"]
        #expect(row(values, indicator: rules)?.indicator == "positie")
        #expect(row(values, indicator: rules)?.value == 25)
        // the page's indicator wins over a field that names another one
        #expect(row(values.merging(["indicator": "banen"]) { $1 }, indicator: rules)?.indicator == "positie")
    }

    @Test func computedIndicatorIsRefusedForItsOwnAreaOnly() {
        let jobs = ["indicator": "banen", "gebied": "centrum", "datum": "2022-01-01", "waarde": "3.800"]
        #expect(
            problems(jobs, line: 3) == [
                FieldProblem(
                    field: "gebied",
                    message: "deze indicator wordt voor 'centrum' berekend uit het register en niet ingevoerd",
                    line: 3)
            ])
        let national = row(jobs.merging(["gebied": "Nederland"]) { $1 })
        #expect(national?.area == "Nederland")
        #expect(national?.value == 3800)
        #expect(row(jobs.merging(["gebied": "Drenthe", "bron": "lisa"]) { $1 })?.source == .lisa)
    }

    @Test func everythingMissing() {
        #expect(
            problems([:]) == [
                FieldProblem(field: "indicator", message: "vul de indicator in"),
                FieldProblem(field: "gebied", message: "vul het gebied in"),
                FieldProblem(field: "datum", message: "vul de peildatum in"),
                FieldProblem(field: "waarde", message: "vul de waarde in"),
            ])
        #expect(problems(["indicator": " ", "gebied": " ", "datum": " ", "waarde": " "]).count == 4)
    }

    @Test func everyProblemAtOnceWithItsLineAndField() {
        let values = [
            "indicator": "leegstand", "gebied": "Groningen", "datum": "2022-13-01", "waarde": "120",
            "basis": "oppervlak",
            "bron": "google", "toelichting": String(repeating: "x", count: 1001),
        ]
        #expect(
            problems(values, line: 7) == [
                FieldProblem(
                    field: "gebied", message: "onbekend gebied 'Groningen'; bekend: Drenthe, Nederland, centrum",
                    line: 7),
                FieldProblem(field: "datum", message: "'2022-13-01' is geen datum (bijv. 2020-01-01)", line: 7),
                FieldProblem(field: "waarde", message: "een percentage ligt tussen 0 en 100", line: 7),
                FieldProblem(
                    field: "basis", message: "onbekende basis 'oppervlak'; kies uit verkooppunten, m2_wvo, geen",
                    line: 7),
                FieldProblem(
                    field: "bron",
                    message: "onbekende bron 'google'; kies uit locatus, lisa, cbs, survey, computed, other",
                    line: 7),
                FieldProblem(field: "toelichting", message: "hoogstens 1000 tekens", line: 7),
            ])
    }

    @Test func aNoteOfExactlyAThousandCharactersIsFine() {
        #expect(row(Self.good(["toelichting": String(repeating: "x", count: 1000)])) != nil)
    }

    /// Without a known indicator there is no unit to check the value against.
    @Test func unknownIndicator() {
        #expect(
            problems(Self.good(["indicator": "bezoekers", "waarde": "veel"]), line: 2) == [
                FieldProblem(field: "indicator", message: "onbekende indicator 'bezoekers'", line: 2)
            ])
    }

    @Test func valueIsCheckedForTheUnit() {
        #expect(
            problems(Self.good(["waarde": "11"])) == [
                FieldProblem(field: "waarde", message: "een rapportcijfer ligt tussen 0 en 10")
            ])
        #expect(
            problems(Self.good(["waarde": "zeven"])) == [
                FieldProblem(field: "waarde", message: "'zeven' is geen getal (bijv. 21,9)")
            ])
        #expect(row(Self.good(["indicator": "huur", "waarde": "€ 1.250,50"]))?.value == 1250.5)
        #expect(row(Self.good(["indicator": "huur", "waarde": "€ 1.250,50"]))?.basis == .floorArea)
    }
}

@Suite("Monitor: measurement CSV")
struct MeasurementCSVTests {
    static let indicators = MeasurementsTests.indicators
    static let areas = MeasurementsTests.areas

    func read(_ text: String, existing: [MeasurementKey: Double] = [:]) throws -> MeasurementCSV.Outcome {
        try MeasurementCSV.read(text, indicators: Self.indicators, areas: Self.areas, existing: existing)
    }

    func problems(_ text: String, existing: [MeasurementKey: Double] = [:]) -> [FieldProblem] {
        do {
            _ = try MeasurementCSV.read(text, indicators: Self.indicators, areas: Self.areas, existing: existing)
            return []
        } catch {
            return error.problems
        }
    }

    static let header = "indicator;gebied;datum;waarde;basis;bron;toelichting"

    static func file(_ lines: String...) -> String {
        ([header] + lines).joined(separator: "\n") + "\n"
    }

    @Test func readsAGoodFile() throws {
        let text = Self.file(
            "rapportcijfer;centrum;2022-01-01;7,1;;survey;enquête najaar",
            "leegstand;Nederland;2022-01-01;6,5;verkooppunten;Locatus;",
            "leegstand;Nederland;2022-01-01;9,8;m2_wvo;locatus;",
            "banen;Drenthe;1-1-2022;3.800;;lisa;",
            "positie;centrum;2022-01-01;25e;;;\"koopstad; top 100\"")
        let outcome = try read(text)
        #expect(outcome.unchanged == 0)
        #expect(
            outcome.new == [
                MeasurementRow(
                    line: 2, indicator: "rapportcijfer", area: "centrum", date: d("2022-01-01"), value: 7.1,
                    basis: .none,
                    source: .survey, note: "enquête najaar"),
                MeasurementRow(
                    line: 3, indicator: "leegstand", area: "Nederland", date: d("2022-01-01"), value: 6.5,
                    basis: .units,
                    source: .locatus),
                MeasurementRow(
                    line: 4, indicator: "leegstand", area: "Nederland", date: d("2022-01-01"), value: 9.8,
                    basis: .floorArea, source: .locatus),
                MeasurementRow(
                    line: 5, indicator: "banen", area: "Drenthe", date: d("2022-01-01"), value: 3800, basis: .none,
                    source: .lisa),
                MeasurementRow(
                    line: 6, indicator: "positie", area: "centrum", date: d("2022-01-01"), value: 25, basis: .none,
                    note: "koopstad; top 100"),
            ])
    }

    @Test func onlyTheRequiredColumnsWithCommas() throws {
        let text = """
            Indicator,GEBIED,datum,Waarde
            leegstand,Nederland,2022-01-01,"6,5"
            huur,centrum,2022-01-01,"€ 1.250,50"

            """
        let outcome = try read(text)
        #expect(
            outcome.new == [
                MeasurementRow(
                    line: 2, indicator: "leegstand", area: "Nederland", date: d("2022-01-01"), value: 6.5, basis: .units
                ),
                MeasurementRow(
                    line: 3, indicator: "huur", area: "centrum", date: d("2022-01-01"), value: 1250.5, basis: .floorArea
                ),
            ])
    }

    @Test func everyProblemWithItsLineAndField() {
        let text = Self.file(
            "bezoekers;centrum;2022-01-01;100;;;",  // 2: unknown indicator
            "rapportcijfer;Groningen;2022-01-01;7;;;",  // 3: unknown area
            "rapportcijfer;centrum;2022-02-30;7;;;",  // 4: no 30 February
            "positie;centrum;2022-01-01;2,5;;;",  // 5: a rank is whole
            "leegstand;Nederland;2022-01-01;6,5;oppervlak;;",  // 6: unknown basis
            "rapportcijfer;Drenthe;2022-01-01;7;;google;",  // 7: unknown source
            "banen;centrum;2022-01-01;3800;;;",  // 8: computed for the centre
            "leegstand;centrum;2022-01-01;12;;;",  // 9: computed for the centre
            "banen;Nederland;2022-01-01;9.000.000;;cbs;",  // 10: fine: the national figure is typed in
            "banen;Nederland;2022-01-01;9.000.001;;cbs;",  // 11: the same measurement as line 10
            "rapportcijfer;centrum;2022-01-01;7")  // 12: four fields of seven
        let computed = "deze indicator wordt voor 'centrum' berekend uit het register en niet ingevoerd"
        #expect(
            problems(text) == [
                FieldProblem(field: "indicator", message: "onbekende indicator 'bezoekers'", line: 2),
                FieldProblem(
                    field: "gebied", message: "onbekend gebied 'Groningen'; bekend: Drenthe, Nederland, centrum",
                    line: 3),
                FieldProblem(field: "datum", message: "'2022-02-30' is geen datum (bijv. 2020-01-01)", line: 4),
                FieldProblem(field: "waarde", message: "een positie is een heel getal vanaf 1", line: 5),
                FieldProblem(
                    field: "basis", message: "onbekende basis 'oppervlak'; kies uit verkooppunten, m2_wvo, geen",
                    line: 6),
                FieldProblem(
                    field: "bron",
                    message: "onbekende bron 'google'; kies uit locatus, lisa, cbs, survey, computed, other",
                    line: 7),
                FieldProblem(field: "gebied", message: computed, line: 8),
                FieldProblem(field: "gebied", message: computed, line: 9),
                FieldProblem(field: "datum", message: "dezelfde meting staat ook op regel 10", line: 11),
                FieldProblem(field: "regel", message: "4 velden, verwacht 7", line: 12),
            ])
    }

    @Test func aDuplicateLineRefersToTheFirst() {
        let text = Self.file(
            "leegstand;Nederland;2022-01-01;6,5;;;",  // 2
            "leegstand;Nederland;2022-01-01;6,5;verkooppunten;;",  // 3: "" is the indicator's own basis: the same
            "leegstand;Nederland;2022-01-01;9,8;m2_wvo;;",  // 4: another basis: another measurement
            "leegstand;Nederland;2022-01-02;6,5;;;",  // 5: another day
            "leegstand;Drenthe;2022-01-01;6,5;;;",  // 6: another area
            "leegstand;Nederland;01-01-2022;6,4;;;")  // 7: the same day written the Dutch way
        #expect(
            problems(text) == [
                FieldProblem(field: "datum", message: "dezelfde meting staat ook op regel 2", line: 3),
                FieldProblem(field: "datum", message: "dezelfde meting staat ook op regel 2", line: 7),
            ])
    }

    @Test func anExistingIdenticalValueIsUnchanged() throws {
        let existing = [
            MeasurementKey(indicator: "leegstand", area: "Nederland", basis: .units, date: d("2022-01-01")): 6.5,
            MeasurementKey(indicator: "rapportcijfer", area: "centrum", basis: .none, date: d("2022-01-01")): 7.0,
        ]
        let text = Self.file(
            "leegstand;Nederland;2022-01-01;6,5;;;",  // 2: already there
            "leegstand;Nederland;2022-07-01;6,2;;;",  // 3: new
            "leegstand;Nederland;2022-01-01;9,8;m2_wvo;;",  // 4: new: the existing one is on units
            "rapportcijfer;centrum;1-1-2022;7;;;")  // 5: already there
        let outcome = try read(text, existing: existing)
        #expect(outcome.unchanged == 2)
        #expect(outcome.new.map(\.line) == [3, 4])
        #expect(outcome.new.map(\.value) == [6.2, 9.8])
    }

    @Test func anExistingDifferentValueIsRefused() {
        let existing = [
            MeasurementKey(indicator: "leegstand", area: "Nederland", basis: .units, date: d("2022-01-01")): 6.5,
            MeasurementKey(indicator: "rapportcijfer", area: "centrum", basis: .none, date: d("2022-01-01")): 7.0,
        ]
        let text = Self.file(
            "rapportcijfer;centrum;2022-01-01;7,2;;;",
            "leegstand;Nederland;2022-01-01;6,4;;;",
            "leegstand;Nederland;2022-07-01;6,2;;;")
        let correction = "verwijder die meting eerst als deze een correctie is"
        #expect(
            problems(text, existing: existing) == [
                FieldProblem(field: "waarde", message: "op 2022-01-01 staat al 7,0; \(correction)", line: 2),
                FieldProblem(field: "waarde", message: "op 2022-01-01 staat al 6,5 %; \(correction)", line: 3),
            ])
    }

    @Test func headerProblems() {
        #expect(
            problems("indicator;gebied;datum;waarde;opmerking\nbanen;Drenthe;2022-01-01;3800;x\n") == [
                FieldProblem(
                    field: "opmerking",
                    message:
                        "onbekende kolom; bekende kolommen: indicator, gebied, datum, waarde, basis, bron, toelichting",
                    line: 1)
            ])
        #expect(
            problems("indicator;gebied;datum;basis\nbanen;Drenthe;2022-01-01;\n") == [
                FieldProblem(field: "waarde", message: "kolom ontbreekt", line: 1)
            ])
        #expect(
            problems("gebied;waarde\nDrenthe;3800\n") == [
                FieldProblem(field: "datum", message: "kolom ontbreekt", line: 1),
                FieldProblem(field: "indicator", message: "kolom ontbreekt", line: 1),
            ])
        #expect(
            problems("indicator;gebied;datum;waarde;waarde\nbanen;Drenthe;2022-01-01;3800;3800\n") == [
                FieldProblem(field: "waarde", message: "kolom staat er meer dan één keer", line: 1)
            ])
    }

    @Test func emptyFiles() {
        #expect(problems("") == [FieldProblem(field: "bestand", message: "het bestand is leeg")])
        #expect(
            problems(Self.header + "\n") == [
                FieldProblem(field: "bestand", message: "het bestand heeft geen metingen", line: 2)
            ])
    }

    @Test func allOrNothing() throws {
        let good = [
            "banen;Drenthe;2022-01-01;3.800;;lisa;", "leegstand;Nederland;2022-01-01;6,5;;;",
            "rapportcijfer;centrum;2022-01-01;7,1;;;",
        ]
        #expect(try read(Self.file(good[0], good[1], good[2])).new.count == 3)
        let text = Self.file(good[0], good[1], good[2], "rapportcijfer;centrum;2022-07-01;12;;;")
        #expect(throws: InvalidInput.self) { try read(text) }
        #expect(
            problems(text) == [
                FieldProblem(field: "waarde", message: "een rapportcijfer ligt tussen 0 en 10", line: 5)
            ])
    }

    // MARK: Export

    static let rows = [
        MeasurementRow(
            indicator: "leegstand", area: "Nederland", date: d("2022-01-01"), value: 6.5, basis: .units,
            source: .locatus, note: "peildatum 1 januari"),
        MeasurementRow(
            indicator: "leegstand", area: "Nederland", date: d("2022-01-01"), value: 9.8, basis: .floorArea,
            source: .locatus),
        MeasurementRow(
            indicator: "banen", area: "Drenthe", date: d("2021-01-01"), value: 3800, basis: .none, source: .lisa,
            note: "=SOM(A1)"),
        MeasurementRow(
            indicator: "huur", area: "centrum", date: d("2021-06-30"), value: -0.5, basis: .floorArea,
            note: "zegt \"ongeveer\"; zie rapport\nblz. 2"),
        MeasurementRow(
            indicator: "rapportcijfer", area: "centrum", date: d("2021-06-30"), value: 7.25, basis: .none,
            source: .survey),
        // 0.1 + 0.2 is 0.30000000000000004 in binary: written with all its digits, it reads back exactly
        MeasurementRow(
            indicator: "leegstand", area: "Drenthe", date: d("2021-06-30"), value: 0.1 + 0.2, basis: .units),
        // values Swift would write as "1e-05" and "1e+16"
        MeasurementRow(
            indicator: "leegstand", area: "Drenthe", date: d("2021-07-01"), value: 0.000_01, basis: .units),
        MeasurementRow(
            indicator: "banen", area: "Nederland", date: d("2021-07-01"), value: 1e16, basis: .none),
    ]

    @Test func rowsAreWrittenWithADecimalCommaAndNoThousandsDots() {
        #expect(
            MeasurementCSV.row(Self.rows[2]) == ["banen", "Drenthe", "2021-01-01", "3800", "geen", "lisa", "'=SOM(A1)"])
        #expect(
            MeasurementCSV.row(Self.rows[1]) == [
                "leegstand", "Nederland", "2022-01-01", "9,8", "m2_wvo", "locatus", "",
            ])
        #expect(MeasurementCSV.row(Self.rows[3])[3] == "-0,5")
        #expect(MeasurementCSV.row(Self.rows[4])[3] == "7,25")
        #expect(MeasurementCSV.row(Self.rows[6])[3] == "0,00001")
        #expect(MeasurementCSV.row(Self.rows[7])[3] == "10000000000000000")  // 1 and 16 zeros
        #expect(MeasurementCSV.encode([]) == Self.header + "\r\n")
    }

    @Test func anExportReadsBackAsUnchanged() throws {
        let text = MeasurementCSV.encode(Self.rows)
        #expect(text.contains(";'-0,5;"))  // a leading minus is escaped for spreadsheets, and unescaped on import
        let existing = Dictionary(uniqueKeysWithValues: Self.rows.map { ($0.key, $0.value) })
        #expect(try read(text, existing: existing) == MeasurementCSV.Outcome(new: [], unchanged: 8))
        // into an empty monitor it reads as the same rows; the note with a line break takes lines 5 and 6
        var expected = Self.rows
        for (i, line) in [2, 3, 4, 5, 7, 8, 9, 10].enumerated() { expected[i].line = line }
        #expect(try read(text).new == expected)
    }
}
