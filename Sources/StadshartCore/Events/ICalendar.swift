import Foundation

/// One event as an iCalendar feed (RFC 5545) carries it: what Stadshart publishes and what it reads from
/// regional calendars. It is the feed's view of an event, not the centre's own `Event` record.
public struct ICalEvent: Hashable, Sendable {
    /// Stable across versions of the feed: re-import matches on it.
    public var uid: String
    /// Set on an override of one instance of a recurring event (RECURRENCE-ID): the start of the instance it
    /// replaces, in `timeZone`. The parser reports overrides as separate events keyed by `uid` plus this value;
    /// the recurring event itself keeps its rule, so whoever expands it should skip these starts too
    /// (see `occurrences(from:through:alsoExcluding:)`).
    public var recurrenceID: ICalDateOrTime?
    /// Raised on every change; on re-import the higher one wins.
    public var sequence: Int
    public var summary: String
    public var description: String
    public var location: String
    public var url: String?
    public var categories: [String]
    public var status: ICalStatus
    /// Start and end: timed (instants) or all-day (days, the last one included).
    public var time: ICalEventTime
    public var recurrence: Recurrence?
    /// EXDATE: starts the recurrence skips, as wall-clock times in `timeZone` (timed events) or days.
    public var exceptions: [ICalDateOrTime]
    public var lastModified: Date?
    /// The zone the event's wall-clock times are in, and in which its recurrence is expanded: the resolved
    /// TZID, UTC for times written with `Z`, Europe/Amsterdam for floating times and all-day events.
    public var timeZone: TimeZone
    /// The TZID parameter of DTSTART exactly as the feed wrote it (nil when there was none).
    public var timeZoneID: String?

    public init(
        uid: String, recurrenceID: ICalDateOrTime? = nil, sequence: Int = 0, summary: String,
        description: String = "", location: String = "", url: String? = nil, categories: [String] = [],
        status: ICalStatus = .confirmed, time: ICalEventTime, recurrence: Recurrence? = nil,
        exceptions: [ICalDateOrTime] = [], lastModified: Date? = nil, timeZone: TimeZone = ICalZone.amsterdam,
        timeZoneID: String? = nil
    ) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.sequence = sequence
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories
        self.status = status
        self.time = time
        self.recurrence = recurrence
        self.exceptions = exceptions
        self.lastModified = lastModified
        self.timeZone = timeZone
        self.timeZoneID = timeZoneID
    }

    /// The event's occurrences that touch the days `first` through `last` (days in Europe/Amsterdam): the
    /// event itself when it does not recur, else the expansion of its rule without `exceptions` and
    /// `extraExceptions` (pass the `recurrenceID`s of this event's overrides there). Capped as
    /// `Recurrence.occurrences` is.
    public func occurrences(
        from first: Day, through last: Day, alsoExcluding extraExceptions: [ICalDateOrTime] = []
    ) -> Recurrence.Expansion<ICalEventTime> {
        guard first <= last else { return Recurrence.Expansion(items: [], isTruncated: false) }
        let skipped = exceptions + extraExceptions
        switch time {
        case .allDay(let firstDay, let lastDay):
            guard let recurrence else {
                let touches = firstDay <= last && lastDay >= first
                return Recurrence.Expansion(items: touches ? [time] : [], isTruncated: false)
            }
            let expansion = recurrence.occurrences(
                firstDay: firstDay, length: (lastDay - firstDay) + 1, exceptions: skipped, from: first,
                through: last, timeZone: timeZone)
            return Recurrence.Expansion(
                items: expansion.items.map { .allDay(first: $0.lowerBound, last: $0.upperBound) },
                isTruncated: expansion.isTruncated)
        case .timed(let start, let end):
            let window =
                ICalZone.startOfDay(
                    first, in: ICalZone.amsterdam)..<ICalZone.startOfNextDay(
                    last, in: ICalZone.amsterdam)
            guard let recurrence, let local = ICalLocalTime(start, in: timeZone) else {
                let touches = start < window.upperBound && (end > window.lowerBound || start >= window.lowerBound)
                return Recurrence.Expansion(items: touches ? [time] : [], isTruncated: false)
            }
            let expansion = recurrence.occurrences(
                startingAt: local, duration: end.timeIntervalSince(start), exceptions: skipped, in: window,
                timeZone: timeZone)
            return Recurrence.Expansion(
                items: expansion.items.map { .timed(start: $0.start, end: $0.end) },
                isTruncated: expansion.isTruncated)
        }
    }
}

/// When an event takes place.
public enum ICalEventTime: Hashable, Sendable {
    /// From one instant to another (DTSTART/DTEND with a time).
    case timed(start: Date, end: Date)
    /// Whole days, `last` included (in the feed DTEND is the day after `last`).
    case allDay(first: Day, last: Day)
}

/// STATUS of a VEVENT.
public enum ICalStatus: String, Hashable, Sendable, CaseIterable {
    case confirmed = "CONFIRMED"
    case tentative = "TENTATIVE"
    case cancelled = "CANCELLED"
}

/// A day, or a wall-clock time in an event's zone: how EXDATE and RECURRENCE-ID name an instance.
public enum ICalDateOrTime: Hashable, Sendable, Comparable {
    case day(Day)
    case time(ICalLocalTime)

    public var day: Day {
        switch self {
        case .day(let day): return day
        case .time(let time): return time.day
        }
    }
}

/// The calendar a feed holds: its name (X-WR-CALNAME or NAME) and its events, in feed order.
public struct ICalCalendar: Hashable, Sendable {
    public var name: String?
    public var events: [ICalEvent]

    public init(name: String?, events: [ICalEvent]) {
        self.name = name
        self.events = events
    }
}

/// A wall-clock time: a day and a time of day, in no zone until one is given. "Every Tuesday at 08:00" is
/// counted in these, so the market stays at 08:00 when the clocks change.
public struct ICalLocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let day: Day
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(day: Day, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock time that `instant` shows in `zone`; nil outside the years `Day` covers.
    public init?(_ instant: Date, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        self.init(wallSeconds: seconds)
    }

    init?(wallSeconds: Int) {
        let days = wallSeconds >= 0 ? wallSeconds / 86_400 : -((-wallSeconds + 86_399) / 86_400)
        let rest = wallSeconds - days * 86_400
        guard let day = ICalZone.day(ordinal: days) else { return nil }
        self.init(day: day, hour: rest / 3_600, minute: rest % 3_600 / 60, second: rest % 60)
    }

    /// Seconds from 1970-01-01 00:00:00 to this time on the same wall clock, as if the zone were UTC.
    var wallSeconds: Int {
        day.ordinal * 86_400 + secondOfDay
    }

    var secondOfDay: Int {
        hour * 3_600 + minute * 60 + second
    }

    /// The instant this wall-clock time names in `zone`, as RFC 5545 (3.3.5) reads it: a time that occurs
    /// twice (the night the clocks go back) is the first of the two; a time that does not exist (the night
    /// they go forward) is read with the offset from before the gap, so 02:30 becomes 03:30 summer time.
    public func instant(in zone: TimeZone) -> Date {
        let wall = Double(wallSeconds)
        var candidates: [Double] = []
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: probe))
            let instant = wall - Double(offset)
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)) == offset {
                candidates.append(instant)
            }
        }
        if let first = candidates.min() { return Date(timeIntervalSince1970: first) }
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400))
        return Date(timeIntervalSince1970: wall - Double(before))
    }

    public static func < (lhs: ICalLocalTime, rhs: ICalLocalTime) -> Bool {
        lhs.wallSeconds < rhs.wallSeconds
    }

    /// "2019-06-15 14:00:00".
    public var description: String {
        "\(day) \(Day.pad(hour)):\(Day.pad(minute)):\(Day.pad(second))"
    }
}

/// The time zones a feed may name.
public enum ICalZone {
    /// Europe/Amsterdam: where every centre is, what Stadshart writes, and how floating times are read.
    public static let amsterdam = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
    public static let utc = TimeZone(identifier: "UTC") ?? .gmt

    /// Windows (Outlook, Exchange) names that feeds put in TZID, mapped to IANA names.
    static let windowsNames: [String: String] = [
        "W. Europe Standard Time": "Europe/Amsterdam",
        "Romance Standard Time": "Europe/Paris",
        "Central Europe Standard Time": "Europe/Budapest",
        "Central European Standard Time": "Europe/Warsaw",
        "GMT Standard Time": "Europe/London",
        "Greenwich Standard Time": "Atlantic/Reykjavik",
        "UTC": "UTC",
        "Coordinated Universal Time": "UTC",
        "E. Europe Standard Time": "Europe/Chisinau",
        "FLE Standard Time": "Europe/Helsinki",
        "GTB Standard Time": "Europe/Athens",
        "Eastern Standard Time": "America/New_York",
        "Pacific Standard Time": "America/Los_Angeles",
    ]

    /// The zone a TZID names, or nil when Foundation does not know it. Accepts IANA names
    /// ("Europe/Amsterdam"), the Windows names Outlook writes ("W. Europe Standard Time"), prefixed IANA
    /// names ("/mozilla.org/20050126_1/Europe/Amsterdam") and Outlook's display names that mention
    /// Amsterdam ("(UTC+01:00) Amsterdam, Berlijn, Bern, Rome, Stockholm, Wenen").
    public static func resolve(_ tzid: String) -> TimeZone? {
        let name = tzid.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        if let mapped = windowsNames[name] { return TimeZone(identifier: mapped) }
        if name.contains("/"), !name.hasPrefix("/"), let zone = TimeZone(identifier: name) { return zone }
        if name == "Z" || name == "GMT" { return utc }
        let parts = name.split(separator: "/")
        if parts.count > 2 {
            for take in [3, 2] where parts.count >= take {
                let suffix = parts.suffix(take).joined(separator: "/")
                if let zone = TimeZone(identifier: suffix) { return zone }
            }
        }
        if name.contains("Amsterdam") { return amsterdam }
        return nil
    }

    /// The day with this ordinal (days since 1970-01-01), or nil outside the years `Day` covers.
    static func day(ordinal: Int) -> Day? {
        guard (-25_567...376_199).contains(ordinal) else { return nil }
        let civil = Day.civil(fromOrdinal: ordinal)
        return Day(year: civil.year, month: civil.month, day: civil.day)
    }

    /// Midnight at the start of `day` in `zone`.
    static func startOfDay(_ day: Day, in zone: TimeZone) -> Date {
        ICalLocalTime(day: day, hour: 0, minute: 0)!.instant(in: zone)
    }

    /// Midnight at the end of `day` in `zone` (the start of the next day).
    static func startOfNextDay(_ day: Day, in zone: TimeZone) -> Date {
        if let next = Self.day(ordinal: day.ordinal + 1) { return startOfDay(next, in: zone) }
        return startOfDay(day, in: zone).addingTimeInterval(86_400)
    }
}
