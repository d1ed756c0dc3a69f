/// Day arithmetic without Foundation's Calendar: a day is a count of days, so durations are exact and do
/// not depend on a time zone or on daylight saving.
extension Day {
    /// Days since 1 January 1970 (which is 0); negative before it. Proleptic Gregorian, so leap years follow
    /// the 4/100/400 rule (1900 and 2100 are common years, 2000 is a leap year).
    public var ordinal: Int {
        Day.ordinal(year: year, month: month, day: day)
    }

    /// The day `days` later (earlier when negative).
    ///
    /// Traps when the result falls outside 1900–2999, the days `Day` can represent, as integer overflow does:
    /// figures never need it, only callers that step through days.
    public func adding(days: Int) -> Day {
        let (y, m, d) = Day.civil(fromOrdinal: ordinal + days)
        guard let result = Day(year: y, month: m, day: d) else {
            preconditionFailure("\(self) + \(days) dagen valt buiten 1900–2999")
        }
        return result
    }

    /// The first and the last day of this day's month (the calendar page, "this month").
    public var firstOfMonth: Day { Day(year: year, month: month, day: 1)! }
    public var lastOfMonth: Day {
        let next = firstOfMonth.adding(days: 31)
        return Day(year: next.year, month: next.month, day: 1)!.adding(days: -1)
    }

    /// The number of days from `b` to `a`: positive when `a` is later.
    public static func - (a: Day, b: Day) -> Int {
        a.ordinal - b.ordinal
    }

    /// The same calendar date `years` later: how "one year vacant" is measured. 29 February goes to
    /// 1 March in a common year (the day after 28 February, so a year is never shorter than 365 days).
    /// Nil when that year is past 2999, a date no register date can reach.
    public func anniversary(years: Int) -> Day? {
        let target = year + years
        if let same = Day(year: target, month: month, day: day) { return same }
        guard month == 2, day == 29 else { return nil }
        return Day(year: target, month: 3, day: 1)
    }

    // Howard Hinnant's days_from_civil: March-based years put the leap day at the end of a year.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    // Howard Hinnant's civil_from_days, the inverse of `ordinal(year:month:day:)`.
    static func civil(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
