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
            #expect(figures.unitsRateText == "21,9 % van het aantal verkooppunten")
            #expect(figures.floorAreaRateText.hasSuffix("van het winkelvloeroppervlak (m² wvo)"))
            #expect(abs((figures.unitsRate ?? 0) - 92.0 / 420.0) < 1e-9)
            #expect(figures.vacantUnits == 92 && figures.units == 420)
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

    /// The map draws the centre's own streets with their names and its core shopping area, and
    /// every premises on it is a link to its page named by address and state; a filter thins the
    /// dots, not the streets.
    @Test(arguments: TestDatabase.available)
    func theMapLinksEveryPremisesOnTheCentresOwnStreets(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let links = try Regex("<a href=\"([^\"]+)\" aria-label=\"([^\"]+)\">")
            let premises: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?date=2018-01-01")
                .json()
            let map = try await send(app, .GET, Web.registerMap.link("assen") + "?date=2018-01-01")
            #expect(map.status == .ok)
            let drawn = map.text.matches(of: links).map { String($0.output[1].substring ?? "") }
            let placed = premises.filter { $0.latitude != nil && $0.longitude != nil }
            #expect(!placed.isEmpty)
            #expect(drawn == placed.map { Web.premises.link("assen", $0.key) })
            let shop = try #require(placed.first { $0.vacant })
            #expect(
                map.text.contains(
                    "aria-label=\"\(shop.address): leeg sinds \(try #require(Day(parsing: shop.vacantSince ?? "")).dutch)"
                ))
            for street in Set(premises.map(\.street)) {
                #expect(map.text.contains("class=\"map-street-name\">\(street)</text>"), "\(street)")
            }
            #expect(map.text.contains("class=\"map-core-name\">Kernwinkelgebied</text>"))
            #expect(map.text.contains("role=\"group\"") && !map.text.contains("role=\"img\""))
            #expect(map.text.contains("Dezelfde panden als lijst"))

            let edge: [PremisesDTO] = try await send(
                app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&zone=aanloopstraat"
            ).json()
            let filtered = try await send(
                app, .GET, Web.registerMap.link("assen") + "?date=2018-01-01&zone=aanloopstraat")
            let edgeLinks = filtered.text.matches(of: links).map { String($0.output[1].substring ?? "") }
            #expect(!edge.isEmpty && edgeLinks == edge.map { Web.premises.link("assen", $0.key) })
            let coreStreets = Set(premises.filter { $0.zone == "kernwinkelgebied" }.map(\.street))
            #expect(!coreStreets.isEmpty)
            #expect(coreStreets.allSatisfy { filtered.text.contains("class=\"map-street-name\">\($0)</text>") })

            // A dot leads to its premises' page.
            let page = try await send(app, .GET, try #require(drawn.first))
            #expect(page.status == .ok)
            #expect(page.text.contains(placed[0].address))
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
            #expect(again.status == .conflict)

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
            let history: [AuditService.Row] = try await send(app, .GET, "api/v1/centres/assen/audit/pand/\(shop.key)")
                .json()
            #expect(history.count == 2)
        }
    }
}

@Suite("Register import and export")
struct RegisterTransferTests {
    static func multipart(_ fields: [(String, String)], file: String) -> (HTTPHeaders, String) {
        let boundary = "stadshart-test-boundary"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.csv\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        return (["Content-Type": "multipart/form-data; boundary=\(boundary)"], body)
    }

    @Test(arguments: TestDatabase.available)
    func anExportReimportsUnchangedAndAChangedLineChangesTheFigures(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let premises = try await send(app, .GET, Web.premisesCSV.link("assen") + "?date=2021-03-01").text
            let businesses = try await send(app, .GET, Web.businessesCSV.link("assen") + "?date=2021-03-01").text
            for (path, csv) in [("premises", premises), ("businesses", businesses)] {
                let res = try await send(app, .POST, "api/v1/centres/assen/\(path)/import?date=2021-03-01", raw: csv)
                let summary: ImportSummary = try res.json()
                #expect(summary.created == 0 && summary.updated == 0 && summary.unchanged > 400, "\(path)")
            }

            // One shop becomes vacant in the file: a dry run shows it, the import records it.
            var lines = premises.components(separatedBy: "\r\n")
            let index = try #require(
                lines.firstIndex {
                    $0.contains(";kernwinkelgebied;") && $0.contains(";detailhandel;") && $0.hasSuffix(";;")
                })
            lines[index] = String(lines[index].dropLast(2)) + ";2021-02-01;vertrokken"
            let changed = lines.joined(separator: "\r\n")
            let before: RegisterFiguresDTO = try await send(app, .GET, "api/v1/centres/assen/vacancy?date=2021-03-01")
                .json()
            let dry: ImportSummary = try await send(
                app, .POST, "api/v1/centres/assen/premises/import?date=2021-03-01&dryRun=true", raw: changed
            ).json()
            #expect(dry.dryRun && dry.updated == 1 && dry.changes.first?.contains("leeg vanaf 1 februari 2021") == true)
            let unchanged: RegisterFiguresDTO = try await send(
                app, .GET, "api/v1/centres/assen/vacancy?date=2021-03-01"
            ).json()
            #expect(unchanged.vacancy.vacantUnits == before.vacancy.vacantUnits)
            let done: ImportSummary = try await send(
                app, .POST, "api/v1/centres/assen/premises/import?date=2021-03-01", raw: changed
            ).json()
            #expect(!done.dryRun && done.updated == 1)
            let after: RegisterFiguresDTO = try await send(app, .GET, "api/v1/centres/assen/vacancy?date=2021-03-01")
                .json()
            #expect(after.vacancy.vacantUnits == before.vacancy.vacantUnits + 1)
            // The same file again changes nothing.
            let again: ImportSummary = try await send(
                app, .POST, "api/v1/centres/assen/premises/import?date=2021-03-01", raw: changed
            ).json()
            #expect(again.updated == 0 && again.created == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadLineStopsTheUploadWithItsLineNumber(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let csv = """
                sleutel;straat;huisnummer;zone;m2_wvo;functie
                N0001;Kruisstraat;99;kernwinkelgebied;80;detailhandel
                N0002;Kruisstraat;101;centrum;veel;winkel

                """
            let before = try await Premises.query(on: app.db).count()
            let api = try await send(app, .POST, "api/v1/centres/assen/premises/import", raw: csv)
            #expect(api.status == .unprocessableEntity)
            let problems = try #require(try api.json(Problem.self).errors)
            #expect(Set(problems.filter { $0.line == 3 }.map(\.field)) == ["zone", "m2_wvo", "functie"])
            #expect(!problems.contains { $0.line == 2 })

            let session = try await signIn(app, "uitvoeringsteam@assen.demo")
            let (headers, body) = Self.multipart([("csrf", session.csrf), ("kind", "panden")], file: csv)
            var all = headers
            all.add(contentsOf: session.headers)
            let page = try await app.testing().sendRequest(
                .POST, Web.registerImport.link("assen"), headers: all, body: ByteBuffer(string: body))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("Niets geïmporteerd"))
            #expect(page.body.string.contains("regel 3, m2_wvo"))
            #expect(try await Premises.query(on: app.db).count() == before)

            // Without the form token the upload is refused.
            let (bare, bareBody) = Self.multipart([("kind", "panden")], file: csv)
            var noToken = bare
            noToken.add(contentsOf: session.headers)
            let refused = try await app.testing().sendRequest(
                .POST, Web.registerImport.link("assen"), headers: noToken, body: ByteBuffer(string: bareBody))
            #expect(refused.status == .forbidden)
        }
    }
}

@Suite("Owners keep their own records")
struct OwnRecordsTests {
    @Test(arguments: TestDatabase.available)
    func anOndernemerUpdatesOnlyTheirOwnBusiness(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let own = try #require(DemoAccounts.accounts.first { $0.email == "ondernemer@assen.demo" }?.grant.subject)
            let other = own == "B0010" ? "B0011" : "B0010"
            let bad = try await send(
                app, .PATCH, "api/v1/centres/assen/businesses/\(own)",
                raw: #"{"openingHours":{"ma":"18:00-10:00"},"jobs":-1}"#,
                as: .ondernemer)
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(try bad.json(Problem.self).errors?.map(\.field) ?? []) == ["ma", "jobs"])
            let good = try await send(
                app, .PATCH, "api/v1/centres/assen/businesses/\(own)",
                raw: #"{"openingHours":{"ma":"gesloten","di":"9:00-17:30","do":"09:00-21:00"},"jobs":7,"fte":4.5}"#,
                as: .ondernemer)
            #expect(good.status == .ok)
            #expect(try good.json(BusinessDTO.self).jobs == 7)
            #expect(
                try await send(
                    app, .PATCH, "api/v1/centres/assen/businesses/\(other)", raw: #"{"jobs":1}"#, as: .ondernemer
                )
                .status == .forbidden)
            #expect(
                try await send(
                    app, .PATCH, "api/v1/centres/assen/businesses/\(own)", raw: #"{"jobs":1}"#, as: .tafellidA
                )
                .status == .forbidden)
            let page = try await send(app, .GET, Web.business.link("assen", own), as: .ondernemer)
            #expect(page.text.contains("09:00-17:30"))
            let history: [AuditService.Row] = try await send(app, .GET, "api/v1/centres/assen/audit/vestiging/\(own)")
                .json()
            #expect(history.first?.actor == "Demo Ondernemer")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aVastgoedeigenaarKeepsTheStateOfTheirOwnPremises(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let all: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?date=2021-03-01").json()
            let owned = try #require(all.first { $0.owner != nil && !$0.vacant })
            let notOwned = try #require(all.first { $0.owner == nil && !$0.vacant })
            let mine = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(owned.key)/vacancies", raw: #"{"from":"2021-02-01"}"#,
                as: .vastgoedeigenaar)
            #expect(mine.status == .created)
            let theirs = try await send(
                app, .POST, "api/v1/centres/assen/premises/\(notOwned.key)/vacancies", raw: #"{"from":"2021-02-01"}"#,
                as: .vastgoedeigenaar)
            #expect(theirs.status == .forbidden)
            #expect(
                try await send(app, .GET, "api/v1/centres/assen/premises/\(notOwned.key)", as: .vastgoedeigenaar).status
                    == .forbidden)
            #expect(
                try await send(app, .GET, "api/v1/centres/assen/premises", as: .vastgoedeigenaar).status == .forbidden)
            #expect(
                try await send(app, .GET, Web.premises.link("assen", owned.key), as: .vastgoedeigenaar).status == .ok)
        }
    }
}

@Suite("Temporary use, planned changes of function and zones")
struct PremisesPlansTests {
    @Test(arguments: TestDatabase.available)
    func theTeamRecordsUseAndPlansOfAPremises(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let vacant: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?vacant=ja").json()
            let unit = try #require(vacant.first)
            let path = Web.premises.link("assen", unit.key)

            let outside = try await send(
                app, .POST, path + "/tijdelijk-gebruik", form: [("user", "Pop-up"), ("from", "1990-01-01")])
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.text.contains("binnen een periode van leegstand"))
            let use = try await send(
                app, .POST, path + "/tijdelijk-gebruik",
                form: [("user", "Expositie kunstroute"), ("from", app.clock.today.description), ("openToPublic", "ja")])
            #expect(use.status == .seeOther)
            #expect(
                try await send(app, .GET, path).text.contains(
                    "tijdelijk gebruik: Expositie kunstroute — open voor publiek"))

            let action = try #require(try await demoActions(app).first { $0.themeLine == "A" })
            let plan = try await send(
                app, .POST, path + "/verkleuring",
                form: [("to", "wonen"), ("stage", "gepland"), ("action", action.id.uuidString)])
            #expect(plan.status == .seeOther)
            let page = try await send(app, .GET, path)
            #expect(page.text.contains("Wonen (gepland)"))
            #expect(page.text.contains(Web.action.link("assen", action.id)))
            let badPlan = try await send(
                app, .POST, path + "/verkleuring", form: [("to", "kasteel"), ("stage", "ooit")])
            #expect(badPlan.status == .unprocessableEntity)
            #expect(
                try await send(
                    app, .POST, path + "/verkleuring", form: [("to", "wonen"), ("stage", "gepland")], as: .tafellidA
                ).status == .forbidden)

            let figures = try await send(app, .GET, Web.vacancy.link("assen") + "?date=2020-12-31")
            #expect(figures.text.contains("van functie veranderd"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func zonesAreTheCentresOwn(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            #expect(
                try await send(
                    app, .POST, Web.zones.link("assen"),
                    form: [("key", "aanloopstraat"), ("name", "Aanloopstraten (oost)")]
                ).status == .seeOther)
            #expect(
                try await send(
                    app, .POST, Web.zones.link("assen"), form: [("key", "stationsgebied"), ("name", "Stationsgebied")]
                ).status == .seeOther)
            let bad = try await send(app, .POST, Web.zones.link("assen"), form: [("key", "met spatie"), ("name", "")])
            #expect(bad.status == .unprocessableEntity)
            let page = try await send(app, .GET, Web.zones.link("assen"))
            #expect(page.text.contains("Aanloopstraten (oost)") && page.text.contains("Stationsgebied"))
            let figures = try await send(app, .GET, Web.vacancy.link("assen") + "?date=2018-01-01")
            #expect(figures.text.contains("Aanloopstraten (oost)"))
        }
    }
}
