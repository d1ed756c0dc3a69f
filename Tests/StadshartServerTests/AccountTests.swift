import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// A browser's session in a test: the cookie and the form token of its pages.
struct BrowserSession {
    var cookie: String
    var csrf: String

    var headers: HTTPHeaders { ["Cookie": "\(SessionPolicy.cookieName)=\(cookie)"] }
}

func cookie(of res: TestingHTTPResponse) -> String? {
    res.headers[.setCookie].compactMap { header -> String? in
        guard header.hasPrefix(SessionPolicy.cookieName + "=") else { return nil }
        return String(header.dropFirst(SessionPolicy.cookieName.count + 1).prefix { $0 != ";" })
    }.first
}

func csrfToken(in page: String) -> String? {
    guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
}

/// Signs in through the form, as a browser does, and reads the form token from a page.
func signIn(_ app: Application, _ email: String, _ password: String = DemoAccounts.password) async throws
    -> BrowserSession
{
    let res = try await send(app, .POST, "/inloggen", form: [("email", email), ("password", password)], as: .anonymous)
    #expect(res.status == .seeOther, "\(res.text)")
    let value = try #require(cookie(of: res))
    let page = try await send(
        app, .GET, "/account", as: .anonymous, headers: ["Cookie": "\(SessionPolicy.cookieName)=\(value)"])
    return BrowserSession(cookie: value, csrf: try #require(csrfToken(in: page.text)))
}

@Suite("Accounts, sessions and tokens")
struct AccountTests {
    @Test(arguments: TestDatabase.available)
    func signInSetsASafeCookieAndFormsNeedTheirToken(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let res = try await send(
                app, .POST, "/inloggen",
                form: [("email", "PROGRAMMATEAM@assen.demo"), ("password", DemoAccounts.password)],
                as: .anonymous)
            #expect(res.status == .seeOther)
            let header = try #require(res.headers[.setCookie].first { $0.hasPrefix(SessionPolicy.cookieName) })
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(!header.contains("Secure"))
            app.storage[StadshartConfigurationKey.self]?.behindProxy = true
            let secure = try await send(
                app, .POST, "/inloggen",
                form: [("email", "programmateam@assen.demo"), ("password", DemoAccounts.password)],
                as: .anonymous, headers: ["X-Forwarded-Proto": "https"])
            #expect(
                secure.headers[.setCookie].first { $0.hasPrefix(SessionPolicy.cookieName) }?.contains("Secure") == true)

            let first = try await signIn(app, "programmateam@assen.demo")
            let second = try await signIn(app, "programmateam@assen.demo")
            #expect(first.cookie != second.cookie)

            let account = try await send(app, .GET, "/account", as: .anonymous, headers: second.headers)
            #expect(account.status == .ok)
            #expect(account.text.contains("Demo Programmamanager"))

            // A change without the form token, or from another site, is refused.
            let next = Web.nextYear.link("assen", 2019)
            #expect(
                try await send(app, .POST, next, form: [], as: .anonymous, headers: second.headers).status == .forbidden
            )
            var foreign = second.headers
            foreign.add(name: .origin, value: "https://elders.example")
            foreign.add(name: .host, value: "stadshart.assen.nl")
            #expect(
                try await send(app, .POST, next, form: [("csrf", second.csrf)], as: .anonymous, headers: foreign).status
                    == .forbidden)
            let done = try await send(
                app, .POST, next, form: [("csrf", second.csrf)], as: .anonymous, headers: second.headers)
            #expect(done.status == .seeOther)

            // Signing out ends the session.
            let out = try await send(
                app, .POST, "/uitloggen", form: [("csrf", second.csrf)], as: .anonymous, headers: second.headers)
            #expect(out.status == .seeOther)
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: second.headers).status == .seeOther)
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: first.headers).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func sessionsEndWhenIdleAndWhenTheAccountIsDisabled(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let session = try await signIn(app, "uitvoeringsteam@assen.demo")
            let stored = try #require(
                try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(session.cookie)).first())
            stored.lastSeenAt = Date().addingTimeInterval(-SessionPolicy.idleTimeout - 60)
            try await stored.update(on: app.db)
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: session.headers).status == .seeOther)

            let again = try await signIn(app, "uitvoeringsteam@assen.demo")
            let user = try #require(try await AccountService.user(email: "uitvoeringsteam@assen.demo", on: app.db))
            let token = try #require(try await bearer(app, .uitvoeringsteam))
            #expect(try await send(app, .GET, "api/v1/me", as: .uitvoeringsteam).status == .ok)
            try await AccountService.setDisabled(user, true, by: .demo(app), centreID: nil, on: app.db)
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: again.headers).status == .seeOther)
            let refused = try await send(
                app, .GET, "api/v1/me", as: .anonymous, headers: ["Authorization": "Bearer \(token)"])
            #expect(refused.status == .unauthorized)
            let blocked = try await send(
                app, .POST, "/inloggen",
                form: [("email", "uitvoeringsteam@assen.demo"), ("password", DemoAccounts.password)],
                as: .anonymous)
            #expect(blocked.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func failedSignInsAreThrottledWithoutRevealingAccounts(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let unknown = try await send(
                app, .POST, "/inloggen", form: [("email", "niemand@assen.demo"), ("password", "x")], as: .anonymous)
            let wrong = try await send(
                app, .POST, "/inloggen", form: [("email", "beheerder@assen.demo"), ("password", "x")], as: .anonymous)
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(unknown.text.contains("Deze combinatie van e-mailadres en wachtwoord is onbekend."))
            #expect(wrong.text.contains("Deze combinatie van e-mailadres en wachtwoord is onbekend."))
            for _ in 0..<9 {
                _ = try await send(
                    app, .POST, "/inloggen", form: [("email", "beheerder@assen.demo"), ("password", "x")],
                    as: .anonymous)
            }
            let refused = try await send(
                app, .POST, "/inloggen",
                form: [("email", "beheerder@assen.demo"), ("password", DemoAccounts.password)],
                as: .anonymous)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Te veel mislukte pogingen"))
            #expect(cookie(of: refused) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func tokensExpireAndCanBeRevoked(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let user = try #require(try await AccountService.user(email: "programmateam@assen.demo", on: app.db))
            let (token, model) = try await AccountService.createToken(
                for: user, name: "script", days: 30, by: .demo(app), on: app.db)
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            #expect(try await send(app, .GET, "api/v1/me", as: .anonymous, headers: headers).status == .ok)
            #expect(model.tokenHash != token && !model.tokenHash.contains(token))

            model.expiresAt = Date().addingTimeInterval(-1)
            try await model.update(on: app.db)
            let expired = try await send(app, .GET, "api/v1/me", as: .anonymous, headers: headers)
            #expect(expired.status == .unauthorized)
            #expect(try expired.json(Problem.self).detail.contains("verlopen"))

            let (second, secondModel) = try await AccountService.createToken(
                for: user, name: "script 2", days: 30, by: .demo(app), on: app.db)
            try await AccountService.revokeToken(secondModel, by: .demo(app), on: app.db)
            #expect(
                try await send(app, .GET, "api/v1/me", as: .anonymous, headers: ["Authorization": "Bearer \(second)"])
                    .status == .unauthorized)
            #expect(
                try await send(app, .GET, "api/v1/me", as: .anonymous, headers: ["Authorization": "Bearer nonsense"])
                    .status == .unauthorized)

            // Through the account page: made, shown once, revoked.
            let session = try await signIn(app, "programmateam@assen.demo")
            let made = try await send(
                app, .POST, "/account/tokens", form: [("csrf", session.csrf), ("name", "export"), ("days", "7")],
                as: .anonymous, headers: session.headers)
            #expect(made.text.contains("id=\"new-token\""))
            let bad = try await send(
                app, .POST, "/account/tokens", form: [("csrf", session.csrf), ("name", ""), ("days", "9999")],
                as: .anonymous, headers: session.headers)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("geldigheid is 1 tot 365 dagen"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoStepSignIn(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            // A real beheerder (not a demo account) must set up the second step first.
            let (user, password) = try await AccountService.create(
                .init(
                    email: "beheer@assen.nl", name: "Echte Beheerder", password: nil,
                    grant: RoleGrant(role: .beheerder, centre: "assen")),
                passwords: app.password.async, by: .demo(app), on: app.db)
            let oneTime = try #require(password)
            let session = try await signIn(app, "beheer@assen.nl", oneTime)
            // First an own password instead of the one handed over …
            let handedOver = try await send(
                app, .GET, Web.accounts.link("assen"), as: .anonymous, headers: session.headers)
            #expect(handedOver.status == .forbidden)
            #expect(handedOver.text.contains("eigen wachtwoord"))
            let own = "mijn eigen lange wachtwoord"
            let changed = try await send(
                app, .POST, "/account/wachtwoord",
                form: [("csrf", session.csrf), ("current", oneTime), ("new", own), ("repeat", own)], as: .anonymous,
                headers: session.headers)
            #expect(changed.status == .ok)
            // … then the second step.
            let blocked = try await send(
                app, .GET, Web.accounts.link("assen"), as: .anonymous, headers: session.headers)
            #expect(blocked.status == .forbidden)
            #expect(blocked.text.contains("tweestapsverificatie"))

            let setup = try await send(app, .GET, "/account/tweestaps", as: .anonymous, headers: session.headers)
            #expect(setup.status == .ok)
            let shown = try #require(
                setup.text.range(of: #"name="secret" value=""#).map {
                    String(setup.text[$0.upperBound...].prefix { $0 != "\"" })
                })
            let secret = try #require(Base32.decode(shown))
            #expect(try #require(try await User.find(user.id, on: app.db)).totpSecret == nil)
            let wrong = try await send(
                app, .POST, "/account/tweestaps",
                form: [("csrf", session.csrf), ("secret", shown), ("code", "000000")],
                as: .anonymous, headers: session.headers)
            #expect(wrong.status == .unprocessableEntity)
            let confirmed = try await send(
                app, .POST, "/account/tweestaps",
                form: [("csrf", session.csrf), ("secret", shown), ("code", TOTP.code(secret: secret, at: Date()))],
                as: .anonymous, headers: session.headers)
            #expect(confirmed.text.contains("herstelcodes"))
            #expect(
                try await send(app, .GET, Web.accounts.link("assen"), as: .anonymous, headers: session.headers).status
                    == .ok)

            // Signing in again now asks for the code.
            let first = try await send(
                app, .POST, "/inloggen", form: [("email", "beheer@assen.nl"), ("password", own)], as: .anonymous)
            #expect(first.headers.first(name: .location)?.hasPrefix("/inloggen/code") == true)
            let pending = BrowserSession(cookie: try #require(cookie(of: first)), csrf: "")
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: pending.headers).status == .seeOther)
            let codePage = try await send(app, .GET, "/inloggen/code", as: .anonymous, headers: pending.headers)
            let csrf = try #require(csrfToken(in: codePage.text))
            let bad = try await send(
                app, .POST, "/inloggen/code", form: [("csrf", csrf), ("code", "123456")], as: .anonymous,
                headers: pending.headers)
            #expect(bad.status == .unauthorized)
            let good = try await send(
                app, .POST, "/inloggen/code", form: [("csrf", csrf), ("code", TOTP.code(secret: secret, at: Date()))],
                as: .anonymous, headers: pending.headers)
            #expect(good.status == .seeOther)
            let signedIn = BrowserSession(cookie: try #require(cookie(of: good)), csrf: "")
            #expect(signedIn.cookie != pending.cookie)
            #expect(try await send(app, .GET, "/account", as: .anonymous, headers: signedIn.headers).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func passwordsFollowThePolicy(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let session = try await signIn(app, "tafel.a@assen.demo")
            let weak = try await send(
                app, .POST, "/account/wachtwoord",
                form: [("csrf", session.csrf), ("current", "fout"), ("new", "kort"), ("repeat", "anders")],
                as: .anonymous,
                headers: session.headers)
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("het huidige wachtwoord klopt niet"))
            #expect(weak.text.contains("de twee nieuwe wachtwoorden verschillen"))
            let changed = try await send(
                app, .POST, "/account/wachtwoord",
                form: [
                    ("csrf", session.csrf), ("current", DemoAccounts.password), ("new", "een lange zin als wachtwoord"),
                    ("repeat", "een lange zin als wachtwoord"),
                ],
                as: .anonymous, headers: session.headers)
            #expect(changed.status == .ok)
            _ = try await signIn(app, "tafel.a@assen.demo", "een lange zin als wachtwoord")
        }
    }

    @Test(arguments: TestDatabase.available)
    func responsesCarrySecurityHeaders(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            for path in ["/", "/inloggen", "api/v1/centres", "/bestaat-niet"] {
                let res = try await send(app, .GET, path, as: .anonymous)
                #expect(
                    res.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true, "\(path)"
                )
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(res.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(res.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
            }
        }
    }
}
