import Fluent
import StadshartCore
import Vapor

/// The start page (all centres) and a centre's own start page.
enum HomeWeb {
    struct HomePage: Encodable {
        var layout: Layout
        var centres: [Layout.Link]
    }

    struct CentrePage: Encodable {
        var layout: Layout
        var name: String
        var plans: [Layout.Link]
        var newPlanLink: String?
        var suggestedYear: Int
        var failed: FormErrors?
    }

    static let newPlanFields = FormFields(form: "new-plan", labels: [("year", "Jaar")])

    static func register(_ app: Pages) {
        app.get(Web.home, .anyone) { req in
            try await req.view.render("home", homePage(req))
        }
        app.get(Web.centre, .anyone) { req in
            try await req.view.render("centre", centrePage(req))
        }
        app.post(Web.newPlan, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let catalog = try await PlanCatalog.load(centre, on: req.db)
            do {
                let year = try await PlanService.createPlan(
                    catalog, year: FormBody(req)["year"], by: req.actor, on: req.db)
                return req.seeOther(Web.plan.link(centre.slug, year))
            } catch let error as InvalidInput {
                var page = try await centrePage(req)
                page.failed = newPlanFields.errors(error.problems)
                return try await req.rerender("centre", page)
            }
        }
    }

    static func homePage(_ req: Request) async throws -> HomePage {
        let centres = try await Centre.query(on: req.db).sort(\.$name).all()
        return HomePage(
            layout: Layout(title: "Stadshart", request: req),
            centres: centres.map { Layout.Link(label: $0.name, href: Web.centre.link($0.slug)) })
    }

    static func centrePage(_ req: Request) async throws -> CentrePage {
        let centre = try req.centre
        let slug = centre.slug
        let years = try await PlanService.visibleYears(centre, for: req.grants, on: req.db)
        return CentrePage(
            layout: Layout(title: centre.name, request: req, centre: centre, years: years), name: centre.name,
            plans: years.map { Layout.Link(label: "Jaarplan \($0)", href: Web.plan.link(slug, $0)) },
            newPlanLink: Access.allows(req.grants, .editPlan, in: slug) ? Web.newPlan.link(slug) : nil,
            suggestedYear: (years.first ?? req.today.year) + 1, failed: nil)
    }
}
