import Fluent
import Foundation
import SQLKit
import StadshartCore

/// The register as the counting rules need it, read with six plain queries instead of the full
/// models: the monitor counts the register on every request and needs no names or addresses.
enum RegisterFacts {
    struct Facts: Sendable {
        let premises: [PremisesFacts]
        let businesses: [BusinessFacts]
        /// The first day any premises exists: charts start there at the earliest.
        let earliest: Day?

        init(premises: [PremisesFacts], businesses: [BusinessFacts], earliest: Day?) {
            self.premises = premises
            self.businesses = businesses
            self.earliest = earliest
        }

        /// The same facts from the full models, when those are loaded anyway.
        init(_ loaded: RegisterStore.Loaded) {
            let zoneKeys = Dictionary(uniqueKeysWithValues: loaded.zones.map { ($0.id!, $0.key) })
            let keys = Dictionary(uniqueKeysWithValues: loaded.premises.map { ($0.id!, $0.key) })
            premises = loaded.premises.map { RegisterStore.facts($0, zoneKey: zoneKeys[$0.$zone.id] ?? "") }
            businesses = loaded.businesses.map { RegisterStore.facts($0, premisesKeys: keys) }
            earliest = loaded.premises.compactMap { Day(parsing: $0.existsFrom) }.min()
        }
    }

    /// The facts at the centre's current data version: read once per version, then kept.
    static func current(_ centre: Centre, in models: ReadModels, on db: any Database) async throws -> Facts {
        try await models.value("register-facts", of: centre) { try await load(centre, on: db) }
    }

    static func load(_ centre: Centre, on db: any Database) async throws -> Facts {
        guard let sql = db as? any SQLDatabase else {
            // Every supported driver speaks SQL; fall back to the models otherwise.
            return Facts(try await RegisterStore.load(centre, on: db))
        }
        let centreID = try centre.requireID()
        func period(_ from: String, _ until: String?) -> Period { RegisterStore.period(from, until) }

        var functions: [UUID: [(from: Day, function: PremisesFunction)]] = [:]
        for row in try await sql.raw(
            """
            SELECT f.premises_id, f.from_day, f.function FROM premises_functions f
            JOIN premises p ON p.id = f.premises_id WHERE p.centre_id = \(bind: centreID)
            """
        ).all() {
            let id = try row.decode(column: "premises_id", as: UUID.self)
            guard let day = Day(parsing: try row.decode(column: "from_day", as: String.self)),
                let function = PremisesFunction(rawValue: try row.decode(column: "function", as: String.self))
            else { continue }
            functions[id, default: []].append((from: day, function: function))
        }
        var vacancies: [UUID: [Period]] = [:]
        for row in try await sql.raw(
            """
            SELECT v.premises_id, v.from_day, v.until_day FROM vacancy_periods v
            JOIN premises p ON p.id = v.premises_id WHERE p.centre_id = \(bind: centreID)
            """
        ).all() {
            vacancies[try row.decode(column: "premises_id", as: UUID.self), default: []].append(
                period(
                    try row.decode(column: "from_day", as: String.self),
                    try row.decode(column: "until_day", as: String?.self)))
        }
        var premisesKeys: [UUID: String] = [:]
        var premises: [PremisesFacts] = []
        var earliest: Day?
        for row in try await sql.raw(
            """
            SELECT p.id, p.key, z.key AS zone_key, p.street, p.floor_area, p.exists_from, p.exists_until
            FROM premises p JOIN zones z ON z.id = p.zone_id WHERE p.centre_id = \(bind: centreID)
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let key = try row.decode(column: "key", as: String.self)
            let from = try row.decode(column: "exists_from", as: String.self)
            premisesKeys[id] = key
            if let day = Day(parsing: from), earliest.map({ day < $0 }) ?? true { earliest = day }
            premises.append(
                PremisesFacts(
                    id: key, zone: try row.decode(column: "zone_key", as: String.self),
                    street: try row.decode(column: "street", as: String.self),
                    floorArea: try row.decode(column: "floor_area", as: Int.self),
                    existence: period(from, try row.decode(column: "exists_until", as: String?.self)),
                    functions: functions[id] ?? [], vacancies: vacancies[id] ?? []))
        }
        var jobs: [UUID: [(from: Day, persons: Int)]] = [:]
        for row in try await sql.raw(
            """
            SELECT j.business_id, j.from_day, j.persons FROM business_jobs j
            JOIN businesses b ON b.id = j.business_id WHERE b.centre_id = \(bind: centreID)
            """
        ).all() {
            guard let day = Day(parsing: try row.decode(column: "from_day", as: String.self)) else { continue }
            jobs[try row.decode(column: "business_id", as: UUID.self), default: []].append(
                (from: day, persons: try row.decode(column: "persons", as: Int.self)))
        }
        var locations: [UUID: [(premises: String, period: Period)]] = [:]
        for row in try await sql.raw(
            """
            SELECT o.business_id, o.premises_id, o.from_day, o.until_day FROM occupancies o
            JOIN businesses b ON b.id = o.business_id WHERE b.centre_id = \(bind: centreID)
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
        var businesses: [BusinessFacts] = []
        for row in try await sql.raw(
            "SELECT b.id, b.key FROM businesses b WHERE b.centre_id = \(bind: centreID)"
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            businesses.append(
                BusinessFacts(
                    id: try row.decode(column: "key", as: String.self), jobs: jobs[id] ?? [],
                    locations: locations[id] ?? []))
        }
        return Facts(premises: premises, businesses: businesses, earliest: earliest)
    }
}
