import Fluent
import Foundation
import StadshartCore
import Vapor

/// Accounts, roles, sessions and tokens: every change here is one transaction with its
/// audit entry.
enum AccountService {
    // MARK: Reading

    static func user(email: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).filter(\.$email == normalised(email)).first()
    }

    /// One query: the roles with their centres joined (this runs on every signed-in request).
    static func grants(of userID: UUID, on db: any Database) async throws -> [RoleGrant] {
        try await RoleAssignment.query(on: db).filter(\.$user.$id == userID)
            .join(Centre.self, on: \RoleAssignment.$centre.$id == \Centre.$id).all()
            .compactMap { assignment in
                assignment.$centre.value = try assignment.joined(Centre.self)
                return grant(assignment)
            }
    }

    static func grant(_ assignment: RoleAssignment) -> RoleGrant? {
        guard let role = Role(rawValue: assignment.role) else { return nil }
        return RoleGrant(
            role: role, centre: assignment.centre.slug, party: assignment.party.flatMap(Party.init(rawValue:)),
            themeLine: assignment.themeLine, subject: assignment.subject)
    }

    static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    // MARK: Creating accounts and roles

    struct NewAccount {
        var email: String?
        var name: String?
        var password: String?
        var grant: RoleGrant
    }

    /// Creates an account with one role. Without a password a one-time password is made and
    /// returned, to be handed over once.
    static func create(
        _ input: NewAccount, demo: Bool = false, passwords: AsyncPasswordHasher, by actor: Actor, on db: any Database
    ) async throws -> (user: User, oneTimePassword: String?) {
        let now = actor.now
        var problems: [FieldProblem] = []
        let email = normalised(input.email ?? "")
        if !isEmail(email) { problems.append(FieldProblem(field: "email", message: "geen geldig e-mailadres")) }
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems.append(FieldProblem(field: "name", message: "naam is verplicht")) }
        let oneTime = input.password == nil ? Secrets.readablePassword() : nil
        let password = input.password ?? oneTime!
        if input.password != nil { problems += PasswordPolicy.problems(password: password, email: email) }
        problems += input.grant.problems
        let centre = try await Centre.query(on: db).filter(\.$slug == input.grant.centre).first()
        if centre == nil {
            problems.append(FieldProblem(field: "centre", message: "binnenstad '\(input.grant.centre)' bestaat niet"))
        }
        if problems.isEmpty, try await user(email: email, on: db) != nil {
            problems.append(FieldProblem(field: "email", message: "er is al een account met dit e-mailadres"))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let hash = try await passwords.hash(password).get()
        let user = User(email: email, name: name, passwordHash: hash, demo: demo, now: now)
        user.mustChangePassword = oneTime != nil
        try await db.transaction { tx in
            try await user.create(on: tx)
            try await Audit.record(
                .aangemaakt, .account, id: user.id?.uuidString, centreID: centre?.id,
                summary: "Account \(email) aangemaakt" + (demo ? " (demo)" : ""), by: actor, on: tx)
            try await addRole(input.grant, to: user, centre: centre!, by: actor, on: tx)
        }
        return (user, oneTime)
    }

    static func addRole(
        _ grant: RoleGrant, to user: User, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        if !grant.problems.isEmpty { throw InvalidInput(grant.problems) }
        let existing = try await grants(of: user.requireID(), on: db)
        if existing.contains(grant) { throw StadshartError.conflict("\(user.name) heeft deze rol al.") }
        try await db.transaction { tx in
            try await RoleAssignment(
                userID: user.requireID(), centreID: centre.requireID(), role: grant.role.rawValue,
                party: grant.party?.rawValue, themeLine: grant.themeLine, subject: grant.subject
            ).create(on: tx)
            try await Audit.record(
                .rolToegekend, .account, id: user.id?.uuidString, centreID: centre.id,
                summary: "Rol \(grant.label) toegekend aan \(user.name)",
                changes: [FieldChange(field: "rol", before: "", after: grant.label)], by: actor, on: tx)
        }
    }

    /// A beheerder gives a role in the browser: never to themself, never a board role (those
    /// are the server's, `stadshart users add`).
    static func grantRole(
        _ grant: RoleGrant, to user: User, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        if user.id == actor.userID { throw Refusal.forbidden("U kunt uw eigen rollen niet wijzigen.") }
        if !Access.mayAssign(grant.role, toSelf: false) {
            throw InvalidInput([FieldProblem(field: "role", message: AdminWeb.boardMessage)])
        }
        try await addRole(grant, to: user, centre: centre, by: actor, on: db)
    }

    /// A beheerder withdraws a role of this centre in the browser: not their own, not a board role.
    static func withdrawRole(
        _ id: UUID, of user: User, centre: Centre, by actor: Actor, on db: any Database
    ) async throws {
        guard let assignment = try await RoleAssignment.find(id, on: db), assignment.$user.id == user.id,
            assignment.$centre.id == centre.id
        else { throw StadshartError.notFound("Deze rol bestaat niet.") }
        if user.id == actor.userID { throw Refusal.forbidden("U kunt uw eigen rollen niet wijzigen.") }
        if let role = Role(rawValue: assignment.role), !Access.mayAssign(role, toSelf: false) {
            throw Refusal.forbidden(AdminWeb.serverOnlyMessage)
        }
        try await removeRole(assignment, of: user, by: actor, on: db)
    }

    static func removeRole(_ assignment: RoleAssignment, of user: User, by actor: Actor, on db: any Database)
        async throws
    {
        let label = grant(assignment)?.label ?? assignment.role
        try await db.transaction { tx in
            try await assignment.delete(on: tx)
            try await Audit.record(
                .rolIngetrokken, .account, id: user.id?.uuidString, centreID: assignment.$centre.id,
                summary: "Rol \(label) ingetrokken bij \(user.name)",
                changes: [FieldChange(field: "rol", before: label, after: "")], by: actor, on: tx)
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
            && text.count <= 254
    }

    // MARK: Signing in

    enum SignInResult {
        case signedIn(User)
        case needsCode(User)
    }

    /// Checks the password, throttled per e-mail address and per client address. The same
    /// message for an unknown e-mail address and a wrong password: it reveals nothing.
    static func signIn(
        email: String?, password: String?, address: String, passwords: AsyncPasswordHasher, delay: Bool = true,
        on db: any Database, now: Date
    ) async throws -> SignInResult {
        let email = normalised(email ?? "")
        // The attempt is written as failed before anything is checked, and counted with the others:
        // attempts made at the same moment see each other, so parallel guesses cannot slip past.
        let attempt = SignInAttempt(email: email, address: address, succeeded: false, at: now)
        try await attempt.create(on: db)
        let since = now.addingTimeInterval(-SignInThrottle.window)
        let accountFailures = try await recentFailures(email: email, on: db, now: now) - 1
        let addressFailures =
            try await SignInAttempt.query(on: db).filter(\.$address == address)
            .filter(\.$succeeded == false).filter(\.$at >= since).count() - 1
        switch SignInThrottle.decision(accountFailures: accountFailures, addressFailures: addressFailures) {
        case .refuse(let minutes):
            throw StadshartError(
                status: .tooManyRequests, title: "Even wachten", detail: SignInThrottle.message(minutes))
        case .allow(let seconds) where seconds > 0 && delay:
            try await Task.sleep(for: .seconds(seconds))
        case .allow:
            break
        }
        let user = try await user(email: email, on: db)
        var valid = false
        if let user, let hash = user.passwordHash, !user.disabled, user.erasedAt == nil {
            valid = try await passwords.verify(password ?? "", created: hash).get()
        } else {
            // The same bcrypt work as for a known account, so the answer's timing tells nothing.
            _ = try await passwords.hash(password ?? "").get()
        }
        let succeeded = valid
        try await db.transaction { tx in
            let valid = succeeded
            if valid {
                attempt.succeeded = true
                try await attempt.update(on: tx)
            }
            let actor = Actor(
                userID: valid ? user?.id : nil, name: valid ? user!.name : email, address: address, now: now)
            try await Audit.record(
                valid ? .ingelogd : .inloggenMislukt, .sessie, id: valid ? user?.id?.uuidString : nil, centreID: nil,
                summary: valid ? "Wachtwoord juist voor \(email)" : "Inloggen mislukt voor \(email)", by: actor,
                on: tx)
        }
        guard valid, let user else {
            throw StadshartError(
                status: .unauthorized, title: "Inloggen mislukt",
                detail: "Deze combinatie van e-mailadres en wachtwoord is onbekend.")
        }
        return user.twoStepEnabled ? .needsCode(user) : .signedIn(user)
    }

    /// Failed sign-ins for this address within the throttle's window.
    static func recentFailures(email: String, on db: any Database, now: Date) async throws -> Int {
        try await SignInAttempt.query(on: db).filter(\.$email == normalised(email)).filter(\.$succeeded == false)
            .filter(\.$at >= now.addingTimeInterval(-SignInThrottle.window)).count()
    }

    /// A beheerder lifts the lockout for a person who proved who they are: that address's failed
    /// attempts stop counting. The audit trail keeps every failed attempt; only the counter goes.
    static func liftLockout(of user: User, by actor: Actor, centreID: UUID?, on db: any Database) async throws {
        try await db.transaction { tx in
            try await SignInAttempt.query(on: tx).filter(\.$email == user.email).filter(\.$succeeded == false).delete()
            try await Audit.record(
                .inlogblokkadeOpgeheven, .account, id: user.id?.uuidString, centreID: centreID,
                summary: "Inlogblokkade van \(user.name) opgeheven door \(actor.name)", by: actor, on: tx)
        }
    }

    /// The server's reset of a lost second step: secret and recovery codes go, every session and
    /// token ends, and the person sets it up again at the next sign-in.
    static func resetTwoStep(_ user: User, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            user.totpSecret = nil
            user.recoveryCodes = "[]"
            try await user.update(on: tx)
            try await signOutEverywhere(user, at: actor.now, on: tx)
            try await Audit.record(
                .tweestapsUit, .account, id: user.id?.uuidString, centreID: nil,
                summary: "Tweestapsverificatie van \(user.name) gewist door \(actor.name)", by: actor, on: tx)
        }
    }

    /// A new session (and so a new session id) at every sign-in; returns the cookie value.
    static func startSession(
        for user: User, pendingSecondStep: Bool, address: String, replacing old: UserSession?, on db: any Database,
        now: Date
    ) async throws -> String {
        let token = Secrets.token()
        let session = UserSession()
        session.$user.id = try user.requireID()
        session.tokenHash = Secrets.hash(token)
        session.csrfToken = Secrets.token(bytes: 24)
        session.secondStepPending = pendingSecondStep
        session.secondStepFailures = 0
        session.createdAt = old?.createdAt ?? now
        session.lastSeenAt = now
        session.address = address
        try await db.transaction { tx in
            if let old { try await old.delete(on: tx) }
            try await session.create(on: tx)
        }
        return token
    }

    /// The session behind a cookie, or nil when it is unknown or has timed out (then removed).
    static func session(token: String, on db: any Database, now: Date) async throws -> UserSession? {
        // One query, the account joined: this runs on every request from a browser.
        guard
            let session = try await UserSession.query(on: db).filter(\.$tokenHash == Secrets.hash(token))
                .join(User.self, on: \UserSession.$user.$id == \User.$id).first()
        else { return nil }
        session.$user.value = try session.joined(User.self)
        let idle = now.timeIntervalSince(session.lastSeenAt) > SessionPolicy.idleTimeout
        let expired = now.timeIntervalSince(session.createdAt) > SessionPolicy.absoluteTimeout
        if idle || expired || session.user.disabled {
            try await session.delete(on: db)
            return nil
        }
        // Written at most once a minute, not on every request.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.update(on: db)
        }
        return session
    }

    static func signOut(_ session: UserSession, by actor: Actor, on db: any Database) async throws {
        try await db.transaction { tx in
            try await session.delete(on: tx)
            try await Audit.record(
                .uitgelogd, .sessie, id: actor.userID?.uuidString, centreID: nil, summary: "\(actor.name) uitgelogd",
                by: actor, on: tx)
        }
    }

    static func endSessions(of user: User, by actor: Actor, centreID: UUID?, on db: any Database) async throws {
        try await db.transaction { tx in
            try await UserSession.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
            try await Audit.record(
                .sessiesBeeindigd, .account, id: user.id?.uuidString, centreID: centreID,
                summary: "Alle sessies van \(user.name) beëindigd", by: actor, on: tx)
        }
    }

    // MARK: Passwords

    static func changePassword(
        _ user: User, current: String?, new: String?, repeated: String?, passwords: AsyncPasswordHasher,
        by actor: Actor, keeping session: UserSession?, on db: any Database
    ) async throws {
        var problems: [FieldProblem] = []
        var currentValid = false
        if let hash = user.passwordHash {
            currentValid = try await passwords.verify(current ?? "", created: hash).get()
        }
        if !currentValid {
            problems.append(FieldProblem(field: "current", message: "het huidige wachtwoord klopt niet"))
        }
        problems += PasswordPolicy.problems(password: new ?? "", email: user.email)
        if new != repeated {
            problems.append(FieldProblem(field: "repeat", message: "de twee nieuwe wachtwoorden verschillen"))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let hash = try await passwords.hash(new!).get()
        try await db.transaction { tx in
            user.passwordHash = hash
            user.mustChangePassword = false
            try await user.update(on: tx)
            // Other browsers signed in with the old password are signed out.
            var others = try UserSession.query(on: tx).filter(\.$user.$id == user.requireID())
            if let id = session?.id { others = others.filter(\.$id != id) }
            try await others.delete()
            try await Audit.record(
                .wachtwoordGewijzigd, .account, id: user.id?.uuidString, centreID: nil,
                summary: "\(user.name) wijzigde het eigen wachtwoord", by: actor, on: tx)
        }
    }

    /// An administrator's reset: a new one-time password, every session ended.
    static func resetPassword(
        _ user: User, passwords: AsyncPasswordHasher, by actor: Actor, centreID: UUID?, on db: any Database
    ) async throws -> String {
        let password = Secrets.readablePassword()
        let hash = try await passwords.hash(password).get()
        try await db.transaction { tx in
            user.passwordHash = hash
            user.mustChangePassword = true
            try await user.update(on: tx)
            try await signOutEverywhere(user, at: actor.now, on: tx)
            try await Audit.record(
                .wachtwoordHersteld, .account, id: user.id?.uuidString, centreID: centreID,
                summary: "Wachtwoord van \(user.name) hersteld door \(actor.name)", by: actor, on: tx)
        }
        return password
    }

    /// Every session ends and every token is revoked: after a reset, a block or a lost second step.
    static func signOutEverywhere(_ user: User, at now: Date, on tx: any Database) async throws {
        try await UserSession.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
        try await APIToken.query(on: tx).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }

    /// Disabling ends every session and revokes every token at once.
    static func setDisabled(_ user: User, _ disabled: Bool, by actor: Actor, centreID: UUID?, on db: any Database)
        async throws
    {
        if disabled && user.id == actor.userID {
            throw StadshartError.conflict("U kunt uw eigen account niet blokkeren.")
        }
        try await db.transaction { tx in
            user.disabled = disabled
            try await user.update(on: tx)
            if disabled {
                try await signOutEverywhere(user, at: actor.now, on: tx)
            }
            try await Audit.record(
                disabled ? .geblokkeerd : .gedeblokkeerd, .account, id: user.id?.uuidString, centreID: centreID,
                summary: "Account \(user.email) \(disabled ? "geblokkeerd" : "weer toegelaten")",
                changes: [
                    FieldChange(field: "geblokkeerd", before: disabled ? "nee" : "ja", after: disabled ? "ja" : "nee")
                ],
                by: actor, on: tx)
        }
    }

    // MARK: API tokens

    static func createToken(
        for user: User, name: String?, days: Int?, by actor: Actor, on db: any Database
    ) async throws -> (token: String, model: APIToken) {
        let now = actor.now
        var problems: [FieldProblem] = []
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            problems.append(
                FieldProblem(field: "name", message: "geef het token een naam, bijvoorbeeld 'export-script'"))
        }
        let days = days ?? SessionPolicy.defaultTokenDays
        if !(1...SessionPolicy.maximumTokenDays).contains(days) {
            problems.append(
                FieldProblem(field: "days", message: "geldigheid is 1 tot \(SessionPolicy.maximumTokenDays) dagen"))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let token = "sh_" + Secrets.token()
        let model = APIToken()
        model.$user.id = try user.requireID()
        model.name = name
        model.tokenHash = Secrets.hash(token)
        model.prefix = String(token.prefix(8))
        model.createdAt = now
        model.expiresAt = now.addingTimeInterval(TimeInterval(days) * 24 * 3600)
        try await db.transaction { tx in
            try await model.create(on: tx)
            try await Audit.record(
                .tokenAangemaakt, .token, id: model.id?.uuidString, centreID: nil,
                summary: "API-token '\(name)' (\(model.prefix)…) voor \(user.name), geldig \(days) dagen", by: actor,
                on: tx)
        }
        return (token, model)
    }

    static func revokeToken(_ token: APIToken, by actor: Actor, on db: any Database) async throws {
        guard token.revokedAt == nil else { return }
        try await db.transaction { tx in
            token.revokedAt = actor.now
            try await token.update(on: tx)
            try await Audit.record(
                .tokenIngetrokken, .token, id: token.id?.uuidString, centreID: nil,
                summary: "API-token '\(token.name)' (\(token.prefix)…) ingetrokken", by: actor, on: tx)
        }
    }

    /// The account behind a bearer token, when the token is known, not revoked and not expired.
    static func tokenUser(_ token: String, on db: any Database, now: Date) async throws -> APIToken? {
        // One query, the account joined: this runs on every API request with a token.
        guard
            let model = try await APIToken.query(on: db).filter(\.$tokenHash == Secrets.hash(token))
                .join(User.self, on: \APIToken.$user.$id == \User.$id).first()
        else { return nil }
        model.$user.value = try model.joined(User.self)
        guard model.revokedAt == nil, model.expiresAt > now, !model.user.disabled else { return nil }
        if model.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            model.lastUsedAt = now
            try await model.update(on: db)
        }
        return model
    }

    /// An account a beheerder manages in a centre, when it has a role there. With `onlyHere`, only
    /// when all its roles are in centres the caller manages: one centre cannot lock another's
    /// people out. With `lookAfter`, only when it may be looked after in the browser (no board role).
    static func managedUser(
        _ id: UUID, in centre: Centre, for caller: Caller, onlyHere: Bool = false, lookAfter: Bool = false,
        on db: any Database
    ) async throws -> User {
        guard let user = try await User.find(id, on: db) else {
            throw StadshartError.notFound("Dit account bestaat niet.")
        }
        let grants = try await grants(of: id, on: db)
        guard grants.contains(where: { $0.centre == centre.slug }) else {
            throw StadshartError.notFound("Dit account heeft geen rol in \(centre.name).")
        }
        if onlyHere, grants.contains(where: { !Access.allows(caller.grants, .manageAccounts, in: $0.centre) }) {
            throw Refusal.forbidden("Dit account heeft ook rollen in een andere binnenstad; vraag de beheerder daar.")
        }
        if lookAfter, !Access.mayLookAfter(accountWith: grants) { throw Refusal.forbidden(AdminWeb.serverOnlyMessage) }
        return user
    }

    /// A wrong code at the second step. Five end this half-finished sign-in; each also counts
    /// towards the throttle on the account, like a wrong password. Returns whether it ended.
    static func wrongSecondStep(_ session: UserSession, of user: User, by actor: Actor, on db: any Database)
        async throws -> Bool
    {
        session.secondStepFailures += 1
        let exhausted = session.secondStepFailures >= TwoStep.maximumFailures
        try await db.transaction { tx in
            if exhausted { try await session.delete(on: tx) } else { try await session.update(on: tx) }
            try await SignInAttempt(email: user.email, address: actor.address, succeeded: false, at: actor.now)
                .create(on: tx)
            try await Audit.record(
                .inloggenMislukt, .sessie, id: user.id?.uuidString, centreID: nil,
                summary: "Verkeerde code bij het inloggen van \(user.email)", by: actor, on: tx)
        }
        return exhausted
    }
}
