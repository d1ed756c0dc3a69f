import Fluent
import Foundation
import NIOConcurrencyHelpers
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// The findings of the second security and reliability review, each kept shut by a test that
/// failed before its fix.
@Suite("Review findings")
struct ReviewFindingsTests {
    static let api = "api/v1/centres/assen"

    /// A body with its own content type, sent with the account's API token.
    static func post(
        _ app: Application, _ path: String, body: String, type: HTTPMediaType, method: HTTPMethod = .POST,
        as user: TestUser = .programmateam
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = type
        if let token = try await bearer(app, user) { headers.bearerAuthorization = .init(token: token) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    // MARK: 1. A board account cannot be taken over in the browser

    @Test(arguments: TestDatabase.available)
    func aBeheerderCannotTakeOverABoardAccount(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let board = try #require(try await AccountService.user(email: "bestuur.gemeente@assen.demo", on: app.db))
            let boardID = try board.requireID()
            let hashBefore = board.passwordHash
            let admin = try await signIn(app, "beheerder@assen.demo")
            let page = try await send(
                app, .GET, Web.accountAdmin.link("assen", boardID), as: .anonymous, headers: admin.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"server-only\""))
            #expect(!page.text.contains(Web.resetPassword.link("assen", boardID)))

            let role = try #require(
                try await RoleAssignment.query(on: app.db).filter(\.$user.$id == boardID).first())
            #expect(!page.text.contains(Web.removeRole.link("assen", boardID, try role.requireID())))
            let attempts: [(String, [(String, String)])] = [
                (Web.resetPassword.link("assen", boardID), []),
                (Web.enable.link("assen", boardID), []),
                (Web.erase.link("assen", boardID), [("confirm", "wissen")]),
                (Web.removeRole.link("assen", boardID, try role.requireID()), []),
            ]
            for (path, fields) in attempts {
                let res = try await send(
                    app, .POST, path, form: [("csrf", admin.csrf)] + fields, as: .anonymous, headers: admin.headers)
                #expect(res.status == .forbidden, "\(path)")
                #expect(res.text.contains("alleen op de server"), "\(path)")
            }
            let apiErase = try await send(app, .POST, "\(Self.api)/users/\(boardID)/erase", raw: "{}", as: .beheerder)
            #expect(apiErase.status == .forbidden)

            // Nothing changed: the board member still signs in with their own password, and keeps the role.
            let fresh = try #require(try await User.find(boardID, on: app.db))
            #expect(fresh.passwordHash == hashBefore && fresh.erasedAt == nil && !fresh.mustChangePassword)
            #expect(try await RoleAssignment.find(role.requireID(), on: app.db) != nil)
            _ = try await signIn(app, "bestuur.gemeente@assen.demo")

            // An account without a board role is still looked after in the browser.
            let team = try #require(try await AccountService.user(email: "uitvoeringsteam@assen.demo", on: app.db))
            let reset = try await send(
                app, .POST, Web.resetPassword.link("assen", team.requireID()), form: [("csrf", admin.csrf)],
                as: .anonymous, headers: admin.headers)
            #expect(reset.status == .ok && reset.text.contains("one-time-password"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theServerLooksAfterBoardAccounts(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let board = try #require(try await AccountService.user(email: "bestuur.vaart@assen.demo", on: app.db))
            board.totpSecret = Base32.encode(TOTP.newSecret())
            try await board.update(on: app.db)
            try await AccountService.resetTwoStep(board, by: .commandLine(app), on: app.db)
            let password = try await AccountService.resetPassword(
                board, passwords: app.password.async, by: .commandLine(app), centreID: nil, on: app.db)
            let fresh = try #require(try await User.find(board.requireID(), on: app.db))
            #expect(fresh.totpSecret == nil && fresh.mustChangePassword)
            _ = try await signIn(app, "bestuur.vaart@assen.demo", password)
        }
    }

    // MARK: 2 and 3. Concurrent writers wait their turn; unique things answer 409

    @Test(arguments: TestDatabase.available)
    func parallelWritesNeverAnswer500(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let body = #"{"title":"Parallel","themeLine":"A","lead":"vaart","noPartners":true,"budgetCents":0}"#
            let creates = try await Self.parallel(50) { _ in
                try await send(app, .POST, "\(Self.api)/plans/2019/actions", raw: body).status
            }
            #expect(creates == [.created: 50])
            let target = try #require(try await demoActions(app).first)
            let patches = try await Self.parallel(50) { index in
                try await send(
                    app, .PATCH, "\(Self.api)/actions/\(target.id)", raw: #"{"title":"Versie \#(index)"}"#
                ).status
            }
            #expect(patches == [.ok: 50])
            let titled = try await demoActions(app).filter { $0.title == "Parallel" }
            #expect(titled.count == 50)
        }
    }

    @Test(arguments: TestDatabase.available)
    func identicalParallelCreatesMakeOneThingAndTellTheOthers(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let plans = try await Self.parallel(50) { _ in
                try await send(app, .POST, "\(Self.api)/plans", raw: #"{"year":2031}"#).status
            }
            #expect(plans[.created] == 1 && plans[.conflict] == 49, "\(plans)")
            let nextYear = try await Self.parallel(20) { _ in
                try await send(app, .POST, "\(Self.api)/plans/2019/next-year").status
            }
            #expect(nextYear[.created] == 1 && nextYear[.conflict] == 19, "\(nextYear)")
            let keyPoints = try await Self.parallel(30) { _ in
                try await send(app, .POST, "\(Self.api)/theme-lines/A/key-points", raw: #"{"title":"Dubbel"}"#).status
            }
            #expect(keyPoints.keys.allSatisfy { $0.code < 500 }, "\(keyPoints)")
        }
    }

    /// Runs `count` requests at once and counts their statuses.
    static func parallel(_ count: Int, _ request: @escaping @Sendable (Int) async throws -> HTTPStatus)
        async throws -> [HTTPStatus: Int]
    {
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for index in 0..<count { group.addTask { try await request(index) } }
            var counts: [HTTPStatus: Int] = [:]
            for try await status in group { counts[status, default: 0] += 1 }
            return counts
        }
    }

    // MARK: 4. Control characters

    @Test(arguments: TestDatabase.available)
    func controlCharactersAreRefusedWithTheirField(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await demoActions(app).count
            let action = try await send(
                app, .POST, "\(Self.api)/plans/2019/actions",
                raw: #"{"title":"a\u0000b","themeLine":"A","lead":"vaart","noPartners":true}"#)
            #expect(action.status == .unprocessableEntity)
            #expect(try action.json(Problem.self).errors?.map(\.field) == ["title"])
            #expect(try await demoActions(app).count == before)

            let signIn = try await app.testing().sendRequest(
                .POST, "/inloggen", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=a%00b@x.nl&password=x"))
            #expect(signIn.status == .unprocessableEntity)
            #expect(signIn.text.contains("email"))

            let query = try await send(app, .GET, "\(Self.api)/audit?who=a%01b", as: .beheerder)
            #expect(query.status == .unprocessableEntity)
            #expect(try query.json(Problem.self).errors?.first?.field == "who")

            let csv =
                "indicator;gebied;datum;waarde;basis;bron;toelichting\nwaardering;assen;2020-01-01;7,2;;enquête;stil\u{7}\n"
            let imported = try await Self.post(
                app, "\(Self.api)/measurements/import", body: csv, type: .init(type: "text", subType: "csv"))
            #expect(imported.status == .unprocessableEntity)
            #expect(try imported.json(Problem.self).errors?.first?.line == 2)
        }
    }

    // MARK: 5. Sign-in does the same work for unknown accounts

    @Test func anUnknownAccountCostsTheSameBcryptWork() async throws {
        try await withStadshart(.sqlite) { app in
            let counter = CountingHasher()
            app.passwords.use { _ in counter }
            for email in ["nobody@assen.demo", "programmateam@assen.demo"] {
                let res = try await send(
                    app, .POST, "/inloggen", form: [("email", email), ("password", "geen-goed-wachtwoord")],
                    as: .anonymous)
                #expect(res.status == .unauthorized)
            }
            #expect(counter.calls.withLockedValue { $0 } == 2)
        }
    }

    // MARK: 6. A path too long for a file name

    @Test func aVeryLongPathIsNotFound() async throws {
        try await withStadshart(.sqlite, demo: false) { app in
            let res = try await app.testing().sendRequest(.GET, "/" + String(repeating: "a", count: 300))
            #expect(res.status == .notFound)
            #expect(res.text.contains("bestaat niet"))
        }
    }

    // MARK: 7 and 8. Files that are not UTF-8; the web register import's date and kind

    @Test(arguments: TestDatabase.available)
    func aLatin1FileIsRefusedNamingItsLine(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            var bytes = Array("indicator;gebied;datum;waarde;basis;bron;toelichting\n".utf8)
            bytes += Array("waardering;assen;2020-01-01;7,2;;enquête;caf".utf8) + [0xE9] + Array("\n".utf8)
            var headers = HTTPHeaders()
            headers.contentType = .init(type: "text", subType: "csv")
            headers.bearerAuthorization = .init(token: try #require(try await bearer(app, .programmateam)))
            let res = try await app.testing().sendRequest(
                .POST, "\(Self.api)/measurements/import", headers: headers, body: ByteBuffer(bytes: bytes))
            #expect(res.status == .unprocessableEntity)
            let problem = try res.json(Problem.self)
            #expect(problem.errors?.first?.line == 2 && problem.detail.contains("UTF-8"))
        }
        #expect(throws: InvalidInput.self) { try TextRules.utf8([0x61, 0x0A, 0x62, 0xE9]) }
        #expect(try TextRules.utf8(Array("\u{FEFF}a;b".utf8)) == "a;b")
    }

    @Test(arguments: TestDatabase.available)
    func theWebRegisterImportRefusesABadDateAndKind(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let session = try #require(try await browserSession(app, .programmateam))
            let boundary = "grens"
            func body(kind: String, date: String, file: String = "sleutel\n") -> String {
                [
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(session.csrf)",
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)",
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n\(date)",
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file)",
                    "--\(boundary)--\r\n",
                ].joined(separator: "\r\n")
            }
            let headers: HTTPHeaders = [
                "Cookie": "\(SessionPolicy.cookieName)=\(session.cookie)",
                "Content-Type": "multipart/form-data; boundary=\(boundary)",
            ]
            let badDate = try await app.testing().sendRequest(
                .POST, Web.registerImport.link("assen"), headers: headers,
                body: ByteBuffer(string: body(kind: "premises", date: "2019-02-30")))
            #expect(badDate.status == .unprocessableEntity)
            #expect(badDate.text.contains("2019-02-30"))
            let badKind = try await app.testing().sendRequest(
                .POST, Web.registerImport.link("assen"), headers: headers,
                body: ByteBuffer(string: body(kind: "bomen", date: "2019-02-01")))
            #expect(badKind.status == .unprocessableEntity)
            #expect(badKind.text.contains("kies panden of vestigingen"))
            // A file longer than any one field is the importer's to read, not the input guard's to refuse.
            let long = "sleutel\n" + String(repeating: "P9999\n", count: 5000)
            let large = try await app.testing().sendRequest(
                .POST, Web.registerImport.link("assen"), headers: headers,
                body: ByteBuffer(string: body(kind: "premises", date: "2019-02-01", file: long)))
            #expect(!large.text.contains("te lang"))
        }
    }

    // MARK: 9. Every text has a length that fits its use

    @Test(arguments: TestDatabase.available)
    func longTextsAreRefusedWithTheirField(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let long = String(repeating: "x", count: TextLimit.name + 1)
            let action = try await send(
                app, .POST, "\(Self.api)/plans/2019/actions",
                raw: #"{"title":"Lang","themeLine":"A","lead":"vaart","noPartners":true,"fundingSource":"\#(long)"}"#)
            #expect(action.status == .unprocessableEntity)
            #expect(try action.json(Problem.self).errors?.map(\.field) == ["fundingSource"])

            let premises: [PremisesDTO] = try await send(app, .GET, "\(Self.api)/premises?vacant=nee").json()
            let key = try #require(premises.first?.key)
            let reason = String(repeating: "r", count: TextLimit.line + 1)
            let vacancy = try await send(
                app, .POST, "\(Self.api)/premises/\(key)/vacancies",
                raw: #"{"from":"2020-01-01","reason":"\#(reason)"}"#)
            #expect(vacancy.status == .unprocessableEntity)
            #expect(try vacancy.json(Problem.self).errors?.map(\.field) == ["reason"])

            let zone = try await send(app, .POST, Web.zones.link("assen"), form: [("key", "nieuw"), ("name", long)])
            #expect(zone.status == .unprocessableEntity)
            let huge = String(repeating: "y", count: TextLimit.anyField + 1)
            let backstop = try await send(
                app, .POST, "\(Self.api)/plans/2019/actions", raw: #"{"description":"\#(huge)"}"#)
            #expect(backstop.status == .unprocessableEntity)
        }
    }

    // MARK: 10. Things that happened are not in the future

    @Test(arguments: TestDatabase.available)
    func futureAdoptionsAndVacanciesAreRefused(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            try await completeAllActions(app)
            let adoption = try await send(
                app, .POST, "\(Self.api)/plans/2019/adoptions",
                raw: #"{"party":"gemeente","adoptedBy":"bestuur","date":"2099-01-01"}"#, as: .bestuurGemeente)
            #expect(adoption.status == .unprocessableEntity)
            #expect(try adoption.json(Problem.self).errors?.map(\.field) == ["date"])
            let plan = try await send(app, .GET, "\(Self.api)/plans/2019").text
            #expect(!plan.contains("2099"))

            let premises: [PremisesDTO] = try await send(app, .GET, "\(Self.api)/premises?vacant=nee").json()
            let key = try #require(premises.first?.key)
            let future = try await send(
                app, .POST, "\(Self.api)/premises/\(key)/vacancies", raw: #"{"from":"2099-01-01"}"#)
            #expect(future.status == .unprocessableEntity)
            #expect(try future.json(Problem.self).errors?.map(\.field) == ["from"])
            let backwards = try await send(
                app, .POST, "\(Self.api)/premises/\(key)/vacancies", raw: #"{"from":"2021-03-01","until":"2021-01-01"}"#
            )
            #expect(backwards.status == .unprocessableEntity)
            #expect(try backwards.json(Problem.self).errors?.map(\.field) == ["until"])
        }
    }

    // MARK: 11. The API contract at its edges

    @Test(arguments: TestDatabase.available)
    func theAPIAnswersInDutchAtItsEdges(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            // No body at all is a malformed request; an empty object names what is missing.
            let nothing = try await Self.post(app, "\(Self.api)/plans/2019/actions", body: "", type: .json)
            #expect(nothing.status == .badRequest && nothing.isProblem)
            #expect(try nothing.json(Problem.self).detail.contains("JSON-object"))
            let empty = try await Self.post(app, "\(Self.api)/plans/2019/actions", body: "{}", type: .json)
            #expect(empty.status == .unprocessableEntity && empty.isProblem)
            let fields = Set(try empty.json(Problem.self).errors?.map(\.field) ?? [])
            #expect(fields.isSuperset(of: ["title", "themeLine"]))

            let plain = try await Self.post(app, "\(Self.api)/plans/2019/actions", body: "titel", type: .plainText)
            #expect(plain.status == .unsupportedMediaType && plain.isProblem)
            #expect(try plain.json(Problem.self).detail.contains("JSON"))

            let own = try #require(DemoAccounts.accounts.first { $0.email == "ondernemer@assen.demo" }?.grant.subject)
            let fte = try await send(
                app, .PATCH, "\(Self.api)/businesses/\(own)", raw: #"{"jobs":1,"fte":50}"#, as: .ondernemer)
            #expect(fte.status == .unprocessableEntity)
            #expect(try fte.json(Problem.self).errors?.map(\.field) == ["fte"])
        }
        #expect(throws: InvalidInput.self) { try BusinessUpdate.validate(hours: [:], jobs: "1", fte: "1,5") }
        #expect(try BusinessUpdate.validate(hours: [:], jobs: "2", fte: "1,5").fte == 1.5)
    }

    // MARK: 12. Tokens reach the API only; a beheerder lifts a lockout

    @Test(arguments: TestDatabase.available)
    func anAPITokenOpensNoPage(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: try #require(try await bearer(app, .beheerder)))
            let page = try await app.testing().sendRequest(.GET, Web.accounts.link("assen"), headers: headers)
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location)?.hasPrefix("/inloggen") == true)
            let api = try await app.testing().sendRequest(.GET, "\(Self.api)/users", headers: headers)
            #expect(api.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBeheerderLiftsALockout(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let email = "tafel.a@assen.demo"
            for minute in 0..<10 {
                try await SignInAttempt(
                    email: email, address: "10.0.0.\(minute)", succeeded: false, at: Date().addingTimeInterval(-30)
                ).create(on: app.db)
            }
            let locked = try await send(
                app, .POST, "/inloggen", form: [("email", email), ("password", DemoAccounts.password)], as: .anonymous)
            #expect(locked.status == .tooManyRequests)
            let user = try #require(try await AccountService.user(email: email, on: app.db))
            let admin = try await signIn(app, "beheerder@assen.demo")
            let page = try await send(
                app, .GET, Web.accountAdmin.link("assen", user.requireID()), as: .anonymous, headers: admin.headers)
            #expect(page.text.contains("Inlogblokkade opheffen"))
            let lifted = try await send(
                app, .POST, Web.liftLockout.link("assen", user.requireID()), form: [("csrf", admin.csrf)],
                as: .anonymous, headers: admin.headers)
            #expect(lifted.status == .ok)
            _ = try await signIn(app, email)
        }
    }
}

/// Counts bcrypt work: hashing and verifying cost the same.
final class CountingHasher: PasswordHasher, Sendable {
    let calls = NIOLockedValueBox(0)
    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
        calls.withLockedValue { $0 += 1 }
        return Array(try Bcrypt.hash(String(decoding: password, as: UTF8.self), cost: 4).utf8)
    }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws
        -> Bool
    {
        calls.withLockedValue { $0 += 1 }
        return try Bcrypt.verify(
            String(decoding: password, as: UTF8.self), created: String(decoding: digest, as: UTF8.self))
    }
}
