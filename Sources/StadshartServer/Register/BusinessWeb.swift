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

    /// The form's own values: what was stored, or after a refusal what was sent. The facts box
    /// beside it always shows what is stored.
    struct Form: Encodable {
        var jobs: String
        var fte: String
        var hours: [HourField]
    }

    struct Page: Encodable {
        var layout: Layout
        var synthetic: Bool
        var name: String
        var branch: String
        var chain: Bool
        var premises: [PremisesRef]
        var jobs: String
        var fte: String
        var hours: [HourField]
        var form: Form
        var canEdit: Bool
        var postLink: String
        var failed: FormErrors?
    }

    struct PremisesRef: Encodable {
        var label: String
        var href: String?
    }

    static let fields = FormFields(
        form: "business",
        BusinessCSV.days.map { ($0, $0, "Openingstijden \(dayLabels[$0] ?? $0)") } + [
            ("jobs", "jobs", "Banen"), ("fte", "fte", "FTE"),
        ])

    static let dayLabels = [
        "ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag", "za": "zaterdag",
        "zo": "zondag",
    ]

    static func register(_ routes: Pages, api: APIRoutes) {
        routes.get(Web.business, .member) { req in
            let (centre, business) = try await req.routeBusiness()
            return try await req.view.render("business", page(req, centre: centre, business: business))
        }
        routes.post(Web.business, .member) { req -> Response in
            let (centre, business) = try await req.routeBusiness(edit: true)
            let form = FormBody(req)
            let hours = Dictionary(uniqueKeysWithValues: BusinessCSV.days.map { ($0, form[$0] ?? "") })
            do {
                let update = try BusinessUpdate.validate(hours: hours, jobs: form["jobs"], fte: form["fte"])
                try await RegisterService.updateBusiness(business, update, centre: centre, by: req.actor, on: req.db)
            } catch let invalid as InvalidInput {
                var shown = try await page(req, centre: centre, business: business)
                let failed = fields.errors(invalid.problems)
                shown.failed = failed
                // The refused text stays in the form, to be corrected; the facts stay as stored.
                shown.form = Form(
                    jobs: form["jobs"] ?? "", fte: form["fte"] ?? "",
                    hours: shown.hours.map { field in
                        var field = field
                        field.value = hours[field.day] ?? ""
                        field.error = failed.messages[field.day]
                        return field
                    })
                return try await req.rerender("business", shown)
            }
            return req.seeOther(
                Web.business.link(centre.slug, business.key), notice: "Opgeslagen: openingstijden, banen en FTE.")
        }
        api.add(
            .PATCH, "api/v1/centres/{centre}/businesses/{key}", .member,
            summary: "Eigen vestiging bijwerken: openingHours (ma…zo), jobs, fte", body: BusinessUpdateInput.self,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            let (centre, business) = try await req.routeBusiness(edit: true)
            let body = try body.value
            let update = try BusinessUpdate.validate(
                hours: body.openingHours ?? [:], jobs: body.jobs.map(String.init), fte: body.fte.map { String($0) })
            try await RegisterService.updateBusiness(business, update, centre: centre, by: req.actor, on: req.db)
            let fresh = try await Business.query(on: req.db).filter(\.$id == business.requireID()).with(\.$jobs)
                .with(\.$occupancies).first()!
            let keys = try await RegisterService.premisesKeys(centre, on: req.db)
            let facts = RegisterStore.facts(fresh, premisesKeys: keys)
            let today = req.today
            return BusinessDTO(
                key: fresh.key, name: fresh.name, branch: fresh.branch, chain: fresh.chain, jobs: facts.jobs(at: today),
                premises: facts.locations.filter { $0.period.contains(today) }.map(\.premises))
        }
    }

    static func page(_ req: Request, centre: Centre, business: Business) async throws -> Page {
        let keys = try await RegisterService.premisesKeys(centre, on: req.db)
        let facts = RegisterStore.facts(business, premisesKeys: keys)
        let view = try await RegisterView.current(centre, in: req.application.readModels, on: req.db)
        let today = req.today
        let hours = RegisterImport.normalisedHours(business.openingHours)
        let currentFTE = business.jobs.filter { Day(parsing: $0.from).map { $0 <= today } ?? false }
            .max { $0.from < $1.from }?.fteHundredths
        let jobs = "\(facts.jobs(at: today))"
        let fte = currentFTE.map { DutchNumber.exact(Double($0) / 100) } ?? ""
        let hourFields = BusinessCSV.days.enumerated().map {
            HourField(
                day: $0.element, label: dayLabels[$0.element] ?? $0.element, value: hours[$0.offset] ?? "gesloten")
        }
        return Page(
            layout: try await Layout.centre(business.name, centre, request: req), synthetic: centre.registerSynthetic,
            name: business.name, branch: business.branch, chain: business.chain,
            premises: facts.locations.filter { $0.period.contains(today) }.map { location in
                // By address, as the ondernemer knows it; a link only for those who may open the premises.
                let place = view.places.first { $0.key == location.premises }
                let mayOpen = Access.maySeePremises(req.grants, owner: place?.ownerKey, in: centre.slug)
                return PremisesRef(
                    label: place?.address ?? location.premises,
                    href: mayOpen ? Web.premises.link(centre.slug, location.premises) : nil)
            },
            jobs: jobs, fte: fte, hours: hourFields, form: Form(jobs: jobs, fte: fte, hours: hourFields),
            canEdit: Access.mayEditBusiness(req.grants, key: business.key, in: centre.slug),
            postLink: Web.business.link(centre.slug, business.key), failed: nil)
    }
}

/// The body of PATCH …/businesses/{key}: only what the ondernemer keeps up to date.
struct BusinessUpdateInput: Decodable {
    var openingHours: [String: String]?
    var jobs: Int?
    var fte: Double?
}
