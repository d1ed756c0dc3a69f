import Foundation

/// When an event takes place, on the centre's clock: its days, optional wall-clock times and
/// its recurrence. Runs are found day by day, so a weekly 08:00 market stays at 08:00 on both
/// sides of a clock change.
public struct EventTiming: Equatable, Sendable {
    public var firstDay: Day
    public var lastDay: Day
    public var startTime: ClockTime?
    public var endTime: ClockTime?
    public var recurrence: Recurrence?
    public var exceptions: [Day]

    public init(
        firstDay: Day, lastDay: Day, startTime: ClockTime? = nil, endTime: ClockTime? = nil,
        recurrence: Recurrence? = nil, exceptions: [Day] = []
    ) {
        self.firstDay = firstDay
        self.lastDay = max(firstDay, lastDay)
        self.startTime = startTime
        self.endTime = endTime
        self.recurrence = recurrence
        self.exceptions = exceptions
    }

    public init(_ event: ValidEvent) {
        self.init(
            firstDay: event.firstDay, lastDay: event.lastDay, startTime: event.startTime, endTime: event.endTime,
            recurrence: event.recurrence, exceptions: event.exceptions)
    }

    public var allDay: Bool { startTime == nil || endTime == nil }

    /// Days from the first to the last of one run.
    public var length: Int { lastDay - firstDay + 1 }

    /// One run that begins on `day`: its instants (a whole-day run ends at the start of the day
    /// after its last) and its days. An end time at or before the start time is the next day.
    public func run(startingOn day: Day) -> EventRun {
        let last = day.adding(days: length - 1)
        guard let startTime, let endTime else {
            return EventRun(
                start: CentreTime.instant(day), end: CentreTime.instant(last.adding(days: 1)), firstDay: day,
                lastDay: last, allDay: true)
        }
        let endDay = endTime <= startTime ? last.adding(days: 1) : last
        return EventRun(
            start: CentreTime.instant(day, minute: startTime.minutes),
            end: CentreTime.instant(endDay, minute: endTime.minutes), firstDay: day, lastDay: last, allDay: false)
    }

    /// The runs that touch the days `from` through `through`, at most `Recurrence.occurrenceLimit`.
    public func runs(from: Day, through: Day) -> [EventRun] {
        guard let recurrence else {
            let run = run(startingOn: firstDay)
            return run.lastDay >= from && run.firstDay <= through ? [run] : []
        }
        let expansion = recurrence.occurrences(
            firstDay: firstDay, length: length, exceptions: exceptions.map { .day($0) }, from: from, through: through)
        return expansion.items.map { run(startingOn: $0.lowerBound) }
    }
}

/// One run of an event: its instants and its local days.
public struct EventRun: Hashable, Sendable {
    public var start: Date
    public var end: Date
    public var firstDay: Day
    public var lastDay: Day
    public var allDay: Bool

    /// "za 29 juni 2019, 12:00–23:00" or "28 juni t/m 30 juni 2019" as people read it.
    public var dutch: String {
        if allDay {
            return firstDay == lastDay
                ? CentreTime.dutchWithWeekday(firstDay) : "\(firstDay.dutch) t/m \(lastDay.dutch)"
        }
        let (startDay, startMinute) = CentreTime.local(start)
        let (endDay, endMinute) = CentreTime.local(end)
        let from = CSVFile.clock(startMinute)
        let until = CSVFile.clock(endMinute)
        if startDay == endDay || (endDay == startDay.adding(days: 1) && endMinute <= startMinute) {
            return "\(CentreTime.dutchWithWeekday(startDay)), \(from)–\(until)"
        }
        return "\(CentreTime.dutchWithWeekday(startDay)) \(from) t/m \(CentreTime.dutchWithWeekday(endDay)) \(until)"
    }
}
