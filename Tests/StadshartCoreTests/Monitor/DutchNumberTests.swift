import Testing

@testable import StadshartCore

@Suite("Monitor: Dutch numbers")
struct DutchNumberTests {
    // MARK: Parsing

    @Test(
        "reads numbers written the Dutch way, and plain decimal points",
        arguments: [
            ("21,9", 21.9),  // comma is the decimal mark
            ("21.9", 21.9),  // one digit after the dot: a decimal point
            ("3.800", 3800.0),  // a dot and exactly three digits: thousands
            ("3.800,5", 3800.5),  // thousands dot and decimal comma
            ("7.5", 7.5),
            ("-0,5", -0.5),
            ("1.234", 1234.0),  // dot + three digits reads as thousands, not 1.234
            ("1,234", 1.234),  // with a comma the comma is always the decimal mark
            ("0", 0.0),
            ("3800", 3800.0),
            ("1234,5", 1234.5),  // no grouping at all is fine too
            ("1.234.567", 1_234_567.0),  // 1 | 234 | 567
            ("12.345.678,9", 12_345_678.9),
            ("1.23", 1.23),  // two digits after the dot: decimal
            ("12.3456", 12.3456),  // four digits after the dot: decimal
            ("-1.234", -1234.0),
            (" 3 800 ", 3800.0),  // spaces (also between thousands) are ignored
            ("0,05", 0.05),
        ])
    func parses(text: String, value: Double) {
        #expect(DutchNumber.parse(text) == value)
    }

    @Test(
        "refuses what is not one number",
        arguments: [
            "", " ", "abc", "-", "--5", "+5", "1,2,3", "1.23.4", "12.34,5", ",5", "5,", ".5", "5.", "1e5", "inf",
            "nan", "1.2345,6",  // a thousands group of four before a decimal comma
            "1.000.0",  // last group not three digits
            "1234.567",  // neither a decimal (three digits after) nor valid grouping (four before)
            "3,800.5",  // English grouping: a dot after the decimal comma
            "٣٨",  // Arabic-Indic digits
            "12-5",
        ])
    func refuses(text: String) {
        #expect(DutchNumber.parse(text) == nil)
    }

    /// "0.500" cannot be thousands (a number never starts with a group "0"), so the dot is a decimal point.
    @Test func aLeadingZeroGroupIsADecimal() {
        #expect(DutchNumber.parse("0.500") == 0.5)  // 500 / 1000
        #expect(DutchNumber.parse("-0.125") == -0.125)
        #expect(DutchNumber.parse("0.500.000") == nil)  // neither thousands nor one decimal point
        #expect(DutchNumber.parse("0.500,5") == nil)  // a grouped number does not start with "0."
    }

    // MARK: Formatting

    @Test func groupsThousandsWithDots() {
        #expect(DutchNumber.format(0, decimals: 0) == "0")
        #expect(DutchNumber.format(999, decimals: 0) == "999")
        #expect(DutchNumber.format(1000, decimals: 0) == "1.000")
        #expect(DutchNumber.format(3800, decimals: 0) == "3.800")
        #expect(DutchNumber.format(100_000, decimals: 0) == "100.000")
        #expect(DutchNumber.format(1_000_000, decimals: 0) == "1.000.000")
        // 1234567.891 × 100 = 123456789.1 → 123456789 → 1.234.567 and ,89
        #expect(DutchNumber.format(1_234_567.891, decimals: 2) == "1.234.567,89")
        #expect(DutchNumber.format(3800.5, decimals: 1) == "3.800,5")
    }

    @Test func decimalsAreAlwaysWritten() {
        #expect(DutchNumber.format(21.9, decimals: 1) == "21,9")
        #expect(DutchNumber.format(8, decimals: 1) == "8,0")
        #expect(DutchNumber.format(0.05, decimals: 2) == "0,05")  // 5 hundredths: the leading zero stays
        #expect(DutchNumber.format(2.5, decimals: 3) == "2,500")
    }

    /// Halves chosen to be exact in binary, so the tie is a real tie.
    @Test func roundsHalfAwayFromZero() {
        #expect(DutchNumber.format(2.5, decimals: 0) == "3")  // 2.5 → 3, not 2 (banker's)
        #expect(DutchNumber.format(3.5, decimals: 0) == "4")
        #expect(DutchNumber.format(-2.5, decimals: 0) == "-3")  // away from zero, also below zero
        #expect(DutchNumber.format(0.25, decimals: 1) == "0,3")  // 2.5 tenths → 3 tenths
        #expect(DutchNumber.format(-0.25, decimals: 1) == "-0,3")
        #expect(DutchNumber.format(0.125, decimals: 2) == "0,13")  // 12.5 hundredths → 13
        #expect(DutchNumber.format(1.24, decimals: 1) == "1,2")  // 12.4 tenths → 12
        #expect(DutchNumber.format(999.5, decimals: 0) == "1.000")  // the rounding carries into a new group
    }

    @Test func negatives() {
        #expect(DutchNumber.format(-0.5, decimals: 1) == "-0,5")
        #expect(DutchNumber.format(-1234.5, decimals: 1) == "-1.234,5")
        #expect(DutchNumber.format(-3800, decimals: 0) == "-3.800")
        // -0.04 rounds to zero tenths: no "-0,0"
        #expect(DutchNumber.format(-0.04, decimals: 1) == "0,0")
        #expect(DutchNumber.format(-0.0, decimals: 0) == "0")
    }

    @Test func notANumberIsADash() {
        #expect(DutchNumber.format(.nan, decimals: 1) == "—")
        #expect(DutchNumber.format(.infinity, decimals: 0) == "—")
        #expect(DutchNumber.format(-.infinity, decimals: 0) == "—")
        #expect(DutchNumber.format(1e300, decimals: 0) == "—")  // finite, but no Int holds it
    }

    @Test func decimalsAreClampedToZeroThroughSix() {
        #expect(DutchNumber.format(1.5, decimals: -1) == "2")  // as 0 decimals
        #expect(DutchNumber.format(0.5, decimals: 9) == "0,500000")  // as 6 decimals
    }

    @Test func wholeNumbers() {
        #expect(DutchNumber.isWhole(3800))
        #expect(DutchNumber.isWhole(-2))
        #expect(!DutchNumber.isWhole(3800.5))
        #expect(!DutchNumber.isWhole(.nan))
        #expect(!DutchNumber.isWhole(.infinity))
    }

    @Test(
        "format then parse gives the value back",
        arguments: [0.0, 21.9, -0.5, 3800, 3800.5, 1_234_567.25, 0.05])
    func roundTrip(value: Double) {
        #expect(DutchNumber.parse(DutchNumber.format(value, decimals: 2)) == value)
    }
}

@Suite("Monitor: indicator units")
struct IndicatorUnitTests {
    func parsed(_ unit: IndicatorUnit, _ text: String) -> Double? {
        try? unit.parse(text).get()
    }

    func problem(_ unit: IndicatorUnit, _ text: String) -> FieldProblem? {
        if case .failure(let problem) = unit.parse(text) { return problem }
        return nil
    }

    @Test func format() {
        #expect(IndicatorUnit.count.format(3800) == "3.800")  // whole: no decimals
        #expect(IndicatorUnit.count.format(3800.5) == "3.800,5")  // not whole: one decimal
        #expect(IndicatorUnit.count.format(12.25) == "12,3")  // 122.5 tenths → 123
        #expect(IndicatorUnit.percent.format(21.9) == "21,9 %")
        #expect(IndicatorUnit.percent.format(8) == "8,0 %")  // a percentage always has one decimal
        #expect(IndicatorUnit.score.format(7) == "7,0")
        #expect(IndicatorUnit.score.format(7.25) == "7,3")  // 72.5 tenths → 73
        #expect(IndicatorUnit.rank.format(25) == "25e")
        #expect(IndicatorUnit.rank.format(1234) == "1.234e")
        #expect(IndicatorUnit.euro.format(1250) == "€ 1.250")  // whole euros: no cents
        #expect(IndicatorUnit.euro.format(1250.5) == "€ 1.250,50")  // otherwise two decimals
        #expect(IndicatorUnit.euro.format(-3.25) == "€ -3,25")
    }

    @Test(arguments: IndicatorUnit.allCases)
    func notANumberIsJustADash(unit: IndicatorUnit) {
        #expect(unit.format(.nan) == "—")
    }

    @Test func parsesWithAndWithoutSigns() {
        #expect(parsed(.percent, "21,9") == 21.9)
        #expect(parsed(.percent, "21.9 %") == 21.9)
        #expect(parsed(.percent, "21,9%") == 21.9)
        #expect(parsed(.count, "3.800") == 3800)
        #expect(parsed(.count, " 3800 ") == 3800)
        #expect(parsed(.count, "3,5") == 3.5)  // a count may be fractional (fte)
        #expect(parsed(.score, "7,1") == 7.1)
        #expect(parsed(.rank, "25e") == 25)
        #expect(parsed(.rank, "25") == 25)
        #expect(parsed(.rank, "1.000e") == 1000)
        #expect(parsed(.euro, "€ 1.250") == 1250)
        #expect(parsed(.euro, "€1.250,50") == 1250.5)
        #expect(parsed(.euro, "1.250 €") == 1250)
        #expect(parsed(.euro, "-50") == -50)  // a sum of money may be negative
        #expect(parsed(.euro, "€ -50") == -50)
    }

    @Test func rangeLimitsAreInclusive() {
        #expect(parsed(.percent, "0") == 0)
        #expect(parsed(.percent, "100") == 100)
        #expect(parsed(.score, "0") == 0)
        #expect(parsed(.score, "10") == 10)
        #expect(parsed(.rank, "1") == 1)
        #expect(parsed(.count, "0") == 0)
    }

    @Test func outOfRange() {
        let percent = "een percentage ligt tussen 0 en 100"
        #expect(problem(.percent, "100,1") == FieldProblem(field: "waarde", message: percent))
        #expect(problem(.percent, "-0,1") == FieldProblem(field: "waarde", message: percent))
        #expect(problem(.percent, "101 %") == FieldProblem(field: "waarde", message: percent))
        let score = "een rapportcijfer ligt tussen 0 en 10"
        #expect(problem(.score, "10,5") == FieldProblem(field: "waarde", message: score))
        #expect(problem(.score, "-0,5") == FieldProblem(field: "waarde", message: score))
        let rank = "een positie is een heel getal vanaf 1"
        #expect(problem(.rank, "0") == FieldProblem(field: "waarde", message: rank))
        #expect(problem(.rank, "2,5") == FieldProblem(field: "waarde", message: rank))
        #expect(problem(.rank, "-3e") == FieldProblem(field: "waarde", message: rank))
        #expect(problem(.count, "-1") == FieldProblem(field: "waarde", message: "een aantal is niet negatief"))
    }

    @Test func notANumber() {
        #expect(
            problem(.percent, " abc ") == FieldProblem(field: "waarde", message: "'abc' is geen getal (bijv. 21,9)"))
        #expect(problem(.count, "") == FieldProblem(field: "waarde", message: "'' is geen getal (bijv. 21,9)"))
        #expect(problem(.euro, "€") != nil)
        #expect(problem(.percent, "%") != nil)
    }

    /// A sign belongs to its own unit: "50 %" typed for a count, or "€ 5" for a percentage, is a mistake,
    /// and an "e" is only the rank suffix, not a letter to drop anywhere ("1e2" is not 12).
    @Test func signsOfAnotherUnitAreRefused() {
        #expect(parsed(.count, "50 %") == nil)
        #expect(parsed(.count, "€ 50") == nil)
        #expect(parsed(.percent, "€ 5") == nil)
        #expect(parsed(.euro, "5 %") == nil)
        #expect(parsed(.percent, "1e2") == nil)
        #expect(parsed(.score, "7e") == nil)
        #expect(parsed(.rank, "2e5") == nil)
        #expect(parsed(.rank, "e25") == nil)
        #expect(parsed(.euro, "1e3") == nil)
    }

    @Test(
        "what format writes, parse reads back",
        arguments: [
            (IndicatorUnit.count, 3800.0), (.count, 12.5), (.percent, 21.9), (.percent, 100), (.score, 7.1),
            (.rank, 25), (.rank, 1234), (.euro, 1250), (.euro, 1250.5), (.euro, -3.25),
        ])
    func roundTrip(unit: IndicatorUnit, value: Double) {
        #expect(parsed(unit, unit.format(value)) == value)
    }
}
