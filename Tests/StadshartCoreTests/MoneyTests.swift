import Testing

@testable import StadshartCore

@Suite("Money")
struct MoneyTests {
    @Test(
        "parseCents accepts Dutch and international notation",
        arguments: [
            ("€ 10.000,50", Int64(1_000_050)),
            ("10000.50", 1_000_050),
            ("10.000", 1_000_000),
            ("10,000", 1_000_000),
            ("1,5", 150),
            ("1.5", 150),
            ("0", 0),
            ("€ 0,00", 0),
            ("10.000,-", 1_000_000),
            ("10.000.-", 1_000_000),
            ("1.000.000", 100_000_000),
            ("1,000,000.00", 100_000_000),
            ("10,000.50", 1_000_050),
            ("-5", -500),
            ("€ -5", -500),
            ("€10", 1_000),
            ("EUR 10", 1_000),
            ("eur 2,50", 250),
            ("  10 000  ", 1_000_000),
            ("10\u{00A0}000,00", 1_000_000),
            ("€\u{00A0}7,05", 705),
            ("1.234,5", 123_450),
            ("0,05", 5),
            ("1.500", 150_000),
            ("1.50", 150),
            ("999999999999999", 99_999_999_999_999_900),
        ])
    func parses(text: String, cents: Int64) {
        #expect(Money.parseCents(text) == cents)
    }

    @Test(
        "parseCents rejects what is not an amount",
        arguments: [
            "abc", "", "   ", "€", "-", ",-", "1,2,3,4", "10.00.0", "1,234.5.6", "10.000,500", "1.0000",
            ".5", "5.", "1,,000", "10000,000", "1.2.3", "12a", "€ 1O,00", "--5", "1e5", "+5",
            "1000000000000000",  // 16 digits of euros
            "١٢",  // non-ASCII digits
        ])
    func rejects(text: String) {
        #expect(Money.parseCents(text) == nil)
    }

    @Test func formatUsesDutchGroupingAndTwoDecimals() {
        #expect(Money.format(cents: 1_000_000) == "€ 10.000,00")
        #expect(Money.format(cents: 5) == "€ 0,05")
        #expect(Money.format(cents: 0) == "€ 0,00")
        #expect(Money.format(cents: 99) == "€ 0,99")
        #expect(Money.format(cents: 100) == "€ 1,00")
        #expect(Money.format(cents: 1_000_050) == "€ 10.000,50")
        #expect(Money.format(cents: 99_999) == "€ 999,99")
        #expect(Money.format(cents: 100_000) == "€ 1.000,00")
        #expect(Money.format(cents: 123_456_789) == "€ 1.234.567,89")
        #expect(Money.format(cents: -150) == "-€ 1,50")
        #expect(Money.format(cents: -1_000_000) == "-€ 10.000,00")
    }

    @Test func formatPlainLeavesOutTheEuroSign() {
        #expect(Money.formatPlain(cents: 1_000_000) == "10.000,00")
        #expect(Money.formatPlain(cents: 5) == "0,05")
        #expect(Money.formatPlain(cents: -150) == "-1,50")
    }

    @Test(
        "parse(format(x)) == x",
        arguments: [
            Int64(0), 1, 5, 10, 99, 100, 150, 99_999, 100_000, 1_000_000, 1_000_050, 123_456_789,
            100_000_000_000_00,
        ])
    func roundTrip(cents: Int64) {
        #expect(Money.parseCents(Money.format(cents: cents)) == cents)
        #expect(Money.parseCents(Money.formatPlain(cents: cents)) == cents)
    }

    @Test("negative amounts round-trip through formatPlain", arguments: [Int64(-5), -150, -1_000_000])
    func negativeRoundTripPlain(cents: Int64) {
        #expect(Money.parseCents(Money.formatPlain(cents: cents)) == cents)
    }

    /// `format` writes negatives as "-€ 1,50"; parseCents should read its own output back.
    @Test("negative amounts round-trip through format", arguments: [Int64(-5), -150, -1_000_000])
    func negativeRoundTrip(cents: Int64) {
        #expect(Money.parseCents(Money.format(cents: cents)) == cents)
    }

    @Test func groupThousands() {
        #expect(Money.groupThousands(0) == "0")
        #expect(Money.groupThousands(999) == "999")
        #expect(Money.groupThousands(1000) == "1.000")
        #expect(Money.groupThousands(1_234_567) == "1.234.567")
        #expect(Money.groupThousands(100_000) == "100.000")
    }
}
