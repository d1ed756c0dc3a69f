import Fluent
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
    }

    static func register(_ app: any RoutesBuilder) {
        app.get(Web.home.components) { req in
            try await req.view.render("home", homePage(req))
        }
        app.get(Web.centre.components) { req in
            try await req.view.render("centre", centrePage(req, slug: req.parameter("centre")))
        }
    }

    static func homePage(_ req: Request) async throws -> HomePage {
        let centres = try await Centre.query(on: req.db).sort(\.$name).all()
        return HomePage(
            layout: Layout(title: "Stadshart", request: req),
            centres: centres.map { Layout.Link(label: $0.name, href: Web.centre.link($0.slug)) })
    }

    static func centrePage(_ req: Request, slug: String) async throws -> CentrePage {
        let centre = try await Centre.find(slug: slug, on: req.db)
        let years = try await PlanStore.visibleYears(centre, for: req.grants, on: req.db)
        return CentrePage(
            layout: Layout(title: centre.name, request: req, centre: centre, years: years), name: centre.name,
            plans: years.map { Layout.Link(label: "Jaarplan \($0)", href: Web.plan.link(slug, $0)) })
    }
}
