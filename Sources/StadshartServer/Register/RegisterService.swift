import Fluent
import Foundation
import StadshartCore
import Vapor

/// The register's service: who may see and change which premises and business, and the lists
/// and single records the pages, the API and the command line show. Services take the
/// caller, never the request.
enum RegisterService {
    static func premises(_ centre: Centre, key: String, on db: any Database) async throws -> Premises {
        guard
            let premises = try await Premises.query(on: db).filter(\.$centre.$id == centre.requireID())
                .filter(\.$key == key).with(\.$functions).with(\.$vacancies).with(\.$zone).with(\.$owner).first()
        else { throw StadshartError.notFound("Pand '\(key)' bestaat niet in \(centre.name).") }
        return premises
    }

    /// A premises, when the caller may see it (or, with `edit`, change its state).
    static func premises(_ centre: Centre, key: String, for caller: Caller, edit: Bool = false, on db: any Database)
        async throws -> Premises
    {
        let premises = try await premises(centre, key: key, on: db)
        let owner = premises.owner?.key
        let allowed =
            edit
            ? Access.mayEditPremises(caller.grants, owner: owner, in: centre.slug)
            : Access.maySeePremises(caller.grants, owner: owner, in: centre.slug)
        guard allowed else {
            throw Refusal.forbidden(
                edit ? "Alleen de eigenaar en de binnenstadsteams werken dit pand bij." : "Dit pand is niet van u.")
        }
        return premises
    }

    /// A business, when the caller may see it (or, with `edit`, change it).
    static func business(_ centre: Centre, key: String, for caller: Caller, edit: Bool = false, on db: any Database)
        async throws -> Business
    {
        let mayEdit = Access.mayEditBusiness(caller.grants, key: key, in: centre.slug)
        guard mayEdit || (!edit && Access.allows(caller.grants, .readRegister, in: centre.slug)) else {
            throw Refusal.forbidden("Alleen de eigen ondernemer en de binnenstadsteams werken deze vestiging bij.")
        }
        guard
            let business = try await Business.query(on: db).filter(\.$centre.$id == centre.requireID())
                .filter(\.$key == key).with(\.$jobs).with(\.$occupancies).first()
        else { throw StadshartError.notFound("Vestiging '\(key)' bestaat niet in \(centre.name).") }
        return business
    }

    static func premisesKeys(_ centre: Centre, on db: any Database) async throws -> [UUID: String] {
        Dictionary(
            uniqueKeysWithValues: try await Premises.query(on: db).filter(\.$centre.$id == centre.requireID()).all()
                .map { ($0.id!, $0.key) })
    }

    static func detail(_ centre: Centre, premises: Premises, at day: Day, on db: any Database) async throws
        -> PremisesDetailDTO
    {
        let id = try premises.requireID()
        let occupancies = try await Occupancy.query(on: db).filter(\.$premises.$id == id).with(\.$business).all()
        let uses = try await TemporaryUse.query(on: db).filter(\.$premises.$id == id).all()
        let change = try await FunctionChangePlan.query(on: db).filter(\.$premises.$id == id).first()
        var timeline: [TimelineEntry] = []
        timeline += premises.functions.map {
            TimelineEntry(
                from: $0.from, until: nil, kind: "functie",
                text: "functie: \(PremisesFunction(rawValue: $0.function)?.label ?? $0.function)")
        }
        timeline += premises.vacancies.map {
            TimelineEntry(
                from: $0.from, until: $0.until, kind: "leegstand",
                text: "leeg" + ($0.reason.map { ", reden: \($0)" } ?? ""))
        }
        timeline += occupancies.map {
            TimelineEntry(
                from: $0.from, until: $0.until, kind: "gebruiker", text: "in gebruik door \($0.business.name)")
        }
        timeline += uses.map {
            let criteria = [
                $0.openToPublic ? "open voor publiek" : nil, $0.tidyFrontage ? "verzorgde gevel" : nil,
                $0.takesPart ? "doet mee in de straat" : nil,
            ].compactMap { $0 }
            return TimelineEntry(
                from: $0.from, until: $0.until, kind: "tijdelijk gebruik",
                text: "tijdelijk gebruik: \($0.usedBy)"
                    + (criteria.isEmpty ? "" : " — " + criteria.joined(separator: ", ")))
        }
        timeline.sort { ($0.from, $0.kind) > ($1.from, $1.kind) }
        let row = premisesRow(
            RegisterView.Place(premises), RegisterStore.facts(premises, zoneKey: premises.zone.key), at: day,
            occupants: occupancies.filter {
                RegisterStore.period($0.from, $0.until).contains(day)
            }.map(\.business.name))
        return PremisesDetailDTO(
            premises: row, timeline: timeline,
            plannedChange: change.map {
                "\(PremisesFunction(rawValue: $0.fromFunction)?.label ?? $0.fromFunction) → \(PremisesFunction(rawValue: $0.toFunction)?.label ?? $0.toFunction) (\($0.stage.replacingOccurrences(of: "_", with: " ")))"
            })
    }

    /// One premises as the list and the API show it on a day.
    static func premisesRow(_ place: RegisterView.Place, _ facts: PremisesFacts, at day: Day, occupants: [String])
        -> PremisesDTO
    {
        let vacancy = facts.vacancy(at: day)
        return PremisesDTO(
            key: place.key, bagId: place.bagID, address: place.address, street: place.street,
            postcode: place.postcode, zone: facts.zone, floorArea: facts.floorArea,
            function: facts.function(at: day)?.rawValue, vacant: vacancy != nil, vacantSince: vacancy?.from.description,
            vacancyDuration: vacancy.map { VacancyDuration.of(since: $0.from, at: day).rawValue }, occupants: occupants,
            owner: place.ownerName, latitude: place.latitude, longitude: place.longitude,
            dwellingsAbove: place.dwellingsAbove)
    }

    /// The premises that exist on a day and pass the filter, in address order.
    static func list(_ view: RegisterView, filter: PremisesFilter, at day: Day) -> [PremisesDTO] {
        let occupants = view.occupants(at: day)
        return view.premises.compactMap { place, facts -> PremisesDTO? in
            guard facts.exists(at: day), filter.matches(facts, ownerKey: place.ownerKey, at: day) else { return nil }
            return premisesRow(place, facts, at: day, occupants: occupants[place.key] ?? [])
        }
    }

    /// The businesses present on a day, with their jobs, by name.
    static func businesses(_ view: RegisterView, at day: Day) -> [BusinessDTO] {
        view.businesses.compactMap { firm, facts -> BusinessDTO? in
            let here = facts.locations.filter { $0.period.contains(day) }.map(\.premises)
            guard !here.isEmpty else { return nil }
            return BusinessDTO(
                key: firm.key, name: firm.name, branch: firm.branch, chain: firm.chain, jobs: facts.jobs(at: day),
                premises: here)
        }
    }

    /// Vacant verkooppunten in the centre's core shopping area (its own setting): for acquisition,
    /// public; in address order.
    static func available(_ view: RegisterView, coreZone: String, at day: Day) -> [AvailableDTO] {
        view.premises.compactMap { place, facts -> AvailableDTO? in
            guard facts.zone == coreZone, facts.exists(at: day), let vacancy = facts.vacancy(at: day),
                let function = facts.function(at: day), function.isSalesPoint
            else { return nil }
            return AvailableDTO(
                key: place.key, address: place.address, street: place.street, floorArea: facts.floorArea,
                function: function.rawValue, functionLabel: function.label, vacantSince: vacancy.from.description)
        }
    }

    /// The centre's zones in their order.
    static func zones(_ centre: Centre, on db: any Database) async throws -> [Zone] {
        try await Zone.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$position).all()
    }
}
