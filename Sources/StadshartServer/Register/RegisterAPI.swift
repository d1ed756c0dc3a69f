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

struct ZoneDTO: Content {
    var key: String
    var name: String
    /// The core shopping area (kernwinkelgebied) of the centre.
    var core: Bool
}

struct CoreZoneInput: Content {
    var zone: String?
}

/// The API's body for a vacancy that begins: the day (and why).
struct VacancyStartInput: Decodable {
    var from: String?
    var reason: String?
}

/// The API's body for a vacancy that ends.
struct VacancyEndInput: Decodable {
    var until: String?
}

/// The register through the API: premises and businesses as they were on a day, and the figures.
enum RegisterAPI {
    static func register(_ api: APIRoutes) {
        let base = "api/v1/centres/{centre}"
        api.add(
            .GET, base + "/premises", .centre(.readRegister),
            summary:
                "Panden op een datum (filters: date, zone, street, function, vacant, longTerm, owner; pagina's: limit, cursor, Link rel=next)",
            errors: [400, 401, 403, 404]
        ) { req in
            let view = try await RegisterView.current(req.centre, in: req.application.readModels, on: req.db)
            return try req.page(
                try await req.premisesList(view, filter: try req.premisesFilter(), at: try req.dateQuery()), key: \.key)
        }
        api.add(
            .GET, base + "/premises/{key}", .member, summary: "Eén pand met zijn geschiedenis",
            errors: [400, 401, 403, 404]
        ) { req in
            let (centre, premises) = try await req.routePremises()
            return try await RegisterService.detail(centre, premises: premises, at: req.dateQuery(), on: req.db)
        }
        api.add(
            .POST, base + "/premises/{key}/vacancies", .member,
            summary: "Het pand staat leeg vanaf een datum (from, reason); gebruikers vertrekken op die dag",
            body: VacancyStartInput.self, status: .created, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            try await changePremises(req) { centre, premises in
                let input = try body.value
                try await RegisterService.startVacancy(
                    premises, VacancyInput(from: input.from, reason: input.reason), centre: centre, by: req.actor,
                    on: req.db)
            }
        }
        api.add(
            .POST, base + "/premises/{key}/vacancies/end", .member,
            summary: "De leegstand eindigt op een datum (until)",
            body: VacancyEndInput.self, errors: [400, 401, 403, 404, 422]
        ) { req, body in
            try await changePremises(req) { centre, premises in
                try await RegisterService.endVacancy(
                    premises, VacancyInput(until: try body.value.until), centre: centre, by: req.actor, on: req.db)
            }
        }
        api.add(
            .GET, base + "/businesses", .centre(.readRegister),
            summary: "Vestigingen op een datum, met banen (LISA-telling; pagina's: limit, cursor, Link rel=next)",
            errors: [400, 401, 403, 404]
        ) { req in
            let view = try await RegisterView.current(req.centre, in: req.application.readModels, on: req.db)
            let businesses = RegisterService.businesses(view, at: try req.dateQuery())
            return try req.page(businesses, key: \.key)
        }
        api.add(
            .GET, base + "/zones", .centre(.readRegister),
            summary: "De zones van de binnenstad; core: het kernwinkelgebied", errors: [401, 403, 404]
        ) { req in
            try await zoneList(req.centre, on: req.db)
        }
        api.add(
            .PUT, base + "/core-zone", .centre(.editRegister),
            summary: "Kiezen welke zone het kernwinkelgebied is (zone: de sleutel)", body: CoreZoneInput.self,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let centre = try req.centre
            try await RegisterService.setCoreZone(try body.value.zone, centre: centre, by: req.actor, on: req.db)
            return try await zoneList(centre, on: req.db)
        }
        api.add(
            .GET, base + "/available-premises", .anyone,
            summary: "Beschikbare panden in het kernwinkelgebied van de binnenstad (openbaar)", errors: [404],
            publicAnswer: true
        ) { req in
            let centre = try req.centre
            return RegisterService.available(
                try await RegisterView.current(centre, in: req.application.readModels, on: req.db),
                coreZone: centre.coreZone, at: req.today)
        }
        api.add(
            .GET, base + "/vacancy", .anyone,
            summary: "Leegstand (aantal en m² wvo), vestigingen en banen op een datum (filters: date, zone, street)",
            errors: [400, 404], publicAnswer: true
        ) { req in
            let centre = try req.centre
            let day = try req.dateQuery()
            let zone = (req.query["zone"] as String?).nonBlank
            let street = (req.query["street"] as String?).nonBlank
            if let zone, try await !RegisterService.zones(centre, on: req.db).contains(where: { $0.key == zone }) {
                throw StadshartError.invalid(
                    InvalidInput([FieldProblem(field: "zone", message: "onbekende zone '\(zone)'")]))
            }
            let facts = try await RegisterFacts.current(centre, in: req.application.readModels, on: req.db)
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

    static func zoneList(_ centre: Centre, on db: any Database) async throws -> [ZoneDTO] {
        try await RegisterService.zones(centre, on: db).map {
            ZoneDTO(key: $0.key, name: $0.name, core: $0.key == centre.coreZone)
        }
    }

    /// A change to the premises of the route, answered with the premises as it is now.
    static func changePremises(_ req: Request, _ change: (Centre, Premises) async throws -> Void) async throws
        -> PremisesDetailDTO
    {
        let (centre, premises) = try await req.routePremises(edit: true)
        try await change(centre, premises)
        return try await RegisterService.detail(
            centre, premises: try await RegisterService.premises(centre, key: premises.key, on: req.db),
            at: req.today, on: req.db)
    }
}
