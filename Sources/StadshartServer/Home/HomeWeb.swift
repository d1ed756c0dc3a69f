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

    static func register(_ app: Application) {
        app.get(Web.home.components) { req in
            try await req.view.render("home", homePage(on: req.db))
        }
        app.get(Web.centre.components) { req in
            try await req.view.render("centre", centrePage(slug: req.parameter("centre"), on: req.db))
        }
    }

    static func homePage(on db: any Database) async throws -> HomePage {
        let centres = try await Centre.query(on: db).sort(\.$name).all()
        return HomePage(
            layout: Layout(title: "Stadshart"),
            centres: centres.map { Layout.Link(label: $0.name, href: Web.centre.link($0.slug)) })
    }

    static func centrePage(slug: String, on db: any Database) async throws -> CentrePage {
        let centre = try await Centre.find(slug: slug, on: db)
        let years = try await PlanStore.years(PlanCatalog.load(centre, on: db), on: db)
        return CentrePage(
            layout: Layout(title: centre.name, centre: centre, years: years), name: centre.name,
            plans: years.map { Layout.Link(label: "Jaarplan \($0)", href: Web.plan.link(slug, $0)) })
    }
}
