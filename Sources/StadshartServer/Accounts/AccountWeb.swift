import Fluent
import StadshartCore
import Vapor

/// "Mijn account": password, two-step sign-in, API tokens.
enum AccountWeb {
    struct TokenRow: Encodable {
        var name: String
        var prefix: String
        var expires: String
        var state: String
        var revokeLink: String?
    }

    struct AccountPage: Encodable {
        var layout: Layout
        var name: String
        var email: String
        var roles: [String]
        var twoStepEnabled: Bool
        var twoStepRequired: Bool
        var recoveryCodesLeft: Int
        var tokens: [TokenRow]
        var newToken: String?
        var mustChangePassword: Bool
        var message: String?
        var failed: FormErrors?
    }

    static let passwordFields = FormFields(
        form: "password",
        [
            ("current", "current", "Huidig wachtwoord"), ("password", "new", "Nieuw wachtwoord"),
            ("new", "new", "Nieuw wachtwoord"), ("repeat", "repeat", "Nieuw wachtwoord nogmaals"),
        ])
    static let tokenFields = FormFields(
        form: "token", [("name", "tokenName", "Naam"), ("days", "days", "Geldig (dagen)")])
    static let twoStepFields = FormFields(form: "twostep", labels: [("code", "Code")])

    struct TwoStepPage: Encodable {
        var layout: Layout
        var rawSecret: String
        var secret: String
        var uri: String
        /// The URI as a QR code (SVG) for the authenticator app to scan.
        var qr: String
        var recoveryCodes: [String]
        var failed: FormErrors?
    }

    static func register(_ routes: Pages) {
        routes.get(Web.account, .ownSession) { req in
            try await req.view.render("account", page(req))
        }
        routes.post(Web.changePassword, .ownSession) { req -> Response in
            let principal = try req.requirePrincipal()
            let form = FormBody(req)
            do {
                try await AccountService.changePassword(
                    principal.user, current: form["current"], new: form["new"], repeated: form["repeat"],
                    passwords: req.password.async, by: req.actor, keeping: principal.session, on: req.db)
            } catch let invalid as InvalidInput {
                return try await req.rerender("account", page(req, failed: passwordFields.errors(invalid.problems)))
            }
            return try await req.view.render("account", page(req, message: "Uw wachtwoord is gewijzigd."))
                .encodeResponse(for: req)
        }
        routes.get(Web.twoStep, .ownSession) { req in
            _ = try req.requirePrincipal()
            return try await req.view.render("twostep", twoStepPage(req, secret: TwoStep.newSecret()))
        }
        routes.post(Web.twoStep, .ownSession) { req -> Response in
            let principal = try req.requirePrincipal()
            let form = FormBody(req)
            let secret = (form["secret"] ?? "").replacingOccurrences(of: " ", with: "")
            do {
                let codes = try await TwoStep.confirm(
                    principal.user, secret: secret, code: form["code"], by: req.actor, on: req.db)
                var page = twoStepPage(req, secret: "")
                page.recoveryCodes = codes
                return try await req.view.render("twostep", page).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                var page = twoStepPage(req, secret: secret)
                page.failed = twoStepFields.errors(invalid.problems)
                return try await req.rerender("twostep", page)
            }
        }
        routes.confirm(Web.twoStepOff, .ownSession) { req in
            _ = try req.requirePrincipal()
            return (
                Confirmation(
                    heading: "Tweestapsverificatie uitzetten?",
                    lines: [
                        "Dan is alleen uw wachtwoord nog nodig om in te loggen. Uw herstelcodes vervallen; zet u de tweestapsverificatie later weer aan, dan krijgt u nieuwe."
                    ],
                    button: "Ja, uitzetten", back: Web.account.link()),
                Layout(title: "Tweestapsverificatie uitzetten", request: req)
            )
        }
        routes.post(Web.twoStepOff, .ownSession) { req -> Response in
            let principal = try req.requirePrincipal()
            try await TwoStep.disable(principal.user, grants: principal.grants, by: req.actor, on: req.db)
            return req.seeOther(Web.account.link(), notice: "Tweestapsverificatie staat uit.")
        }
        routes.post(Web.tokens, .ownSession) { req -> Response in
            let principal = try req.requirePrincipal()
            let form = FormBody(req)
            do {
                let (token, _) = try await AccountService.createToken(
                    for: principal.user, name: form["name"], days: form["days"].flatMap { Int($0) }, by: req.actor,
                    on: req.db)
                var page = try await page(req, message: "Kopieer het token nu: het wordt maar één keer getoond.")
                page.newToken = token
                return try await req.view.render("account", page).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                return try await req.rerender("account", page(req, failed: tokenFields.errors(invalid.problems)))
            }
        }
        routes.confirm(Web.revokeToken, .ownSession) { req in
            let token = try await ownToken(req)
            return (
                Confirmation(
                    heading: "Token '\(token.name)' intrekken?",
                    lines: [
                        "Scripts die dit token gebruiken krijgen direct geen toegang meer. Intrekken is niet terug te draaien; u kunt wel een nieuw token maken."
                    ],
                    button: "Ja, token intrekken", back: Web.account.link()),
                Layout(title: "Token intrekken", request: req)
            )
        }
        routes.post(Web.revokeToken, .ownSession) { req -> Response in
            let token = try await ownToken(req)
            try await AccountService.revokeToken(token, by: req.actor, on: req.db)
            return req.seeOther(Web.account.link(), notice: "Token '\(token.name)' ingetrokken.")
        }
    }

    static func page(_ req: Request, message: String? = nil, failed: FormErrors? = nil) async throws -> AccountPage {
        let principal = try req.requirePrincipal()
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == principal.id).sort(
            \.$createdAt, .descending
        ).all()
        let now = req.now
        return AccountPage(
            layout: Layout(title: "Mijn account", request: req), name: principal.user.name, email: principal.user.email,
            roles: principal.grants.map { "\($0.centre): \($0.label)" }, twoStepEnabled: principal.user.twoStepEnabled,
            twoStepRequired: Access.needsTwoStep(principal.grants) && !principal.user.demo,
            recoveryCodesLeft: TwoStep.remainingRecoveryCodes(principal.user),
            tokens: tokens.map { token in
                let state = token.revokedAt != nil ? "ingetrokken" : token.expiresAt < now ? "verlopen" : "geldig"
                return TokenRow(
                    name: token.name, prefix: token.prefix + "…", expires: DutchTime.instant(token.expiresAt),
                    state: state, revokeLink: state == "geldig" ? Web.revokeToken.link(token.id!) : nil)
            },
            newToken: nil, mustChangePassword: principal.user.mustChangePassword, message: message, failed: failed)
    }

    /// The token of the route, when it is the signed-in person's own; another's is "not found".
    static func ownToken(_ req: Request) async throws -> APIToken {
        let principal = try req.requirePrincipal()
        let id = try req.uuidParameter("id", what: "Token")
        guard let token = try await APIToken.find(id, on: req.db), token.$user.id == principal.id else {
            throw StadshartError.notFound("Dit token bestaat niet.")
        }
        return token
    }

    static func twoStepPage(_ req: Request, secret: String) -> TwoStepPage {
        let account = req.principal?.user.email ?? ""
        let uri = secret.isEmpty ? "" : TOTP.provisioningURI(secret: Base32.decode(secret) ?? [], account: account)
        // An otpauth URI of an e-mail address fits easily; should it not, the typed key still works.
        let qr =
            uri.isEmpty
            ? "" : (try? QRCode(encoding: uri).svg(moduleSize: 5, title: "QR-code voor uw authenticator-app")) ?? ""
        return TwoStepPage(
            layout: Layout(title: "Tweestapsverificatie", request: req), rawSecret: secret,
            secret: secret.enumerated().map { $0.offset > 0 && $0.offset % 4 == 0 ? " \($0.element)" : "\($0.element)" }
                .joined(),
            uri: uri, qr: qr, recoveryCodes: [], failed: nil)
    }
}
