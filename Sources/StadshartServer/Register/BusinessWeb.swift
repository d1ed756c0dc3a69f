import Fluent
import Foundation
import StadshartCore
import Vapor

/// One business: its page, and its owner (or the teams) updating opening hours and jobs.
enum BusinessWeb {
    struct HourField: Encodable {
        var day: String
        var label: String
        var value: String
        var error: String?
    }

    struct Page: Encodable {
        var layout: Layout
        var synthetic: Bool
        var name: String
        var branch: String
        var chain: Bool
        var premises: [Layout.Link]
        var jobs: String
        var fte: String
        var hours: [HourField]
        var canEdit: Bool
        var postLink: String
        var errors: [String: String]
        var saved: Bool
    }

    static let dayLabels = [
        "ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag", "za": "zaterdag",
        "zo": "zondag",
    ]

    static func register(_ routes: Pages, api: APIRoutes) {
        routes.get(Web.business, .member) { req in
            let (centre, business) = try await load(req)
            return try await req.view.render("business", page(req, centre: centre, business: business))
        }
        routes.post(Web.business, .member) { req -> Response in
            let (centre, business) = try await load(req, edit: true)
            let form = FormBody(req)
            let hours = Dictionary(uniqueKeysWithValues: BusinessCSV.days.map { ($0, form[$0] ?? "") })
            do {
                let update = try BusinessUpdate.validate(hours: hours, jobs: form["jobs"], fte: form["fte"])
                try await save(update, to: business, centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var shown = try await page(req, centre: centre, business: business)
                shown.errors = PlanPages.fieldErrors(invalid.problems)
                shown.hours = shown.hours.map { field in
                    var field = field
                    field.value = hours[field.day] ?? ""
                    field.error = shown.errors[field.day]
                    return field
                }
                shown.jobs = form["jobs"] ?? ""
                shown.fte = form["fte"] ?? ""
                return try await PlansWeb.render(req, "business", shown)
            }
            return req.seeOther(Web.business.link(centre.slug, business.key) + "?bewaard=ja")
        }
        api.add(
            .PATCH, "api/v1/centres/{centre}/businesses/{key}", .member,
            summary: "Eigen vestiging bijwerken: openingHours (ma…zo), jobs, fte", body: BusinessUpdateInput.self,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let (centre, business) = try await load(req, edit: true)
            let update = try BusinessUpdate.validate(
                hours: body.openingHours ?? [:], jobs: body.jobs.map(String.init), fte: body.fte.map { String($0) })
            try await save(update, to: business, centre: centre, by: req.actor, on: req.db)
            let fresh = try await Business.query(on: req.db).filter(\.$id == business.requireID()).with(\.$jobs)
                .with(\.$occupancies).first()!
            let keys = try await premisesKeys(centre, on: req.db)
            let facts = RegisterStore.facts(fresh, premisesKeys: keys)
            let today = Day.today()
            return BusinessDTO(
                key: fresh.key, name: fresh.name, branch: fresh.branch, chain: fresh.chain, jobs: facts.jobs(at: today),
                premises: facts.locations.filter { $0.period.contains(today) }.map(\.premises))
        }
    }

    static func premisesKeys(_ centre: Centre, on db: any Database) async throws -> [UUID: String] {
        Dictionary(
            uniqueKeysWithValues: try await Premises.query(on: db).filter(\.$centre.$id == centre.requireID()).all()
                .map { ($0.id!, $0.key) })
    }

    /// The business of the route, when this person may see it (or, with `edit`, change it).
    static func load(_ req: Request, edit: Bool = false) async throws -> (Centre, Business) {
        let centre = try req.centre
        let key = try req.parameter("key")
        let mayEdit = Access.mayEditBusiness(req.grants, key: key, in: centre.slug)
        guard mayEdit || (!edit && Access.allows(req.grants, .readRegister, in: centre.slug)) else {
            throw Refusal.forbidden("Alleen de eigen ondernemer en de binnenstadsteams werken deze vestiging bij.")
        }
        guard
            let business = try await Business.query(on: req.db).filter(\.$centre.$id == centre.requireID())
                .filter(\.$key == key).with(\.$jobs).with(\.$occupancies).first()
        else { throw StadshartError.notFound("Vestiging '\(key)' bestaat niet in \(centre.name).") }
        return (centre, business)
    }

    /// A change of jobs starts a new period today (history, not an overwrite); hours are current state.
    static func save(
        _ update: BusinessUpdate, to business: Business, centre: Centre, by actor: Actor, on db: any Database
    )
        async throws
    {
        let today = Day.today()
        let keys = try await premisesKeys(centre, on: db)
        let facts = RegisterStore.facts(business, premisesKeys: keys)
        let currentFTE = business.jobs.filter { Day(parsing: $0.from).map { $0 <= today } ?? false }
            .max { $0.from < $1.from }?.fteHundredths
        let newFTE = update.fte.map { Int(($0 * 100).rounded()) }
        var changes: [FieldChange] = []
        let oldHours = RegisterImport.normalisedHours(business.openingHours)
        let newHours = BusinessCSV.days.map { update.openingHours[$0] ?? nil }
        for (index, day) in BusinessCSV.days.enumerated() where oldHours[index] != newHours[index] {
            changes.append(
                FieldChange(field: day, before: oldHours[index] ?? "gesloten", after: newHours[index] ?? "gesloten"))
        }
        let jobsChanged = facts.jobs(at: today) != update.jobs || currentFTE != newFTE
        if jobsChanged {
            changes.append(FieldChange(field: "banen", before: "\(facts.jobs(at: today))", after: "\(update.jobs)"))
        }
        guard !changes.isEmpty else { return }
        let recorded = changes
        try await db.transaction { tx in
            business.openingHours = RegisterImport.hoursJSON(update.openingHours)
            try await business.update(on: tx)
            if jobsChanged {
                try await BusinessJobs.query(on: tx).filter(\.$business.$id == business.requireID())
                    .filter(\.$from == today.description).delete()
                let entry = BusinessJobs()
                entry.$business.id = try business.requireID()
                entry.from = today.description
                entry.persons = update.jobs
                entry.fteHundredths = newFTE
                try await entry.create(on: tx)
            }
            try await Audit.record(
                .gewijzigd, .vestiging, id: business.key, centreID: centre.id,
                summary: "Vestiging \(business.name) bijgewerkt", changes: recorded, by: actor, on: tx)
        }
    }

    static func page(_ req: Request, centre: Centre, business: Business) async throws -> Page {
        let keys = try await premisesKeys(centre, on: req.db)
        let facts = RegisterStore.facts(business, premisesKeys: keys)
        let today = Day.today()
        let hours = RegisterImport.normalisedHours(business.openingHours)
        let currentFTE = business.jobs.filter { Day(parsing: $0.from).map { $0 <= today } ?? false }
            .max { $0.from < $1.from }?.fteHundredths
        return Page(
            layout: try await Layout.centre(business.name, centre, request: req), synthetic: centre.registerSynthetic,
            name: business.name, branch: business.branch, chain: business.chain,
            premises: facts.locations.filter { $0.period.contains(today) }.map {
                Layout.Link(label: $0.premises, href: Web.premises.link(centre.slug, $0.premises))
            },
            jobs: "\(facts.jobs(at: today))", fte: currentFTE.map { String(format: "%.2f", Double($0) / 100) } ?? "",
            hours: BusinessCSV.days.enumerated().map {
                HourField(
                    day: $0.element, label: dayLabels[$0.element] ?? $0.element, value: hours[$0.offset] ?? "gesloten")
            },
            canEdit: Access.mayEditBusiness(req.grants, key: business.key, in: centre.slug),
            postLink: Web.business.link(centre.slug, business.key), errors: [:],
            saved: (req.query["bewaard"] as String?) == "ja")
    }
}

/// The body of PATCH …/businesses/{key}: only what the ondernemer keeps up to date.
struct BusinessUpdateInput: Decodable {
    var openingHours: [String: String]?
    var jobs: Int?
    var fte: Double?
}
