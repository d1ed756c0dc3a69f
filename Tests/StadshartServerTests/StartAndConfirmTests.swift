import Fluent
import Foundation
import StadshartCore
import Testing
import VaporTesting

@testable import StadshartServer

/// Issue 12: every role lands on a start page with what it may do, destructive steps ask first,
/// every change says it was saved, and the demo works on a day its data covers.
@Suite("Start pages, confirmations and notices")
struct StartAndConfirmTests {
    /// The links of a page's `<main>`, as (text, href).
    static func links(_ html: String) -> [(text: String, href: String)] {
        let main = html.components(separatedBy: "<main").dropFirst().first ?? html
        let pattern = try! NSRegularExpression(pattern: #"<a [^>]*href="([^"]*)"[^>]*>([^<]*)</a>"#)
        let range = NSRange(main.startIndex..., in: main)
        return pattern.matches(in: main, range: range).map { match in
            let href = String(main[Range(match.range(at: 1), in: main)!])
            let text = String(main[Range(match.range(at: 2), in: main)!])
            return (text, href.replacingOccurrences(of: "&amp;", with: "&"))
        }
    }

    @Test func startTopicsFollowTheRoles() {
        func topics(_ role: Role, _ extra: (inout RoleGrant) -> Void = { _ in }) -> [StartTopic] {
            var grant = RoleGrant(role: role, centre: "assen")
            extra(&grant)
            return Access.startTopics([grant], in: "assen")
        }
        #expect(topics(.programmateam) == [.planWork, .eventCalendar, .monitor, .register, .auditTrail, .publicPages])
        #expect(topics(.beheerder).contains(.accounts))
        #expect(topics(.bestuur) { $0.party = .gemeente }.first == .adoption)
        #expect(topics(.tafellid) { $0.themeLine = "A" }.first == .themeLine)
        #expect(topics(.ondernemer) { $0.subject = "B0009" } == [.ownBusiness, .publicPages])
        #expect(topics(.vastgoedeigenaar) { $0.subject = "vvac" } == [.ownPremises, .publicPages])
        #expect(topics(.organisator) { $0.subject = "cultureel-hart" } == [.ownEvents, .publicPages])
        #expect(topics(.organisator) == [.publicPages])
        // Roles in another centre open nothing here.
        #expect(Access.startTopics([RoleGrant(role: .beheerder, centre: "emmen")], in: "assen") == [.publicPages])
    }

    /// Each role finds its own work on the start page, and every link there opens (one click),
    /// so what it may do is at most two clicks from signing in.
    @Test(arguments: TestDatabase.available)
    func everyRoleReachesItsWorkFromTheStartPage(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let expected: [TestUser: [String]] = [
                .anonymous: ["Voortgang van de binnenstad", "Beschikbare panden"],
                .programmateam: [
                    "Jaarplan 2019", "Nieuwe actie", "Evenementenkalender", "Monitor", "Panden", "Logboek",
                ],
                .beheerder: ["Accounts en rollen"],
                .bestuurGemeente: ["Jaarplan 2019 vaststellen", "Verslag voor de regiegroep"],
                .tafellidA: ["Acties van themalijn A"],
                .ondernemer: ["Beschikbare panden"],
                .vastgoedeigenaar: ["Beschikbare panden"],
                .organisator: ["Evenement voorstellen", "Uw voorstellen"],
            ]
            for (user, texts) in expected {
                let page = try await send(app, .GET, "/assen", as: user)
                #expect(page.status == .ok)
                let links = Self.links(page.body.string)
                for text in texts {
                    #expect(links.contains { $0.text == text }, "\(user) misses '\(text)' on the start page")
                }
                for link in links where link.href.hasPrefix("/") && !link.href.contains("#") {
                    let opened = try await send(app, .GET, link.href, as: user)
                    #expect(opened.status == .ok, "\(user): '\(link.text)' → \(link.href) gave \(opened.status)")
                }
            }
            // The team sees what is late (the demo's parking policy was due on 1 January 2019).
            let team = try await send(app, .GET, "/assen", as: .programmateam)
            #expect(team.text.contains("te laat: de deadline of het einde is voorbij"))
            // The ondernemer's own business and the owner's own premises are one click away.
            let business = try await send(app, .GET, "/assen", as: .ondernemer)
            #expect(Self.links(business.body.string).contains { $0.href == "/assen/vestigingen/B0009" })
            let owner = try await send(app, .GET, "/assen", as: .vastgoedeigenaar)
            #expect(owner.body.string.contains("Uw panden"))
            #expect(Self.links(owner.body.string).contains { $0.href.hasPrefix("/assen/panden/P") })
            // The public hears that a plan is being prepared, not that there is none.
            let anonymous = try await send(app, .GET, "/assen", as: .anonymous)
            #expect(anonymous.body.string.contains("Het jaarplan 2019 wordt voorbereid"))
            #expect(!anonymous.body.string.contains("Nog geen jaarplannen"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func signingInLandsOnTheCentre(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let res = try await send(
                app, .POST, "/inloggen",
                form: [("email", "ondernemer@assen.demo"), ("password", DemoAccounts.password)], as: .anonymous)
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/assen")
        }
    }

    /// A delete asks first on a page of its own; only its button deletes, and the plan then says so.
    @Test(arguments: TestDatabase.available)
    func deletingAnActionAsksFirstAndSaysItIsDone(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let action = try #require(try await demoActions(app).first)
            let question = try await send(app, .GET, "/assen/acties/\(action.id)/verwijderen")
            #expect(question.status == .ok)
            #expect(question.body.string.contains("verwijderen?"))
            #expect(question.body.string.contains(#"action="/assen/acties/\#(action.id)/verwijderen""#))
            #expect(question.body.string.contains("Nee, terug"))
            #expect(try await demoActions(app).contains { $0.id == action.id }, "asking deleted it")

            let done = try await send(app, .POST, "/assen/acties/\(action.id)/verwijderen", form: [])
            #expect(done.status == .seeOther)
            let notice = try #require(done.headers.setCookie?[Notice.cookieName]?.string)
            #expect(!(try await demoActions(app).contains { $0.id == action.id }))

            // The next page shows the notice once and clears it.
            let session = try #require(try await browserSession(app, .programmateam))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(
                name: "Cookie", value: "\(SessionPolicy.cookieName)=\(session.cookie); \(Notice.cookieName)=\(notice)")
            let plan = try await app.testing().sendRequest(.GET, "/assen/jaarplan/2019", headers: headers)
            #expect(
                plan.body.string.contains(#"role="status">Actie &#39;\#(action.title)&#39; verwijderd."#)
                    || plan.body.string.contains("verwijderd."))
            #expect(plan.headers.setCookie?[Notice.cookieName]?.string == "")
        }
    }

    @Test(arguments: TestDatabase.available)
    func blockingAndNextYearAskFirst(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let next = try await send(app, .GET, "/assen/jaarplan/2019/volgend-jaar")
            #expect(next.status == .ok)
            #expect(next.body.string.contains("Jaarplan 2020 starten?"))
            let years = try await AnnualPlan.query(on: app.db).filter(\.$kind == PlanKind.jaarplan.rawValue).all()
                .map(\.year)
            #expect(years == [2019], "asking started the plan")

            let user = try #require(try await AccountService.user(email: "tafel.a@assen.demo", on: app.db))
            let block = try await send(
                app, .GET, "/assen/beheer/accounts/\(try user.requireID())/blokkeren", as: .beheerder)
            #expect(block.status == .ok)
            #expect(block.body.string.contains("blokkeren?"))
            let fresh = try #require(try await User.find(user.id, on: app.db))
            #expect(!fresh.disabled, "asking blocked the account")
        }
    }

    /// The demo works on 1 June 2020: the start page, the monitor's default day and the forms'
    /// dates use it, and the banner says so; sign-in times stay real.
    @Test func theDemoClockFixesTheWorkingDay() async throws {
        try await withStadshart(.sqlite) { app in
            app.clock = .demo(on: Day(year: 2020, month: 6, day: 1)!)
            let start = try await send(app, .GET, "/assen", as: .programmateam)
            #expect(start.body.string.contains("Demo: Stadshart staat op <strong>1 juni 2020</strong>"))
            #expect(start.body.string.contains("Op 1 juni 2020:"))
            let action = try #require(try await demoActions(app).first)
            let page = try await send(app, .GET, "/assen/acties/\(action.id)")
            #expect(page.body.string.contains(#"value="2020-06-01""#))
            // A progress note without a date is dated on the working day.
            let note = try await send(
                app, .POST, "/assen/acties/\(action.id)/voortgang", form: [("date", ""), ("text", "Overleg gevoerd")])
            #expect(note.status == .seeOther)
            let stored = try await ProgressNote.query(on: app.db).filter(\.$text == "Overleg gevoerd").all()
            #expect(stored.map(\.day) == ["2020-06-01"])
            #expect(abs(app.clock.now().timeIntervalSinceNow) < 60)
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePublicFindsContactAndStatements(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let start = try await send(app, .GET, "/assen", as: .anonymous)
            #expect(start.body.string.contains(#"href="mailto:binnenstad@assen.demo""#))
            #expect(start.body.string.contains(#"href="/privacy""#))
            #expect(start.body.string.contains(#"href="/toegankelijkheid""#))
            for path in ["/privacy", "/toegankelijkheid"] {
                let page = try await send(app, .GET, path, as: .anonymous)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Stichting Vaart in Assen"))
            }
        }
    }

    /// The set-up page shows the QR code of its own otpauth URI (the code's decoding is checked
    /// against an independent reader in the Core tests' round trip), so nobody types 32 characters.
    @Test func twoStepSetUpShowsAQRCodeOfItsKey() async throws {
        try await withStadshart(.sqlite) { app in
            let page = try await send(app, .GET, "/account/tweestaps", as: .programmateam)
            let html = page.body.string
            let secret = try #require(html.firstMatch(of: /name="secret" value="([A-Z2-7]+)"/).map { String($0.1) })
            let uri = TOTP.provisioningURI(
                secret: try #require(Base32.decode(secret)), account: "programmateam@assen.demo")
            let qr = try QRCode(encoding: uri).svg(moduleSize: 5, title: "QR-code voor uw authenticator-app")
            #expect(html.contains(qr))
            #expect(html.contains(#"href="\#(uri.replacingOccurrences(of: "&", with: "&amp;"))""#))
        }
    }

    /// A refused form keeps what was typed and chosen, to be corrected rather than typed again.
    @Test func aRefusedFormKeepsWhatWasTyped() async throws {
        try await withStadshart(.sqlite, register: true) { app in
            let zone = try await send(
                app, .POST, "/assen/zones", form: [("key", "Niet Goed!"), ("name", "Stationsgebied")])
            #expect(zone.status == .unprocessableEntity)
            #expect(zone.body.string.contains(#"value="Stationsgebied""#))
            let account = try await send(
                app, .POST, "/assen/beheer/accounts",
                form: [("email", "geen-adres"), ("name", "Piet"), ("role", "tafellid"), ("themeLine", "C")],
                as: .beheerder)
            #expect(account.status == .unprocessableEntity)
            #expect(account.body.string.contains(#"<option value="tafellid" selected>"#))
            #expect(account.body.string.contains(#"<option value="C" selected>"#))
        }
    }
}
