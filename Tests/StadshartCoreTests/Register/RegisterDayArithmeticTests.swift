import Foundation
import Testing

@testable import StadshartCore

private func d(_ text: String) -> Day { Day(parsing: text)! }

@Suite("Register: day arithmetic")
struct RegisterDayArithmeticTests {
    @Test func ordinalCountsFrom1970() {
        #expect(d("1970-01-01").ordinal == 0)
        #expect(d("1970-01-02").ordinal == 1)
        #expect(d("1969-12-31").ordinal == -1)
        #expect(d("2000-01-01").ordinal == 10_957)
        #expect(d("1900-01-01").ordinal == -25_567)
    }

    @Test func differencesAcrossLeapDays() {
        #expect(d("2019-03-01") - d("2019-02-28") == 1)
        #expect(d("2020-03-01") - d("2020-02-28") == 2)
        #expect(d("2000-03-01") - d("2000-02-28") == 2)
        #expect(d("2100-03-01") - d("2100-02-28") == 1)
        #expect(d("1900-03-01") - d("1900-02-28") == 1)
        #expect(d("2020-01-01") - d("2019-01-01") == 365)
        #expect(d("2021-01-01") - d("2020-01-01") == 366)
        #expect(d("2018-01-01") - d("2018-03-01") == -59)
    }

    @Test func adding() {
        #expect(d("2020-02-28").adding(days: 1) == d("2020-02-29"))
        #expect(d("2020-03-01").adding(days: -1) == d("2020-02-29"))
        #expect(d("2019-02-28").adding(days: 1) == d("2019-03-01"))
        #expect(d("2019-12-31").adding(days: 1) == d("2020-01-01"))
        #expect(d("2019-01-01").adding(days: 365) == d("2020-01-01"))
        #expect(d("2019-06-15").adding(days: 0) == d("2019-06-15"))
    }

    @Test func anniversary() {
        #expect(d("2019-03-10").anniversary(years: 1) == d("2020-03-10"))
        #expect(d("2020-02-29").anniversary(years: 1) == d("2021-03-01"))
        #expect(d("2020-02-29").anniversary(years: 4) == d("2024-02-29"))
        #expect(d("2096-02-29").anniversary(years: 4) == d("2100-03-01"))
        #expect(d("2998-01-01").anniversary(years: 3) == nil)
    }

    /// Every day Day can hold, one after another: ordinals step by one and round-trip. Mismatches are
    /// collected so that 400,000 days cost one expectation, not 800,000.
    @Test func everyDayRoundTrips() {
        var day = d("1900-01-01")
        var ordinal = day.ordinal
        var wrong: [Day] = []
        let last = d("2999-12-31")
        while day < last {
            let next =
                Day(year: day.year, month: day.month, day: day.day + 1)
                ?? Day(year: day.year, month: day.month + 1, day: 1)
                ?? Day(year: day.year + 1, month: 1, day: 1)!
            if next.ordinal != ordinal + 1 || day.adding(days: 1) != next { wrong.append(day) }
            day = next
            ordinal += 1
        }
        #expect(wrong.isEmpty)
        #expect(d("2999-12-31") - d("1900-01-01") == 401_766)
    }

    @Test func agreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for text in ["1900-03-01", "1970-01-01", "2000-02-29", "2019-06-01", "2100-12-31", "2999-12-31"] {
            let day = d(text)
            let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            #expect(Int(date.timeIntervalSince1970 / 86_400) == day.ordinal)
        }
    }
}
