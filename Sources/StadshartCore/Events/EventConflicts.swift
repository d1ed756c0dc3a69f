import Foundation

/// The conflict rules over a set of occurrences (a year of a busy centre is a few thousand): each rule
/// sorts or indexes once, none compares all pairs. Cancelled occurrences take part in nothing.
public enum EventConflicts {
    /// Every warning, sorted by day, rule and events. `emptyWeekendsIn` is the period the empty-weekend rule
    /// looks at (the weekends with both days in it); nil leaves that rule out.
    public static func warnings(
        _ occurrences: [EventOccurrence], settings: ConflictSettings, emptyWeekendsIn period: ClosedRange<Day>? = nil
    ) -> [ConflictWarning] {
        let live = occurrences.filter { !$0.cancelled }.map(Placed.init)
        var found: [ConflictKey: String] = [:]
        func add(_ rule: ConflictRule, _ ids: [String], _ day: Day, _ text: String) {
            let key = ConflictKey(rule: rule, eventIDs: ids, day: day)
            if found[key] == nil { found[key] = text }
        }
        sameLocation(live, add)
        regional(live, settings, add)
        quietHours(live, settings, add)
        weekends(live, settings, period, add)
        cityDressing(live, settings, add)
        return found.map { ConflictWarning(key: $0.key, explanation: $0.value) }.sorted { $0.key < $1.key }
    }

    /// The warnings no acknowledgement matches.
    public static func unacknowledged(
        _ warnings: [ConflictWarning], acknowledged: some Sequence<ConflictKey>
    ) -> [ConflictWarning] {
        let keys = Set(acknowledged)
        return warnings.filter { !keys.contains($0.key) }
    }

    /// The days a month view marks.
    public static func days(_ warnings: [ConflictWarning]) -> Set<Day> { Set(warnings.map(\.day)) }

    typealias Add = (ConflictRule, [String], Day, String) -> Void

    /// An occurrence with its local days and its interval worked out once.
    struct Placed {
        let occurrence: EventOccurrence
        let from: Date
        let until: Date
        let firstDay: Day
        let lastDay: Day

        init(_ occurrence: EventOccurrence) {
            self.occurrence = occurrence
            let end = max(occurrence.start, occurrence.end)
            let first = CentreTime.day(of: occurrence.start)
            if occurrence.allDay {
                let last = end > occurrence.start ? CentreTime.day(of: end.addingTimeInterval(-1)) : first
                lastDay = max(first, last)
                from = CentreTime.instant(first)
                until = CentreTime.instant(lastDay.adding(days: 1))
            } else {
                lastDay = end > occurrence.start ? max(first, CentreTime.day(of: end.addingTimeInterval(-1))) : first
                from = occurrence.start
                until = end
            }
            firstDay = first
        }

        var id: String { occurrence.eventID }
        var days: Int { lastDay - firstDay + 1 }
        var dayList: [Day] { (0..<days).map { firstDay.adding(days: $0) } }

        var place: String { occurrence.locationName ?? occurrence.locationKey ?? "onbekende plek" }

        /// "12:00–23:00", "20:00–02:00", "hele dag", "5 juli 12:00 – 7 juli 18:00", "5 juli t/m 7 juli 2019".
        var span: String {
            if occurrence.allDay {
                return days == 1 ? "hele dag" : "\(firstDay.dutch) t/m \(lastDay.dutch)"
            }
            let start = CentreTime.local(from)
            let end = CentreTime.local(until)
            if end.day == start.day || (end.day == start.day.adding(days: 1) && end.minute <= start.minute) {
                return "\(CSVFile.clock(start.minute))–\(CSVFile.clock(end.minute))"
            }
            return "\(start.day.dutch) \(CSVFile.clock(start.minute)) – \(end.day.dutch) \(CSVFile.clock(end.minute))"
        }

        var visitors: String {
            guard let count = occurrence.expectedVisitors else { return "aantal bezoekers onbekend" }
            return "\(DutchNumber.count(count)) bezoekers verwacht"
        }
    }

    // MARK: two events at one place

    /// Per place, sorted by start, a sweep keeps the occurrences still running; each newcomer meets only them.
    static func sameLocation(_ live: [Placed], _ add: Add) {
        let byPlace = Dictionary(grouping: live.filter { $0.occurrence.locationKey != nil }) {
            $0.occurrence.locationKey!
        }
        for (_, here) in byPlace {
            let sorted = here.sorted { ($0.from, $0.id) < ($1.from, $1.id) }
            var running: [Placed] = []
            for next in sorted {
                running.removeAll { $0.until <= next.from }
                for earlier in running where earlier.id != next.id {
                    let day = CentreTime.day(of: next.from)
                    add(
                        .sameLocation, [earlier.id, next.id], day,
                        "Twee evenementen tegelijk op dezelfde plek (\(next.place)): "
                            + "\(earlier.occurrence.title) (\(earlier.span)) en \(next.occurrence.title) (\(next.span))."
                    )
                }
                if next.until > next.from { running.append(next) }
            }
        }
    }

    // MARK: large own event and large regional event

    static func regional(_ live: [Placed], _ settings: ConflictSettings, _ add: Add) {
        let regionalThreshold = settings.largeRegionalVisitors ?? settings.largeEventVisitors
        let large = live.filter {
            !$0.occurrence.regional && ($0.occurrence.expectedVisitors ?? 0) >= settings.largeEventVisitors
        }
        let regional = live.filter {
            $0.occurrence.regional
                && ($0.occurrence.expectedVisitors.map { $0 >= regionalThreshold }
                    ?? settings.regionalWithoutVisitorsIsLarge)
        }
        guard !large.isEmpty, !regional.isEmpty else { return }
        var byDay: [Day: [Int]] = [:]
        var byWeekend: [Day: [Int]] = [:]
        for (index, event) in regional.enumerated() {
            for day in event.dayList {
                byDay[day, default: []].append(index)
                if let saturday = CentreTime.weekend(of: day) { byWeekend[saturday, default: []].append(index) }
            }
        }
        for own in large {
            var sameDay: [Int: Day] = [:]
            var sameWeekend: [Int: (own: Day, other: Day)] = [:]
            for day in own.dayList {
                for index in byDay[day] ?? [] where sameDay[index] == nil { sameDay[index] = day }
                guard let saturday = CentreTime.weekend(of: day) else { continue }
                for index in byWeekend[saturday] ?? [] where sameWeekend[index] == nil {
                    let other = regional[index]
                    let otherDay = other.dayList.first { CentreTime.weekend(of: $0) == saturday }!
                    sameWeekend[index] = (day, otherDay)
                }
            }
            for (index, day) in sameDay {
                let other = regional[index]
                guard other.id != own.id else { continue }
                add(
                    .regionalEvent, [own.id, other.id], day,
                    "Op \(CentreTime.dutchWithWeekday(day)) vallen twee grote evenementen samen: "
                        + "\(own.occurrence.title) (\(own.visitors)) en het regionale evenement "
                        + "\(other.occurrence.title) (\(other.visitors)).")
            }
            for (index, days) in sameWeekend where sameDay[index] == nil {
                let other = regional[index]
                guard other.id != own.id else { continue }
                let saturday = CentreTime.weekend(of: days.own)!
                add(
                    .regionalEvent, [own.id, other.id], days.own,
                    "In het weekend van \(CentreTime.dutchWeekend(saturday)) vallen twee grote evenementen samen: "
                        + "\(own.occurrence.title) op \(CentreTime.weekdayNames[CentreTime.weekdayIndex(of: days.own)]) "
                        + "(\(own.visitors)) en het regionale evenement \(other.occurrence.title) op "
                        + "\(CentreTime.weekdayNames[CentreTime.weekdayIndex(of: days.other)]) (\(other.visitors)).")
            }
        }
    }

    // MARK: near homes in the night's rest

    /// A timed occurrence in a residential zone that overlaps a night's rest: from the quiet hour of a day to
    /// `quietUntil` the next morning (the same day when the quiet hour is after midnight). So an event ending
    /// after the quiet hour warns, one ending after midnight too, and so does one starting before
    /// `quietUntil` (the build-up of a 06:00 market). Whole-day occurrences say nothing about their hours
    /// and are left out. One warning per occurrence, on the day its first such night begins (or its own
    /// first day, when that night began the evening before).
    static func quietHours(_ live: [Placed], _ settings: ConflictSettings, _ add: Add) {
        let quiet = settings.quietHour.minutes
        let until = settings.quietUntil.minutes
        let overnight = quiet > until
        for event in live where event.occurrence.locationResidential && !event.occurrence.allDay {
            guard event.until > event.from else { continue }
            var day = event.firstDay.adding(days: -1)
            while day <= event.lastDay {
                let restStart = CentreTime.instant(day, minute: quiet)
                let restEnd = CentreTime.instant(day, minute: overnight ? 24 * 60 + until : until)
                if event.from < restEnd, restStart < event.until {
                    let endsAt = CentreTime.local(event.until)
                    let detail: String
                    if event.from >= restStart {
                        detail = "valt in de nachtrust (\(settings.quietHour)–\(settings.quietUntil))"
                    } else if endsAt.day <= day.adding(days: 1) {
                        detail =
                            "loopt tot \(CSVFile.clock(endsAt.minute)), na \(settings.quietHour), als de nachtrust ingaat"
                    } else {
                        detail = "loopt door na \(settings.quietHour), als de nachtrust ingaat"
                    }
                    // A night that began the evening before the event is shown on the event's own day.
                    add(
                        .quietHours, [event.id], max(day, event.firstDay),
                        "\(event.occurrence.title) (\(event.span)) op \(event.place) is bij woningen en \(detail).")
                    break
                }
                day = day.adding(days: 1)
            }
        }
    }

    // MARK: busy and empty weekends

    /// Own events (not shop openings, not regional, not longer than `weekendRulesMaxDays`) per weekend.
    static func weekends(
        _ live: [Placed], _ settings: ConflictSettings, _ period: ClosedRange<Day>?, _ add: Add
    ) {
        var onWeekend: [Day: [String: (title: String, from: Date)]] = [:]
        for event in live
        where !event.occurrence.regional && event.occurrence.kind == .evenement
            && event.days <= settings.weekendRulesMaxDays
        {
            for day in event.dayList {
                guard let saturday = CentreTime.weekend(of: day) else { continue }
                if let seen = onWeekend[saturday]?[event.id], seen.from <= event.from { continue }
                onWeekend[saturday, default: [:]][event.id] = (event.occurrence.title, event.from)
            }
        }
        for (saturday, events) in onWeekend where events.count > settings.maxEventsPerWeekend {
            let titles = events.sorted { ($0.value.from, $0.key) < ($1.value.from, $1.key) }.map(\.value.title)
            add(
                .busyWeekend, Array(events.keys), saturday,
                "Druk weekend \(CentreTime.dutchWeekend(saturday)): \(events.count) evenementen, meer dan de "
                    + "afgesproken \(settings.maxEventsPerWeekend): \(titles.joined(separator: ", ")).")
        }
        guard let period else { return }
        let firstSaturday = period.lowerBound.adding(days: (5 - CentreTime.weekdayIndex(of: period.lowerBound) + 7) % 7)
        var saturday = firstSaturday
        while saturday.adding(days: 1) <= period.upperBound {
            if settings.emptyWeekendMonths.contains(saturday.month), onWeekend[saturday]?.isEmpty ?? true {
                add(
                    .emptyWeekend, [], saturday,
                    "Leeg weekend: op \(CentreTime.dutchWeekend(saturday)) staat geen enkel evenement in de binnenstad."
                )
            }
            saturday = saturday.adding(days: 7)
        }
    }

    // MARK: city dressing beyond the provision

    /// Per year (of the event's first day), requests in the order of the events' dates: each request that
    /// brings the year's total above the provision is warned about, naming the amount over. A recurring
    /// event's request counts once a year.
    static func cityDressing(_ live: [Placed], _ settings: ConflictSettings, _ add: Add) {
        let requests = live.filter { $0.occurrence.cityDressingRequested }.sorted {
            ($0.from, $0.id) < ($1.from, $1.id)
        }
        var total: [Int: Int64] = [:]
        var counted: Set<String> = []
        for event in requests {
            let year = event.firstDay.year
            guard counted.insert("\(year)|\(event.id)").inserted else { continue }
            let amount = max(0, event.occurrence.cityDressingCents ?? 0)
            let sum = total[year, default: 0] + amount
            total[year] = sum
            guard amount > 0 else { continue }
            guard let provision = settings.cityDressingProvisionCents[year] else {
                add(
                    .cityDressing, [event.id], event.firstDay,
                    "City dressing voor \(event.occurrence.title) (\(Money.format(cents: amount))): voor \(year) is "
                        + "geen budget voor city dressing vastgesteld.")
                continue
            }
            guard sum > provision else { continue }
            add(
                .cityDressing, [event.id], event.firstDay,
                "Het budget voor city dressing in \(year) (\(Money.format(cents: provision))) is op: met de aanvraag "
                    + "voor \(event.occurrence.title) (\(Money.format(cents: amount))) komen de aanvragen op "
                    + "\(Money.format(cents: sum)), \(Money.format(cents: sum - provision)) boven het budget.")
        }
    }
}
