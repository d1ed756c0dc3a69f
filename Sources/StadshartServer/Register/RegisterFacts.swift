import Fluent
import Foundation
import SQLKit
import StadshartCore
import Vapor

/// The register as the pages, the API, the exports and the monitor read it: seven plain SQL
/// queries however large the register is, kept per centre until its data version changes (see
/// `ReadModels`). Fluent models stay for writes and single records.
struct RegisterView: Sendable {
    /// What a list row shows of a premises besides the facts the rules count.
    struct Place: Sendable {
        let key: String
        let bagID: String?
        let street: String
        let number: String
        let addition: String?
        let postcode: String?
        let ownerKey: String?
        let ownerName: String?
        let latitude: Double?
        let longitude: Double?
        let dwellingsAbove: String
        /// The reason given for a vacancy, by its first day.
        let vacancyReasons: [Day: String]

        var address: String { "\(street) \(number)\(addition.map { " \($0)" } ?? "")" }

        init(
            key: String, bagID: String?, street: String, number: String, addition: String?, postcode: String?,
            ownerKey: String?, ownerName: String?, latitude: Double?, longitude: Double?, dwellingsAbove: String,
            vacancyReasons: [Day: String]
        ) {
            self.key = key
            self.bagID = bagID
            self.street = street
            self.number = number
            self.addition = addition
            self.postcode = postcode
            self.ownerKey = ownerKey
            self.ownerName = ownerName
            self.latitude = latitude
            self.longitude = longitude
            self.dwellingsAbove = dwellingsAbove
            self.vacancyReasons = vacancyReasons
        }

        /// A single record, read through its model (eager-loaded vacancies and owner).
        init(_ premises: Premises) {
            self.init(
                key: premises.key, bagID: premises.bagID, street: premises.street, number: premises.number,
                addition: premises.addition, postcode: premises.postcode, ownerKey: premises.owner?.key,
                ownerName: premises.owner?.name, latitude: premises.latitude, longitude: premises.longitude,
                dwellingsAbove: premises.dwellingsAbove,
                vacancyReasons: Dictionary(
                    premises.vacancies.compactMap { period in
                        guard let day = Day(parsing: period.from), let reason = period.reason else { return nil }
                        return (day, reason)
                    }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// What a list row shows of a business.
    struct Firm: Sendable {
        let key: String
        let name: String
        let branch: String
        let chain: Bool
        let kvk: String?
        let openingHours: String
        /// FTE in hundredths, by the day the job count was set.
        let fte: [Day: Int]
    }

    let zones: [(key: String, name: String)]
    let facts: RegisterFacts.Facts
    /// In address order (street, then house number as people count: 1, 2, 10); `facts.premises`
    /// holds the same premises in the same order.
    let places: [Place]
    /// By name; `facts.businesses` holds the same businesses in the same order.
    let firms: [Firm]

    var premises: some Collection<(place: Place, facts: PremisesFacts)> {
        zip(places, facts.premises).lazy.map { (place: $0, facts: $1) }
    }

    var businesses: some Collection<(firm: Firm, facts: BusinessFacts)> {
        zip(firms, facts.businesses).lazy.map { (firm: $0, facts: $1) }
    }

    /// The names of the businesses in each premises on a day, by premises key.
    func occupants(at day: Day) -> [String: [String]] {
        var names: [String: [String]] = [:]
        for (firm, facts) in businesses {
            for location in facts.locations where location.period.contains(day) {
                names[location.premises, default: []].append(firm.name)
            }
        }
        return names
    }

    /// The streets that have premises, in order: the list's filter choices.
    let streets: [String]
    /// The owners of premises, by key, with their names, in order of name.
    let owners: [(key: String, name: String)]

    init(zones: [(key: String, name: String)], facts: RegisterFacts.Facts, places: [Place], firms: [Firm]) {
        self.zones = zones
        self.facts = facts
        self.places = places
        self.firms = firms
        streets = Array(Set(places.map(\.street))).sorted()
        owners = Dictionary(places.compactMap { place in place.ownerKey.map { ($0, place.ownerName ?? $0) } }) {
            first, _ in first
        }
        .map { (key: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }

    /// The view at the centre's current data version: read once per version, then kept.
    static func current(_ centre: Centre, in models: ReadModels, on db: any Database) async throws -> RegisterView {
        try await models.value("register", of: centre) { try await load(centre, on: db) }
    }

    static func load(_ centre: Centre, on db: any Database) async throws -> RegisterView {
        guard let sql = db as? any SQLDatabase else {
            throw Abort(.internalServerError, reason: "The register view needs an SQL database.")
        }
        let centreID = try centre.requireID()
        func period(_ from: String, _ until: String?) -> Period { RegisterStore.period(from, until) }

        let zones = try await sql.raw(
            "SELECT key, name FROM zones WHERE centre_id = \(bind: centreID) ORDER BY position"
        ).all().map {
            (key: try $0.decode(column: "key", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }

        var functions: [UUID: [(from: Day, function: PremisesFunction)]] = [:]
        for row in try await sql.raw(
            """
            SELECT f.premises_id, f.from_day, f.function FROM premises_functions f
            JOIN premises p ON p.id = f.premises_id WHERE p.centre_id = \(bind: centreID) ORDER BY f.from_day
            """
        ).all() {
            let id = try row.decode(column: "premises_id", as: UUID.self)
            guard let day = Day(parsing: try row.decode(column: "from_day", as: String.self)),
                let function = PremisesFunction(rawValue: try row.decode(column: "function", as: String.self))
            else { continue }
            functions[id, default: []].append((from: day, function: function))
        }

        var vacancies: [UUID: [Period]] = [:]
        var reasons: [UUID: [Day: String]] = [:]
        for row in try await sql.raw(
            """
            SELECT v.premises_id, v.from_day, v.until_day, v.reason FROM vacancy_periods v
            JOIN premises p ON p.id = v.premises_id WHERE p.centre_id = \(bind: centreID) ORDER BY v.from_day
            """
        ).all() {
            let id = try row.decode(column: "premises_id", as: UUID.self)
            let vacancy = period(
                try row.decode(column: "from_day", as: String.self),
                try row.decode(column: "until_day", as: String?.self))
            vacancies[id, default: []].append(vacancy)
            if let reason = try row.decode(column: "reason", as: String?.self) {
                reasons[id, default: [:]][vacancy.from] = reason
            }
        }

        var premisesKeys: [UUID: String] = [:]
        var premises: [(place: Place, facts: PremisesFacts)] = []
        var earliest: Day?
        for row in try await sql.raw(
            """
            SELECT p.id, p.key, p.bag_id, p.street, p.number, p.addition, p.postcode, z.key AS zone_key,
              p.floor_area, p.latitude, p.longitude, p.dwellings_above, p.exists_from, p.exists_until,
              o.key AS owner_key, o.name AS owner_name
            FROM premises p JOIN zones z ON z.id = p.zone_id LEFT JOIN organisations o ON o.id = p.owner_id
            WHERE p.centre_id = \(bind: centreID)
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let key = try row.decode(column: "key", as: String.self)
            let street = try row.decode(column: "street", as: String.self)
            let from = try row.decode(column: "exists_from", as: String.self)
            premisesKeys[id] = key
            if let day = Day(parsing: from), earliest.map({ day < $0 }) ?? true { earliest = day }
            let place = Place(
                key: key, bagID: try row.decode(column: "bag_id", as: String?.self), street: street,
                number: try row.decode(column: "number", as: String.self),
                addition: try row.decode(column: "addition", as: String?.self),
                postcode: try row.decode(column: "postcode", as: String?.self),
                ownerKey: try row.decode(column: "owner_key", as: String?.self),
                ownerName: try row.decode(column: "owner_name", as: String?.self),
                latitude: try row.decode(column: "latitude", as: Double?.self),
                longitude: try row.decode(column: "longitude", as: Double?.self),
                dwellingsAbove: try row.decode(column: "dwellings_above", as: String.self),
                vacancyReasons: reasons[id] ?? [:])
            let facts = PremisesFacts(
                id: key, zone: try row.decode(column: "zone_key", as: String.self), street: street,
                floorArea: try row.decode(column: "floor_area", as: Int.self),
                existence: period(from, try row.decode(column: "exists_until", as: String?.self)),
                functions: functions[id] ?? [], vacancies: vacancies[id] ?? [])
            premises.append((place, facts))
        }
        premises.sort { a, b in
            let (x, y) = (a.place, b.place)
            if AddressOrder.precedes((x.street, x.number, x.addition), (y.street, y.number, y.addition)) { return true }
            if AddressOrder.precedes((y.street, y.number, y.addition), (x.street, x.number, x.addition)) {
                return false
            }
            return x.key < y.key
        }

        var jobs: [UUID: [(from: Day, persons: Int)]] = [:]
        var fte: [UUID: [Day: Int]] = [:]
        for row in try await sql.raw(
            """
            SELECT j.business_id, j.from_day, j.persons, j.fte_hundredths FROM business_jobs j
            JOIN businesses b ON b.id = j.business_id WHERE b.centre_id = \(bind: centreID) ORDER BY j.from_day
            """
        ).all() {
            guard let day = Day(parsing: try row.decode(column: "from_day", as: String.self)) else { continue }
            let id = try row.decode(column: "business_id", as: UUID.self)
            jobs[id, default: []].append((from: day, persons: try row.decode(column: "persons", as: Int.self)))
            if let hundredths = try row.decode(column: "fte_hundredths", as: Int?.self) {
                fte[id, default: [:]][day] = hundredths
            }
        }

        var locations: [UUID: [(premises: String, period: Period)]] = [:]
        for row in try await sql.raw(
            """
            SELECT o.business_id, o.premises_id, o.from_day, o.until_day FROM occupancies o
            JOIN businesses b ON b.id = o.business_id WHERE b.centre_id = \(bind: centreID) ORDER BY o.from_day
            """
        ).all() {
            guard let key = premisesKeys[try row.decode(column: "premises_id", as: UUID.self)] else { continue }
            locations[try row.decode(column: "business_id", as: UUID.self), default: []].append(
                (
                    premises: key,
                    period: period(
                        try row.decode(column: "from_day", as: String.self),
                        try row.decode(column: "until_day", as: String?.self))
                ))
        }

        var businesses: [(firm: Firm, facts: BusinessFacts)] = []
        for row in try await sql.raw(
            """
            SELECT id, key, name, branch, chain, kvk, opening_hours FROM businesses
            WHERE centre_id = \(bind: centreID) ORDER BY name, key
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let key = try row.decode(column: "key", as: String.self)
            businesses.append(
                (
                    Firm(
                        key: key, name: try row.decode(column: "name", as: String.self),
                        branch: try row.decode(column: "branch", as: String.self),
                        chain: try row.decode(column: "chain", as: Bool.self),
                        kvk: try row.decode(column: "kvk", as: String?.self),
                        openingHours: try row.decode(column: "opening_hours", as: String.self), fte: fte[id] ?? [:]),
                    BusinessFacts(id: key, jobs: jobs[id] ?? [], locations: locations[id] ?? [])
                ))
        }
        return RegisterView(
            zones: zones,
            facts: RegisterFacts.Facts(
                premises: premises.map(\.facts), businesses: businesses.map(\.facts), earliest: earliest),
            places: premises.map(\.place), firms: businesses.map(\.firm))
    }
}

/// The register as the counting rules need it: the facts of the read model.
enum RegisterFacts {
    struct Facts: Sendable {
        let premises: [PremisesFacts]
        let businesses: [BusinessFacts]
        /// The first day any premises exists: charts start there at the earliest.
        let earliest: Day?
    }

    /// The facts at the centre's current data version.
    static func current(_ centre: Centre, in models: ReadModels, on db: any Database) async throws -> Facts {
        try await RegisterView.current(centre, in: models, on: db).facts
    }
}
