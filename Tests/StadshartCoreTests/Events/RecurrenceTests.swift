import Foundation
import Testing

@testable import StadshartCore

/// Expanding RRULEs on the wall clock of Europe/Amsterdam.
@Suite("Recurrence")
struct RecurrenceTests {
    static let zone = ICalZone.amsterdam

    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func day(_ text: String) -> Day {
        Day(parsing: text)!
    }

    static func local(_ day: String, _ hour: Int, _ minute: Int = 0) -> ICalLocalTime {
        ICalLocalTime(day: Self.day(day), hour: hour, minute: minute)!
    }

    static func window(_ from: String, _ to: String) -> Range<Date> {
        ICalZone.startOfDay(day(from), in: zone)..<ICalZone.startOfDay(day(to), in: zone)
    }

    /// The local start times, as "2019-03-26 08:00:00".
    static func starts(_ expansion: Recurrence.Expansion<Recurrence.Occurrence>) -> [String] {
        expansion.items.map { ICalLocalTime($0.start, in: zone)!.description }
    }

    @Test func aWeeklyMarketStaysAtEightAcrossTheClockChanges() {
        let rule = Recurrence(frequency: .weekly, byDay: [.init(.tuesday)])
        let expansion = rule.occurrences(
            startingAt: Self.local("2019-03-19", 8), duration: 5 * 3_600, in: Self.window("2019-03-01", "2019-04-10"),
            timeZone: Self.zone)
        #expect(
            Self.starts(expansion) == [
                "2019-03-19 08:00:00", "2019-03-26 08:00:00", "2019-04-02 08:00:00", "2019-04-09 08:00:00",
            ])
        // Before the change 08:00 is 07:00 UTC, after it 06:00 UTC.
        #expect(expansion.items[1].start == Self.instant("2019-03-26T07:00:00Z"))
        #expect(expansion.items[2].start == Self.instant("2019-04-02T06:00:00Z"))
        #expect(expansion.items.allSatisfy { $0.end.timeIntervalSince($0.start) == 5 * 3_600 })
        let autumn = rule.occurrences(
            startingAt: Self.local("2019-03-19", 8), duration: 3_600, in: Self.window("2019-10-20", "2019-11-01"),
            timeZone: Self.zone)
        #expect(
            autumn.items.map(\.start) == [Self.instant("2019-10-22T06:00:00Z"), Self.instant("2019-10-29T07:00:00Z")])
    }

    @Test func theLastSundayOfEachMonth() throws {
        let rule = try Recurrence(parsing: "FREQ=MONTHLY;BYDAY=-1SU")
        let expansion = rule.occurrences(
            firstDay: Self.day("2019-01-27"), length: 1, from: Self.day("2019-01-01"), through: Self.day("2019-12-31"))
        #expect(
            expansion.items.map(\.lowerBound.description) == [
                "2019-01-27", "2019-02-24", "2019-03-31", "2019-04-28", "2019-05-26", "2019-06-30", "2019-07-28",
                "2019-08-25", "2019-09-29", "2019-10-27", "2019-11-24", "2019-12-29",
            ])
        let firstSaturday = try Recurrence(parsing: "FREQ=MONTHLY;BYDAY=1SA;COUNT=3")
        #expect(
            firstSaturday.occurrences(
                firstDay: Self.day("2019-06-01"), length: 1, from: Self.day("2019-01-01"),
                through: Self.day("2020-12-31")
            ).items.map(\.lowerBound.description) == ["2019-06-01", "2019-07-06", "2019-08-03"])
    }

    @Test func yearlyRulesMatchTheEuropeanClockChanges() throws {
        // The VTIMEZONE the encoder writes says "last Sunday of October": check that against Foundation.
        let rule = try Recurrence(parsing: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        let days = rule.occurrences(
            firstDay: Self.day("1996-10-27"), length: 1, from: Self.day("2018-01-01"), through: Self.day("2025-12-31")
        ).items.map(\.lowerBound)
        #expect(days.count == 8)
        for day in days {
            let before = ICalLocalTime(day: day, hour: 1, minute: 0)!.instant(in: Self.zone)
            let after = ICalLocalTime(day: day, hour: 4, minute: 0)!.instant(in: Self.zone)
            #expect(Self.zone.secondsFromGMT(for: before) == 7_200, "\(day)")
            #expect(Self.zone.secondsFromGMT(for: after) == 3_600, "\(day)")
        }
    }

    @Test func countCountsBeforeExceptionsAndUntilIncludesItsBound() throws {
        let count = try Recurrence(parsing: "FREQ=DAILY;COUNT=5")
        let fromCount = count.occurrences(
            startingAt: Self.local("2019-06-10", 20), duration: 0, exceptions: [.time(Self.local("2019-06-12", 20))],
            in: Self.window("2019-01-01", "2020-01-01"), timeZone: Self.zone)
        #expect(
            Self.starts(fromCount) == [
                "2019-06-10 20:00:00", "2019-06-11 20:00:00", "2019-06-13 20:00:00", "2019-06-14 20:00:00",
            ])
        // UNTIL 14 June 18:00 UTC is 20:00 local: included.
        let until = try Recurrence(parsing: "FREQ=DAILY;UNTIL=20190614T180000Z")
        let fromUntil = until.occurrences(
            startingAt: Self.local("2019-06-10", 20), duration: 0, in: Self.window("2019-01-01", "2020-01-01"),
            timeZone: Self.zone)
        #expect(fromUntil.items.count == 5)
        #expect(Self.starts(fromUntil).last == "2019-06-14 20:00:00")
        // A day as UNTIL of an all-day rule, and an EXDATE day.
        let weekly = try Recurrence(parsing: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20190714")
        let weeks = weekly.occurrences(
            firstDay: Self.day("2019-06-02"), length: 2, exceptions: [.day(Self.day("2019-06-16"))],
            from: Self.day("2019-01-01"), through: Self.day("2019-12-31"))
        #expect(
            weeks.items.map(\.description) == [
                "2019-06-02...2019-06-03", "2019-06-30...2019-07-01", "2019-07-14...2019-07-15",
            ])
    }

    @Test func theStartAlwaysCountsAndTheWindowCutsOverlapping() throws {
        // DTSTART on a Wednesday with BYDAY=TU: the Wednesday is still the first occurrence.
        let rule = try Recurrence(parsing: "FREQ=WEEKLY;BYDAY=TU;COUNT=3")
        let expansion = rule.occurrences(
            startingAt: Self.local("2019-06-05", 8), duration: 3_600, in: Self.window("2019-01-01", "2020-01-01"),
            timeZone: Self.zone)
        #expect(Self.starts(expansion) == ["2019-06-05 08:00:00", "2019-06-11 08:00:00", "2019-06-18 08:00:00"])
        // A night event from 22:00 to 02:00 touches the window that starts at midnight.
        let nightly = Recurrence(frequency: .daily)
        let night = nightly.occurrences(
            startingAt: Self.local("2019-06-01", 22), duration: 4 * 3_600, in: Self.window("2019-06-05", "2019-06-06"),
            timeZone: Self.zone)
        #expect(Self.starts(night) == ["2019-06-04 22:00:00", "2019-06-05 22:00:00"])
    }

    @Test func lastWorkingDayWithSetPositionAndMonthDays() throws {
        let rule = try Recurrence(parsing: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4")
        #expect(
            rule.occurrences(
                firstDay: Self.day("2019-05-31"), length: 1, from: Self.day("2019-01-01"),
                through: Self.day("2019-12-31")
            ).items.map(\.lowerBound.description) == ["2019-05-31", "2019-06-28", "2019-07-31", "2019-08-30"])
        let monthDays = try Recurrence(parsing: "FREQ=MONTHLY;BYMONTHDAY=1,-1;BYMONTH=2,3")
        #expect(
            monthDays.occurrences(
                firstDay: Self.day("2020-02-01"), length: 1, from: Self.day("2020-01-01"),
                through: Self.day("2020-12-31")
            ).items.map(\.lowerBound.description) == ["2020-02-01", "2020-02-29", "2020-03-01", "2020-03-31"])
        // The 31st is skipped in months without one.
        let thirtyFirst = Recurrence(frequency: .monthly)
        #expect(
            thirtyFirst.occurrences(
                firstDay: Self.day("2019-01-31"), length: 1, from: Self.day("2019-01-01"),
                through: Self.day("2019-06-30")
            ).items.map(\.lowerBound.description) == ["2019-01-31", "2019-03-31", "2019-05-31"])
    }

    @Test func aTimeInTheSpringGapMovesAnHourOn() {
        let rule = Recurrence(frequency: .daily, count: 3)
        let expansion = rule.occurrences(
            startingAt: Self.local("2019-03-30", 2, 30), duration: 0, in: Self.window("2019-01-01", "2020-01-01"),
            timeZone: Self.zone)
        #expect(
            expansion.items.map(\.start) == [
                Self.instant("2019-03-30T01:30:00Z"), Self.instant("2019-03-31T01:30:00Z"),
                Self.instant("2019-04-01T00:30:00Z"),
            ])
    }

    @Test func farWindowsSkipTheYearsBefore() {
        let rule = Recurrence(frequency: .daily, interval: 3)
        let expansion = rule.occurrences(
            startingAt: Self.local("1990-01-01", 9), duration: 3_600, in: Self.window("2019-06-01", "2019-06-10"),
            timeZone: Self.zone)
        #expect(!expansion.isTruncated)
        #expect(expansion.items.count == 3)
        for item in expansion.items {
            let local = ICalLocalTime(item.start, in: Self.zone)!
            #expect(local.hour == 9)
            #expect((local.day - Self.day("1990-01-01")) % 3 == 0)
        }
    }

    @Test func expansionIsCapped() throws {
        let daily = Recurrence(frequency: .daily)
        let many = daily.occurrences(
            startingAt: Self.local("2019-01-01", 8), duration: 3_600, in: Self.window("2019-01-01", "2029-01-01"),
            timeZone: Self.zone)
        #expect(many.items.count == Recurrence.occurrenceLimit)
        #expect(many.isTruncated)
        // A rule that never matches (30 February) stops after `periodLimit` periods and says so.
        let never = try Recurrence(parsing: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
        let none = never.occurrences(
            firstDay: Self.day("2019-01-01"), length: 1, from: Self.day("2019-01-02"), through: Self.day("2999-12-31"))
        #expect(none.items.isEmpty)
        #expect(none.isTruncated)
        // A huge COUNT is counted from the start, but within the cap.
        let huge = try Recurrence(parsing: "FREQ=DAILY;COUNT=1000000")
        let late = huge.occurrences(
            startingAt: Self.local("1900-01-01", 8), duration: 0, in: Self.window("2999-01-01", "2999-12-31"),
            timeZone: Self.zone)
        #expect(late.items.isEmpty)
        #expect(late.isTruncated)
    }

    @Test func rulesAreReadAndWrittenBack() throws {
        let text = "FREQ=MONTHLY;INTERVAL=2;COUNT=6;BYDAY=1SA,-1SU;BYMONTHDAY=1,-1;BYMONTH=3,10;BYSETPOS=1;WKST=SU"
        let rule = try Recurrence(parsing: text)
        #expect(rule.rruleValue(allDay: false) == text)
        #expect(
            try Recurrence(parsing: "freq=weekly;byday=tu;x-name=1;").rruleValue(allDay: true) == "FREQ=WEEKLY;BYDAY=TU"
        )
        let floating = try Recurrence(parsing: "FREQ=DAILY;UNTIL=20190614T200000")
        #expect(floating.until == .instant(Self.instant("2019-06-14T18:00:00Z")))
        #expect(floating.rruleValue(allDay: false) == "FREQ=DAILY;UNTIL=20190614T180000Z")
        #expect(floating.rruleValue(allDay: true) == "FREQ=DAILY;UNTIL=20190614")
        #expect(
            Recurrence(frequency: .daily, until: .day(Self.day("2019-06-14"))).rruleValue(allDay: false)
                == "FREQ=DAILY;UNTIL=20190614T215959Z")
    }

    @Test func rulesItCannotExpandAreRefused() {
        let cases: [(String, String)] = [
            ("FREQ=HOURLY", "FREQ=HOURLY wordt niet ondersteund"),
            ("FREQ=FORTNIGHTLY", "FREQ 'FORTNIGHTLY' is onbekend"),
            ("BYDAY=MO", "FREQ ontbreekt"),
            ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY '1MO' met een nummer hoort alleen bij FREQ=MONTHLY of FREQ=YEARLY"),
            ("FREQ=DAILY;COUNT=3;UNTIL=20190101", "COUNT en UNTIL samen mag niet"),
            ("FREQ=DAILY;COUNT=0", "COUNT '0' is geen getal van 1 tot 1000000"),
            ("FREQ=DAILY;INTERVAL=-1", "INTERVAL '-1' is geen getal van 1 tot 10000"),
            ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY '32' is geen getal van -31 tot 31"),
            ("FREQ=YEARLY;BYMONTH=13", "BYMONTH '13' is geen getal van 1 tot 12"),
            ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY '0MO' is geen weekdag"),
            ("FREQ=MONTHLY;BYDAY=XX", "BYDAY 'XX' is geen weekdag"),
            ("FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO wordt niet ondersteund"),
            ("FREQ=DAILY;BYHOUR=8,9", "BYHOUR wordt niet ondersteund"),
            ("FREQ=DAILY;UNTIL=morgen", "UNTIL 'morgen' is geen datum of tijdstip"),
            ("FREQ=DAILY;FREQ=WEEKLY", "FREQ staat er twee keer in"),
            ("FREQ=DAILY;ONZIN=1", "'ONZIN' is onbekend"),
            ("FREQ=DAILY;COUNT", "'COUNT' is geen NAAM=WAARDE"),
        ]
        for (text, message) in cases {
            #expect(throws: RecurrenceError(message), "\(text)") { try Recurrence(parsing: text) }
        }
    }
}
