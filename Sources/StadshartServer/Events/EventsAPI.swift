import Fluent
import Foundation
import StadshartCore
import Vapor

/// An event as the API gives it.
struct EventDTO: Content {
    var id: UUID
    var uid: String
    var sequence: Int
    var title: String
    var description: String
    var category: String
    var categoryLabel: String
    var firstDay: String
    var lastDay: String
    var startTime: String?
    var endTime: String?
    var rrule: String?
    var exdates: [String]
    var place: String?
    var placeName: String?
    var organiser: String?
    var expectedVisitors: Int?
    var status: String
    var statusLabel: String
    var isPublic: Bool
    var cityDressingCents: Int64?
    var contact: String
    /// The regional calendar it was imported from; nil for the centre's own.
    var source: String?
    /// "voorgesteld", "goedgekeurd" or "afgewezen": an organiser's proposal waits for approval; what the
    /// centre entered itself is approved.
    var approval: String
    /// Why a proposal was rejected.
    var approvalReason: String?
    /// Held in premises of the register (its key) instead of on a public place; `placeName` is its address.
    var premises: String?
    /// The plan action the event serves.
    var action: UUID?

    enum CodingKeys: String, CodingKey {
        case id, uid, sequence, title, description, category, categoryLabel, firstDay, lastDay, startTime, endTime,
            rrule, exdates, place, placeName, organiser, expectedVisitors, status, statusLabel, cityDressingCents,
            contact, source, approval, approvalReason, premises, action
        case isPublic = "public"
    }

    init(_ event: Event, places: [String: EventPlace], calendars: [UUID: EventCalendar]) {
        id = event.id!
        uid = event.uid
        sequence = event.sequence
        title = event.title
        description = event.description
        category = event.category
        categoryLabel = event.categoryValue.label
        firstDay = event.firstDay
        lastDay = event.lastDay
        startTime = event.startTime
        endTime = event.endTime
        rrule = event.rrule
        exdates = event.exdates.split(separator: ",").map(String.init)
        place = event.place
        placeName = event.place.flatMap { places[$0]?.name } ?? (event.locationText.isEmpty ? nil : event.locationText)
        organiser = event.organiser
        expectedVisitors = event.expectedVisitors
        status = event.status
        statusLabel = event.statusValue.label
        isPublic = event.isPublic
        cityDressingCents = event.cityDressingCents
        contact = event.contact
        source = event.$calendar.id.flatMap { calendars[$0]?.key }
        approval = event.approvalValue.code
        approvalReason = event.approvalValue.reason
        premises = event.premises
        action = event.actionID
    }
}

/// A conflict warning as the API gives it, with its acknowledgement when there is one.
struct ConflictDTO: Content {
    var key: String
    var rule: String
    var ruleLabel: String
    var day: String
    var events: [UUID]
    var explanation: String
    var acknowledged: Bool
    var reason: String?
}

struct AcknowledgementInput: Codable, Sendable {
    var key: String?
    var reason: String?
}

enum EventsAPI {
    static let base = "api/v1/centres/{centre}"

    static func register(_ api: APIRoutes) {
        api.add(
            .GET, base + "/events", .anyone,
            summary:
                "Evenementen (filters: from, to, category, status, source = eigen of de sleutel van een regionale kalender); wie de kalender niet bijhoudt ziet alleen de openbare, bevestigde en afgelaste",
            errors: [400, 404]
        ) { req in
            try await list(req)
        }
        api.add(.GET, base + "/events/{id}", .anyone, summary: "Eén evenement", errors: [400, 404]) { req in
            let (event, context) = try await visibleEvent(req)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
        api.add(
            .POST, base + "/events", .centre(.editEvents),
            summary: "Een evenement toevoegen aan de eigen kalender", body: EventInput.self, status: .created,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            let event = try await EventService.create(try body.value, centre: centre, by: req.actor, on: req.db)
            let context = try await Context.load(centre, on: req.db)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
        api.add(
            .PATCH, base + "/events/{id}", .centre(.editEvents),
            summary:
                "Een evenement wijzigen (alleen de meegegeven velden; status volgens de stappen, afgelast houdt het zichtbaar)",
            body: PartialUpdate<EventInput>.self, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let centre = try req.centre
            let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            let input = try body.value.applied(to: input(of: event))
            try await EventService.update(event, input, centre: centre, by: req.actor, on: req.db)
            let context = try await Context.load(centre, on: req.db)
            return EventDTO(event, places: context.places, calendars: context.calendars)
        }
        api.add(
            .POST, base + "/events/imports", .centre(.editEvents),
            summary:
                "Een regionale kalender importeren (iCalendar; query: calendar = sleutel, standaard regionaal; name = naam bij een nieuwe kalender); alles of niets, bijwerken op UID en SEQUENCE",
            body: CalendarBytes.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            // Without a key the feed goes to the centre's one regional calendar.
            let key = (req.query["calendar"] as String?).nonBlank ?? "regionaal"
            return try await EventImport.run(
                body.bytes, calendar: key, name: req.query["name"], centre: try req.centre, by: req.actor,
                on: req.db)
        }
        api.add(
            .GET, base + "/events/{id}/conflicts", .centre(.editEvents),
            summary: "De waarschuwingen bij een evenement (in het jaar van zijn eerste dag)",
            errors: [400, 401, 403, 404]
        ) { req in
            let centre = try req.centre
            let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
            let year = event.timing.firstDay.year
            return try await conflicts(centre, year: year, on: req.db).filter {
                $0.events.contains(event.id!)
            }
        }
        api.add(
            .GET, base + "/conflicts", .centre(.editEvents),
            summary: "Alle waarschuwingen van een jaar (query: year), met hun erkenning", errors: [400, 401, 403, 404]
        ) { req in
            let year = try req.yearQuery()
            return try await conflicts(try req.centre, year: year, on: req.db)
        }
        api.add(
            .POST, base + "/conflicts/acknowledgements", .centre(.editEvents),
            summary: "Een waarschuwing erkennen, met de reden (key uit de waarschuwing)",
            body: AcknowledgementInput.self,
            status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let input = try body.value
            let centre = try req.centre
            try await EventService.acknowledge(
                input.key ?? "", reason: input.reason, centre: centre, by: req.actor, on: req.db)
            return try await conflicts(
                centre, year: ConflictKey(parsing: input.key ?? "")?.day.year ?? 2000, on: req.db
            )
            .filter { $0.key == input.key }
        }
    }

    struct Context {
        var places: [String: EventPlace]
        var calendars: [UUID: EventCalendar]

        static func load(_ centre: Centre, on db: any Database) async throws -> Context {
            Context(
                places: Dictionary(
                    try await EventService.places(centre, on: db).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }),
                calendars: Dictionary(
                    try await EventService.calendars(centre, on: db).compactMap { c in c.id.map { ($0, c) } },
                    uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Those who keep the calendar see all of it; the public what `EventWorkflow.showsPublicly` allows.
    static func isVisible(_ event: Event, toEditors: Bool) -> Bool {
        toEditors || event.workflow.showsPublicly(isPublic: event.isPublic, regional: event.isRegional)
    }

    static func list(_ req: Request) async throws -> [EventDTO] {
        let centre = try req.centre
        let filter = try req.queryFilter(EventFilter.parameters, EventFilter.parse)
        let editors = Access.allows(req.grants, .editEvents, in: centre.slug)
        let context = try await Context.load(centre, on: req.db)
        let from = filter.from ?? Day(year: 1900, month: 1, day: 1)!
        let to = filter.to ?? Day(year: 2999, month: 12, day: 31)!
        return try await EventService.all(centre, on: req.db).filter { event in
            guard isVisible(event, toEditors: editors) else { return false }
            if let category = filter.category, event.categoryValue != category { return false }
            if let status = filter.status, event.statusValue != status { return false }
            if let source = filter.source {
                let key = event.$calendar.id.flatMap { context.calendars[$0]?.key } ?? "eigen"
                if key != source { return false }
            }
            if filter.from != nil || filter.to != nil, event.timing.runs(from: from, through: to).isEmpty {
                return false
            }
            return true
        }.map { EventDTO($0, places: context.places, calendars: context.calendars) }
    }

    static func visibleEvent(_ req: Request) async throws -> (Event, Context) {
        let centre = try req.centre
        let event = try await EventService.find(centre, id: req.uuidParameter("id", what: "Evenement"), on: req.db)
        guard isVisible(event, toEditors: Access.allows(req.grants, .editEvents, in: centre.slug)) else {
            throw StadshartError.notFound("Dit evenement bestaat niet.")
        }
        return (event, try await Context.load(centre, on: req.db))
    }

    static func conflicts(_ centre: Centre, year: Int, on db: any Database) async throws -> [ConflictDTO] {
        let (warnings, acknowledged) = try await EventService.warnings(
            centre, from: Day(year: year, month: 1, day: 1)!, through: Day(year: year, month: 12, day: 31)!, on: db)
        return warnings.map { warning in
            let record = acknowledged[warning.key.description]
            return ConflictDTO(
                key: warning.key.description, rule: warning.rule.rawValue, ruleLabel: warning.rule.label,
                day: warning.day.description, events: warning.eventIDs.compactMap(UUID.init(uuidString:)),
                explanation: warning.explanation, acknowledged: record != nil, reason: record?.reason)
        }
    }

    /// An event as the input that would make it: the base a PATCH lays its members over.
    static func input(of event: Event) -> EventInput {
        EventInput(
            title: event.title, description: event.description, category: event.category, firstDay: event.firstDay,
            lastDay: event.lastDay, startTime: event.startTime, endTime: event.endTime, place: event.place,
            organiser: event.organiser, expectedVisitors: event.expectedVisitors, status: event.status,
            isPublic: event.isPublic, cityDressingCents: event.cityDressingCents, rrule: event.rrule,
            exdates: event.exdates.split(separator: ",").map(String.init), contact: event.contact,
            premises: event.premises, action: event.actionID?.uuidString.lowercased())
    }
}

extension Request {
    /// `?year=` (2000–2100), this working year when absent.
    func yearQuery() throws -> Int {
        guard let text = (query["year"] as String?).nonBlank else { return today.year }
        guard let year = Int(text), PlanYear.range.contains(year) else {
            throw Self.badQuery("year", "'\(text)' is geen jaar van 2000 tot 2100")
        }
        return year
    }
}
