import Fluent
import Foundation
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

@Suite("Account administration in the browser")
struct AdminWebTests {
    @Test(arguments: TestDatabase.available)
    func aBeheerderManagesAccountsThroughTheForms(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let admin = try await signIn(app, "beheerder@assen.demo")
            func post(_ path: String, _ form: [(String, String)]) async throws -> TestingHTTPResponse {
                try await send(
                    app, .POST, path, form: [("csrf", admin.csrf)] + form, as: .anonymous, headers: admin.headers)
            }
            let list = Web.accounts.link("assen")
            let bad = try await post(list, [("email", "geen-adres"), ("name", ""), ("role", "tafellid")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("geen geldig e-mailadres"))
            #expect(bad.text.contains("naam is verplicht"))
            #expect(bad.text.contains("een tafellid hoort bij een themalijn"))
            // Board members are added on the server, so no beheerder can adopt a plan through others.
            let board = try await post(
                list, [("email", "wethouder@assen.nl"), ("name", "W"), ("role", "bestuur"), ("party", "gemeente")])
            #expect(board.status == .unprocessableEntity)
            #expect(board.text.contains("op de server toegevoegd"))
            let me = try #require(try await AccountService.user(email: "beheerder@assen.demo", on: app.db))
            let selfGrant = try await post(Web.addRole.link("assen", me.requireID()), [("role", "programmateam")])
            #expect(selfGrant.status == .forbidden)

            let made = try await post(
                list, [("email", "j.devries@vaart.nl"), ("name", "J. de Vries"), ("role", "uitvoeringsteam")])
            #expect(made.status == .ok)
            let password = try #require(
                made.text.range(of: #"id="one-time-password">"#).map {
                    String(made.text[$0.upperBound...].prefix { $0 != "<" })
                })
            let newcomer = try await signIn(app, "j.devries@vaart.nl", password)
            let user = try #require(try await AccountService.user(email: "j.devries@vaart.nl", on: app.db))
            let id = try user.requireID()
            #expect(
                try await send(app, .GET, Web.accountAdmin.link("assen", id), as: .anonymous, headers: admin.headers)
                    .status == .ok)

            #expect(
                try await post(Web.addRole.link("assen", id), [("role", "tafellid"), ("themeLine", "C")]).status
                    == .seeOther)
            #expect(
                try await AccountService.grants(of: id, on: app.db).contains(
                    RoleGrant(role: .tafellid, centre: "assen", themeLine: "C")))
            let users: [UserDTO] = try await send(app, .GET, "api/v1/centres/assen/users", as: .beheerder).json()
            #expect(
                Set(users.first { $0.email == "j.devries@vaart.nl" }?.roles.map(\.role) ?? [])
                    == [.uitvoeringsteam, .tafellid])

            let reset = try await post(Web.resetPassword.link("assen", id), [])
            #expect(reset.text.contains("id=\"one-time-password\""))
            #expect(
                try await send(app, .GET, "/account", as: .anonymous, headers: newcomer.headers).status == .seeOther)

            #expect(try await post(Web.disable.link("assen", id), []).status == .seeOther)
            #expect(try #require(try await User.find(id, on: app.db)).disabled)
            #expect(try await post(Web.enable.link("assen", id), []).status == .seeOther)

            let data = try await send(
                app, .GET, Web.personalData.link("assen", id), as: .anonymous, headers: admin.headers)
            #expect(data.text.contains("j.devries@vaart.nl"))
            let unconfirmed = try await post(Web.erase.link("assen", id), [("confirm", "ja")])
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(try await post(Web.erase.link("assen", id), [("confirm", "wissen")]).status == .seeOther)
            #expect(try #require(try await User.find(id, on: app.db)).erasedAt != nil)

            let history = try await send(
                app, .GET, Web.history.link("assen", "account", id), as: .anonymous, headers: admin.headers)
            #expect(history.text.contains("wachtwoord hersteld"))
            #expect(history.text.contains("gewist"))
            #expect(!history.text.contains("J. de Vries"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFirstAdministratorComesFromTheCommandLine(_ db: TestDatabase) async throws {
        try await withStadshart(db, demo: false) { app in
            try await Centre(slug: "assen", name: "Binnenstad Assen").create(on: app.db)
            let (user, password) = try await AccountService.create(
                .init(
                    email: "Beheer@Assen.nl", name: "Beheer", password: nil,
                    grant: RoleGrant(role: .beheerder, centre: "assen")),
                passwords: app.password.async, by: .commandLine(app), on: app.db)
            #expect(user.email == "beheer@assen.nl")
            let oneTime = try #require(password)
            _ = try await signIn(app, "beheer@assen.nl", oneTime)
            await #expect(throws: InvalidInput.self) {
                _ = try await AccountService.create(
                    .init(
                        email: "beheer@assen.nl", name: "Nog een", password: "kort",
                        grant: RoleGrant(role: .beheerder, centre: "nergens")),
                    passwords: app.password.async, by: .commandLine(app), on: app.db)
            }
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$event == "aangemaakt").first())
            #expect(entry.actor == "opdrachtregel")
        }
    }
}
