import Foundation

/// A time of day on the wall clock, "23:00": the quiet hour, an opening time.
public struct ClockTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0 up to 24 × 60 ("24:00", the end of the day).
    public let minutes: Int

    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        minutes = hour * 60 + minute
    }

    /// "23:00", "9:30" or "24:00", as the register writes opening hours.
    public init?(parsing text: String) {
        guard let minutes = CSVFile.minutes(text.trimmed) else { return nil }
        self.minutes = minutes
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// "09:30".
    public var description: String { CSVFile.clock(minutes) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "geen tijd: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Wall-clock time in the Netherlands, where every centre is: instants are stored in UTC and every rule
/// about days, weekends, hours and nights reads them in Europe/Amsterdam, with its daylight saving time.
public enum CentreTime {
    public static let timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The local calendar day of an instant.
    public static func day(of instant: Date) -> Day {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The local day and the minutes since its midnight (by the wall clock) of an instant.
    public static func local(_ instant: Date) -> (day: Day, minute: Int) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (Day(year: c.year!, month: c.month!, day: c.day!)!, c.hour! * 60 + c.minute!)
    }

    /// The instant of a wall-clock time on a local day. `minute` may pass 24 × 60 (the next day's early
    /// hours). A time that does not exist (02:30 when the clocks go forward) is the first instant after the
    /// gap; a time that occurs twice (02:30 when they go back) is the first of the two.
    public static func instant(_ day: Day, minute: Int = 0) -> Date {
        let date = day.adding(days: minute / (24 * 60))
        let rest = minute % (24 * 60)
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: rest / 60, minute: rest % 60)
        return calendar.date(from: components)!
    }

    /// Monday is 0, Sunday is 6. 1 January 1970, ordinal 0, was a Thursday.
    public static func weekdayIndex(of day: Day) -> Int {
        ((day.ordinal + 3) % 7 + 7) % 7
    }

    /// The Saturday of the weekend that `day` is part of; nil on weekdays.
    public static func weekend(of day: Day) -> Day? {
        switch weekdayIndex(of: day) {
        case 5: day
        case 6: day.adding(days: -1)
        default: nil
        }
    }

    static let weekdayNames = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    static let weekdayCodes = ["ma", "di", "wo", "do", "vr", "za", "zo"]

    /// "zaterdag 29 juni 2019".
    public static func dutchWithWeekday(_ day: Day) -> String {
        "\(weekdayNames[weekdayIndex(of: day)]) \(day.dutch)"
    }

    /// "29–30 juni 2019", "31 augustus – 1 september 2019", "31 december 2022 – 1 januari 2023".
    public static func dutchWeekend(_ saturday: Day) -> String {
        let sunday = saturday.adding(days: 1)
        if saturday.month == sunday.month { return "\(saturday.day)–\(sunday.dutch)" }
        if saturday.year == sunday.year {
            return "\(saturday.day) \(Day.dutchMonths[saturday.month - 1]) – \(sunday.dutch)"
        }
        return "\(saturday.dutch) – \(sunday.dutch)"
    }
}
