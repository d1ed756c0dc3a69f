import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

@Suite("Monitor: defining indicators")
struct IndicatorInputTests {
    /// Two own areas, two reference areas; "waardering" and "leegstand" are already defined.
    static let context = IndicatorContext(
        areas: ["binnenstad": false, "assen": false, "nederland": true, "drenthe": true],
        themeLines: ["A", "B", "C", "D", "E", "F"], takenKeys: ["waardering", "leegstand"])

    /// A complete indicator with a value as its target, typed as people type (spaces, Dutch numbers).
    static func input(_ change: (inout IndicatorInput) -> Void = { _ in }) -> IndicatorInput {
        var input = IndicatorInput()
        input.key = " Passanten-2019 "
        input.name = " Passanten op het Koopmansplein "
        input.description = " Geteld op zaterdag "
        input.unit = "count"
        input.direction = "higher"
        input.group = "image-and-experience"
        input.agreement = true
        input.goal = " Economische agenda "
        input.themeLines = [" D ", "F", ""]
        input.source = "other"
        input.owner = " Gemeente Assen "
        input.area = " binnenstad "
        input.referenceArea = "drenthe"
        input.baselineValue = "12.500"
        input.baselineDate = "1-1-2019"
        input.targetValue = "15.000"
        input.targetDate = "2021-12-31"
        input.note = " telling "
        change(&input)
        return input
    }

    /// Vacancy that should end below the national level.
    static func vacancy(_ change: (inout IndicatorInput) -> Void = { _ in }) -> IndicatorInput {
        var input = IndicatorInput()
        input.key = "leegstand-centrum"
        input.name = "Leegstand in het centrum"
        input.unit = "percent"
        input.direction = "lower"
        input.basis = "units"
        input.group = "economic-health"
        input.source = "locatus"
        input.area = "binnenstad"
        input.baselineValue = "21,9 %"
        input.baselineDate = "2019-01-01"
        input.targetReference = " nederland "
        input.targetDate = "2022-01-01"
        change(&input)
        return input
    }

    func validated(_ input: IndicatorInput, existingKey: String? = nil) -> IndicatorDefinition? {
        try? input.validate(in: Self.context, existingKey: existingKey)
    }

    func problems(_ input: IndicatorInput, existingKey: String? = nil) -> [FieldProblem] {
        do throws(InvalidInput) {
            _ = try input.validate(in: Self.context, existingKey: existingKey)
            return []
        } catch {
            return error.problems
        }
    }

    func problem(_ field: String, _ message: String) -> FieldProblem {
        FieldProblem(field: field, message: message)
    }

    // MARK: Valid definitions

    @Test func aCompleteIndicatorWithATargetValue() throws {
        let definition = try #require(validated(Self.input()))
        #expect(
            definition
                == IndicatorDefinition(
                    key: "passanten-2019", name: "Passanten op het Koopmansplein", description: "Geteld op zaterdag",
                    unit: .count, direction: .higherIsBetter, basis: .none, group: .imageAndExperience, agreement: true,
                    goal: "Economische agenda", themeLines: ["D", "F"], source: .other, computed: nil,
                    owner: "Gemeente Assen", area: "binnenstad", referenceArea: "drenthe",
                    baseline: Observation(date: d("2019-01-01"), value: 12_500, basis: .none),
                    target: Target(.value(15_000), by: d("2021-12-31")), note: "telling"))
    }

    @Test func aTargetThatIsAReferenceArea() throws {
        let definition = try #require(validated(Self.vacancy()))
        #expect(definition.target == Target(.reference(area: "nederland"), by: d("2022-01-01")))
        #expect(definition.baseline == Observation(date: d("2019-01-01"), value: 21.9, basis: .units))
        #expect(definition.unit == .percent)
        #expect(definition.direction == .lowerIsBetter)
        #expect(definition.basis == .units)
        #expect(definition.group == .economicHealth)
        #expect(definition.source == .locatus)
        #expect(definition.computed == nil)
    }

    @Test func optionalFieldsHaveTheirDefaults() throws {
        let definition = try #require(
            validated(
                Self.input {
                    $0.description = nil
                    $0.basis = nil
                    $0.agreement = nil
                    $0.goal = nil
                    $0.themeLines = nil
                    $0.owner = nil
                    $0.referenceArea = nil
                    $0.note = nil
                }))
        #expect(definition.description == "")
        #expect(definition.basis == .none)
        #expect(definition.baseline.basis == .none)
        #expect(!definition.agreement)
        #expect(definition.goal == "")
        #expect(definition.themeLines == [])
        #expect(definition.owner == "")
        #expect(definition.referenceArea == nil)
        #expect(definition.note == "")
        #expect(validated(Self.input { $0.basis = "  " })?.basis == Basis.none)
    }

    @Test func theBasisIsKeptOnTheBaseline() {
        let definition = validated(Self.vacancy { $0.basis = "floor-area" })
        #expect(definition?.basis == .floorArea)
        #expect(definition?.baseline.basis == .floorArea)
    }

    @Test func theReferenceAreaDefaultsToTheTargetReference() {
        #expect(validated(Self.vacancy())?.referenceArea == "nederland")
        #expect(validated(Self.vacancy { $0.referenceArea = "  " })?.referenceArea == "nederland")
        // One chosen for the chart stays.
        #expect(validated(Self.vacancy { $0.referenceArea = "drenthe" })?.referenceArea == "drenthe")
        // A target value has no reference to fall back on.
        #expect(validated(Self.input { $0.referenceArea = nil })?.referenceArea == nil)
        #expect(validated(Self.input { $0.referenceArea = "" })?.referenceArea == nil)
    }

    // MARK: Every problem at once

    @Test func everyProblemIsReportedAtOnceWithItsField() {
        let input = Self.input {
            $0.key = "passanten!"
            $0.name = "  "
            $0.unit = "score"
            $0.basis = "per-inwoner"
            $0.direction = "omhoog"
            $0.group = "imago"
            $0.source = "krant"
            $0.area = "nederland"
            $0.referenceArea = "europa"
            $0.themeLines = ["A", "Z", "Q"]
            $0.baselineValue = "12"
            $0.baselineDate = "2019-13-01"
            $0.targetDate = nil
            $0.targetValue = "8"
            $0.targetReference = "nederland"
        }
        #expect(
            problems(input) == [
                problem("key", "2 tot 40 tekens: kleine letters, cijfers en streepjes (bijv. waardering-bezoekers)"),
                problem("name", "vul de naam in"),
                problem("basis", "kies een basis: units, floor-area, none"),
                problem("direction", "kies welke kant beter is: higher, lower"),
                problem(
                    "group",
                    "kies een groep: economic-health, sustainable-development, sustainability-index, image-and-experience"
                ),
                problem("source", "kies een bron: locatus, lisa, cbs, survey, computed, other"),
                problem("area", "een indicator meet een eigen gebied, geen referentiegebied"),
                problem("referenceArea", "onbekend gebied 'europa'"),
                problem("themeLines", "onbekende themalijn 'Z'"),
                problem("themeLines", "onbekende themalijn 'Q'"),
                problem("baselineValue", "een rapportcijfer ligt tussen 0 en 10"),
                problem("baselineDate", "'2019-13-01' is geen datum"),
                problem("targetDate", "vul de datum in"),
                problem("targetValue", "kies een streefwaarde óf een referentiegebied, niet allebei"),
            ])
    }

    @Test func otherProblemsAreReportedTogetherToo() {
        let input = Self.input {
            $0.key = " Waardering "
            $0.unit = "meter"
            $0.area = "marktplein"
            $0.baselineDate = "2021-01-01"
            $0.targetDate = "2020-01-01"
            $0.targetValue = " "
            $0.targetReference = "binnenstad"
        }
        #expect(
            problems(input) == [
                FieldProblem.clash(field: "key", message: "'waardering' is al in gebruik"),
                problem("unit", "kies een eenheid: count, percent, score, rank, euro"),
                problem("area", "onbekend gebied 'marktplein'"),
                problem("targetDate", "de streefdatum moet na de nulmeting liggen"),
                problem("targetReference", "kies een referentiegebied (bijv. nederland)"),
            ])
    }

    @Test func nothingFilledInIsOneListOfProblems() {
        #expect(
            problems(IndicatorInput()) == [
                problem("key", "2 tot 40 tekens: kleine letters, cijfers en streepjes (bijv. waardering-bezoekers)"),
                problem("name", "vul de naam in"),
                problem("unit", "kies een eenheid: count, percent, score, rank, euro"),
                problem("direction", "kies welke kant beter is: higher, lower"),
                problem(
                    "group",
                    "kies een groep: economic-health, sustainable-development, sustainability-index, image-and-experience"
                ),
                problem("source", "kies een bron: locatus, lisa, cbs, survey, computed, other"),
                problem("area", "kies het gebied"),
                problem("baselineDate", "vul de datum in"),
                problem("targetDate", "vul de datum in"),
                problem("targetValue", "vul een streefwaarde in of kies een referentiegebied"),
            ])
    }

    @Test func anInvalidInputThrows() {
        #expect(throws: InvalidInput.self) { try Self.input { $0.name = nil }.validate(in: Self.context) }
    }

    // MARK: Key and name

    @Test(
        "a key is 2 to 40 ASCII letters, digits and dashes",
        arguments: [
            "", " ", "a", "waardering bezoekers", "waardering_bezoekers", "één", "passanten!", "kpi/1", "ｐａｓ",
            String(repeating: "a", count: 41),
        ])
    func badKeys(key: String) {
        #expect(
            problems(Self.input { $0.key = key }) == [
                problem("key", "2 tot 40 tekens: kleine letters, cijfers en streepjes (bijv. waardering-bezoekers)")
            ])
    }

    @Test func aMissingKeyIsABadKey() {
        #expect(problems(Self.input { $0.key = nil }).map(\.field) == ["key"])
    }

    @Test func goodKeysAreTrimmedAndLowercased() {
        #expect(validated(Self.input { $0.key = "ab" })?.key == "ab")
        #expect(validated(Self.input { $0.key = " Waardering-Bezoekers " })?.key == "waardering-bezoekers")
        #expect(validated(Self.input { $0.key = "kpi-2019" })?.key == "kpi-2019")
        let longest = String(repeating: "a", count: 40)
        #expect(validated(Self.input { $0.key = longest })?.key == longest)
    }

    @Test func aKeyThatIsTakenIsRefused() {
        #expect(
            problems(Self.input { $0.key = "leegstand" }) == [
                FieldProblem.clash(field: "key", message: "'leegstand' is al in gebruik")
            ])
        // Taken keys are compared after trimming and lowercasing.
        #expect(
            problems(Self.input { $0.key = " LEEGSTAND " }) == [
                FieldProblem.clash(field: "key", message: "'leegstand' is al in gebruik")
            ])
    }

    /// "nieuw" is the address of the form for a new indicator, so no indicator can have it.
    @Test func theKeyNieuwIsRefused() {
        #expect(
            problems(Self.input { $0.key = "nieuw" }) == [
                FieldProblem.clash(field: "key", message: "'nieuw' is al in gebruik")
            ])
        #expect(
            problems(Self.input { $0.key = "Nieuw" }) == [
                FieldProblem.clash(field: "key", message: "'nieuw' is al in gebruik")
            ])
    }

    @Test func aChangedIndicatorKeepsItsKeyAndSkipsTheKeyChecks() throws {
        // Its own key is taken (by itself), and whatever key is sent is ignored.
        let keys: [String?] = ["waardering", "andere", "Slecht!", "nieuw", "", nil]
        for key in keys {
            let definition = try #require(validated(Self.input { $0.key = key }, existingKey: "waardering"))
            #expect(definition.key == "waardering")
        }
        #expect(problems(Self.input { $0.key = "Slecht!" }, existingKey: "waardering") == [])
        // The other checks still apply.
        #expect(
            problems(Self.input { $0.name = "" }, existingKey: "waardering") == [problem("name", "vul de naam in")])
    }

    @Test func theNameIsRequiredAndAtMost120Characters() {
        for name in [nil, "", "   "] as [String?] {
            #expect(problems(Self.input { $0.name = name }) == [problem("name", "vul de naam in")])
        }
        let longest = String(repeating: "n", count: 120)
        #expect(validated(Self.input { $0.name = " \(longest) " })?.name == longest)
        #expect(problems(Self.input { $0.name = longest + "n" }) == [problem("name", "hoogstens 120 tekens")])
    }

    // MARK: Choices

    @Test func unknownChoicesAreRefusedWithTheOptions() {
        #expect(
            problems(Self.input { $0.unit = "meter" }) == [
                problem("unit", "kies een eenheid: count, percent, score, rank, euro")
            ])
        #expect(
            problems(Self.input { $0.direction = "" }) == [
                problem("direction", "kies welke kant beter is: higher, lower")
            ]
        )
        #expect(
            problems(Self.input { $0.group = "Imago en beleving" }) == [
                problem(
                    "group",
                    "kies een groep: economic-health, sustainable-development, sustainability-index, image-and-experience"
                )
            ])
        #expect(
            problems(Self.input { $0.source = "Locatus" }) == [
                problem("source", "kies een bron: locatus, lisa, cbs, survey, computed, other")
            ])
    }

    @Test func choicesAreTrimmed() throws {
        let definition = try #require(
            validated(
                Self.input {
                    $0.unit = " euro "
                    $0.direction = " lower "
                    $0.basis = " floor-area "
                    $0.group = " sustainability-index "
                    $0.source = " cbs "
                }))
        #expect(definition.unit == .euro)
        #expect(definition.direction == .lowerIsBetter)
        #expect(definition.basis == .floorArea)
        #expect(definition.group == .sustainabilityIndex)
        #expect(definition.source == .cbs)
    }

    // MARK: Areas and theme lines

    @Test func theAreaIsAKnownOwnArea() {
        #expect(problems(Self.input { $0.area = nil }) == [problem("area", "kies het gebied")])
        #expect(problems(Self.input { $0.area = " " }) == [problem("area", "kies het gebied")])
        #expect(problems(Self.input { $0.area = "marktplein" }) == [problem("area", "onbekend gebied 'marktplein'")])
        #expect(
            problems(Self.input { $0.area = "drenthe" }) == [
                problem("area", "een indicator meet een eigen gebied, geen referentiegebied")
            ])
        #expect(validated(Self.input { $0.area = "assen" })?.area == "assen")
    }

    @Test func theReferenceAreaIsKnown() {
        #expect(
            problems(Self.input { $0.referenceArea = "europa" }) == [
                problem("referenceArea", "onbekend gebied 'europa'")
            ])
        #expect(validated(Self.input { $0.referenceArea = " nederland " })?.referenceArea == "nederland")
    }

    @Test func themeLinesAreKnown() {
        #expect(
            problems(Self.input { $0.themeLines = ["D", "X"] }) == [problem("themeLines", "onbekende themalijn 'X'")])
        // Codes are compared as written: "d" is not "D".
        #expect(problems(Self.input { $0.themeLines = ["d"] }) == [problem("themeLines", "onbekende themalijn 'd'")])
    }

    @Test func themeLinesAreTrimmedWithoutBlanksOrRepeats() {
        #expect(validated(Self.input { $0.themeLines = [" B ", "", "  ", "A"] })?.themeLines == ["B", "A"])
        #expect(validated(Self.input { $0.themeLines = ["D", " D ", "A", "D"] })?.themeLines == ["D", "A"])
        #expect(
            problems(Self.input { $0.themeLines = ["X", "X "] }) == [problem("themeLines", "onbekende themalijn 'X'")])
    }

    // MARK: Values and dates

    @Test(
        "the baseline value is read and checked in the indicator's unit",
        arguments: [
            (IndicatorUnit.score, "12", "een rapportcijfer ligt tussen 0 en 10"),
            (.score, "-0,5", "een rapportcijfer ligt tussen 0 en 10"),
            (.percent, "101 %", "een percentage ligt tussen 0 en 100"),
            (.rank, "2,5", "een positie is een heel getal vanaf 1"),
            (.rank, "0e", "een positie is een heel getal vanaf 1"),
            (.count, "-1", "een aantal is niet negatief"),
            (.count, "veel", "'veel' is geen getal (bijv. 21,9)"),
            (.count, "50 %", "'50 %' is geen getal (bijv. 21,9)"),
            (.euro, "5 %", "'5 %' is geen getal (bijv. 21,9)"),
            (.count, "", "vul de waarde in"),
            (.count, "  ", "vul de waarde in"),
        ])
    func badBaselineValues(unit: IndicatorUnit, text: String, message: String) {
        let input = Self.vacancy {
            $0.unit = unit.rawValue
            $0.baselineValue = text
        }
        #expect(problems(input) == [problem("baselineValue", message)])
    }

    @Test func aMissingBaselineValue() {
        #expect(problems(Self.input { $0.baselineValue = nil }) == [problem("baselineValue", "vul de waarde in")])
    }

    @Test(
        "values are read the Dutch way, with the unit's sign",
        arguments: [
            (IndicatorUnit.score, "7,1", 7.1), (.percent, "21,9 %", 21.9), (.count, "3.800", 3800),
            (.rank, "25e", 25), (.euro, "€ 1.250", 1250), (.score, "10", 10),
        ])
    func goodBaselineValues(unit: IndicatorUnit, text: String, value: Double) {
        let input = Self.vacancy {
            $0.unit = unit.rawValue
            $0.baselineValue = text
        }
        #expect(validated(input)?.baseline.value == value)
        #expect(validated(input)?.unit == unit)
    }

    @Test func theTargetValueIsCheckedInTheUnitToo() {
        let score = Self.input {
            $0.unit = "score"
            $0.baselineValue = "7,1"
        }
        #expect(validated(score.with { $0.targetValue = "7,5" })?.target.level == .value(7.5))
        #expect(
            problems(score.with { $0.targetValue = "11" }) == [
                problem("targetValue", "een rapportcijfer ligt tussen 0 en 10")
            ])
        #expect(
            problems(score.with { $0.targetValue = "veel" }) == [
                problem("targetValue", "'veel' is geen getal (bijv. 21,9)")
            ])
    }

    @Test func datesAreRequiredAndReal() {
        for date in [nil, "", "  "] as [String?] {
            #expect(problems(Self.input { $0.baselineDate = date }) == [problem("baselineDate", "vul de datum in")])
            #expect(problems(Self.input { $0.targetDate = date }) == [problem("targetDate", "vul de datum in")])
        }
        #expect(
            problems(Self.input { $0.baselineDate = "morgen" }) == [problem("baselineDate", "'morgen' is geen datum")])
        #expect(
            problems(Self.input { $0.targetDate = " 31-02-2022 " }) == [
                problem("targetDate", "'31-02-2022' is geen datum")
            ])
        #expect(
            problems(Self.input { $0.targetDate = "2022/12/31" }) == [
                problem("targetDate", "'2022/12/31' is geen datum")
            ])
    }

    @Test func datesAreReadInDutchAndISO() {
        let definition = validated(
            Self.input {
                $0.baselineDate = "15-01-2019"
                $0.targetDate = "2021-6-30"
            })
        #expect(definition?.baseline.date == d("2019-01-15"))
        #expect(definition?.target.date == d("2021-06-30"))
    }

    @Test func theTargetDateComesAfterTheBaseline() {
        let after = [problem("targetDate", "de streefdatum moet na de nulmeting liggen")]
        #expect(problems(Self.input { $0.targetDate = "2019-01-01" }) == after)  // the same day
        #expect(problems(Self.input { $0.targetDate = "31-12-2018" }) == after)
        #expect(validated(Self.input { $0.targetDate = "2019-01-02" })?.target.date == d("2019-01-02"))
    }

    // MARK: The target

    @Test func aTargetValueOrAReferenceAreaNotBoth() {
        #expect(
            problems(Self.vacancy { $0.targetValue = "15" }) == [
                problem("targetValue", "kies een streefwaarde óf een referentiegebied, niet allebei")
            ])
    }

    @Test func aTargetValueOrAReferenceAreaNotNeither() {
        let neither = [problem("targetValue", "vul een streefwaarde in of kies een referentiegebied")]
        #expect(problems(Self.input { $0.targetValue = nil }) == neither)
        #expect(
            problems(
                Self.input {
                    $0.targetValue = " "
                    $0.targetReference = " "
                }) == neither)
    }

    @Test func theTargetReferenceIsAReferenceArea() {
        let notReference = [problem("targetReference", "kies een referentiegebied (bijv. nederland)")]
        #expect(problems(Self.vacancy { $0.targetReference = "binnenstad" }) == notReference)
        #expect(problems(Self.vacancy { $0.targetReference = "europa" }) == notReference)
        #expect(validated(Self.vacancy { $0.targetReference = "drenthe" })?.target.level == .reference(area: "drenthe"))
    }

    // MARK: Computed indicators

    @Test(arguments: RegisterMeasure.allCases)
    func aComputedIndicatorTakesUnitAndBasisFromTheRegister(measure: RegisterMeasure) throws {
        let input = Self.input {
            $0.computed = " \(measure.rawValue) "
            $0.unit = nil
            $0.basis = nil
            $0.source = nil
            $0.baselineValue = "10"
            $0.targetValue = "12"
        }
        let definition = try #require(validated(input))
        #expect(definition.computed == measure)
        #expect(definition.unit == measure.unit)
        #expect(definition.basis == measure.basis)
        #expect(definition.baseline.basis == measure.basis)
        #expect(definition.source == .computed)
    }

    @Test func aComputedIndicatorMayRepeatItsUnitAndBasis() throws {
        let definition = try #require(
            validated(
                Self.vacancy {
                    $0.computed = "vacancy-floor-area"
                    $0.basis = "floor-area"
                    $0.source = "locatus"
                }))
        #expect(definition.computed == .vacancyFloorArea)
        #expect(definition.unit == .percent)
        #expect(definition.basis == .floorArea)
        #expect(definition.source == .computed)  // whatever source was chosen
    }

    @Test func theBaselineOfAComputedIndicatorIsInTheRegistersUnit() {
        let input = Self.input {
            $0.computed = "vacancy-units"
            $0.unit = nil
            $0.baselineValue = "120"
            $0.targetValue = "15"
        }
        #expect(problems(input) == [problem("baselineValue", "een percentage ligt tussen 0 en 100")])
    }

    @Test func aComputedIndicatorWithAnotherUnitIsRefused() {
        let input = Self.vacancy {
            $0.computed = "vacancy-units"
            $0.unit = "count"
        }
        #expect(problems(input) == [problem("unit", "een berekend cijfer (vacancy-units) is in procent")])
    }

    @Test func aComputedIndicatorWithAnotherBasisIsRefused() {
        #expect(
            problems(
                Self.vacancy {
                    $0.computed = "vacancy-units"
                    $0.basis = "floor-area"
                }) == [problem("basis", "een berekend cijfer (vacancy-units) heeft basis aantal verkooppunten")])
        #expect(
            problems(
                Self.input {
                    $0.computed = "jobs"
                    $0.basis = "units"
                }) == [problem("basis", "een berekend cijfer (jobs) heeft basis —")])
        #expect(
            problems(
                Self.vacancy {
                    $0.computed = "vacancy-floor-area"
                    $0.unit = "euro"
                    $0.basis = "none"
                }) == [
                    problem("unit", "een berekend cijfer (vacancy-floor-area) is in procent"),
                    problem("basis", "een berekend cijfer (vacancy-floor-area) heeft basis m² wvo"),
                ])
    }

    @Test func anUnknownRegisterMeasureIsRefused() {
        #expect(
            problems(Self.input { $0.computed = "bezoekers" }) == [
                problem("computed", "kies wat het register telt: vacancy-units, vacancy-floor-area, businesses, jobs")
            ])
        // Blank means typed in.
        #expect(validated(Self.input { $0.computed = " " })?.computed == nil)
        #expect(validated(Self.input { $0.computed = " " })?.source == .other)
    }

    // MARK: Changes for the audit trail

    static let before = input()

    func changes(_ change: (inout IndicatorInput) -> Void) throws -> [FieldChange] {
        let old = try #require(validated(Self.before))
        let new = try #require(validated(Self.before.with(change), existingKey: "passanten-2019"))
        return new.changes(from: old)
    }

    @Test func nothingChangedIsNoChange() throws {
        #expect(try changes { _ in } == [])
        // The same values written differently are the same.
        #expect(
            try changes {
                $0.targetValue = "15000"
                $0.baselineDate = "2019-01-01"
                $0.targetDate = "31-12-2021"
                $0.name = "Passanten op het Koopmansplein"
                $0.themeLines = ["D", "F"]
            } == [])
    }

    @Test func aChangedTargetValueIsTheOnlyChange() throws {
        #expect(
            try changes { $0.targetValue = "16.000" } == [
                FieldChange(field: "streefwaarde", before: "15.000 op 2021-12-31", after: "16.000 op 2021-12-31")
            ])
        #expect(
            try changes { $0.targetDate = "2022-12-31" } == [
                FieldChange(field: "streefwaarde", before: "15.000 op 2021-12-31", after: "15.000 op 2022-12-31")
            ])
    }

    @Test func aTargetValueBecomingAReferenceArea() throws {
        let changes = try changes {
            $0.targetValue = nil
            $0.targetReference = "nederland"
        }
        #expect(
            changes == [
                FieldChange(
                    field: "streefwaarde", before: "15.000 op 2021-12-31", after: "beter dan nederland op 2021-12-31")
            ])
    }

    @Test func aChangedBaseline() throws {
        #expect(
            try changes {
                $0.baselineValue = "12.000"
                $0.baselineDate = "2018-06-01"
            } == [FieldChange(field: "nulmeting", before: "12.500 op 2019-01-01", after: "12.000 op 2018-06-01")])
    }

    @Test func aChangedUnitShowsInTheFigures() throws {
        #expect(
            try changes { $0.unit = "euro" } == [
                FieldChange(field: "eenheid", before: "aantal", after: "euro"),
                FieldChange(field: "nulmeting", before: "12.500 op 2019-01-01", after: "€ 12.500 op 2019-01-01"),
                FieldChange(field: "streefwaarde", before: "15.000 op 2021-12-31", after: "€ 15.000 op 2021-12-31"),
            ])
    }

    @Test func changesAreSortedByField() throws {
        #expect(
            try changes {
                $0.name = "Passanten"
                $0.agreement = false
                $0.themeLines = ["A"]
            } == [
                FieldChange(field: "akkoord", before: "ja", after: "nee"),
                FieldChange(field: "naam", before: "Passanten op het Koopmansplein", after: "Passanten"),
                FieldChange(field: "themalijnen", before: "D, F", after: "A"),
            ])
    }

    @Test func everyFieldIsDescribedInDutch() throws {
        let changes = try changes {
            $0.key = "andere"
            $0.name = "Leegstand"
            $0.description = "Naar verkooppunten"
            $0.unit = "percent"
            $0.direction = "lower"
            $0.basis = "units"
            $0.group = "economic-health"
            $0.agreement = false
            $0.goal = "Convenant"
            $0.themeLines = ["A"]
            $0.source = "other"
            $0.computed = "vacancy-units"
            $0.owner = "Centrummanagement"
            $0.area = "assen"
            $0.referenceArea = "nederland"
            $0.baselineValue = "21,9"
            $0.baselineDate = "2018-01-01"
            $0.targetValue = "15"
            $0.targetDate = "2022-06-30"
            $0.note = nil
        }
        let expected = [
            FieldChange(field: "akkoord", before: "ja", after: "nee"),
            FieldChange(field: "basis", before: "—", after: "aantal verkooppunten"),
            FieldChange(field: "berekend", before: "nee", after: "ja: leegstand naar aantal verkooppunten"),
            FieldChange(field: "bron", before: "andere bron", after: "berekend uit het register"),
            FieldChange(field: "doel uit", before: "Economische agenda", after: "Convenant"),
            FieldChange(field: "eenheid", before: "aantal", after: "procent"),
            FieldChange(field: "eigenaar", before: "Gemeente Assen", after: "Centrummanagement"),
            FieldChange(field: "gebied", before: "binnenstad", after: "assen"),
            FieldChange(field: "groep", before: "Imago en beleving", after: "Economische gezondheid"),
            FieldChange(field: "naam", before: "Passanten op het Koopmansplein", after: "Leegstand"),
            FieldChange(field: "nulmeting", before: "12.500 op 2019-01-01", after: "21,9 % op 2018-01-01"),
            FieldChange(field: "omschrijving", before: "Geteld op zaterdag", after: "Naar verkooppunten"),
            FieldChange(field: "richting", before: "hoger is beter", after: "lager is beter"),
            FieldChange(field: "streefwaarde", before: "15.000 op 2021-12-31", after: "15,0 % op 2022-06-30"),
            FieldChange(field: "themalijnen", before: "D, F", after: "A"),
            FieldChange(field: "toelichting", before: "telling", after: ""),
            FieldChange(field: "vergelijkingsgebied", before: "drenthe", after: "nederland"),
        ]
        #expect(changes == expected)
        // The key is not a field that changes.
        #expect(!changes.map(\.field).contains("key"))
    }

    @Test func changesTheOtherWayRoundSwapBeforeAndAfter() throws {
        let old = try #require(validated(Self.before))
        let new = try #require(validated(Self.vacancy(), existingKey: "passanten-2019"))
        let forward = new.changes(from: old)
        let backward = old.changes(from: new)
        #expect(!forward.isEmpty)
        #expect(backward == forward.map { FieldChange(field: $0.field, before: $0.after, after: $0.before) })
    }
}

extension IndicatorInput {
    fileprivate func with(_ change: (inout IndicatorInput) -> Void) -> IndicatorInput {
        var copy = self
        change(&copy)
        return copy
    }
}
