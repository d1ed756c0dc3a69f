import Fluent
import Foundation
import StadshartCore
import Vapor

/// Reads a centre's register and turns it into the facts the rules in Core count.
enum RegisterStore {
    /// The full models, for the import, which compares and changes them; pages read `RegisterView`.
    struct Loaded: @unchecked Sendable {
        let zones: [Zone]
        let premises: [Premises]
        let businesses: [Business]

        func zone(of premises: Premises) -> Zone? { zones.first { $0.id == premises.$zone.id } }
    }

    /// Everything at once: three queries with their histories eager-loaded, however large the register.
    static func load(_ centre: Centre, on db: any Database) async throws -> Loaded {
        let centreID = try centre.requireID()
        let zones = try await Zone.query(on: db).filter(\.$centre.$id == centreID).sort(\.$position).all()
        let premises = try await Premises.query(on: db).filter(\.$centre.$id == centreID)
            .with(\.$functions).with(\.$vacancies).with(\.$owner).sort(\.$street).sort(\.$number).all()
        let businesses = try await Business.query(on: db).filter(\.$centre.$id == centreID)
            .with(\.$jobs).with(\.$occupancies).sort(\.$name).all()
        return Loaded(zones: zones, premises: premises, businesses: businesses)
    }

    static func facts(_ premises: Premises, zoneKey: String) -> PremisesFacts {
        PremisesFacts(
            id: premises.key, zone: zoneKey, street: premises.street, floorArea: premises.floorArea,
            existence: period(premises.existsFrom, premises.existsUntil),
            functions: premises.functions.compactMap { entry in
                guard let day = Day(parsing: entry.from), let function = PremisesFunction(rawValue: entry.function)
                else { return nil }
                return (from: day, function: function)
            },
            vacancies: premises.vacancies.map { period($0.from, $0.until) })
    }

    static func facts(_ business: Business, premisesKeys: [UUID: String]) -> BusinessFacts {
        BusinessFacts(
            id: business.key,
            jobs: business.jobs.compactMap { entry in
                Day(parsing: entry.from).map { (from: $0, persons: entry.persons) }
            },
            locations: business.occupancies.compactMap { occupancy in
                premisesKeys[occupancy.$premises.id].map {
                    (premises: $0, period: period(occupancy.from, occupancy.until))
                }
            })
    }

    /// Vacancy and employment together, as they are kept.
    struct Figures: Sendable {
        let vacancy: VacancyFigures
        let employment: EmploymentFigures
    }

    static func period(_ from: String, _ until: String?) -> Period {
        Period(from: Day(parsing: from) ?? Day(year: 1900, month: 1, day: 1)!, until: until.flatMap(Day.init(parsing:)))
    }

    /// The register's figures on a day, for the whole centre or one zone or street.
    static func figures(_ facts: RegisterFacts.Facts, at date: Day, zone: String?, street: String?) -> (
        VacancyFigures, EmploymentFigures
    ) {
        let vacancy = RegisterFigures.vacancy(facts.premises, at: date, zone: zone, street: street)
        let inArea = Set(
            facts.premises.filter { (zone == nil || $0.zone == zone) && (street == nil || $0.street == street) }
                .map(\.id))
        return (vacancy, RegisterFigures.employment(facts.businesses, in: inArea, at: date))
    }
}
