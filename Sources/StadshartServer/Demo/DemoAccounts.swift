import Fluent
import StadshartCore
import Vapor

/// One account per role for the demo, all with the same password, marked as demo accounts
/// (they may skip the two-step sign-in). Only `stadshart demo` creates them.
enum DemoAccounts {
    static let password = "stadshart-demo"

    static let accounts: [(email: String, name: String, grant: RoleGrant)] = [
        ("beheerder@assen.demo", "Demo Beheerder", RoleGrant(role: .beheerder, centre: "assen")),
        ("programmateam@assen.demo", "Demo Programmamanager", RoleGrant(role: .programmateam, centre: "assen")),
        ("uitvoeringsteam@assen.demo", "Demo Regisseur", RoleGrant(role: .uitvoeringsteam, centre: "assen")),
        ("bestuur.gemeente@assen.demo", "Demo Wethouder", RoleGrant(role: .bestuur, centre: "assen", party: .gemeente)),
        (
            "bestuur.vaart@assen.demo", "Demo Voorzitter Vaart",
            RoleGrant(role: .bestuur, centre: "assen", party: .binnenstadsorganisatie)
        ),
        ("tafel.a@assen.demo", "Demo Tafellid A", RoleGrant(role: .tafellid, centre: "assen", themeLine: "A")),
        ("ondernemer@assen.demo", "Demo Ondernemer", RoleGrant(role: .ondernemer, centre: "assen", subject: "B0009")),
        (
            "eigenaar@assen.demo", "Demo Vastgoedeigenaar",
            RoleGrant(role: .vastgoedeigenaar, centre: "assen", subject: "vvac")
        ),
        (
            "organisator@assen.demo", "Demo Organisator Cultureel Hart",
            RoleGrant(role: .organisator, centre: "assen", subject: "cultureel-hart")
        ),
    ]

    /// Creates the accounts that are not there yet; returns (e-mail, role) of each.
    @discardableResult
    static func ensure(passwords: AsyncPasswordHasher, by actor: Actor, on db: any Database) async throws -> [(
        String, String
    )] {
        for account in accounts where try await AccountService.user(email: account.email, on: db) == nil {
            _ = try await AccountService.create(
                .init(email: account.email, name: account.name, password: password, grant: account.grant), demo: true,
                passwords: passwords, by: actor, on: db)
        }
        return accounts.map { ($0.email, $0.grant.label) }
    }
}
