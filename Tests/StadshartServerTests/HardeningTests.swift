import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// The holes a review found, each kept shut by a test.
@Suite("Hardening")
struct HardeningTests {
    @Test func signInReturnsOnlyToThisSite() {
        #expect(SignInWeb.safeBack("/assen/jaarplan/2019?themeLine=A") == "/assen/jaarplan/2019?themeLine=A")
        for bad in ["//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/ x", nil] {
            #expect(SignInWeb.safeBack(bad) == "/", "\(bad ?? "nil")")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSecondStepCannotBeGuessedOrReplayed(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let user = try #require(try await AccountService.user(email: "uitvoeringsteam@assen.demo", on: app.db))
            let secret = TOTP.newSecret()
            user.totpSecret = Base32.encode(secret)
            try await user.update(on: app.db)

            func pending() async throws -> (BrowserSession, String) {
                let first = try await send(
                    app, .POST, "/inloggen",
                    form: [("email", "uitvoeringsteam@assen.demo"), ("password", DemoAccounts.password)], as: .anonymous
                )
                let session = BrowserSession(cookie: try #require(cookie(of: first)), csrf: "")
                let page = try await send(app, .GET, "/inloggen/code", as: .anonymous, headers: session.headers)
                return (session, try #require(csrfToken(in: page.text)))
            }
            let (session, csrf) = try await pending()
            for attempt in 1...TwoStep.maximumFailures {
                let res = try await send(
                    app, .POST, "/inloggen/code", form: [("csrf", csrf), ("code", "000000")], as: .anonymous,
                    headers: session.headers)
                #expect(res.status == .unauthorized)
                if attempt == TwoStep.maximumFailures { #expect(res.text.contains("Log opnieuw in")) }
            }
            // The half-finished sign-in is gone: even the right code no longer helps.
            let code = TOTP.code(secret: secret, at: Date())
            let late = try await send(
                app, .POST, "/inloggen/code", form: [("csrf", csrf), ("code", code)], as: .anonymous,
                headers: session.headers)
            #expect(late.headers.first(name: .location) == "/inloggen")

            let (again, csrf2) = try await pending()
            let good = try await send(
                app, .POST, "/inloggen/code", form: [("csrf", csrf2), ("code", code)], as: .anonymous,
                headers: again.headers)
            // No page to go back to: the start page of the centre the person works in.
            #expect(good.status == .seeOther && good.headers.first(name: .location) == "/assen")
            let (third, csrf3) = try await pending()
            let replay = try await send(
                app, .POST, "/inloggen/code", form: [("csrf", csrf3), ("code", code)], as: .anonymous,
                headers: third.headers)
            #expect(replay.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func forwardedAddressesAreNotBelievedWithoutAProxy(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            var last: TestingHTTPResponse?
            for n in 0...SignInThrottle.addressLimitForTests {
                last = try await send(
                    app, .POST, "/inloggen", form: [("email", "niemand\(n)@assen.demo"), ("password", "x")],
                    as: .anonymous,
                    headers: ["X-Forwarded-For": "10.0.0.\(n)"])
            }
            #expect(last?.status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAdoptedPlanGetsNewActionsOnlyWithAReason(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            try await completeAllActions(app)
            for (party, board) in [("gemeente", TestUser.bestuurGemeente), ("binnenstadsorganisatie", .bestuurVaart)] {
                _ = try await send(
                    app, .POST, "api/v1/centres/assen/plans/2019/adoptions",
                    raw: #"{"party":"\#(party)","adoptedBy":"bestuur","date":"2018-12-20"}"#, as: board)
            }
            let body = #"{"title":"Extra","themeLine":"A","lead":"vaart","noPartners":true,"budgetCents":0"#
            let refused = try await send(app, .POST, "api/v1/centres/assen/plans/2019/actions", raw: body + "}")
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.json(Problem.self).errors?.map(\.field) == ["reason"])
            let added = try await send(
                app, .POST, "api/v1/centres/assen/plans/2019/actions",
                raw: body + #","reason":"besluit regiegroep 3 mei"}"#)
            #expect(added.status == .created)
            #expect(try added.json(ActionDTO.self).amendments?.first?.reason == "besluit regiegroep 3 mei")
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutTheRequiredSecondStepNoDraftIsShown(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let (board, password) = try await AccountService.create(
                .init(
                    email: "raad@assen.nl", name: "Bestuurslid", password: nil,
                    grant: RoleGrant(role: .bestuur, centre: "assen", party: .gemeente)),
                passwords: app.password.async, by: .commandLine(app), on: app.db)
            board.mustChangePassword = false  // as if chosen: what stops them now is the second step alone
            try await board.update(on: app.db)
            let session = try await signIn(app, "raad@assen.nl", try #require(password))
            for path in [Web.plan.link("assen", 2019), Web.exportCSV.link("assen", 2019)] {
                let res = try await send(app, .GET, path, as: .anonymous, headers: session.headers)
                #expect(res.status == .forbidden, "\(path)")
                #expect(!res.text.contains("Strategienota"), "\(path)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func erasingAPersonLeavesOtherEntriesAlone(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let before = try await AuditEntry.query(on: app.db).filter(\.$kind == "actie").all().map(\.summary)
            let (user, _) = try await AccountService.create(
                .init(
                    email: "actie@assen.nl", name: "Actie", password: nil,
                    grant: RoleGrant(role: .ondernemer, centre: "assen")),
                passwords: app.password.async, by: .commandLine(app), on: app.db)
            try await PersonalData.erase(user, by: .commandLine(app), centreID: nil, on: app.db)
            let after = try await AuditEntry.query(on: app.db).filter(\.$kind == "actie").all().map(\.summary)
            #expect(before.sorted() == after.sorted())
            let own = try await AuditEntry.query(on: app.db).filter(\.$recordID == user.requireID().uuidString).all()
            #expect(!own.isEmpty && own.allSatisfy { !$0.summary.contains("actie@assen.nl") })
        }
    }
}

extension SignInThrottle {
    /// Failures from one address before it is refused (the rule in Core).
    static var addressLimitForTests: Int {
        (0...200).first { decision(accountFailures: 0, addressFailures: $0) != .allow(delaySeconds: 0) } ?? 200
    }
}
