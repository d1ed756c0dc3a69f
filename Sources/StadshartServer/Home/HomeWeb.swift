import Fluent
import StadshartCore
import Vapor

/// The start page (all centres) and a centre's own start page.
enum HomeWeb {
    struct HomePage: Encodable {
        var layout: Layout
        var centres: [Layout.Link]
    }

    /// The privacy and accessibility statements: one text for the whole deployment.
    struct StatementPage: Encodable {
        var layout: Layout
        var centres: [CentreContactRow]
    }

    struct CentreContactRow: Encodable {
        var name: String
        var contact: ContactView?
    }

    static let newPlanFields = FormFields(form: "new-plan", labels: [("year", "Jaar")])

    static func register(_ app: Pages) {
        app.get(Web.home, .anyone) { req in
            try await req.view.render("home", homePage(req))
        }
        app.get(Web.centre, .anyone) { req in
            try await req.view.render("centre", StartPage.build(req))
        }
        app.get(Web.privacy, .anyone) { req in
            try await req.view.render("privacy", statementPage(req, title: "Privacyverklaring"))
        }
        app.get(Web.accessibility, .anyone) { req in
            try await req.view.render("accessibility", statementPage(req, title: "Toegankelijkheidsverklaring"))
        }
        app.post(Web.newPlan, .centre(.editPlan)) { req -> Response in
            let centre = try req.centre
            let catalog = try await PlanCatalog.load(centre, on: req.db)
            do {
                let year = try await PlanService.createPlan(
                    catalog, year: FormBody(req)["year"], by: req.actor, on: req.db)
                return req.seeOther(
                    Web.plan.link(centre.slug, year), notice: "Jaarplan \(year) aangemaakt, als concept.")
            } catch let error as InvalidInput {
                var page = try await StartPage.build(req)
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

    static func statementPage(_ req: Request, title: String) async throws -> StatementPage {
        let centres = try await Centre.query(on: req.db).sort(\.$name).all()
        return StatementPage(
            layout: Layout(title: title, request: req),
            centres: centres.map { CentreContactRow(name: $0.name, contact: $0.contact.map(ContactView.init)) })
    }
}
