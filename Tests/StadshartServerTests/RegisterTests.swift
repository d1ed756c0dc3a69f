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
