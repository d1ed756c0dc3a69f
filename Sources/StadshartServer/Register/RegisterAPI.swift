import Fluent
import Foundation
import StadshartCore
import Vapor

struct PremisesDTO: Content {
    var key: String
    var bagId: String?
    var address: String
    var street: String
    var postcode: String?
    var zone: String
    var floorArea: Int
    var function: String?
    var vacant: Bool
    var vacantSince: String?
    var vacancyDuration: String?
    var occupants: [String]
    var owner: String?
    var latitude: Double?
    var longitude: Double?
    var dwellingsAbove: String
}

struct BusinessDTO: Content {
    var key: String
    var name: String
    var branch: String
    var chain: Bool
    var jobs: Int
    var premises: [String]
}

struct AvailableDTO: Content {
    var key: String
    var address: String
    var street: String
    var floorArea: Int
    var function: String
    var functionLabel: String
    var vacantSince: String
}

struct RegisterFiguresDTO: Content {
    var date: String
    var zone: String?
    var street: String?
    var vacancy: VacancyFigures
    /// Vacant verkooppunten ÷ all verkooppunten, and vacant m² wvo ÷ all m² wvo (null without units).
    var unitsRate: Double?
    var floorAreaRate: Double?
    var units: Int
    var vacantUnits: Int
    var floorArea: Int
    var vacantFloorArea: Int
    /// The basis is always named with the figure: a comparison is only honest on the same basis.
    var unitsRateText: String
    var floorAreaRateText: String
    var businesses: Int
    var jobs: Int
    var synthetic: Bool
}

/// The register through the API: premises and businesses as they were on a day, and the figures.
enum RegisterAPI {
    static func register(_ api: APIRoutes) {
        let base = "api/v1/centres/{centre}"
        api.add(
            .GET, base + "/premises", .centre(.readRegister),
            summary: "Panden op een datum (filters: date, zone, street, function, vacant)",
            errors: [400, 401, 403, 404]
        ) { req in
            let centre = try req.centre
            let loaded = try await RegisterStore.load(centre, on: req.db)
            return try premisesList(loaded, at: date(req), req: req)
        }
        api.add(
            .GET, base + "/premises/{key}", .member, summary: "Eén pand met zijn geschiedenis",
            errors: [400, 401, 403, 404]
        ) { req in
            let (centre, premises) = try await PremisesHistory.premises(req)
            return try await PremisesHistory.detail(centre, premises: premises, at: date(req), on: req.db)
        }
        api.add(
            .POST, base + "/premises/{key}/vacancies", .member,
            summary: "Het pand staat leeg vanaf een datum (from, reason); gebruikers vertrekken op die dag",
            body: VacancyInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let (centre, premises) = try await PremisesHistory.premises(req, edit: true)
            try await PremisesHistory.startVacancy(
                premises, input: input, centre: centre, by: req.actor, on: req.db)
            return try await PremisesHistory.detail(
                centre, premises: try await PremisesHistory.premises(centre, key: premises.key, on: req.db),
                at: Day.today(), on: req.db)
        }
        api.add(
            .POST, base + "/premises/{key}/vacancies/end", .member,
            summary: "De leegstand eindigt op een datum (until)",
            body: VacancyInput.self, errors: [400, 401, 403, 404, 422]
        ) { req, input in
            let (centre, premises) = try await PremisesHistory.premises(req, edit: true)
            try await PremisesHistory.endVacancy(
                premises, input: input, centre: centre, by: req.actor, on: req.db)
            return try await PremisesHistory.detail(
                centre, premises: try await PremisesHistory.premises(centre, key: premises.key, on: req.db),
                at: Day.today(), on: req.db)
        }
        api.add(
            .GET, base + "/businesses", .centre(.readRegister),
            summary: "Vestigingen op een datum, met banen (LISA-telling)", errors: [400, 401, 403, 404]
        ) { req in
            let centre = try req.centre
            let loaded = try await RegisterStore.load(centre, on: req.db)
            let day = try date(req)
            let keys = Dictionary(uniqueKeysWithValues: loaded.premises.map { ($0.id!, $0.key) })
            return loaded.businesses.compactMap { business -> BusinessDTO? in
                let facts = RegisterStore.facts(business, premisesKeys: keys)
                let here = facts.locations.filter { $0.period.contains(day) }.map(\.premises)
                guard !here.isEmpty else { return nil }
                return BusinessDTO(
                    key: business.key, name: business.name, branch: business.branch, chain: business.chain,
                    jobs: facts.jobs(at: day), premises: here)
            }
        }
        api.add(
            .GET, base + "/available-premises", .anyone,
            summary: "Beschikbare panden in het kernwinkelgebied (openbaar)", errors: [404]
        ) { req in
            let centre = try req.centre
            return available(try await RegisterStore.load(centre, on: req.db), at: Day.today())
        }
        api.add(
            .GET, base + "/vacancy", .anyone,
            summary: "Leegstand (aantal en m² wvo), vestigingen en banen op een datum (filters: date, zone, street)",
            errors: [400, 404]
        ) { req in
            let centre = try req.centre
            let day = try date(req)
            let zone: String? = req.query["zone"]
            let street: String? = req.query["street"]
            if let zone,
                try await Zone.query(on: req.db).filter(\.$centre.$id == centre.requireID()).filter(\.$key == zone)
                    .count() == 0
            {
                throw StadshartError.invalid(
                    InvalidInput([FieldProblem(field: "zone", message: "onbekende zone '\(zone)'")]))
            }
            let facts = try await RegisterFacts.load(centre, on: req.db)
            let (vacancy, employment) = RegisterStore.figures(facts, at: day, zone: zone, street: street)
            return RegisterFiguresDTO(
                date: day.description, zone: zone, street: street, vacancy: vacancy,
                unitsRate: vacancy.unitsRate, floorAreaRate: vacancy.floorAreaRate, units: vacancy.units,
                vacantUnits: vacancy.vacantUnits, floorArea: vacancy.floorArea,
                vacantFloorArea: vacancy.vacantFloorArea,
                unitsRateText: Percent.dutch(vacancy.unitsRate) + " van het aantal verkooppunten",
                floorAreaRateText: Percent.dutch(vacancy.floorAreaRate) + " van het winkelvloeroppervlak (m² wvo)",
                businesses: employment.businesses, jobs: employment.jobs, synthetic: centre.registerSynthetic)
        }
    }

    /// Vacant verkooppunten in the core shopping area today: for acquisition, public.
    static func available(_ loaded: RegisterStore.Loaded, at day: Day) -> [AvailableDTO] {
        let zoneKeys = Dictionary(uniqueKeysWithValues: loaded.zones.map { ($0.id!, $0.key) })
        return loaded.premises.compactMap { premises -> AvailableDTO? in
            let facts = RegisterStore.facts(premises, zoneKey: zoneKeys[premises.$zone.id] ?? "")
            guard facts.zone == "kernwinkelgebied", facts.exists(at: day), let vacancy = facts.vacancy(at: day),
                let function = facts.function(at: day), function.isSalesPoint
            else { return nil }
            return AvailableDTO(
                key: premises.key,
                address: "\(premises.street) \(premises.number)\(premises.addition.map { " \($0)" } ?? "")",
                street: premises.street, floorArea: premises.floorArea, function: function.rawValue,
                functionLabel: function.label, vacantSince: vacancy.from.description)
        }.sorted { $0.address < $1.address }
    }

    /// `?date=` in either notation; today in the Netherlands when absent.
    static func date(_ req: Request) throws -> Day {
        guard let text: String = req.query["date"], !text.isEmpty else { return Day.today() }
        guard let day = Day(parsing: text) else {
            var error = StadshartError.invalid(
                InvalidInput([FieldProblem(field: "date", message: "'\(text)' is geen datum")]))
            error.status = .badRequest
            throw error
        }
        return day
    }

    /// One premises as the list and the API show it on a day.
    static func premisesRow(_ premises: Premises, zoneKey: String, at day: Day, occupants: [String]) -> PremisesDTO {
        let facts = RegisterStore.facts(premises, zoneKey: zoneKey)
        let vacancy = facts.vacancy(at: day)
        return PremisesDTO(
            key: premises.key, bagId: premises.bagID,
            address: "\(premises.street) \(premises.number)\(premises.addition.map { " \($0)" } ?? "")",
            street: premises.street, postcode: premises.postcode, zone: zoneKey, floorArea: premises.floorArea,
            function: facts.function(at: day)?.rawValue, vacant: vacancy != nil, vacantSince: vacancy?.from.description,
            vacancyDuration: vacancy.map { VacancyDuration.of(since: $0.from, at: day).rawValue }, occupants: occupants,
            owner: premises.owner?.name, latitude: premises.latitude, longitude: premises.longitude,
            dwellingsAbove: premises.dwellingsAbove)
    }

    static func premisesList(_ loaded: RegisterStore.Loaded, at day: Day, req: Request) throws -> [PremisesDTO] {
        let zoneKeys = Dictionary(uniqueKeysWithValues: loaded.zones.map { ($0.id!, $0.key) })
        var occupants: [UUID: [String]] = [:]
        for business in loaded.businesses {
            for occupancy in business.occupancies
            where RegisterStore.period(occupancy.from, occupancy.until).contains(day) {
                occupants[occupancy.$premises.id, default: []].append(business.name)
            }
        }
        let zone: String? = req.query["zone"]
        let street: String? = req.query["street"]
        let function: String? = req.query["function"]
        let vacantOnly = (req.query["vacant"] as String?).flatMap {
            $0.isEmpty ? nil : ["ja", "true", "1"].contains($0)
        }
        let longTermOnly = (req.query["longTerm"] as String?).map { ["ja", "true", "1"].contains($0) } ?? false
        let owner: String? = (req.query["owner"] as String?).flatMap { $0.isEmpty ? nil : $0 }
        return loaded.premises.compactMap { premises -> PremisesDTO? in
            let facts = RegisterStore.facts(premises, zoneKey: zoneKeys[premises.$zone.id] ?? "")
            guard facts.exists(at: day) else { return nil }
            let vacancy = facts.vacancy(at: day)
            if let zone, facts.zone != zone { return nil }
            if let street, facts.street != street { return nil }
            if let function, facts.function(at: day)?.rawValue != function { return nil }
            if let vacantOnly, vacantOnly != (vacancy != nil) { return nil }
            if longTermOnly, vacancy.map({ VacancyDuration.of(since: $0.from, at: day) == .frictioneel }) ?? true {
                return nil
            }
            if let owner, premises.owner?.key != owner { return nil }
            return premisesRow(premises, zoneKey: facts.zone, at: day, occupants: occupants[premises.id!] ?? [])
        }
    }
}
