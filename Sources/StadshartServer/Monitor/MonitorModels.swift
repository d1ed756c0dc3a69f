import Fluent
import Foundation
import StadshartCore

/// An area figures are about: the centre itself, the municipality, or a reference area
/// (Nederland, middelgrote stad, Noord-Nederland) to compare with.
final class MonitorArea: Model, @unchecked Sendable {
    static let schema = "monitor_areas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "reference") var reference: Bool
    @Field(key: "position") var position: Int

    init() {}
}

/// A KPI or agenda indicator: what is measured, where it starts and where it should get to.
final class Indicator: Model, @unchecked Sendable {
    static let schema = "indicators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// IndicatorUnit, Direction, Basis, IndicatorGroup, IndicatorSource raw values.
    @Field(key: "unit") var unit: String
    @Field(key: "direction") var direction: String
    @Field(key: "basis") var basis: String
    @Field(key: "group_key") var group: String
    @Field(key: "source") var source: String
    /// RegisterMeasure raw value for a figure computed from the register; nil when measured.
    @OptionalField(key: "computed") var computed: String?
    /// One of the agreement's KPIs (art. 5 and 7)?
    @Field(key: "agreement") var agreement: Bool
    @Field(key: "goal") var goal: String
    /// Theme line codes, comma-separated ("A,E").
    @Field(key: "theme_lines") var themeLines: String
    @Field(key: "owner") var owner: String
    @Parent(key: "area_id") var area: MonitorArea
    @OptionalParent(key: "reference_area_id") var referenceArea: MonitorArea?
    @Field(key: "baseline_value") var baselineValue: Double
    @Field(key: "baseline_date") var baselineDate: String
    /// Either a value or a reference area ("below the national level").
    @OptionalField(key: "target_value") var targetValue: Double?
    @OptionalParent(key: "target_area_id") var targetArea: MonitorArea?
    @Field(key: "target_date") var targetDate: String
    /// For the team only; never on the public page.
    @Field(key: "note") var note: String
    @Field(key: "position") var position: Int

    init() {}

    var unitValue: IndicatorUnit { IndicatorUnit(rawValue: unit) ?? .count }
    var directionValue: Direction { Direction(rawValue: direction) ?? .higherIsBetter }
    var basisValue: Basis { Basis(rawValue: basis) ?? .none }
    var groupValue: IndicatorGroup { IndicatorGroup(rawValue: group) ?? .economicHealth }
    var sourceValue: IndicatorSource { IndicatorSource(rawValue: source) ?? .other }
    var computedMeasure: RegisterMeasure? { computed.flatMap(RegisterMeasure.init(rawValue:)) }
    var themeLineCodes: [String] { themeLines.split(separator: ",").map(String.init) }
}

/// One figure of an indicator in an area on a reference date. Computed indicators have none for
/// their own area: those figures are counted from the register whenever they are asked for.
final class Measurement: Model, @unchecked Sendable {
    static let schema = "measurements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "indicator_id") var indicator: Indicator
    @Parent(key: "area_id") var area: MonitorArea
    /// The reference date (peildatum), "YYYY-MM-DD".
    @Field(key: "date") var date: String
    @Field(key: "value") var value: Double
    @Field(key: "basis") var basis: String
    @OptionalField(key: "source") var source: String?
    /// Internal; not on the public page.
    @Field(key: "note") var note: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    var observation: Observation? {
        Day(parsing: date).map { Observation(date: $0, value: value, basis: Basis(rawValue: basis) ?? .none) }
    }
}

struct CreateMonitor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("monitor_areas")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("reference", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "centre_id", "key")
            .create()
        try await database.schema("indicators")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("unit", .string, .required)
            .field("direction", .string, .required)
            .field("basis", .string, .required)
            .field("group_key", .string, .required)
            .field("source", .string, .required)
            .field("computed", .string)
            .field("agreement", .bool, .required)
            .field("goal", .string, .required)
            .field("theme_lines", .string, .required)
            .field("owner", .string, .required)
            .field("area_id", .uuid, .required, .references("monitor_areas", "id"))
            .field("reference_area_id", .uuid, .references("monitor_areas", "id"))
            .field("baseline_value", .double, .required)
            .field("baseline_date", .string, .required)
            .field("target_value", .double)
            .field("target_area_id", .uuid, .references("monitor_areas", "id"))
            .field("target_date", .string, .required)
            .field("note", .string, .required)
            .field("position", .int, .required)
            .unique(on: "centre_id", "key")
            .create()
        try await database.schema("measurements")
            .id()
            .field("indicator_id", .uuid, .required, .references("indicators", "id"))
            .field("area_id", .uuid, .required, .references("monitor_areas", "id"))
            .field("date", .string, .required)
            .field("value", .double, .required)
            .field("basis", .string, .required)
            .field("source", .string)
            .field("note", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "indicator_id", "area_id", "basis", "date")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("measurements").delete()
        try await database.schema("indicators").delete()
        try await database.schema("monitor_areas").delete()
    }
}
