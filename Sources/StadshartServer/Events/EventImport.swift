import Fluent
import Foundation
import StadshartCore
import Vapor

/// A regional calendar's feed brought in: all or nothing. A re-import updates by UID (a higher
/// SEQUENCE wins; the same or a lower one leaves the event as it is), removes what the source
/// removed, and never duplicates. A broken feed names its lines and changes nothing.
enum EventImport {
    struct Summary: Content, Equatable {
        var calendar: String
        var added: Int
        var updated: Int
        var unchanged: Int
        var removed: Int
    }

    /// The feed's events as the store keeps them; overrides of single runs (RECURRENCE-ID) are
    /// left out, their run skipped, since the calendar shows the series.
    static func rows(_ calendar: ICalCalendar) -> [String: ICalEvent] {
        var rows: [String: ICalEvent] = [:]
        for event in calendar.events where event.recurrenceID == nil { rows[event.uid] = event }
        for override in calendar.events {
            guard let id = override.recurrenceID, var series = rows[override.uid] else { continue }
            series.exceptions.append(id)
            rows[override.uid] = series
        }
        return rows
    }

    /// Lays a feed event over a stored one.
    static func apply(_ feed: ICalEvent, to event: Event) {
        event.uid = feed.uid
        event.sequence = feed.sequence
        event.title = String(feed.summary.prefix(EventInput.maxTitle))
        event.description = String(feed.description.prefix(EventInput.maxText))
        event.category = EventCategory.overig.rawValue
        switch feed.time {
        case .allDay(let first, let last):
            event.firstDay = first.description
            event.lastDay = max(first, last).description
            event.startTime = nil
            event.endTime = nil
        case .timed(let start, let end):
            let (firstDay, startMinute) = CentreTime.local(start)
            let (endDay, endMinute) = CentreTime.local(end)
            // An end at or before the start time falls on the day after the last day.
            let lastDay = endMinute <= startMinute ? endDay.adding(days: -1) : endDay
            event.firstDay = firstDay.description
            event.lastDay = max(firstDay, lastDay).description
            event.startTime = ClockTime(hour: startMinute / 60, minute: startMinute % 60)?.description
            event.endTime = ClockTime(hour: endMinute / 60, minute: endMinute % 60)?.description
        }
        let allDay = event.startTime == nil
        event.rrule = feed.recurrence?.rruleValue(allDay: allDay)
        event.exdates = Set(feed.exceptions.map(\.day)).sorted().map(\.description).joined(separator: ",")
        event.place = nil
        event.locationText = String(feed.location.prefix(200))
        event.organiser = nil
        event.expectedVisitors = nil
        event.status = (feed.status == .cancelled ? EventStatus.afgelast : .bevestigd).rawValue
        event.isPublic = false
        event.cityDressingCents = nil
        event.contact = ""
    }

    /// Imports `text` into the regional calendar `key` (made, named `name`, when new). `quietWhenUnchanged`
    /// (the scheduled import): a feed that changes no event writes nothing, not even an audit entry.
    static func run(
        _ text: some Collection<UInt8>, calendar key: String, name: String?, centre: Centre, by actor: Actor,
        quietWhenUnchanged: Bool = false, on db: any Database
    ) async throws -> Summary {
        let parsed: ICalCalendar
        do {
            parsed = try ICalFeed.parse(text)
        } catch {
            throw InvalidInput(error.problems.map { FieldProblem(field: "ics", message: $0.message, line: $0.line) })
        }
        guard let key = CalendarSource.key(key) else {
            throw InvalidInput([FieldProblem(field: "calendar", message: CalendarSource.keyRule)])
        }
        let feed = rows(parsed)
        let centreID = try centre.requireID()
        return try await db.transaction { tx in
            var calendar = try await EventCalendar.query(on: tx).filter(\.$centre.$id == centreID)
                .filter(\.$key == key).first()
            if calendar == nil {
                let made = EventCalendar()
                made.$centre.id = centreID
                made.key = key
                made.name = (name ?? parsed.name ?? key).trimmed
                try await made.create(on: tx)
                calendar = made
            }
            guard let calendar, let calendarID = calendar.id else { throw Abort(.internalServerError) }
            let stored = try await Event.query(on: tx).filter(\.$calendar.$id == calendarID).all()
            let byUID = Dictionary(stored.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            // UIDs of the centre's own calendar and other feeds, read once: a feed does not take them over.
            let taken = Set(
                try await Event.query(on: tx).filter(\.$centre.$id == centreID).field(\.$uid).all()
                    .map(\.uid)
            ).subtracting(byUID.keys)
            var summary = Summary(calendar: key, added: 0, updated: 0, unchanged: 0, removed: 0)
            for (uid, incoming) in feed.sorted(by: { $0.key < $1.key }) {
                if let event = byUID[uid] {
                    guard incoming.sequence > event.sequence else {
                        summary.unchanged += 1
                        continue
                    }
                    apply(incoming, to: event)
                    event.updatedAt = actor.now
                    try await event.update(on: tx)
                    summary.updated += 1
                } else {
                    if taken.contains(uid) {
                        summary.unchanged += 1
                        continue
                    }
                    let event = Event()
                    event.$centre.id = centreID
                    event.$calendar.id = calendarID
                    apply(incoming, to: event)
                    event.updatedAt = actor.now
                    try await event.create(on: tx)
                    summary.added += 1
                }
            }
            for event in stored where feed[event.uid] == nil {
                try await event.delete(on: tx)
                summary.removed += 1
            }
            if quietWhenUnchanged && summary.added + summary.updated + summary.removed == 0 { return summary }
            calendar.importedAt = actor.now
            try await calendar.update(on: tx)
            try await Audit.record(
                .aangemaakt, .evenement, id: key, centreID: centreID,
                summary:
                    "Regionale kalender '\(calendar.name)' geïmporteerd: \(summary.added) nieuw, \(summary.updated) gewijzigd, \(summary.unchanged) ongewijzigd, \(summary.removed) verwijderd",
                by: actor, on: tx)
            return summary
        }
    }
}
