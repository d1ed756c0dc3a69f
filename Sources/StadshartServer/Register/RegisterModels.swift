import Fluent
import Foundation

/// A zone of the centre (kernwinkelgebied, aanloopstraat, …); the centre's own, editable.
final class Zone: Model, @unchecked Sendable {
    static let schema = "zones"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}
}

/// A pand / verkooppunt. Its function, vacancy, temporary use and occupants are histories in
/// their own tables; a split or merge ends one premises and begins others.
final class Premises: Model, @unchecked Sendable {
    static let schema = "premises"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    /// Stable key within the centre (import key when there is no BAG id).
    @Field(key: "key") var key: String
    @OptionalField(key: "bag_id") var bagID: String?
    @Field(key: "street") var street: String
    @Field(key: "number") var number: String
    @OptionalField(key: "addition") var addition: String?
    @OptionalField(key: "postcode") var postcode: String?
    @Parent(key: "zone_id") var zone: Zone
    /// m² wvo.
    @Field(key: "floor_area") var floorArea: Int
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalParent(key: "owner_id") var owner: Organisation?
    /// geen, aanwezig, mogelijk, gepland.
    @Field(key: "dwellings_above") var dwellingsAbove: String
    /// Days, "YYYY-MM-DD"; until is the first day it no longer exists.
    @Field(key: "exists_from") var existsFrom: String
    @OptionalField(key: "exists_until") var existsUntil: String?
    @Children(for: \.$premises) var functions: [PremisesFunctionPeriod]
    @Children(for: \.$premises) var vacancies: [VacancyPeriod]

    init() {}
}

/// The function of a premises from a day on (until the next entry).
final class PremisesFunctionPeriod: Model, @unchecked Sendable {
    static let schema = "premises_functions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "premises_id") var premises: Premises
    @Field(key: "from_day") var from: String
    @Field(key: "function") var function: String

    init() {}
}

final class VacancyPeriod: Model, @unchecked Sendable {
    static let schema = "vacancy_periods"

    @ID(key: .id) var id: UUID?
    @Parent(key: "premises_id") var premises: Premises
    @Field(key: "from_day") var from: String
    @OptionalField(key: "until_day") var until: String?
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// Tijdelijk gebruik of a vacant unit, with the werkplan's three criteria.
final class TemporaryUse: Model, @unchecked Sendable {
    static let schema = "temporary_uses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "premises_id") var premises: Premises
    @Field(key: "used_by") var usedBy: String
    @Field(key: "from_day") var from: String
    @OptionalField(key: "until_day") var until: String?
    @Field(key: "open_to_public") var openToPublic: Bool
    @Field(key: "tidy_frontage") var tidyFrontage: Bool
    @Field(key: "takes_part") var takesPart: Bool

    init() {}
}

/// A planned change of function (verkleuring), possibly an action of the plan.
final class FunctionChangePlan: Model, @unchecked Sendable {
    static let schema = "function_change_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "premises_id") var premises: Premises
    @Field(key: "from_function") var fromFunction: String
    @Field(key: "to_function") var toFunction: String
    /// idee, gepland, in_uitvoering, gerealiseerd.
    @Field(key: "stage") var stage: String
    @OptionalParent(key: "action_id") var action: Action?

    init() {}
}

/// A vestiging: one business at one location (LISA), possibly in more than one unit.
final class Business: Model, @unchecked Sendable {
    static let schema = "businesses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "branch") var branch: String
    @Field(key: "chain") var chain: Bool
    @OptionalField(key: "kvk") var kvk: String?
    /// JSON object weekday → "10:00-18:00" or null.
    @Field(key: "opening_hours") var openingHours: String
    @Children(for: \.$business) var jobs: [BusinessJobs]
    @Children(for: \.$business) var occupancies: [Occupancy]

    init() {}
}

/// Jobs of a business from a day on: persons working at least 12 hours a week, and FTE.
final class BusinessJobs: Model, @unchecked Sendable {
    static let schema = "business_jobs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "business_id") var business: Business
    @Field(key: "from_day") var from: String
    @Field(key: "persons") var persons: Int
    /// Hundredths of a full-time equivalent, so no Double is stored.
    @OptionalField(key: "fte_hundredths") var fteHundredths: Int?

    init() {}
}

/// A business in a premises from a day until a day.
final class Occupancy: Model, @unchecked Sendable {
    static let schema = "occupancies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "business_id") var business: Business
    @Parent(key: "premises_id") var premises: Premises
    @Field(key: "from_day") var from: String
    @OptionalField(key: "until_day") var until: String?

    init() {}
}
