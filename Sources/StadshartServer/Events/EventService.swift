import Fluent
import Foundation
import StadshartCore
import Vapor

/// The events calendar's reads and writes, shared by the pages, the API and the demo loader.
/// Every write is one transaction with its audit entry (which also raises the centre's data
/// version, so the public calendar and feeds are made anew).
enum EventService {
    /// The centre's places, in their order.
    static func places(_ centre: Centre, on db: any Database) async throws -> [EventPlace] {
        try await EventPlace.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$position).all()
    }

    static func organisations(_ centre: Centre, on db: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$name).all()
    }

    static func calendars(_ centre: Centre, on db: any Database) async throws -> [EventCalendar] {
        try await EventCalendar.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$name).all()
    }

    /// Every event of the centre, own and imported, by first day.
    static func all(_ centre: Centre, on db: any Database) async throws -> [Event] {
        try await Event.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$firstDay)
            .sort(\.$title).all()
    }

    static func find(_ centre: Centre, id: UUID, on db: any Database) async throws -> Event {
        guard let event = try await Event.find(id, on: db), event.$centre.id == centre.id else {
            throw StadshartError.notFound("Dit evenement bestaat niet.")
        }
        return event
    }

    static func validate(_ input: EventInput, centre: Centre, on db: any Database) async throws -> ValidEvent {
        let places = Set(try await places(centre, on: db).map(\.key))
        let organisations = Set(try await organisations(centre, on: db).map(\.key))
        return try input.validate(places: places, organisations: organisations)
    }

    /// A new event of the centre's own calendar.
    static func create(_ input: EventInput, centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Event
    {
        let valid = try await validate(input, centre: centre, on: db)
        let event = Event()
        event.id = UUID()
        event.$centre.id = try centre.requireID()
        event.uid = "\(event.id!.uuidString.lowercased())@stadshart"
        event.sequence = 0
        event.locationText = ""
        event.apply(valid)
        event.status = valid.status.rawValue
        event.updatedAt = actor.now
        try await db.transaction { tx in
            try await event.create(on: tx)
            try await Audit.record(
                .aangemaakt, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: "Evenement '\(event.title)' op \(valid.firstDay.dutch) toegevoegd (\(valid.status.label))",
                by: actor, on: tx)
        }
        return event
    }

    /// A change of an own event: the new facts, and a status change only as the workflow allows.
    /// The sequence goes up, so calendar apps that subscribed take the new version.
    static func update(_ event: Event, _ input: EventInput, centre: Centre, by actor: Actor, on db: any Database)
        async throws
    {
        guard !event.isRegional else {
            throw StadshartError.conflict(
                "Dit evenement komt uit een regionale kalender en verandert alleen met een nieuwe import daarvan.")
        }
        var valid = try await validate(input, centre: centre, on: db)
        if input.status == nil { valid.status = event.statusValue }
        let before = event.statusValue
        var workflow = event.workflow
        workflow.needsPermit = valid.category.needsPermit
        if valid.status != before { workflow = try workflow.changingStatus(to: valid.status) }
        let title = event.title
        event.apply(valid)
        event.status = workflow.status.rawValue
        event.statusBeforeCancel = workflow.statusBeforeCancel?.rawValue
        event.sequence += 1
        event.updatedAt = actor.now
        let cancelled = workflow.status == .afgelast && before != .afgelast
        let label = workflow.status.label
        try await db.transaction { tx in
            try await event.update(on: tx)
            try await Audit.record(
                cancelled ? .afgelast : .gewijzigd, .evenement, id: event.id?.uuidString, centreID: centre.id,
                summary: cancelled
                    ? "Evenement '\(title)' afgelast" : "Evenement '\(title)' gewijzigd (\(label))",
                by: actor, on: tx)
        }
    }

    /// The centre's settings for the conflict rules. Kept in code until a centre needs its own:
    /// Assen's quiet hour and the city-dressing provision of part D (a demo assumption per year).
    static func conflictSettings(_ centre: Centre) -> ConflictSettings {
        ConflictSettings(
            largeEventVisitors: 5_000, maxEventsPerWeekend: 4,
            cityDressingProvisionCents: Dictionary(uniqueKeysWithValues: (2018...2030).map { ($0, Int64(2_000_000)) }))
    }

    /// Every run of the centre's events from `from` through `through`, as the conflict rules read them.
    static func occurrences(_ events: [Event], places: [EventPlace], from: Day, through: Day) -> [EventOccurrence] {
        let byKey = Dictionary(places.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return events.flatMap { event in
            event.timing.runs(from: from, through: through).map { run in
                let place = event.place.flatMap { byKey[$0] }
                return EventOccurrence(
                    eventID: event.id?.uuidString ?? event.uid, title: event.title, start: run.start, end: run.end,
                    allDay: run.allDay, locationKey: place?.key, locationName: place?.name ?? event.locationText,
                    locationResidential: place?.residential ?? false, expectedVisitors: event.expectedVisitors,
                    regional: event.isRegional, cancelled: event.statusValue == .afgelast,
                    kind: event.categoryValue.kind, cityDressingRequested: event.cityDressingCents != nil,
                    cityDressingCents: event.cityDressingCents)
            }
        }
    }

    /// The warnings of a period (a year around the day asked by default), and which are acknowledged.
    static func warnings(_ centre: Centre, from: Day, through: Day, on db: any Database) async throws
        -> (warnings: [ConflictWarning], acknowledged: [String: ConflictAcknowledgementRecord])
    {
        let events = try await all(centre, on: db)
        let occurrences = occurrences(events, places: try await places(centre, on: db), from: from, through: through)
        let warnings = EventConflicts.warnings(
            occurrences, settings: conflictSettings(centre), emptyWeekendsIn: from...through)
        let acknowledged = try await ConflictAcknowledgementRecord.query(on: db)
            .filter(\.$centre.$id == centre.requireID()).all()
        return (warnings, Dictionary(acknowledged.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// A coordinator accepts a warning, with a reason; it stays accepted while its key holds.
    static func acknowledge(
        _ key: String, reason: String?, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        guard let parsed = ConflictKey(parsing: key) else {
            throw InvalidInput([FieldProblem(field: "key", message: "'\(key)' is geen conflict van deze kalender")])
        }
        let acknowledgement = try ConflictAcknowledgement.validate(key: parsed, reason: reason)
        let record = ConflictAcknowledgementRecord()
        record.$centre.id = try centre.requireID()
        record.key = acknowledgement.key.description
        record.reason = acknowledgement.reason
        record.acknowledgedBy = actor.name
        record.acknowledgedAt = actor.now
        let exists =
            try await ConflictAcknowledgementRecord.query(on: db).filter(\.$centre.$id == centre.requireID())
            .filter(\.$key == record.key).count() > 0
        if exists {
            throw InvalidInput([.clash(field: "key", message: "deze waarschuwing is al erkend")])
        }
        try await db.transaction { tx in
            try await record.create(on: tx)
            try await Audit.record(
                .erkend, .conflict, id: record.key, centreID: centre.id,
                summary: "Waarschuwing erkend (\(parsed.rule.label), \(parsed.day.dutch)): \(acknowledgement.reason)",
                by: actor, on: tx)
        }
    }
}
