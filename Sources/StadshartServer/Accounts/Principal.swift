import Fluent
import Foundation
import StadshartCore
import Vapor

/// The person behind a request, with their roles, and how they proved it.
struct Principal: Sendable {
    let user: User
    let grants: [RoleGrant]
    let session: UserSession?
    let token: APIToken?

    var id: UUID { user.id! }

    /// A beheerder or board member without a second step may only set one up.
    var mustSetUpTwoStep: Bool { !user.demo && !user.twoStepEnabled && Access.needsTwoStep(grants) }

    /// Someone signed in with a one-time password first chooses their own; until then the roles
    /// open nothing (the person who handed the password over must not be able to use it).
    var mustChangePassword: Bool { user.mustChangePassword }

    /// Roles wait until both are done.
    var rolesOnHold: Bool { mustSetUpTwoStep || mustChangePassword }
}

enum PrincipalKey: StorageKey {
    typealias Value = Principal
}

enum PendingSessionKey: StorageKey {
    typealias Value = UserSession
}

extension Request {
    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// A session that gave its password and still owes the one-time code.
    var pendingSession: UserSession? {
        get { storage[PendingSessionKey.self] }
        set { storage[PendingSessionKey.self] = newValue }
    }

    /// The person's roles; none until a required second step is set up, so such an account sees
    /// only what the public sees.
    var grants: [RoleGrant] {
        guard let principal, !principal.rolesOnHold else { return [] }
        return principal.grants
    }

    /// Whether headers set by a reverse proxy may be believed (STADSHART_BEHIND_PROXY).
    var behindProxy: Bool { application.stadshartConfiguration?.behindProxy ?? false }

    /// The client's address: the connection's, or behind a proxy the address the proxy added last
    /// to X-Forwarded-For (earlier entries come from the client and can be made up).
    var clientAddress: String {
        if behindProxy, let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "onbekend"
    }

    /// Who does what this request does, for the audit trail.
    var actor: Actor {
        Actor(
            userID: principal?.user.id, name: principal?.user.name ?? "anoniem", address: clientAddress, now: now,
            today: today)
    }

    /// The signed-in person, or the refusal that fits the request.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Refusal.signInNeeded }
        return principal
    }
}

/// Why a request may not go on. Signed-in people get 403; others 401 (API) or are sent to
/// the sign-in page (web). Never the record itself.
enum Refusal: Error {
    case signInNeeded
    case forbidden(String)
}

/// Session and token lifetimes.
enum SessionPolicy {
    /// Signed out after this long without a request.
    static let idleTimeout: TimeInterval = 30 * 60
    /// Signed out after this long, however active.
    static let absoluteTimeout: TimeInterval = 12 * 60 * 60
    static let cookieName = "stadshart_sessie"
    static let defaultTokenDays = 90
    static let maximumTokenDays = 365
}

extension Principal {
    /// Why this person's roles open nothing yet, if they do not.
    var onHoldReason: String? {
        if mustChangePassword {
            return "Kies eerst een eigen wachtwoord (Mijn account); u bent ingelogd met een eenmalig wachtwoord."
        }
        if mustSetUpTwoStep {
            return "Stel eerst tweestapsverificatie in (Mijn account); uw rol vraagt daarom."
        }
        return nil
    }
}

/// Who asks, with which roles, and when: what a service needs of a request, so services never
/// see the request itself. The command line and tests make one too.
struct Caller: Sendable {
    var actor: Actor
    /// The roles that count now (none while they are on hold).
    var grants: [RoleGrant]
    var signedIn: Bool

    var now: Date { actor.now }
    var today: Day { actor.today }
}

extension Request {
    var caller: Caller { Caller(actor: actor, grants: grants, signedIn: principal != nil) }
}
