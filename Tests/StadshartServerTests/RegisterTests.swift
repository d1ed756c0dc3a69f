import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

@Suite("The register and its figures")
struct RegisterTests {
    /// The synthetic demo register, counted by the app end to end (database → facts → rules),
    /// gives the seeds' figures of 1 January 2018.
    @Test(arguments: TestDatabase.available)
    func theDemoRegisterReproducesTheSeedFigures(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let figures: RegisterFiguresDTO = try await send(
                app, .GET, "api/v1/centres/assen/vacancy?date=2018-01-01", as: .anonymous
            ).json()
            #expect(figures.vacancy.vacantUnits == 92 && figures.vacancy.units == 420)
            #expect(figures.unitsRate == "21,9 % van het aantal verkooppunten")
            #expect(figures.floorAreaRate.hasSuffix("van het winkelvloeroppervlak (m² wvo)"))
            #expect(figures.businesses == 430)
            #expect(figures.jobs == 3800)
            #expect(figures.synthetic)

            let core: RegisterFiguresDTO = try await send(
                app, .GET, "api/v1/centres/assen/vacancy?date=1-1-2018&zone=kernwinkelgebied", as: .anonymous
            ).json()
            let edge: RegisterFiguresDTO = try await send(
                app, .GET, "api/v1/centres/assen/vacancy?date=2018-01-01&zone=aanloopstraat", as: .anonymous
            ).json()
            #expect((core.vacancy.unitsRate ?? 1) < (edge.vacancy.unitsRate ?? 0))
            #expect(try await send(app, .GET, "api/v1/centres/assen/vacancy?date=morgen").status == .badRequest)
            #expect(
                try await send(app, .GET, "api/v1/centres/assen/vacancy?zone=centrum").status == .unprocessableEntity)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRegisterPagesAndListsRender(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let premises: [PremisesDTO] = try await send(
                app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&vacant=ja&zone=aanloopstraat"
            ).json()
            #expect(
                !premises.isEmpty
                    && premises.allSatisfy { $0.vacant && $0.zone == "aanloopstraat" && $0.vacantSince != nil })
            let businesses: [BusinessDTO] = try await send(app, .GET, "api/v1/centres/assen/businesses?date=2018-01-01")
                .json()
            #expect(businesses.filter { $0.jobs > 0 }.count == 430)
            #expect(try await send(app, .GET, "api/v1/centres/assen/premises", as: .anonymous).status == .unauthorized)

            let available: [AvailableDTO] = try await send(
                app, .GET, "api/v1/centres/assen/available-premises", as: .anonymous
            ).json()
            #expect(!available.isEmpty)
            let pages: [(String, String)] = [
                (Web.register.link("assen") + "?date=2018-01-01", "21,9 %"),
                (Web.registerMap.link("assen") + "?date=2018-01-01", "<svg"),
                (Web.vacancy.link("assen") + "?date=2018-01-01", "21,9 %"),
                (Web.available.link("assen"), try #require(available.first?.address)),
            ]
            for (path, expected) in pages {
                let res = try await send(app, .GET, path)
                #expect(res.status == .ok, "\(path)")
                #expect(res.text.contains(expected), "\(path) should show \(expected)")
                #expect(res.text.contains("synthetisch"), "\(path) should say the register is made up")
            }
        }
    }

    @Test func svgTextIsEscaped() {
        let svg = SVG.map(
            [SVG.MapPoint(latitude: 52.99, longitude: 6.56, label: "<script>&", state: "x\"y")], title: "a<b")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;&amp;"))
        #expect(svg.contains("x&quot;y"))
    }
}

@Suite("Recording a premises becoming vacant")
struct VacancyRecordingTests {
    @Test(arguments: TestDatabase.available)
    func aVacancyChangesTheFiguresAndTheMap(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let let2020: [PremisesDTO] = try await send(
                app, .GET, "api/v1/centres/assen/premises?date=2021-03-01&zone=kernwinkelgebied&vacant=nee"
            ).json()
            let shop = try #require(
                let2020.first { PremisesFunction(rawValue: $0.function ?? "")?.isSalesPoint == true })
            let before: RegisterFiguresDTO = try await send(app, .GET, "api/v1/centres/assen/vacancy?date=2021-03-01")
                .json()

            let bad = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(shop.key)/vacancies", raw: #"{"from":"ergens in maart"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.json(Problem.self).errors?.first?.field == "from")

            let made = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(shop.key)/vacancies",
                raw: #"{"from":"2021-02-01","reason":"vertrek naar de rand"}"#)
            #expect(made.status == .created)
            let after: RegisterFiguresDTO = try await send(app, .GET, "api/v1/centres/assen/vacancy?date=2021-03-01")
                .json()
            #expect(after.vacancy.vacantUnits == before.vacancy.vacantUnits + 1)
            #expect(after.vacancy.units == before.vacancy.units)
            #expect(after.businesses <= before.businesses)
            let again = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(shop.key)/vacancies", raw: #"{"from":"2021-02-15"}"#)
            #expect(again.status == .unprocessableEntity)

            let map = try await send(app, .GET, Web.registerMap.link("assen") + "?date=2021-03-01")
            #expect(map.text.contains("\(shop.address): leeg sinds 1 februari 2021"))
            let page = try await send(app, .GET, Web.premises.link("assen", shop.key))
            #expect(page.text.contains("vertrek naar de rand"))

            // Through the form: ending the vacancy; a date before its start is refused in Dutch.
            let early = try await send(
                app, .POST, Web.premisesLet.link("assen", shop.key), form: [("until", "2021-01-01")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("kies een latere datum"))
            let ended = try await send(
                app, .POST, Web.premisesLet.link("assen", shop.key), form: [("until", "2021-06-01")])
            #expect(ended.status == .seeOther)
            let later: RegisterFiguresDTO = try await send(app, .GET, "api/v1/centres/assen/vacancy?date=2021-07-01")
                .json()
            #expect(later.vacancy.vacantUnits == before.vacancy.vacantUnits)
            let history: [AuditLog.Row] = try await send(app, .GET, "api/v1/centres/assen/audit/pand/\(shop.key)")
                .json()
            #expect(history.count == 2)
        }
    }
}
