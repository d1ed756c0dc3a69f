import Fluent
import Foundation

/// A person who signs in. Erasing a person keeps the record (the audit trail points at it)
/// but removes every personal field.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "disabled") var disabled: Bool
    /// Set while the account has a one-time password handed over by someone else.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    /// Demo accounts may skip the two-step sign-in; `serve` never creates them.
    @Field(key: "demo") var demo: Bool
    /// Base32 secret of the authenticator app, set once the user confirmed a code.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The period of the last code accepted; a code of that period or earlier is not taken again.
    @OptionalField(key: "totp_last_period") var totpLastPeriod: Int?
    /// JSON array of SHA-256 hashes of unused recovery codes.
    @Field(key: "recovery_codes") var recoveryCodes: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "erased_at") var erasedAt: Date?
    @Children(for: \.$user) var roles: [RoleAssignment]

    init() {}

    init(email: String, name: String, passwordHash: String?, demo: Bool = false, now: Date) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.disabled = false
        self.mustChangePassword = false
        self.demo = demo
        self.recoveryCodes = "[]"
        self.createdAt = now
    }

    var twoStepEnabled: Bool { totpSecret != nil }
}

/// One role of a user in a centre (see `RoleGrant`).
final class RoleAssignment: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "centre_id") var centre: Centre
    @Field(key: "role") var role: String
    @OptionalField(key: "party") var party: String?
    @OptionalField(key: "theme_line") var themeLine: String?
    @OptionalField(key: "subject") var subject: String?

    init() {}

    init(userID: UUID, centreID: UUID, role: String, party: String?, themeLine: String?, subject: String? = nil) {
        self.$user.id = userID
        self.$centre.id = centreID
        self.role = role
        self.party = party
        self.themeLine = themeLine
        self.subject = subject
    }
}

/// A signed-in browser. The cookie holds a random token; only its hash is stored, so a copy
/// of the database does not let anyone in.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "csrf_token") var csrfToken: String
    /// Password given, one-time code still to come.
    @Field(key: "second_step_pending") var secondStepPending: Bool
    /// Wrong codes given in this half-finished sign-in.
    @Field(key: "second_step_failures") var secondStepFailures: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "address") var address: String

    init() {}
}

/// A token for scripts, sent as `Authorization: Bearer …`; shown once, stored hashed.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters, so a person can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}
}

/// A sign-in attempt, for throttling. Kept briefly; holds the address typed, not a user id,
/// so it does not reveal whether an account exists.
final class SignInAttempt: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, address: String, succeeded: Bool, at: Date) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.at = at
    }
}
