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
    /// hours). A time that does not exist (02:30 when the clocks go forward) moves on by the gap's hour
    /// (03:30 summer time); a time that occurs twice (02:30 when they go back) is the first of the two.
    public static func instant(_ day: Day, minute: Int = 0) -> Date {
        let date = day.adding(days: minute / (24 * 60))
        let rest = minute % (24 * 60)
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: rest / 60, minute: rest % 60)
        return calendar.date(from: components)!
    }

    /// A moment written as an ISO 8601 date-time: "2019-06-24T11:00" (or with seconds, or a space for the
    /// "T") on the centre's wall clock, or with its offset, "2019-06-24T09:00:00Z", "2019-06-24T11:00+02:00".
    /// A local time that does not exist or occurs twice is read as `instant(_:minute:)` reads it. Nil when
    /// the text is not such a moment.
    public static func moment(parsing text: String) -> Date? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces))
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, chars[range].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            return Int(String(chars[range]))
        }
        guard chars.count >= 16, chars[4] == "-", chars[7] == "-", ["T", "t", " "].contains(chars[10]),
            chars[13] == ":", let day = Day(parsing: String(chars[0..<10])), let hour = number(11..<13),
            let minute = number(14..<16), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var seconds = 0.0
        if index < chars.count, chars[index] == ":" {
            guard let whole = number(17..<19), whole < 60 else { return nil }
            seconds = Double(whole)
            index = 19
            if index < chars.count, chars[index] == "." || chars[index] == "," {
                var end = index + 1
                while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
                guard end > index + 1, let fraction = Double("0." + String(chars[(index + 1)..<end])) else {
                    return nil
                }
                seconds += fraction
                index = end
            }
        }
        let zone = String(chars[index...])
        if zone.isEmpty { return instant(day, minute: hour * 60 + minute).addingTimeInterval(seconds) }
        var offset = 0
        if zone != "Z" && zone != "z" {
            // +HH, +HHMM or +HH:MM (and the same with -).
            let parts = Array(zone.dropFirst())
            let digits = parts.count == 5 && parts[2] == ":" ? Array(parts[0..<2] + parts[3..<5]) : parts
            guard let sign = zone.first, sign == "+" || sign == "-", digits.count == 2 || digits.count == 4,
                digits.allSatisfy({ $0.isASCII && $0.isNumber }), let hours = Int(String(digits[0..<2])),
                let minutes = digits.count == 4 ? Int(String(digits[2..<4])) : 0, hours <= 14, minutes < 60
            else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let utc = Double(day.ordinal * 86_400 + hour * 3600 + minute * 60 - offset) + seconds
        return Date(timeIntervalSince1970: utc)
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
