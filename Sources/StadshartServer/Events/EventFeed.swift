import Foundation
import StadshartCore
import Vapor

/// The public calendar as iCalendar: what calendar apps subscribe to. Stable UIDs, the sequence
/// raised on every change, cancelled events as CANCELLED, recurring ones as RRULE and EXDATE.
enum EventFeed {
    static func icalEvent(_ event: Event, placeName: String?) -> ICalEvent {
        let timing = event.timing
        let run = timing.run(startingOn: timing.firstDay)
        let time: ICalEventTime =
            run.allDay ? .allDay(first: run.firstDay, last: run.lastDay) : .timed(start: run.start, end: run.end)
        let exceptions: [ICalDateOrTime] = timing.exceptions.compactMap { day in
            guard let start = timing.startTime else { return .day(day) }
            return ICalLocalTime(day: day, hour: start.hour, minute: start.minute, second: 0).map { .time($0) }
        }
        return ICalEvent(
            uid: event.uid, sequence: event.sequence, summary: event.title, description: event.description,
            location: placeName ?? event.locationText, categories: [event.categoryValue.label],
            status: event.statusValue == .afgelast ? .cancelled : .confirmed, time: time,
            recurrence: timing.recurrence, exceptions: exceptions, lastModified: event.updatedAt)
    }

    static func response(_ events: [Event], context: EventsAPI.Context, name: String, now: Date) -> Response {
        let feed = ICalFeed.encode(
            name: name,
            events: events.map { icalEvent($0, placeName: $0.place.flatMap { context.places[$0]?.name }) }, now: now)
        let response = Response(status: .ok, body: .init(string: feed))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return response
    }
}
