import Foundation

/// A recurrence rule (RRULE, RFC 5545 3.3.10), the part of it Stadshart supports: FREQ DAILY, WEEKLY,
/// MONTHLY or YEARLY, with INTERVAL, COUNT or UNTIL, BYDAY (with ordinals such as `1SA` or `-1SU` for MONTHLY
/// and YEARLY), BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Occurrences are counted on the wall clock of the
/// event's zone, so a weekly market at 08:00 stays at 08:00 when the clocks change.
public struct Recurrence: Hashable, Sendable {
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    public enum Weekday: Int, Hashable, Sendable, CaseIterable {
        case monday = 0
        case tuesday, wednesday, thursday, friday, saturday, sunday

        /// "MO", "TU", …
        public var code: String {
            ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue]
        }

        public init?(code: String) {
            guard let index = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].firstIndex(of: code.uppercased())
            else { return nil }
            self.init(rawValue: index)
        }

        public init(of day: Day) {
            // 1 January 1970 (ordinal 0) was a Thursday.
            let index = ((day.ordinal + 3) % 7 + 7) % 7
            self = Weekday(rawValue: index)!
        }
    }

    /// One BYDAY entry: every such weekday (`ordinal` nil), or the n-th of the month or year (`1SA`, `-1SU`).
    public struct WeekdayRule: Hashable, Sendable, CustomStringConvertible {
        public var ordinal: Int?
        public var weekday: Weekday

        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        public var description: String {
            (ordinal.map(String.init) ?? "") + weekday.code
        }
    }

    /// UNTIL: a day (for all-day events, or a day given for timed ones) or an instant. Both include the bound.
    public enum Until: Hashable, Sendable {
        case day(Day)
        case instant(Date)
    }

    /// The result of an expansion: the occurrences, and whether a cap cut it short.
    public struct Expansion<Item: Hashable & Sendable>: Hashable, Sendable {
        public var items: [Item]
        /// True when `occurrenceLimit` or `periodLimit` stopped the expansion before the window's end.
        public var isTruncated: Bool

        public init(items: [Item], isTruncated: Bool) {
            self.items = items
            self.isTruncated = isTruncated
        }
    }

    /// One occurrence of a timed event.
    public struct Occurrence: Hashable, Sendable {
        public var start: Date
        public var end: Date
    }

    public var frequency: Frequency
    public var interval: Int
    public var count: Int?
    public var until: Until?
    public var byDay: [WeekdayRule]
    public var byMonthDay: [Int]
    public var byMonth: [Int]
    public var bySetPosition: [Int]
    public var weekStart: Weekday

    public init(
        frequency: Frequency, interval: Int = 1, count: Int? = nil, until: Until? = nil,
        byDay: [WeekdayRule] = [], byMonthDay: [Int] = [], byMonth: [Int] = [], bySetPosition: [Int] = [],
        weekStart: Weekday = .monday
    ) {
        self.frequency = frequency
        self.interval = max(1, interval)
        self.count = count
        self.until = until
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.bySetPosition = bySetPosition
        self.weekStart = weekStart
    }

    /// At most this many occurrences come out of one expansion: a feed with `FREQ=DAILY` and no end,
    /// expanded over a long window, cannot produce more. `Expansion.isTruncated` then says so.
    public static let occurrenceLimit = 1_000

    /// At most this many periods (days, weeks, months or years of the rule) are looked at in one expansion,
    /// counted from the first period that can reach the window (from DTSTART when the rule has a COUNT). This
    /// bounds rules that never match, such as every 30 February, and huge COUNTs that must be counted from the
    /// start.
    public static let periodLimit = 50_000

    // MARK: - Expansion

    /// The starts of a timed event that recurs from `start` (a wall-clock time in `timeZone`, the first
    /// occurrence: DTSTART always counts, as RFC 5545 says) and lasts `duration` seconds each time: those that
    /// overlap `window`, in order, without the `exceptions` (a `.time` removes the occurrence starting at that
    /// wall-clock time, a `.day` every occurrence starting on that day). COUNT counts occurrences before
    /// exceptions are removed, as RFC 5545 does; UNTIL includes its bound. Capped by `occurrenceLimit` and
    /// `periodLimit`.
    public func occurrences(
        startingAt start: ICalLocalTime, duration: TimeInterval, exceptions: [ICalDateOrTime] = [],
        in window: Range<Date>, timeZone: TimeZone
    ) -> Expansion<Occurrence> {
        let skippedTimes = Set(exceptions.compactMap { if case .time(let t) = $0 { t } else { nil } })
        let skippedDays = Set(exceptions.compactMap { if case .day(let d) = $0 { d } else { nil } })
        let length = max(0, duration)
        let lastDay =
            ICalLocalTime(window.upperBound, in: timeZone)?.day.ordinal ?? ICalZone.day(ordinal: 376_199)!.ordinal
        let firstDay =
            (ICalLocalTime(window.lowerBound, in: timeZone)?.day.ordinal ?? -25_567) - Int(length / 86_400) - 2
        var items: [Occurrence] = []
        var truncated = false
        let untilInstant: Date? = {
            switch until {
            case .instant(let date): return date
            case .day(let day): return ICalZone.startOfNextDay(day, in: timeZone).addingTimeInterval(-1)
            case nil: return nil
            }
        }()
        let complete = walk(anchor: start.day, firstDay: firstDay, lastDay: lastDay) { day in
            guard let local = ICalLocalTime(day: day, hour: start.hour, minute: start.minute, second: start.second)
            else { return .stop }
            let instant = local.instant(in: timeZone)
            if day != start.day, let untilInstant, instant > untilInstant { return .stop }
            if skippedTimes.contains(local) || skippedDays.contains(day) { return .next }
            let end = instant.addingTimeInterval(length)
            let overlaps =
                instant < window.upperBound
                && (end > window.lowerBound || (length == 0 && instant >= window.lowerBound))
            if overlaps {
                items.append(Occurrence(start: instant, end: end))
                if items.count >= Self.occurrenceLimit {
                    truncated = true
                    return .stop
                }
            }
            return .next
        }
        return Expansion(items: items, isTruncated: truncated || !complete)
    }

    /// The occurrences of an all-day event that recurs from `firstDay` and lasts `length` days each time,
    /// as ranges of days (last day included) that touch `windowFirst` through `windowLast`, without the
    /// `exceptions` (matched on their day). A `.instant` UNTIL is read as a day in `timeZone`. Capped as above.
    public func occurrences(
        firstDay: Day, length: Int, exceptions: [ICalDateOrTime] = [], from windowFirst: Day,
        through windowLast: Day, timeZone: TimeZone = ICalZone.amsterdam
    ) -> Expansion<ClosedRange<Day>> {
        let skipped = Set(exceptions.map(\.day))
        let span = max(1, length)
        let untilDay: Day? = {
            switch until {
            case .day(let day): return day
            case .instant(let date): return ICalLocalTime(date, in: timeZone)?.day
            case nil: return nil
            }
        }()
        var items: [ClosedRange<Day>] = []
        var truncated = false
        let complete = walk(
            anchor: firstDay, firstDay: windowFirst.ordinal - span - 1, lastDay: windowLast.ordinal
        ) { day in
            if day != firstDay, let untilDay, day > untilDay { return .stop }
            if skipped.contains(day) { return .next }
            guard let last = ICalZone.day(ordinal: day.ordinal + span - 1) else { return .stop }
            if day <= windowLast && last >= windowFirst {
                items.append(day...last)
                if items.count >= Self.occurrenceLimit {
                    truncated = true
                    return .stop
                }
            }
            return .next
        }
        return Expansion(items: items, isTruncated: truncated || !complete)
    }

    enum Step {
        case next
        case stop
    }

    /// Calls `visit` for every day the rule produces from `anchor` on, in order: `anchor` first, then the
    /// rule's days after it, until COUNT is reached, `visit` stops, or the periods pass `lastDay` (an ordinal).
    /// Without a COUNT, periods that end before `firstDay` are skipped. Returns false when `periodLimit` cut
    /// the walk short.
    func walk(anchor: Day, firstDay: Int, lastDay: Int, visit: (Day) -> Step) -> Bool {
        var produced = 1
        if visit(anchor) == .stop { return true }
        if let count, produced >= count { return true }
        var period = count == nil ? max(0, firstPeriod(anchor: anchor, reaching: firstDay) - 1) : 0
        var examined = 0
        while examined < Self.periodLimit {
            examined += 1
            guard let (start, days) = candidates(period: period, anchor: anchor) else { return true }
            if start.ordinal > lastDay { return true }
            for day in days where day > anchor {
                produced += 1
                if visit(day) == .stop { return true }
                if let count, produced >= count { return true }
            }
            period += 1
        }
        return false
    }

    /// The index of the period that contains the day with ordinal `ordinal` (or 0 when it lies before the
    /// anchor): how expansion jumps over the years before a window.
    func firstPeriod(anchor: Day, reaching ordinal: Int) -> Int {
        guard ordinal > anchor.ordinal, let target = ICalZone.day(ordinal: ordinal) else { return 0 }
        switch frequency {
        case .daily:
            return (ordinal - anchor.ordinal) / interval
        case .weekly:
            return (ordinal - weekStartOrdinal(of: anchor)) / (7 * interval)
        case .monthly:
            let months = (target.year * 12 + target.month) - (anchor.year * 12 + anchor.month)
            return months / interval
        case .yearly:
            return (target.year - anchor.year) / interval
        }
    }

    func weekStartOrdinal(of day: Day) -> Int {
        let offset = (Weekday(of: day).rawValue - weekStart.rawValue + 7) % 7
        return day.ordinal - offset
    }

    /// The first day of period `period` and the rule's days in it, sorted; nil past the years `Day` covers.
    func candidates(period: Int, anchor: Day) -> (start: Day, days: [Day])? {
        switch frequency {
        case .daily:
            guard let day = ICalZone.day(ordinal: anchor.ordinal + period * interval) else { return nil }
            let keep =
                (byMonth.isEmpty || byMonth.contains(day.month))
                && (byMonthDay.isEmpty || monthDays(in: day.year, day.month).contains(day))
                && (byDay.isEmpty || byDay.contains { $0.weekday == Weekday(of: day) })
            return (day, setPositions(keep ? [day] : []))
        case .weekly:
            let first = weekStartOrdinal(of: anchor) + period * 7 * interval
            guard let start = ICalZone.day(ordinal: first) else { return nil }
            let weekdays = byDay.isEmpty ? [Weekday(of: anchor)] : byDay.map(\.weekday)
            let days = (0..<7).compactMap { ICalZone.day(ordinal: first + $0) }.filter { day in
                weekdays.contains(Weekday(of: day)) && (byMonth.isEmpty || byMonth.contains(day.month))
                    && (byMonthDay.isEmpty || monthDays(in: day.year, day.month).contains(day))
            }
            return (start, setPositions(days))
        case .monthly:
            let index = anchor.year * 12 + (anchor.month - 1) + period * interval
            let year = index / 12
            let month = index % 12 + 1
            guard let start = Day(year: year, month: month, day: 1) else { return nil }
            guard byMonth.isEmpty || byMonth.contains(month) else { return (start, []) }
            return (start, setPositions(daysOfMonth(year, month, anchor: anchor)))
        case .yearly:
            let year = anchor.year + period * interval
            guard let start = Day(year: year, month: 1, day: 1) else { return nil }
            return (start, setPositions(daysOfYear(year, anchor: anchor)))
        }
    }

    private func daysOfMonth(_ year: Int, _ month: Int, anchor: Day) -> [Day] {
        if byMonthDay.isEmpty && byDay.isEmpty {
            return Day(year: year, month: month, day: anchor.day).map { [$0] } ?? []
        }
        var days = Set(allDays(year, month))
        if !byMonthDay.isEmpty { days.formIntersection(monthDays(in: year, month)) }
        if !byDay.isEmpty { days.formIntersection(matching(byDay, in: allDays(year, month))) }
        return days.sorted()
    }

    private func daysOfYear(_ year: Int, anchor: Day) -> [Day] {
        if byMonthDay.isEmpty && byDay.isEmpty {
            let months = byMonth.isEmpty ? [anchor.month] : byMonth
            return months.compactMap { Day(year: year, month: $0, day: anchor.day) }.sorted()
        }
        let months = byMonth.isEmpty ? Array(1...12) : byMonth.sorted()
        var days = Set(months.flatMap { allDays(year, $0) })
        if !byMonthDay.isEmpty { days.formIntersection(months.flatMap { monthDays(in: year, $0) }) }
        if !byDay.isEmpty {
            // With BYMONTH an ordinal counts within each month ("the last Sunday of October"); without it,
            // within the year ("the 20th Monday").
            let matched =
                byMonth.isEmpty
                ? matching(byDay, in: (1...12).flatMap { allDays(year, $0) })
                : months.flatMap { matching(byDay, in: allDays(year, $0)) }
            days.formIntersection(matched)
        }
        return days.sorted()
    }

    private func allDays(_ year: Int, _ month: Int) -> [Day] {
        (1...Day.daysIn(month: month, year: year)).compactMap { Day(year: year, month: month, day: $0) }
    }

    /// The BYMONTHDAY days of one month; negative ones count from its end, days the month lacks are skipped.
    private func monthDays(in year: Int, _ month: Int) -> [Day] {
        let length = Day.daysIn(month: month, year: year)
        return byMonthDay.compactMap { n in
            let day = n > 0 ? n : length + 1 + n
            return (1...length).contains(day) ? Day(year: year, month: month, day: day) : nil
        }
    }

    private func matching(_ rules: [WeekdayRule], in span: [Day]) -> [Day] {
        var result: [Day] = []
        for rule in rules {
            let days = span.filter { Weekday(of: $0) == rule.weekday }
            if let n = rule.ordinal {
                let index = n > 0 ? n - 1 : days.count + n
                if days.indices.contains(index) { result.append(days[index]) }
            } else {
                result.append(contentsOf: days)
            }
        }
        return result
    }

    private func setPositions(_ days: [Day]) -> [Day] {
        guard !bySetPosition.isEmpty else { return days }
        let picked = bySetPosition.compactMap { n -> Day? in
            let index = n > 0 ? n - 1 : days.count + n
            return days.indices.contains(index) ? days[index] : nil
        }
        return Set(picked).sorted()
    }
}

// MARK: - RRULE text

/// What is wrong with an RRULE, in Dutch.
public struct RecurrenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension Recurrence {
    /// Reads the value of an RRULE line ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20191231T230000Z"). A floating UNTIL
    /// (no `Z`) is read in `timeZone`. Refuses, with a Dutch message, what it cannot expand faithfully:
    /// FREQ SECONDLY/MINUTELY/HOURLY, BYHOUR, BYMINUTE, BYSECOND, BYWEEKNO, BYYEARDAY, COUNT together with
    /// UNTIL, an ordinal BYDAY with DAILY or WEEKLY, and values out of range. X- parts are ignored.
    public init(parsing text: String, timeZone: TimeZone = ICalZone.amsterdam) throws(RecurrenceError) {
        var frequency: Frequency?
        var rule = Recurrence(frequency: .daily)
        var seen: Set<String> = []
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces[0].trimmingCharacters(in: .whitespaces).uppercased()
            guard pieces.count == 2 else { throw RecurrenceError("'\(part)' is geen NAAM=WAARDE") }
            let value = pieces[1].trimmingCharacters(in: .whitespaces)
            guard seen.insert(name).inserted else { throw RecurrenceError("\(name) staat er twee keer in") }
            let list = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch name {
            case "FREQ":
                if let known = Frequency(rawValue: value.uppercased()) {
                    frequency = known
                } else if ["SECONDLY", "MINUTELY", "HOURLY"].contains(value.uppercased()) {
                    throw RecurrenceError("FREQ=\(value.uppercased()) wordt niet ondersteund")
                } else {
                    throw RecurrenceError("FREQ '\(value)' is onbekend")
                }
            case "INTERVAL":
                rule.interval = try Self.number(value, name: name, in: 1...10_000)
            case "COUNT":
                rule.count = try Self.number(value, name: name, in: 1...1_000_000)
            case "UNTIL":
                rule.until = try Self.until(value, timeZone: timeZone)
            case "BYDAY":
                rule.byDay = try list.map { (entry) throws(RecurrenceError) -> WeekdayRule in
                    try Self.weekdayRule(entry)
                }
            case "BYMONTHDAY":
                rule.byMonthDay = try list.map { (entry) throws(RecurrenceError) -> Int in
                    let n = try Self.number(entry, name: name, in: -31...31)
                    guard n != 0 else { throw RecurrenceError("BYMONTHDAY 0 bestaat niet") }
                    return n
                }
            case "BYMONTH":
                rule.byMonth = try list.map { (entry) throws(RecurrenceError) -> Int in
                    try Self.number(entry, name: name, in: 1...12)
                }
            case "BYSETPOS":
                rule.bySetPosition = try list.map { (entry) throws(RecurrenceError) -> Int in
                    let n = try Self.number(entry, name: name, in: -366...366)
                    guard n != 0 else { throw RecurrenceError("BYSETPOS 0 bestaat niet") }
                    return n
                }
            case "WKST":
                guard let day = Weekday(code: value) else { throw RecurrenceError("WKST '\(value)' is geen weekdag") }
                rule.weekStart = day
            case "BYHOUR", "BYMINUTE", "BYSECOND", "BYWEEKNO", "BYYEARDAY":
                throw RecurrenceError("\(name) wordt niet ondersteund")
            default:
                guard name.hasPrefix("X-") else { throw RecurrenceError("'\(name)' is onbekend") }
            }
        }
        guard let frequency else { throw RecurrenceError("FREQ ontbreekt") }
        rule.frequency = frequency
        if rule.count != nil && rule.until != nil { throw RecurrenceError("COUNT en UNTIL samen mag niet") }
        if frequency == .daily || frequency == .weekly, let numbered = rule.byDay.first(where: { $0.ordinal != nil }) {
            throw RecurrenceError(
                "BYDAY '\(numbered)' met een nummer hoort alleen bij FREQ=MONTHLY of FREQ=YEARLY")
        }
        self = rule
    }

    /// The value of an RRULE line. UNTIL is written as a day for all-day events and as a UTC time otherwise
    /// (RFC 5545 requires that form with a TZID start); a `.day` UNTIL of a timed event becomes the last second
    /// of that day in `timeZone`.
    public func rruleValue(allDay: Bool, timeZone: TimeZone = ICalZone.amsterdam) -> String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        switch (until, allDay) {
        case (.day(let day), true):
            parts.append("UNTIL=\(ICalText.date(day))")
        case (.instant(let date), true):
            if let day = ICalLocalTime(date, in: timeZone)?.day { parts.append("UNTIL=\(ICalText.date(day))") }
        case (.day(let day), false):
            let last = ICalZone.startOfNextDay(day, in: timeZone).addingTimeInterval(-1)
            parts.append("UNTIL=\(ICalText.utc(last))")
        case (.instant(let date), false):
            parts.append("UNTIL=\(ICalText.utc(date))")
        case (nil, _):
            break
        }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        if !byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",")) }
        if !byMonth.isEmpty { parts.append("BYMONTH=" + byMonth.map(String.init).joined(separator: ",")) }
        if !bySetPosition.isEmpty {
            parts.append("BYSETPOS=" + bySetPosition.map(String.init).joined(separator: ","))
        }
        if weekStart != .monday { parts.append("WKST=\(weekStart.code)") }
        return parts.joined(separator: ";")
    }

    private static func number(_ text: String, name: String, in range: ClosedRange<Int>) throws(RecurrenceError)
        -> Int
    {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw RecurrenceError("\(name) '\(text)' is geen getal van \(range.lowerBound) tot \(range.upperBound)")
        }
        return n
    }

    private static func weekdayRule(_ text: String) throws(RecurrenceError) -> WeekdayRule {
        let entry = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard entry.count >= 2, let weekday = Weekday(code: String(entry.suffix(2))) else {
            throw RecurrenceError("BYDAY '\(text)' is geen weekdag")
        }
        let prefix = String(entry.dropLast(2))
        guard !prefix.isEmpty else { return WeekdayRule(weekday) }
        guard let n = Int(prefix), n != 0, (-53...53).contains(n) else {
            throw RecurrenceError("BYDAY '\(text)' is geen weekdag")
        }
        return WeekdayRule(weekday, ordinal: n)
    }

    private static func until(_ text: String, timeZone: TimeZone) throws(RecurrenceError) -> Until {
        switch ICalText.dateOrTime(text) {
        case .day(let day): return .day(day)
        case .utc(let time): return .instant(time.instant(in: ICalZone.utc))
        case .floating(let time): return .instant(time.instant(in: timeZone))
        case nil: throw RecurrenceError("UNTIL '\(text)' is geen datum of tijdstip")
        }
    }
}
