import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// Who may do what: every route with every role, written out here independently of the
/// permission table, so a new route without a rule (or a rule that drifts) fails.
@Suite("Access to every route")
struct AccessTests {
    enum Expected {
        case everyone, signedIn, planReaders, editors, boards, progress, auditors, beheerder
        /// Those who keep the events calendar, and organisers (who propose events).
        case proposers
        /// Proposing itself: organisers only (the keepers add events directly).
        case organiserOnly
        /// The draft plan 2019 is visible to those who read plans, not to the public.
        case draftReaders
        /// Only halfway a sign-in (password given, code still to come); nobody here is.
        case halfwaySignIn
        /// Own account pages: anyone signed in (pages are visited here with a browser session;
        /// that no API token opens a page is HardeningTests' to show).
        case browserSession

        func allows(_ user: TestUser) -> Bool {
            switch self {
            case .everyone: true
            case .signedIn: user != .anonymous
            case .planReaders, .draftReaders:
                ![.anonymous, .ondernemer, .vastgoedeigenaar, .organisator].contains(user)
            case .editors: [.beheerder, .programmateam, .uitvoeringsteam].contains(user)
            case .organiserOnly: user == .organisator
            case .proposers: [.beheerder, .programmateam, .uitvoeringsteam, .organisator].contains(user)
            case .boards: [.bestuurGemeente, .bestuurVaart].contains(user)
            case .progress: [.beheerder, .programmateam, .uitvoeringsteam, .tafellidA].contains(user)
            case .auditors:
                [.beheerder, .programmateam, .uitvoeringsteam, .bestuurGemeente, .bestuurVaart].contains(user)
            case .beheerder: user == .beheerder
            case .browserSession: user != .anonymous
            case .halfwaySignIn: false
            }
        }
    }

    static let expected: [String: Expected] = [
        "GET /api/openapi.json": .everyone,
        "GET /api/v1/centres": .everyone,
        "GET /api/v1/me": .signedIn,
        "GET /api/v1/centres/:centre/organisations": .everyone,
        "GET /api/v1/centres/:centre/theme-lines": .everyone,
        "POST /api/v1/centres/:centre/theme-lines/:code/key-points": .editors,
        "PATCH /api/v1/centres/:centre/key-points/:id": .editors,
        "POST /api/v1/centres/:centre/plans": .editors,
        "GET /api/v1/centres/:centre/plans/:year": .draftReaders,
        "PATCH /api/v1/centres/:centre/plans/:year": .editors,
        "GET /api/v1/centres/:centre/plans/:year/actions": .draftReaders,
        "POST /api/v1/centres/:centre/plans/:year/actions": .editors,
        "POST /api/v1/centres/:centre/plans/:year/adoptions": .boards,
        "POST /api/v1/centres/:centre/plans/:year/next-year": .editors,
        "GET /api/v1/centres/:centre/plans/:year/who-does-what": .draftReaders,
        "GET /api/v1/centres/:centre/actions/:id": .draftReaders,
        "PATCH /api/v1/centres/:centre/actions/:id": .editors,
        "DELETE /api/v1/centres/:centre/actions/:id": .editors,
        "POST /api/v1/centres/:centre/actions/:id/progress": .progress,
        "GET /api/v1/centres/:centre/premises": .planReaders,
        "GET /api/v1/centres/:centre/businesses": .planReaders,
        "GET /api/v1/centres/:centre/vacancy": .everyone,
        "GET /api/v1/centres/:centre/available-premises": .everyone,
        "GET /:centre/panden": .planReaders,
        "GET /:centre/kaart": .planReaders,
        // Record-level rules (own business, own premises) are decided on the record; see RegisterTests.
        "GET /:centre/panden/:key": .signedIn,
        "GET /:centre/vestigingen/:key": .planReaders,
        "POST /:centre/panden/:key/tijdelijk-gebruik": .signedIn,
        "POST /:centre/panden/:key/verkleuring": .editors,
        "GET /:centre/zones": .planReaders,
        "POST /:centre/zones/kernwinkelgebied": .editors,
        "GET /api/v1/centres/:centre/zones": .planReaders,
        "PUT /api/v1/centres/:centre/core-zone": .editors,
        "POST /:centre/zones": .editors,
        "POST /:centre/vestigingen/:key": .editors,
        "PATCH /api/v1/centres/:centre/businesses/:key": .editors,
        "GET /:centre/register/import": .editors,
        "POST /:centre/register/import": .editors,
        "GET /:centre/register/panden.csv": .planReaders,
        "GET /:centre/register/vestigingen.csv": .planReaders,
        "POST /api/v1/centres/:centre/premises/import": .editors,
        "POST /api/v1/centres/:centre/businesses/import": .editors,
        "POST /:centre/panden/:key/leeg": .signedIn,
        "POST /:centre/panden/:key/niet-leeg": .signedIn,
        "GET /api/v1/centres/:centre/premises/:key": .signedIn,
        "POST /api/v1/centres/:centre/premises/:key/vacancies": .signedIn,
        "POST /api/v1/centres/:centre/premises/:key/vacancies/end": .signedIn,
        "GET /:centre/leegstand": .everyone,
        "GET /:centre/beschikbare-panden": .everyone,
        "GET /api/v1/centres/:centre/audit": .auditors,
        "GET /api/v1/centres/:centre/audit/:kind/:id": .auditors,
        "GET /api/v1/centres/:centre/users": .beheerder,
        "GET /api/v1/centres/:centre/users/:id/personal-data": .beheerder,
        "POST /api/v1/centres/:centre/users/:id/erase": .beheerder,
        "GET /": .everyone,
        "GET /:centre": .everyone,
        "GET /privacy": .everyone,
        "GET /toegankelijkheid": .everyone,
        "POST /:centre/jaarplannen": .editors,
        "GET /:centre/jaarplan/:year": .draftReaders,
        "GET /:centre/jaarplan/:year/wie-doet-wat": .draftReaders,
        "GET /:centre/jaarplan/:year/export.csv": .draftReaders,
        "GET /:centre/jaarplan/:year/acties/nieuw": .editors,
        "POST /:centre/jaarplan/:year/acties/nieuw": .editors,
        "POST /:centre/jaarplan/:year/vaststellen": .boards,
        "POST /:centre/jaarplan/:year/looptijd": .editors,
        "POST /:centre/jaarplan/:year/volgend-jaar": .editors,
        "GET /:centre/jaarplan/:year/volgend-jaar": .editors,
        "GET /:centre/acties/:id": .draftReaders,
        "GET /:centre/acties/:id/bewerken": .editors,
        "POST /:centre/acties/:id/bewerken": .editors,
        "POST /:centre/acties/:id/voortgang": .progress,
        "POST /:centre/acties/:id/verwijderen": .editors,
        "GET /:centre/acties/:id/verwijderen": .editors,
        "GET /:centre/themalijnen/:code/kernpunten/nieuw": .editors,
        "POST /:centre/themalijnen/:code/kernpunten/nieuw": .editors,
        "GET /:centre/kernpunten/:id/bewerken": .editors,
        "POST /:centre/kernpunten/:id/bewerken": .editors,
        "GET /inloggen": .everyone,
        "POST /inloggen": .everyone,
        "GET /inloggen/code": .halfwaySignIn,
        "POST /inloggen/code": .halfwaySignIn,
        "POST /uitloggen": .browserSession,
        "GET /account": .browserSession,
        "POST /account/wachtwoord": .browserSession,
        "GET /account/tweestaps": .browserSession,
        "POST /account/tweestaps": .browserSession,
        "POST /account/tweestaps/uit": .browserSession,
        "GET /account/tweestaps/uit": .browserSession,
        "POST /account/tokens": .browserSession,
        "POST /account/tokens/:id/intrekken": .browserSession,
        "GET /account/tokens/:id/intrekken": .browserSession,
        "GET /:centre/logboek": .auditors,
        "GET /:centre/logboek.csv": .auditors,
        "GET /:centre/geschiedenis/:kind/:id": .auditors,
        "GET /api/v1/centres/:centre/indicators": .planReaders,
        "GET /api/v1/centres/:centre/indicators/:key": .planReaders,
        "GET /api/v1/centres/:centre/indicators/:key/status": .planReaders,
        "GET /api/v1/centres/:centre/indicators/:key/measurements": .planReaders,
        "POST /api/v1/centres/:centre/indicators/:key/measurements": .editors,
        "DELETE /api/v1/centres/:centre/measurements/:id": .editors,
        "GET /api/v1/centres/:centre/measurements": .planReaders,
        "GET /api/v1/centres/:centre/measurements.csv": .planReaders,
        "POST /api/v1/centres/:centre/measurements/import": .editors,
        "GET /api/v1/centres/:centre/kpis": .everyone,
        "GET /api/v1/centres/:centre/areas": .planReaders,
        "POST /api/v1/centres/:centre/areas": .editors,
        "POST /:centre/monitor/gebieden": .editors,
        "GET /:centre/monitor": .planReaders,
        "GET /:centre/monitor/indicatoren/:key": .planReaders,
        "GET /:centre/monitor/indicatoren/nieuw": .editors,
        "POST /:centre/monitor/indicatoren/nieuw": .editors,
        "GET /:centre/monitor/indicatoren/:key/bewerken": .editors,
        "POST /:centre/monitor/indicatoren/:key/bewerken": .editors,
        "POST /api/v1/centres/:centre/indicators": .editors,
        "PATCH /api/v1/centres/:centre/indicators/:key": .editors,
        "POST /:centre/monitor/indicatoren/:key/metingen": .editors,
        "POST /:centre/monitor/metingen/:id/verwijderen": .editors,
        "GET /:centre/monitor/metingen/:id/verwijderen": .editors,
        "GET /:centre/monitor/verslag": .planReaders,
        "GET /:centre/monitor/import": .editors,
        "POST /:centre/monitor/import": .editors,
        "GET /:centre/monitor/metingen.csv": .planReaders,
        "GET /:centre/voortgang": .everyone,
        "GET /:centre/evenementen": .everyone,
        "GET /:centre/evenementen.ics": .everyone,
        "GET /:centre/evenementen/:id": .everyone,
        "GET /:centre/kalender": .editors,
        "GET /:centre/kalender/nieuw": .editors,
        "POST /:centre/kalender/nieuw": .editors,
        "GET /:centre/kalender/evenementen/:id": .editors,
        "POST /:centre/kalender/evenementen/:id": .editors,
        "POST /:centre/kalender/erkenningen": .editors,
        "GET /:centre/kalender/import": .editors,
        "POST /:centre/kalender/import": .editors,
        "GET /:centre/kalender/bronnen": .editors,
        "POST /:centre/kalender/bronnen": .editors,
        "POST /:centre/kalender/bronnen/:key": .editors,
        "POST /:centre/kalender/bronnen/:key/ophalen": .editors,
        "GET /api/v1/centres/:centre/event-calendars": .editors,
        "POST /api/v1/centres/:centre/event-calendars": .editors,
        "PATCH /api/v1/centres/:centre/event-calendars/:key": .editors,
        "POST /api/v1/centres/:centre/event-calendars/:key/fetches": .editors,
        "GET /api/v1/centres/:centre/events": .everyone,
        "GET /api/v1/centres/:centre/events/:id": .everyone,
        "POST /api/v1/centres/:centre/events": .editors,
        "PATCH /api/v1/centres/:centre/events/:id": .editors,
        "POST /api/v1/centres/:centre/events/imports": .editors,
        "GET /api/v1/centres/:centre/events/:id/conflicts": .editors,
        "GET /api/v1/centres/:centre/conflicts": .editors,
        "POST /api/v1/centres/:centre/conflicts/acknowledgements": .editors,
        "GET /api/v1/centres/:centre/open": .everyone,
        "GET /:centre/voorstellen": .proposers,
        "GET /:centre/voorstellen/nieuw": .organiserOnly,
        "POST /:centre/voorstellen/nieuw": .organiserOnly,
        "GET /:centre/voorstellen/:id": .proposers,
        "POST /:centre/voorstellen/:id": .proposers,
        "GET /:centre/voorstellen/:id/intrekken": .proposers,
        "POST /:centre/voorstellen/:id/intrekken": .proposers,
        "POST /:centre/kalender/evenementen/:id/besluit": .editors,
        "GET /:centre/kalender/instellingen": .editors,
        "POST /:centre/kalender/instellingen": .editors,
        "GET /api/v1/centres/:centre/event-proposals": .proposers,
        "POST /api/v1/centres/:centre/event-proposals": .organiserOnly,
        "PATCH /api/v1/centres/:centre/event-proposals/:id": .proposers,
        "POST /api/v1/centres/:centre/events/:id/approval": .editors,
        "GET /api/v1/centres/:centre/event-settings": .editors,
        "PATCH /api/v1/centres/:centre/event-settings": .editors,
        "GET /api/v1/centres/:centre/opening-hours": .everyone,
        "GET /:centre/openingstijden": .everyone,
        "GET /:centre/beheer/accounts": .beheerder,
        "POST /:centre/beheer/accounts": .beheerder,
        "GET /:centre/beheer/accounts/:id": .beheerder,
        "POST /:centre/beheer/accounts/:id/rollen": .beheerder,
        "POST /:centre/beheer/accounts/:id/rollen/:role/verwijderen": .beheerder,
        "GET /:centre/beheer/accounts/:id/rollen/:role/verwijderen": .beheerder,
        "POST /:centre/beheer/accounts/:id/wachtwoord": .beheerder,
        "GET /:centre/beheer/accounts/:id/wachtwoord": .beheerder,
        "POST /:centre/beheer/accounts/:id/blokkeren": .beheerder,
        "GET /:centre/beheer/accounts/:id/blokkeren": .beheerder,
        "POST /:centre/beheer/accounts/:id/deblokkeren": .beheerder,
        "POST /:centre/beheer/accounts/:id/sessies": .beheerder,
        "GET /:centre/beheer/accounts/:id/sessies": .beheerder,
        "GET /:centre/beheer/accounts/:id/gegevens.json": .beheerder,
        "POST /:centre/beheer/accounts/:id/wissen": .beheerder,
        "POST /:centre/beheer/accounts/:id/inlogblokkade-opheffen": .beheerder,
        "GET /:centre/economische-agenda": .planReaders,
        "POST /:centre/economische-agenda/koppelingen": .editors,
        "POST /:centre/economische-agenda/programmas": .editors,
        "POST /:centre/economische-agenda/cellen/:cell/tekst": .editors,
        "PATCH /api/v1/centres/:centre/agenda/cells/:cell": .editors,
        "GET /:centre/economische-agenda/cellen/:cell/acties/:id/ontkoppelen": .editors,
        "POST /:centre/economische-agenda/cellen/:cell/acties/:id/ontkoppelen": .editors,
        "GET /api/v1/centres/:centre/agenda": .planReaders,
        "POST /api/v1/centres/:centre/agenda/cells/:cell/actions": .editors,
        "DELETE /api/v1/centres/:centre/agenda/cells/:cell/actions/:id": .editors,
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    /// A refusal: 403, a 401 problem that asks to sign in, or a redirect to the sign-in page.
    static func isRefusal(_ res: TestingHTTPResponse) -> Bool {
        if res.status == .forbidden { return true }
        if res.status == .unauthorized && res.text.contains("Niet ingelogd") { return true }
        return res.status == .seeOther && (res.headers.first(name: .location) ?? "").hasPrefix("/inloggen")
    }

    /// Records the tests act on: an action of theme line A, a key point, another person.
    struct Targets {
        var action: UUID
        var keyPoint: UUID
        var user: UUID
        var role: UUID
        var token: UUID
        var event: UUID
    }

    static func makeTargets(_ app: Application) async throws -> Targets {
        let created: ActionDTO = try await send(
            app, .POST, "api/v1/centres/assen/plans/2019/actions",
            raw: #"{"title":"Doelwit","themeLine":"A","lead":"gemeente","noPartners":true,"budgetCents":0}"#
        ).json()
        let lines: [ThemeLineDTO] = try await send(app, .GET, "api/v1/centres/assen/theme-lines").json()
        let (user, _) = try await AccountService.create(
            .init(
                email: "doel@assen.demo", name: "Doel Persoon", password: nil,
                grant: RoleGrant(role: .ondernemer, centre: "assen")),
            passwords: app.password.async, by: .demo(app), on: app.db)
        let role = try #require(
            try await RoleAssignment.query(on: app.db).filter(\.$user.$id == user.requireID()).first())
        let (_, token) = try await AccountService.createToken(
            for: user, name: "doel", days: 5, by: .demo(app), on: app.db)
        let assen = try await Centre.find(slug: "assen", on: app.db)
        let event = try await EventService.create(
            EventInput(title: "Doelwit", category: "markt", firstDay: "2019-06-01", status: "idee", isPublic: false),
            centre: assen, by: .demo(app), on: app.db)
        return Targets(
            action: created.id, keyPoint: try #require(lines.first?.keyPoints.first?.id), user: try user.requireID(),
            role: try role.requireID(), token: try token.requireID(), event: try event.requireID())
    }

    static func concrete(_ route: Route, centre: String, targets: Targets) -> String {
        let parts = route.path.map { $0.description }
        let joined = parts.joined(separator: "/")
        return "/"
            + parts.map { part -> String in
                switch part {
                case ":centre": centre
                case ":year": "2019"
                case ":code": "A"
                case ":kind": "actie"
                case ":cell": "1-1"
                case ":key": joined.contains("indicator") ? "waardering" : "P0001"
                case ":role": targets.role.uuidString
                case ":id":
                    if joined.contains("accounts") || joined.contains("users") {
                        targets.user.uuidString
                    } else if joined.contains("tokens") {
                        targets.token.uuidString
                    } else if joined.contains("events") || joined.contains("evenementen")
                        || joined.contains("proposals") || joined.contains("voorstellen")
                    {
                        targets.event.uuidString
                    } else if joined.contains("kernpunten") || joined.contains("key-points") {
                        targets.keyPoint.uuidString
                    } else {
                        targets.action.uuidString
                    }
                default: part
                }
            }.joined(separator: "/")
    }

    @Test func everyRouteHasARuleAndAnExpectation() async throws {
        try await withStadshart(.sqlite, demo: false) { app in
            let keys = Set(app.routes.all.map(Self.key))
            for key in keys.sorted() {
                #expect(Self.expected[key] != nil, "no expectation in this test for \(key)")
            }
            for route in app.routes.all {
                #expect(route.rule != nil, "no permission rule for \(Self.key(route))")
            }
            #expect(Set(Self.expected.keys) == keys, "this test expects routes that do not exist")
        }
    }

    /// Every route, every role: allowed ones are not refused, the others are. Bodies are empty,
    /// so an allowed write mostly ends in a Dutch validation message: what counts is the door.
    @Test(arguments: TestDatabase.available)
    func everyRouteWithEveryRole(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let targets = try await Self.makeTargets(app)
            let routes = app.routes.all.filter { !$0.path.map(\.description).contains("uitloggen") }
            for user in TestUser.allCases {
                for route in routes {
                    let key = Self.key(route)
                    guard let expected = Self.expected[key] else { continue }
                    let path = Self.concrete(route, centre: "assen", targets: targets)
                    let isAPI = path.hasPrefix("/api/")
                    let res = try await send(
                        app, route.method, path, raw: isAPI && route.method != .GET ? "{}" : nil,
                        form: !isAPI && route.method == .POST ? [] : nil, as: user)
                    #expect(res.status.code < 500, "\(key) as \(user): \(res.status)")
                    if expected.allows(user) {
                        #expect(!Self.isRefusal(res), "\(key) as \(user) was refused: \(res.status)")
                    } else {
                        #expect(Self.isRefusal(res), "\(key) as \(user) was not refused: \(res.status)")
                        #expect(!res.text.contains("Doelwit"), "\(key) as \(user) leaked the record")
                    }
                }
            }
        }
    }

    /// Nobody reaches Assen's records through another centre's address.
    @Test(arguments: TestDatabase.available)
    func anotherCentresAddressReachesNothing(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let emmen = Centre(slug: "emmen", name: "Binnenstad Emmen")
            try await emmen.create(on: app.db)
            // The beheerder manages Emmen too, so their requests pass the door and reach the lookups.
            let beheerder = try #require(try await AccountService.user(email: "beheerder@assen.demo", on: app.db))
            try await AccountService.addRole(
                RoleGrant(role: .beheerder, centre: "emmen"), to: beheerder, centre: emmen, by: .demo(app), on: app.db)
            let targets = try await Self.makeTargets(app)
            for user in [TestUser.beheerder, .programmateam, .bestuurGemeente, .anonymous] {
                for route in app.routes.all
                where route.path.first?.description == ":centre"
                    || route.path.contains(where: { $0.description == ":centre" })
                {
                    let path = Self.concrete(route, centre: "emmen", targets: targets)
                    let isAPI = path.hasPrefix("/api/")
                    let res = try await send(
                        app, route.method, path, raw: isAPI && route.method != .GET ? "{}" : nil,
                        form: !isAPI && route.method == .POST ? [] : nil, as: user)
                    // A route to one record (an action, a plan, a theme line, a premises, a business,
                    // an indicator) of Assen finds nothing through Emmen's address.
                    let hasRecord = route.path.contains { [":id", ":year", ":code", ":key"].contains($0.description) }
                    // The audit trail's history of a record is a filter: through Emmen it lists nothing.
                    let isHistory = route.path.contains { $0.description == ":kind" }
                    if hasRecord && !isHistory && user == .beheerder
                        && Self.expected[Self.key(route)]?.allows(user) == true
                    {
                        // Past the door, the record itself is not found in Emmen.
                        #expect(res.status == .notFound, "\(Self.key(route)) via emmen as \(user): \(res.status)")
                    } else if hasRecord && !isHistory {
                        #expect(
                            Self.isRefusal(res) || res.status == .notFound,
                            "\(Self.key(route)) via emmen as \(user): \(res.status)")
                    }
                    #expect(!res.text.contains("Doelwit"), "\(Self.key(route)) via emmen as \(user) leaked the record")
                }
            }
        }
    }
}
