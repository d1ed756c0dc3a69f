import Testing

@testable import StadshartCore

/// Random input, from a fixed seed so a failure can be replayed: every parser ends in a value or
/// a Dutch problem, never a crash; what Stadshart writes, it reads back unchanged.
@Suite("Parsers under random input")
struct ParserPropertyTests {
    /// SplitMix64: small, fast and the same on every machine.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "0", "1", "7", "9", "12", "2019", "-", "+", ",", ".", " ", "€", "€ ", ";", "\"", "\n", "\r\n", "\t", "e", "E",
        "1e309", "NaN", "inf", "ja", "nee", "2018-02-30", "31-12-2019", "1.000.000", "0,5", "é", "ß", "👩‍👩‍👧", "\u{00A0}",
        "\u{200B}", "sleutel", "straat", "P0001", "kernwinkelgebied", "detailhandel", "9401 AB", "=", "@", "%",
    ]

    static func text(_ generator: inout Generator, pieces count: Int) -> String {
        (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    @Test func numbersMoneyAndDaysEndInAValueOrNothing() {
        var generator = Generator(state: 20_261_130)
        for _ in 0..<5_000 {
            let text = Self.text(&generator, pieces: Int(generator.next() % 8) + 1)
            if let number = DutchNumber.parse(text) { #expect(number.isFinite, "\(text)") }
            if let cents = Money.parseCents(text) { #expect(cents >= 0 || text.contains("-"), "\(text)") }
            if let day = Day(parsing: text) { #expect(Day(parsing: day.description) == day, "\(text)") }
        }
    }

    @Test func whatIsWrittenIsReadBack() {
        var generator = Generator(state: 7)
        for _ in 0..<5_000 {
            let cents = Int64(generator.next() % 10_000_000_000)
            #expect(Money.parseCents(Money.format(cents: cents)) == cents)
            #expect(Money.parseCents(Money.formatPlain(cents: cents)) == cents)
            let value = Double(Int64(generator.next() % 2_000_000_000) - 1_000_000_000) / 1000
            #expect(DutchNumber.parse(DutchNumber.exact(value)) == value, "\(value)")
            let day = Day(
                year: 1900 + Int(generator.next() % 200), month: 1 + Int(generator.next() % 12),
                day: 1 + Int(generator.next() % 28))!
            #expect(Day(parsing: day.description) == day)
            #expect(Day(parsing: "\(day.day)-\(day.month)-\(day.year)") == day)
        }
    }

    @Test func csvImportsEndInRowsOrProblemsWithTheirLine() {
        var generator = Generator(state: 42)
        let headers = [
            PremisesCSV.header.joined(separator: ";"), BusinessCSV.header.joined(separator: ";"),
            ActionCSV.header.joined(separator: ";"), MeasurementCSV.header.joined(separator: ";"),
        ]
        for round in 0..<1_500 {
            let header = headers[round % headers.count]
            let lines = (0..<Int(generator.next() % 4)).map { _ in Self.text(&generator, pieces: 12) }
            let text = ([header] + lines).joined(separator: "\n")
            do {
                switch round % headers.count {
                case 0: _ = try PremisesCSV.read(text, zones: ["kernwinkelgebied"], owners: [])
                case 1: _ = try BusinessCSV.read(text, premisesKeys: ["P0001"])
                case 2: _ = try ActionCSV.read(from: text)
                default:
                    _ = try MeasurementCSV.read(
                        text, indicators: ["banen": IndicatorRules(key: "banen", unit: .count, basis: .none)],
                        areas: ["binnenstad"], existing: [:])
                }
            } catch {
                #expect(!error.problems.isEmpty)
                for problem in error.problems { #expect(!problem.message.isEmpty, "\(text)") }
            }
        }
    }
}
