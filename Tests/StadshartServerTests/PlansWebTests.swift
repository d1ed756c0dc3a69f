import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

@Suite("Plan pages")
struct PlansWebTests {
    @Test(arguments: TestDatabase.available)
    func everyPageRenders(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first)
            let lines: [ThemeLineDTO] = try await send(app, .GET, "api/v1/centres/assen/theme-lines").json()
            let point = try #require(lines.first?.keyPoints.first)
            let pages: [(String, String)] = [
                (Web.home.link(), "Binnenstad Assen"),
                (Web.centre.link("assen"), "Jaarplan 2019"),
                (Web.plan.link("assen", 2019), "Wat nog ontbreekt (art. 16)"),
                (Web.plan.link("assen", 2019) + "?themeLine=A&priority=top&status=gepland", "Compact en Compleet"),
                (Web.whoDoesWhat.link("assen", 2019), "Gemeente Assen"),
                (Web.newAction.link("assen", 2019), "Nieuwe actie"),
                (Web.action.link("assen", action.id), action.title),
                (Web.editAction.link("assen", action.id), "Actie bewerken"),
                (Web.newKeyPoint.link("assen", "A"), "Nieuw kernpunt"),
                (Web.editKeyPoint.link("assen", point.id), point.title),
            ]
            for (path, expected) in pages {
                let res = try await send(app, .GET, path)
                #expect(res.status == .ok, "\(path)")
                #expect(res.headers.contentType == .html, "\(path)")
                #expect(res.text.contains(expected), "\(path) should show \(expected)")
            }
            let missing = try await send(app, .GET, "/assen/jaarplan/2040")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Er is geen jaarplan 2040"))
            #expect(try await send(app, .GET, "/nergens").status == .notFound)
        }
    }

    /// No page links to an address without a route: the links of the main pages, followed one
    /// step, lead to a page, and every form posts to a route that takes a POST.
    @Test func everyLinkLeadsToARoute() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            func matches(_ path: String, _ route: Route) -> Bool {
                let parts = path.split(separator: "/").map(String.init)
                guard parts.count == route.path.count else { return false }
                return zip(parts, route.path).allSatisfy { part, component in
                    if case .parameter = component { return true }
                    return component.description == part
                }
            }
            func links(_ html: String, _ pattern: String) -> [String] {
                let regex = try! NSRegularExpression(pattern: pattern)
                let range = NSRange(html.startIndex..., in: html)
                return regex.matches(in: html, range: range).compactMap { match in
                    Range(match.range(at: 1), in: html).map { String(html[$0]) }
                }.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
                    .filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }
                    .map { String($0.prefix { $0 != "?" && $0 != "#" }) }
            }
            let start = [
                "/", "/assen", "/assen/jaarplan/2019", "/assen/panden", "/assen/monitor", "/assen/logboek",
                "/assen/beheer/accounts", "/account", "/assen/leegstand", "/assen/voortgang",
            ]
            var visited = Set<String>()
            var patterns = Set<String>()
            var queue = start
            var depth = [String: Int](uniqueKeysWithValues: start.map { ($0, 0) })
            while let path = queue.first {
                queue.removeFirst()
                guard visited.insert(path).inserted else { continue }
                let res = try await send(app, .GET, path, as: .beheerder)
                #expect(res.status != .notFound, "\(path) is linked but not found")
                guard res.headers.contentType == .html, depth[path, default: 0] < 1 else { continue }
                for form in links(res.text, #"<form[^>]*action="([^"]+)""#) {
                    let route = app.routes.all.first { $0.method == .POST && matches(form, $0) }
                    #expect(route != nil, "\(path) has a form posting to \(form), which takes no POST")
                }
                for link in links(res.text, #"href="([^"]+)""#) where !link.hasSuffix(".css") {
                    guard let route = app.routes.all.first(where: { $0.method == .GET && matches(link, $0) }) else {
                        Issue.record("\(path) links to \(link), which has no route")
                        continue
                    }
                    // One page per route is enough to know the route answers.
                    let pattern = route.path.map(\.description).joined(separator: "/")
                    if patterns.insert(pattern).inserted, depth[link] == nil {
                        depth[link] = depth[path, default: 0] + 1
                        queue.append(link)
                    }
                }
            }
            #expect(visited.count > 20)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFormShowsDutchMessagesAndSavesNothingWhenWrong(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first { $0.budgetCents == nil })
            let path = Web.editAction.link("assen", action.id)
            var fields: [(String, String)] = [
                ("title", action.title), ("description", action.description), ("themeLine", action.themeLine),
                ("keyPoint", action.keyPoint ?? ""), ("lead", "gemeente"), ("budget", "tien euro"),
                ("budgetHolder", ""),
                ("horizon", "kort"), ("priority", "normaal"), ("status", "gepland"),
                ("partner:vaart", "uitvoeren"), ("partner:vaart", "financieren"),
            ]
            let bad = try await send(app, .POST, path, form: fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Niets opgeslagen"))
            #expect(bad.text.contains("is geen bedrag"))
            #expect(bad.text.contains("value=\"tien euro\""))
            let unchanged: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(action.id)").json()
            #expect(unchanged.budgetCents == nil)

            fields[5] = ("budget", "12.345,67")
            fields[6] = ("budgetHolder", "gemeente")
            let good = try await send(app, .POST, path, form: fields)
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == Web.action.link("assen", action.id))
            let saved: ActionDTO = try await send(app, .GET, "api/v1/centres/assen/actions/\(action.id)").json()
            #expect(saved.budgetCents == 1_234_567)
            #expect(saved.partners.map(\.organisation.key) == ["vaart"])
            #expect(saved.partners.first?.contributions == ["uitvoeren", "financieren"])
            let page = try await send(app, .GET, Web.action.link("assen", action.id))
            #expect(page.text.contains("€ 12.345,67"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func newActionNotesAdoptionAndNextYearThroughForms(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let created = try await send(
                app, .POST, Web.newAction.link("assen", 2019),
                form: [
                    ("title", "Binnenstadborrel voorjaar"), ("themeLine", "E"), ("lead", "vaart"), ("noPartners", "ja"),
                    ("budget", "0"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let empty = try await send(
                app, .POST, Web.newAction.link("assen", 2019), form: [("title", ""), ("themeLine", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("titel is verplicht"))

            let note = try await send(
                app, .POST, location + "/voortgang",
                form: [("date", "2019-04-01"), ("text", "Locatie vastgelegd")])
            #expect(note.status == .seeOther)
            #expect(try await send(app, .GET, location).text.contains("Locatie vastgelegd"))
            let badNote = try await send(
                app, .POST, location + "/voortgang", form: [("date", "1 april"), ("text", "")])
            #expect(badNote.status == .unprocessableEntity)
            #expect(badNote.text.contains("is geen datum"))

            let refused = try await send(
                app, .POST, Web.adopt.link("assen", 2019),
                form: [("party", "gemeente"), ("adoptedBy", "M. Jansen"), ("date", "2018-12-11")], as: .bestuurGemeente)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("niet compleet"))
            let plan: PlanDTO = try await send(app, .GET, "api/v1/centres/assen/plans/2019").json()
            #expect(plan.adoptions.isEmpty)

            let next = try await send(app, .POST, Web.nextYear.link("assen", 2019))
            #expect(next.status == .seeOther)
            #expect(next.headers.first(name: .location) == Web.plan.link("assen", 2020))
            #expect(try await send(app, .GET, Web.plan.link("assen", 2020)).text.contains("doorgeschoven"))
        }
    }
}
