import Fluent
import StadshartCore
import Vapor

/// `stadshart users add|reset-password|enable|reset-two-step|unlock`: the first administrator,
/// and what the browser refuses for board accounts, done on the server by whoever runs it.
struct UsersCommands: AsyncCommandGroup {
    var help: String {
        "Accounts op de server: add maakt een account met een rol (zo komt de eerste beheerder erin); voor "
            + "bestuursleden, die de beheerder in de browser niet mag overnemen: reset-password, enable, "
            + "reset-two-step en unlock."
    }

    var commands: [String: any AnyAsyncCommand] {
        [
            "add": Add(),
            "reset-password": LookAfter(.resetPassword), "enable": LookAfter(.enable),
            "reset-two-step": LookAfter(.resetTwoStep), "unlock": LookAfter(.unlock),
        ]
    }

    /// `stadshart users add --email … --role beheerder --centre assen [--name …] [--password …]`.
    struct Add: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "E-mailadres")
            var email: String?
            @Option(name: "name", help: "Naam (standaard het deel voor de @)")
            var name: String?
            @Option(name: "role", help: Role.allCases.map(\.rawValue).joined(separator: ", "))
            var role: String?
            @Option(name: "centre", help: "De binnenstad, bv. assen")
            var centre: String?
            @Option(name: "party", help: "Bij bestuur: gemeente of binnenstadsorganisatie")
            var party: String?
            @Option(name: "theme-line", help: "Bij tafellid: de themalijn, bv. A")
            var themeLine: String?
            @Option(
                name: "subject",
                help:
                    "Bij ondernemer: de sleutel van de eigen vestiging; bij vastgoedeigenaar: de eigenaar (organisatie); bij organisator: de organisatie"
            )
            var subject: String?
            @Option(name: "password", help: "Wachtwoord; zonder dit wordt een eenmalig wachtwoord gemaakt en getoond")
            var password: String?
        }

        var help: String { "Maakt een account met een rol." }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let role = Role(rawValue: signature.role ?? "") else {
                throw CommandFailure("Kies --role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let email = signature.email ?? ""
            let grant = RoleGrant(
                role: role, centre: signature.centre ?? "", party: signature.party.flatMap(Party.init(rawValue:)),
                themeLine: signature.themeLine?.uppercased(), subject: signature.subject)
            do {
                let (user, oneTime) = try await AccountService.create(
                    .init(
                        email: email, name: signature.name ?? String(email.split(separator: "@").first ?? ""),
                        password: signature.password, grant: grant),
                    passwords: context.application.password.async, by: context.actor, on: context.database())
                context.console.info("Account \(user.email) aangemaakt met de rol \(grant.label) in \(grant.centre).")
                if let oneTime { context.console.info("Eenmalig wachtwoord: \(oneTime)") }
                if role.needsTwoStep {
                    context.console.info(
                        "Deze rol vraagt tweestapsverificatie: stel die in na het eerste inloggen (Mijn account).")
                }
            } catch let invalid as InvalidInput {
                throw CommandFailure("Geen account gemaakt: " + invalid.problems.map(\.text).joined(separator: "; "))
            }
        }
    }

    /// One way of looking after an account that the browser leaves to the server.
    struct LookAfter: AsyncCommand {
        enum Kind { case resetPassword, enable, resetTwoStep, unlock }
        let kind: Kind
        init(_ kind: Kind) { self.kind = kind }

        struct Signature: CommandSignature {
            @Option(name: "email", help: "E-mailadres van het account")
            var email: String?
        }

        var help: String {
            switch kind {
            case .resetPassword: "Geeft een nieuw eenmalig wachtwoord en beëindigt alle sessies en tokens."
            case .enable: "Laat een geblokkeerd account weer toe."
            case .resetTwoStep:
                "Wist de tweestapsverificatie; bij de volgende keer inloggen wordt die opnieuw ingesteld."
            case .unlock: "Heft de inlogblokkade na te veel mislukte pogingen op."
            }
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let db = try await context.database()
            let email = signature.email ?? ""
            guard let user = try await AccountService.user(email: email, on: db), user.erasedAt == nil else {
                throw CommandFailure("Er is geen account met e-mailadres '\(email)'.")
            }
            switch kind {
            case .resetPassword:
                let password = try await AccountService.resetPassword(
                    user, passwords: context.application.password.async, by: context.actor, centreID: nil, on: db)
                context.console.info("Nieuw eenmalig wachtwoord voor \(user.email): \(password)")
                context.console.info("Geef het persoonlijk door; alle sessies en tokens zijn beëindigd.")
            case .enable:
                try await AccountService.setDisabled(user, false, by: context.actor, centreID: nil, on: db)
                context.console.info("\(user.email) kan weer inloggen.")
            case .resetTwoStep:
                try await AccountService.resetTwoStep(user, by: context.actor, on: db)
                context.console.info(
                    "Tweestapsverificatie van \(user.email) is gewist; bij de volgende keer inloggen stelt de persoon die opnieuw in."
                )
            case .unlock:
                try await AccountService.liftLockout(of: user, by: context.actor, centreID: nil, on: db)
                context.console.info("De inlogblokkade van \(user.email) is opgeheven.")
            }
        }
    }
}

/// `stadshart tokens create --email … --centre … [--name …] [--days 90]`: a token for scripts.
struct TokensCommands: AsyncCommandGroup {
    var help: String { "API-tokens voor scripts." }
    var commands: [String: any AnyAsyncCommand] { ["create": Create()] }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "E-mailadres van het account")
            var email: String?
            @Option(name: "centre", help: "De binnenstad waarin het account een rol heeft")
            var centre: String?
            @Option(name: "name", help: "Naam van het token (standaard 'opdrachtregel')")
            var name: String?
            @Option(name: "days", help: "Geldigheid in dagen (standaard 90)")
            var days: Int?
        }

        var help: String { "Maakt een API-token voor een account en toont het één keer." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let db = try await context.database()
            guard let user = try await AccountService.user(email: signature.email ?? "", on: db), user.erasedAt == nil
            else {
                throw CommandFailure("Er is geen account met e-mailadres '\(signature.email ?? "")'.")
            }
            let grants = try await AccountService.grants(of: user.requireID(), on: db)
            if let centre = signature.centre, !grants.contains(where: { $0.centre == centre }) {
                throw CommandFailure("\(user.email) heeft geen rol in '\(centre)'.")
            }
            do {
                let (token, model) = try await AccountService.createToken(
                    for: user, name: signature.name ?? "opdrachtregel", days: signature.days, by: context.actor,
                    on: db)
                context.console.output(token.consoleText())
                context.console.info(
                    "Geldig tot \(model.expiresAt); bewaar het veilig, het wordt niet opnieuw getoond.")
            } catch let invalid as InvalidInput {
                throw CommandFailure("Geen token gemaakt: " + invalid.problems.map(\.text).joined(separator: "; "))
            }
        }
    }
}
