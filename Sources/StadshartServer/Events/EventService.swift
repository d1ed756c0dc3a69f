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
        // Only the premises and the action asked for are looked up: a register has thousands.
        var premisesKeys: Set<String> = []
        if let key = input.premises.nonBlank?.uppercased(), let found = try await premises(centre, key: key, on: db) {
            premisesKeys.insert(found.key)
        }
        var actions: Set<String> = []
        if let text = input.action.nonBlank, let id = UUID(uuidString: text),
            try await action(centre, id: id, on: db) != nil
        {
            actions.insert(id.uuidString.lowercased())
        }
        return try input.validate(
            places: places, organisations: organisations, premisesKeys: premisesKeys, actions: actions)
    }

    /// What an own event shows as its location when it is held in premises: the address (kept with the
    /// event, so lists and feeds need no register lookup); empty on a public place.
    static func locationText(_ valid: ValidEvent, centre: Centre, on db: any Database) async throws -> String {
        guard let key = valid.premises, let found = try await premises(centre, key: key, on: db) else { return "" }
        return "\(found.street) \(found.number)\(found.addition.map { " \($0)" } ?? "")"
    }

    static func premises(_ centre: Centre, key: String, on db: any Database) async throws -> Premises? {
        try await Premises.query(on: db).filter(\.$centre.$id == centre.requireID()).filter(\.$key == key).first()
    }

    /// An action of one of the centre's plans.
    static func action(_ centre: Centre, id: UUID, on db: any Database) async throws -> Action? {
        guard let action = try await Action.query(on: db).filter(\.$id == id).with(\.$plan).first(),
            action.plan.$centre.id == centre.id
        else { return nil }
        return action
    }

    /// A new event of the centre's own calendar.
    static func create(_ input: EventInput, centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Event
    {
        let valid = try await validate(input, centre: centre, on: db)
        let event = Event(valid, centreID: try centre.requireID(), status: valid.status, at: actor.now)
        event.locationText = try await locationText(valid, centre: centre, on: db)
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
        event.locationText = try await locationText(valid, centre: centre, on: db)
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

    /// The conflict rules' settings of a centre that has not set its own: a large event from 5,000
    /// visitors, at most four own events a weekend, the night's rest from 23:00 to 07:00, a warning for
    /// an empty weekend from April to October, and € 20.000 a year for city dressing (part D counts
    /// € 10.000 per occasion; two occasions a year is a demo assumption).
    static let defaultSettings = ConflictSettings(
        largeEventVisitors: 5_000, maxEventsPerWeekend: 4,
        cityDressingProvisionCents: Dictionary(uniqueKeysWithValues: PlanYear.range.map { ($0, Int64(2_000_000)) }))

    /// The centre's settings for the conflict rules: its own, or the defaults.
    static func conflictSettings(_ centre: Centre, on db: any Database) async throws -> ConflictSettings {
        guard let record = try await settingsRecord(centre, on: db) else { return defaultSettings }
        var settings = defaultSettings
        settings.largeEventVisitors = record.largeEventVisitors
        settings.maxEventsPerWeekend = record.maxEventsPerWeekend
        settings.quietHour = ClockTime(parsing: record.quietHour) ?? settings.quietHour
        settings.quietUntil = ClockTime(parsing: record.quietUntil) ?? settings.quietUntil
        settings.emptyWeekendMonths = record.emptyWeekendFrom...max(record.emptyWeekendFrom, record.emptyWeekendThrough)
        settings.cityDressingProvisionCents = Dictionary(
            uniqueKeysWithValues: PlanYear.range.map { ($0, record.cityDressingCents) })
        return settings
    }

    static func settingsRecord(_ centre: Centre, on db: any Database) async throws -> EventSettingsRecord? {
        try await EventSettingsRecord.query(on: db).filter(\.$centre.$id == centre.requireID()).first()
    }

    /// Changes the centre's settings (the members given; the others stay): one transaction with its audit entry.
    @discardableResult
    static func saveSettings(
        _ input: ConflictSettingsInput, centre: Centre, by actor: Actor, on db: any Database
    ) async throws -> ConflictSettings {
        let before = try await conflictSettings(centre, on: db)
        let settings = try input.validate(over: before, years: PlanYear.range)
        let record = try await settingsRecord(centre, on: db) ?? EventSettingsRecord()
        record.$centre.id = try centre.requireID()
        record.largeEventVisitors = settings.largeEventVisitors
        record.maxEventsPerWeekend = settings.maxEventsPerWeekend
        record.quietHour = settings.quietHour.description
        record.quietUntil = settings.quietUntil.description
        record.emptyWeekendFrom = settings.emptyWeekendMonths.lowerBound
        record.emptyWeekendThrough = settings.emptyWeekendMonths.upperBound
        record.cityDressingCents = settings.cityDressingProvisionCents[PlanYear.range.lowerBound] ?? 0
        record.updatedAt = actor.now
        let old = ConflictSettingsInput(before, year: PlanYear.range.lowerBound)
        let new = ConflictSettingsInput(settings, year: PlanYear.range.lowerBound)
        try await db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(
                .gewijzigd, .instellingen, id: "conflictregels", centreID: centre.id,
                summary: "Instellingen van de conflictwaarschuwingen gewijzigd: \(settingsText(new))"
                    + (old == new ? " (ongewijzigd)" : ""),
                by: actor, on: tx)
        }
        return settings
    }

    /// The settings in one Dutch line, for the audit trail and the calendar page.
    static func settingsText(_ s: ConflictSettingsInput) -> String {
        "groot vanaf \(DutchNumber.count(s.largeEventVisitors ?? 0)) bezoekers, "
            + "hoogstens \(s.maxEventsPerWeekend ?? 0) eigen evenementen per weekend, "
            + "nachtrust \(s.quietHour ?? "") tot \(s.quietUntil ?? ""), "
            + "lege weekenden gemeld in maand \(s.emptyWeekendFrom ?? 0) tot en met \(s.emptyWeekendThrough ?? 0), "
            + "city dressing \(Money.format(cents: s.cityDressingCents ?? 0)) per jaar"
    }

    /// Every run of the centre's events from `from` through `through`, as the conflict rules read them.
    static func occurrences(_ events: [Event], places: [EventPlace], from: Day, through: Day) -> [EventOccurrence] {
        let byKey = Dictionary(places.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return events.flatMap { event in
            event.timing.runs(from: from, through: through).map { run in
                let place = event.place.flatMap { byKey[$0] }
                return EventOccurrence(
                    eventID: event.id?.uuidString ?? event.uid, title: event.title, start: run.start, end: run.end,
                    allDay: run.allDay, locationKey: place?.key ?? event.premises.map { "pand:\($0)" },
                    locationName: place?.name ?? event.locationText,
                    locationResidential: place?.residential ?? false, expectedVisitors: event.expectedVisitors,
                    // A rejected proposal will not happen, like a cancelled event.
                    regional: event.isRegional,
                    cancelled: event.statusValue == .afgelast || event.approvalValue.reason != nil,
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
            occurrences, settings: try await conflictSettings(centre, on: db), emptyWeekendsIn: from...through)
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
