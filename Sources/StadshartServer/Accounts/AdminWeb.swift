import Fluent
import StadshartCore
import Vapor

/// The beheerder's pages: the centre's accounts, their roles, passwords, blocking, sessions,
/// and personal data (export and erasure).
enum AdminWeb {
    struct UserRow: Encodable {
        var name: String
        var email: String
        var roles: [String]
        var state: String
        var link: String
    }

    struct ListPage: Encodable {
        var layout: Layout
        var users: [UserRow]
        var roles: [SelectOption]
        var parties: [SelectOption]
        var themeLines: [SelectOption]
        var form: [String: String]
        var failed: FormErrors?
        var created: String?
        var oneTimePassword: String?
        var postLink: String
    }

    struct RoleRow: Encodable {
        var label: String
        /// Nil for a role the beheerder may not grant: it is taken away on the server only.
        var removeLink: String?
    }

    struct DetailPage: Encodable {
        var layout: Layout
        var name: String
        var email: String
        var state: String
        var disabled: Bool
        var twoStep: Bool
        var demo: Bool
        var roles: [RoleRow]
        var roleOptions: [SelectOption]
        var parties: [SelectOption]
        var themeLines: [SelectOption]
        var sessions: Int
        /// A board account: reset, let in again, remove roles and erase only on the server.
        var serverOnly: String?
        var mayLookAfter: Bool
        /// Failed sign-ins in the last 15 minutes; at the limit the account is locked for now.
        var recentFailures: Int
        var lockoutLimit = SignInThrottle.accountLimit
        var message: String?
        var oneTimePassword: String?
        var failed: FormErrors?
        var links: [String: String]
    }

    /// The role fields, as the new-account form and the add-role form both have them.
    static let roleLabels: [(name: String, label: String)] = [
        ("role", "Rol"), ("party", "Partij"), ("themeLine", "Themalijn"),
        ("subject", "Eigen vestiging, eigenaar of organisatie"),
    ]
    static let newAccountFields = FormFields(
        form: "account", labels: [("email", "E-mailadres"), ("name", "Naam")] + roleLabels)
    static let addRoleFields = FormFields(form: "role", labels: roleLabels)
    static let eraseFields = FormFields(form: "erase", labels: [("confirm", "Bevestiging")])

    static func register(_ routes: Pages) {
        routes.get(Web.accounts, .centre(.manageAccounts)) { req in
            try await req.view.render("accounts", listPage(req))
        }
        routes.post(Web.accounts, .centre(.manageAccounts)) { req -> Response in
            let centre = try req.centre
            let form = FormBody(req)
            do {
                let grant = try grant(from: form, centre: centre.slug)
                if !Access.mayAssign(grant.role, toSelf: false) {
                    throw InvalidInput([FieldProblem(field: "role", message: Self.boardMessage)])
                }
                let (user, password) = try await AccountService.create(
                    .init(email: form["email"], name: form["name"], password: nil, grant: grant),
                    passwords: req.password.async, by: req.actor, on: req.db)
                var page = try await listPage(req)
                page.created = "Account voor \(user.name) (\(user.email)) aangemaakt."
                page.oneTimePassword = password
                return try await req.view.render("accounts", page).encodeResponse(for: req)
            } catch let invalid as InvalidInput {
                var page = try await listPage(req)
                page.failed = newAccountFields.errors(invalid.problems)
                page.form = Dictionary(form.pairs, uniquingKeysWith: { a, _ in a })
                // The choices made stay chosen, to be corrected rather than made again.
                func keep(_ options: [SelectOption], _ name: String) -> [SelectOption] {
                    options.map {
                        SelectOption(value: $0.value, label: $0.label, selected: $0.value == (form[name] ?? ""))
                    }
                }
                page.roles = keep(page.roles, "role")
                page.parties = keep(page.parties, "party")
                page.themeLines = keep(page.themeLines, "themeLine")
                return try await req.rerender("accounts", page)
            }
        }
        routes.get(Web.accountAdmin, .centre(.manageAccounts)) { req in
            try await req.view.render("account-admin", detailPage(req))
        }
        routes.post(Web.addRole, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser()
            do {
                try await AccountService.grantRole(
                    try grant(from: FormBody(req), centre: centre.slug), to: user, centre: centre, by: req.actor,
                    on: req.db)
            } catch let invalid as InvalidInput {
                var page = try await detailPage(req)
                page.failed = addRoleFields.errors(invalid.problems)
                return try await req.rerender("account-admin", page)
            }
            return req.seeOther(Web.accountAdmin.link(centre.slug, user.id!), notice: "Rol toegekend aan \(user.name).")
        }
        routes.confirm(Web.removeRole, .centre(.manageAccounts)) { req in
            let (user, centre) = try await req.managedUser()
            let roleID = try req.uuidParameter("role", what: "Rol")
            let role = try await RoleAssignment.find(roleID, on: req.db)
            let label = role.flatMap { Role(rawValue: $0.role)?.label } ?? "deze rol"
            return (
                Confirmation(
                    heading: "Rol van \(user.name) intrekken?",
                    lines: [
                        "\(user.name) verliest de rol \(label) in \(centre.name), en daarmee wat die rol mag. Het account blijft bestaan.",
                        "Een ingetrokken rol kunt u later opnieuw toekennen.",
                    ],
                    button: "Ja, rol intrekken", back: Web.accountAdmin.link(centre.slug, user.id!)),
                try await Layout.centre("Rol intrekken", centre, request: req)
            )
        }
        routes.post(Web.removeRole, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser()
            try await AccountService.withdrawRole(
                req.uuidParameter("role", what: "Rol"), of: user, centre: centre, by: req.actor, on: req.db)
            return req.seeOther(
                Web.accountAdmin.link(centre.slug, user.id!), notice: "Rol van \(user.name) ingetrokken.")
        }
        routes.confirm(Web.resetPassword, .centre(.manageAccounts)) { req in
            let (user, centre) = try await req.managedUser(onlyHere: true, lookAfter: true)
            return (
                Confirmation(
                    heading: "Wachtwoord van \(user.name) herstellen?",
                    lines: [
                        "Het huidige wachtwoord werkt dan niet meer en \(user.name) wordt overal uitgelogd. U krijgt een eenmalig wachtwoord te zien om persoonlijk door te geven; bij de eerste keer inloggen kiest \(user.name) een eigen wachtwoord."
                    ],
                    button: "Ja, wachtwoord herstellen", back: Web.accountAdmin.link(centre.slug, user.id!)),
                try await Layout.centre("Wachtwoord herstellen", centre, request: req)
            )
        }
        routes.post(Web.resetPassword, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser(onlyHere: true, lookAfter: true)
            let password = try await AccountService.resetPassword(
                user, passwords: req.password.async, by: req.actor, centreID: centre.id, on: req.db)
            var page = try await detailPage(req)
            page.message =
                "Nieuw eenmalig wachtwoord voor \(user.name); geef het persoonlijk door. Alle sessies zijn beëindigd."
            page.oneTimePassword = password
            return try await req.view.render("account-admin", page).encodeResponse(for: req)
        }
        routes.confirm(Web.disable, .centre(.manageAccounts)) { req in
            let (user, centre) = try await req.managedUser(onlyHere: true)
            return (
                Confirmation(
                    heading: "\(user.name) blokkeren?",
                    lines: [
                        "\(user.name) (\(user.email)) kan dan niet meer inloggen, en alle sessies en API-tokens werken direct niet meer.",
                        "Het account en alles wat deze persoon deed blijven bewaard. Deblokkeren kan later op deze pagina.",
                    ],
                    button: "Ja, blokkeren", back: Web.accountAdmin.link(centre.slug, user.id!)),
                try await Layout.centre("Account blokkeren", centre, request: req)
            )
        }
        for (path, disabled) in [(Web.disable, true), (Web.enable, false)] {
            routes.post(path, .centre(.manageAccounts)) { req -> Response in
                // Blocking protects and may always be done; letting a board member in again is the server's.
                let (user, centre) = try await req.managedUser(onlyHere: true, lookAfter: !disabled)
                try await AccountService.setDisabled(user, disabled, by: req.actor, centreID: centre.id, on: req.db)
                return req.seeOther(
                    Web.accountAdmin.link(centre.slug, user.id!),
                    notice: disabled ? "\(user.name) is geblokkeerd." : "\(user.name) kan weer inloggen.")
            }
        }
        routes.confirm(Web.endSessions, .centre(.manageAccounts)) { req in
            let (user, centre) = try await req.managedUser(onlyHere: true)
            return (
                Confirmation(
                    heading: "Alle sessies van \(user.name) beëindigen?",
                    lines: [
                        "\(user.name) wordt overal uitgelogd, op elk apparaat, en moet opnieuw inloggen. Het account blijft gewoon werken."
                    ],
                    button: "Ja, sessies beëindigen", back: Web.accountAdmin.link(centre.slug, user.id!)),
                try await Layout.centre("Sessies beëindigen", centre, request: req)
            )
        }
        routes.post(Web.endSessions, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser(onlyHere: true)
            try await AccountService.endSessions(of: user, by: req.actor, centreID: centre.id, on: req.db)
            return req.seeOther(
                Web.accountAdmin.link(centre.slug, user.id!), notice: "Alle sessies van \(user.name) zijn beëindigd.")
        }
        routes.post(Web.liftLockout, .centre(.manageAccounts)) { req -> Response in
            // Only after the person proved who they are (in person, by phone): the failures so far
            // no longer count, for this address only.
            let (user, centre) = try await req.managedUser(onlyHere: true)
            try await AccountService.liftLockout(of: user, by: req.actor, centreID: centre.id, on: req.db)
            var page = try await detailPage(req)
            page.message = "De inlogblokkade van \(user.name) is opgeheven."
            return try await req.view.render("account-admin", page).encodeResponse(for: req)
        }
        routes.get(Web.personalData, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser(onlyHere: true)
            let export = try await PersonalData.export(user, by: req.actor, centreID: centre.id, on: req.db)
            let response = try await export.encodeResponse(for: req)
            response.headers.contentDisposition = .init(.attachment, filename: "persoonsgegevens.json")
            return response
        }
        routes.post(Web.erase, .centre(.manageAccounts)) { req -> Response in
            let (user, centre) = try await req.managedUser(onlyHere: true, lookAfter: true)
            guard FormBody(req)["confirm"] == "wissen" else {
                var page = try await detailPage(req)
                page.failed = eraseFields.errors([
                    FieldProblem(field: "confirm", message: "typ 'wissen' om te bevestigen")
                ])
                return try await req.rerender("account-admin", page)
            }
            try await PersonalData.erase(user, by: req.actor, centreID: centre.id, on: req.db)
            return req.seeOther(Web.accounts.link(centre.slug), notice: "Het account is gewist.")
        }
    }

    static let boardMessage =
        "bestuursleden worden op de server toegevoegd (stadshart users add), zodat niemand in zijn eentje een jaarplan kan vaststellen"

    static let serverOnlyMessage =
        "Dit account heeft een bestuursrol. Wachtwoord herstellen, weer toelaten, een rol intrekken en wissen gebeuren voor zo'n account alleen op de server (stadshart users …), zodat niemand via de browser een bestuurslid kan overnemen en in diens naam een jaarplan vaststelt."

    /// A role as the form describes it.
    static func grant(from form: FormBody, centre: String) throws -> RoleGrant {
        guard let role = Role(rawValue: form["role"] ?? "") else {
            throw InvalidInput([FieldProblem(field: "role", message: "kies een rol")])
        }
        let party = Party(rawValue: form["party"] ?? "")
        let line = (form["themeLine"] ?? "").isEmpty ? nil : form["themeLine"]
        let subject = (form["subject"] ?? "").trimmingCharacters(in: .whitespaces)
        return RoleGrant(
            role: role, centre: centre, party: role == .bestuur ? party : nil,
            themeLine: role == .tafellid ? line : nil,
            subject: [.ondernemer, .vastgoedeigenaar, .organisator].contains(role) && !subject.isEmpty ? subject : nil)
    }

    static func options(_ centre: Centre, on db: any Database) async throws -> (
        roles: [SelectOption], parties: [SelectOption], lines: [SelectOption]
    ) {
        let catalog = try await PlanCatalog.load(centre, on: db)
        return (
            // No role is chosen beforehand: the most powerful one used to be, by being first.
            [SelectOption(value: "", label: "— kies een rol —", selected: true)]
                + Role.allCases.filter { Access.mayAssign($0, toSelf: false) }.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: false)
                },
            [SelectOption(value: "", label: "—", selected: true)]
                + Party.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            [SelectOption(value: "", label: "—", selected: true)]
                + catalog.themeLines.map {
                    SelectOption(value: $0.code, label: "\($0.code) \($0.name)", selected: false)
                }
        )
    }

    static func listPage(_ req: Request) async throws -> ListPage {
        let centre = try req.centre
        let assignments = try await RoleAssignment.query(on: req.db).filter(\.$centre.$id == centre.requireID())
            .with(\.$user).with(\.$centre).all()
        var rows: [UUID: UserRow] = [:]
        for assignment in assignments {
            let user = assignment.user
            var row =
                rows[user.id!]
                ?? UserRow(
                    name: user.name, email: user.email, roles: [],
                    state: user.disabled
                        ? "geblokkeerd" : user.demo ? "demo" : user.twoStepEnabled ? "actief, tweestaps" : "actief",
                    link: Web.accountAdmin.link(centre.slug, user.id!))
            row.roles.append(AccountService.grant(assignment)?.label ?? assignment.role)
            rows[user.id!] = row
        }
        let (roles, parties, lines) = try await options(centre, on: req.db)
        return ListPage(
            layout: try await Layout.centre("Accounts — \(centre.name)", centre, request: req),
            users: rows.values.sorted { $0.name < $1.name }, roles: roles, parties: parties, themeLines: lines,
            form: [:], failed: nil, created: nil, oneTimePassword: nil, postLink: Web.accounts.link(centre.slug))
    }

    static func detailPage(_ req: Request) async throws -> DetailPage {
        let (user, centre) = try await req.managedUser()
        let slug = centre.slug
        let id = try user.requireID()
        let assignments = try await RoleAssignment.query(on: req.db).filter(\.$user.$id == id)
            .filter(\.$centre.$id == centre.requireID()).with(\.$centre).all()
        let sessions = try await UserSession.query(on: req.db).filter(\.$user.$id == id).count()
        let allGrants = try await AccountService.grants(of: id, on: req.db)
        let failures = try await AccountService.recentFailures(email: user.email, on: req.db, now: req.now)
        let (roles, parties, lines) = try await options(centre, on: req.db)
        return DetailPage(
            layout: try await Layout.centre(user.name, centre, request: req), name: user.name, email: user.email,
            state: user.disabled ? "geblokkeerd" : "actief", disabled: user.disabled, twoStep: user.twoStepEnabled,
            demo: user.demo,
            roles: assignments.map {
                RoleRow(
                    label: AccountService.grant($0)?.label ?? $0.role,
                    removeLink: Role(rawValue: $0.role).map { Access.mayAssign($0, toSelf: false) } == true
                        ? Web.removeRole.link(slug, id, $0.id!) : nil)
            },
            roleOptions: roles, parties: parties, themeLines: lines, sessions: sessions,
            serverOnly: Access.mayLookAfter(accountWith: allGrants) ? nil : serverOnlyMessage,
            mayLookAfter: Access.mayLookAfter(accountWith: allGrants),
            recentFailures: failures, message: nil,
            oneTimePassword: nil, failed: nil,
            links: [
                "addRole": Web.addRole.link(slug, id), "reset": Web.resetPassword.link(slug, id),
                "disable": Web.disable.link(slug, id), "enable": Web.enable.link(slug, id),
                "sessions": Web.endSessions.link(slug, id), "export": Web.personalData.link(slug, id),
                "erase": Web.erase.link(slug, id), "liftLockout": Web.liftLockout.link(slug, id),
                "history": Web.history.link(slug, AuditKind.account.rawValue, id),
                "list": Web.accounts.link(slug),
            ])
    }
}
