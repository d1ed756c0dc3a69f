import Fluent
import Foundation
import SQLKit
import StadshartCore

/// A public place of the centre where events happen (Koopmansplein, Brink, Markt, …): the
/// centre keeps its own list; a place next to homes is marked residential for the night's rest.
final class EventPlace: Model, @unchecked Sendable {
    static let schema = "event_places"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "residential") var residential: Bool
    @Field(key: "position") var position: Int

    init() {}
}

/// A calendar events come from: the centre's own (no row), or a regional one imported as iCalendar.
final class EventCalendar: Model, @unchecked Sendable {
    static let schema = "event_calendars"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    /// Where the scheduled import fetches it, when it has an address.
    @OptionalField(key: "url") var url: String?
    @OptionalField(key: "imported_at") var importedAt: Date?
    /// The scheduled fetch (AddFeedStatusToEventCalendars): the feed's validators for a
    /// conditional GET, the last attempt, the last success, and what the last attempt gave.
    @OptionalField(key: "etag") var etag: String?
    @OptionalField(key: "last_modified") var lastModified: String?
    @OptionalField(key: "attempted_at") var attemptedAt: Date?
    @OptionalField(key: "succeeded_at") var succeededAt: Date?
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "failed") var failed: Bool?

    init() {}
}

/// One event: the centre's own, or one imported from a regional calendar (`calendar` set, `uid`
/// and `sequence` from the feed). Cancelling keeps it, visibly cancelled; nothing is deleted.
final class Event: Model, @unchecked Sendable {
    static let schema = "events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @OptionalParent(key: "calendar_id") var calendar: EventCalendar?
    /// Stable across changes: feeds and calendar apps know the event by it.
    @Field(key: "uid") var uid: String
    /// Raised on every change, so calendar apps take the new version (RFC 5545).
    @Field(key: "sequence") var sequence: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    /// EventCategory raw value.
    @Field(key: "category") var category: String
    @Field(key: "first_day") var firstDay: String
    @Field(key: "last_day") var lastDay: String
    /// "HH:mm" on the centre's clock; both nil for a whole-day event.
    @OptionalField(key: "start_time") var startTime: String?
    @OptionalField(key: "end_time") var endTime: String?
    @OptionalField(key: "rrule") var rrule: String?
    /// Skipped days of a recurring event, ISO, comma-separated.
    @Field(key: "exdates") var exdates: String
    /// A place key of the centre, or for an imported event its location text.
    @OptionalField(key: "place") var place: String?
    @Field(key: "location_text") var locationText: String
    @OptionalField(key: "organiser") var organiser: String?
    @OptionalField(key: "expected_visitors") var expectedVisitors: Int?
    /// EventStatus raw value, and the one before a cancellation (to reopen to).
    @Field(key: "status") var status: String
    @OptionalField(key: "status_before_cancel") var statusBeforeCancel: String?
    @Field(key: "is_public") var isPublic: Bool
    @OptionalField(key: "city_dressing_cents") var cityDressingCents: Int64?
    @Field(key: "contact") var contact: String
    @Field(key: "updated_at") var updatedAt: Date
    /// Set for an event an organisator proposed: "voorgesteld", "goedgekeurd" or "afgewezen"
    /// (`EventApproval.code`), with the rejection's reason; nil for what the centre entered itself.
    @OptionalField(key: "approval") var approval: String?
    @OptionalField(key: "approval_reason") var approvalReason: String?
    /// Who proposed it (the account's name), for the coordinator who decides.
    @OptionalField(key: "proposed_by") var proposedBy: String?
    /// Held in premises of the register (its key) instead of on a public place.
    @OptionalField(key: "premises") var premises: String?
    /// The plan action the event serves.
    @OptionalField(key: "action_id") var actionID: UUID?

    init() {}

    var approvalValue: EventApproval {
        approval.flatMap { EventApproval(code: $0, reason: approvalReason) } ?? .goedgekeurd
    }
    var isProposal: Bool { approval != nil }

    var statusValue: EventStatus { EventStatus(rawValue: status) ?? .idee }
    var categoryValue: EventCategory { EventCategory(rawValue: category) ?? .overig }
    var isRegional: Bool { $calendar.id != nil }

    var workflow: EventWorkflow {
        EventWorkflow(
            status: statusValue, approval: approvalValue, needsPermit: categoryValue.needsPermit,
            statusBeforeCancel: statusBeforeCancel.flatMap(EventStatus.init(rawValue:)))
    }

    var timing: EventTiming {
        EventTiming(
            firstDay: Day(parsing: firstDay) ?? Day(year: 2000, month: 1, day: 1)!,
            lastDay: Day(parsing: lastDay) ?? Day(parsing: firstDay) ?? Day(year: 2000, month: 1, day: 1)!,
            startTime: startTime.flatMap(ClockTime.init(parsing:)), endTime: endTime.flatMap(ClockTime.init(parsing:)),
            recurrence: rrule.flatMap { try? Recurrence(parsing: $0) },
            exceptions: exdates.split(separator: ",").compactMap { Day(parsing: String($0)) })
    }

    /// A new event of the centre's own calendar from checked facts: a fresh id, the UID calendar apps will
    /// keep, sequence 0. `approval` only for an organiser's proposal; what the centre enters is approved.
    convenience init(
        _ valid: ValidEvent, centreID: UUID, status: EventStatus, approval: EventApproval? = nil,
        proposedBy: String? = nil, at now: Date
    ) {
        self.init()
        id = UUID()
        $centre.id = centreID
        uid = "\(id!.uuidString.lowercased())@stadshart"
        sequence = 0
        locationText = ""
        apply(valid)
        self.status = status.rawValue
        self.approval = approval?.code
        self.proposedBy = proposedBy
        updatedAt = now
    }

    /// Lays a checked event over this one (the place and times as given; the sequence is the store's).
    func apply(_ valid: ValidEvent) {
        title = valid.title
        description = valid.description
        category = valid.category.rawValue
        firstDay = valid.firstDay.description
        lastDay = valid.lastDay.description
        startTime = valid.startTime?.description
        endTime = valid.endTime?.description
        rrule = valid.recurrence?.rruleValue(allDay: valid.allDay)
        exdates = valid.exceptions.map(\.description).joined(separator: ",")
        place = valid.place
        organiser = valid.organiser
        expectedVisitors = valid.expectedVisitors
        isPublic = valid.isPublic
        cityDressingCents = valid.cityDressingCents
        contact = valid.contact
        premises = valid.premises
        actionID = valid.action.flatMap(UUID.init(uuidString:))
    }
}

/// A conflict warning the coordinator has seen and accepted, with the reason; it matches the
/// warning by its stable key (rule, events, day), so it holds while other events change.
final class ConflictAcknowledgementRecord: Model, @unchecked Sendable {
    static let schema = "conflict_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "conflict_key") var key: String
    @Field(key: "reason") var reason: String
    @Field(key: "acknowledged_by") var acknowledgedBy: String
    @Field(key: "acknowledged_at") var acknowledgedAt: Date

    init() {}
}

struct CreateEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("event_places")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("residential", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "centre_id", "key")
            .create()
        try await database.schema("event_calendars")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("url", .string)
            .field("imported_at", .datetime)
            .unique(on: "centre_id", "key")
            .create()
        try await database.schema("events")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("calendar_id", .uuid, .references("event_calendars", "id"))
            .field("uid", .string, .required)
            .field("sequence", .int, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("category", .string, .required)
            .field("first_day", .string, .required)
            .field("last_day", .string, .required)
            .field("start_time", .string)
            .field("end_time", .string)
            .field("rrule", .string)
            .field("exdates", .string, .required)
            .field("place", .string)
            .field("location_text", .string, .required)
            .field("organiser", .string)
            .field("expected_visitors", .int)
            .field("status", .string, .required)
            .field("status_before_cancel", .string)
            .field("is_public", .bool, .required)
            .field("city_dressing_cents", .int64)
            .field("contact", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "centre_id", "uid")
            .create()
        try await database.schema("conflict_acknowledgements")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("conflict_key", .string, .required)
            .field("reason", .string, .required)
            .field("acknowledged_by", .string, .required)
            .field("acknowledged_at", .datetime, .required)
            .unique(on: "centre_id", "conflict_key")
            .create()
        // The other foreign keys lead a unique constraint's index; this one needs its own.
        try await (database as! any SQLDatabase).create(index: "idx_events_calendar_id").on("events")
            .column("calendar_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["conflict_acknowledgements", "events", "event_calendars", "event_places"] {
            try await database.schema(table).delete()
        }
    }
}

/// Organisers' proposals: the approval and who proposed (new columns, so a migration of their own).
struct AddApprovalToEvents: AsyncMigration {
    static let columns = ["approval", "approval_reason", "proposed_by"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in Self.columns {
            try await database.schema("events").field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns.reversed() {
            try await database.schema("events").deleteField(.string(column)).update()
        }
    }
}

/// A centre's own settings for the conflict rules; a centre without a row has the defaults
/// (`EventSettings.defaults`).
final class EventSettingsRecord: Model, @unchecked Sendable {
    static let schema = "event_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "large_event_visitors") var largeEventVisitors: Int
    @Field(key: "max_events_per_weekend") var maxEventsPerWeekend: Int
    /// "HH:mm" on the centre's clock.
    @Field(key: "quiet_hour") var quietHour: String
    @Field(key: "quiet_until") var quietUntil: String
    @Field(key: "empty_weekend_from") var emptyWeekendFrom: Int
    @Field(key: "empty_weekend_through") var emptyWeekendThrough: Int
    /// The city-dressing provision of every year, in cents.
    @Field(key: "city_dressing_cents") var cityDressingCents: Int64
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

struct CreateEventSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("event_settings")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("large_event_visitors", .int, .required)
            .field("max_events_per_weekend", .int, .required)
            .field("quiet_hour", .string, .required)
            .field("quiet_until", .string, .required)
            .field("empty_weekend_from", .int, .required)
            .field("empty_weekend_through", .int, .required)
            .field("city_dressing_cents", .int64, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "centre_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("event_settings").delete()
    }
}

/// Issue 13's last event facts: premises of the register as the location, and the plan action served.
struct AddPremisesAndActionToEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("events").field("premises", .string).update()
        try await database.schema("events").field("action_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("events").deleteField("action_id").update()
        try await database.schema("events").deleteField("premises").update()
    }
}
