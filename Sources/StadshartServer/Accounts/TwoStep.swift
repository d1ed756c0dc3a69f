import Fluent
import Foundation
import StadshartCore
import Vapor

/// The second step of signing in: a time-based one-time code (RFC 6238) from any
/// authenticator app, or one of ten single-use recovery codes.
enum TwoStep {
    /// Wrong codes allowed in one sign-in before it must start again.
    static let maximumFailures = 5

    /// A new secret for the set-up page. Nothing is stored until a code from it is confirmed,
    /// so opening the page changes nothing.
    static func newSecret() -> String {
        Base32.encode(TOTP.newSecret())
    }

    /// Confirms the set-up: the secret shown on the page and a code the app made from it.
    /// Returns the recovery codes, shown once.
    static func confirm(
        _ user: User, secret: String?, code: String?, by actor: Actor, on db: any Database
    )
        async throws -> [String]
    {
        let now = actor.now
        guard let secret, let bytes = Base32.decode(secret), bytes.count >= 16 else {
            throw StadshartError.conflict("Start de instelling van tweestapsverificatie opnieuw.")
        }
        guard TOTP.verify(code ?? "", secret: bytes, at: now) else {
            throw InvalidInput([
                FieldProblem(
                    field: "code", message: "deze code klopt niet; kijk of de klok van uw telefoon gelijk loopt")
            ])
        }
        let codes = (0..<10).map { _ in Secrets.readablePassword() }
        try await db.transaction { tx in
            user.totpSecret = Base32.encode(bytes)
            user.recoveryCodes = try Self.encode(codes.map(Secrets.hash))
            try await user.update(on: tx)
            try await Audit.record(
                .tweestapsAan, .account, id: user.id?.uuidString, centreID: nil,
                summary: "Tweestapsverificatie aangezet door \(user.name)", by: actor, on: tx)
        }
        return codes
    }

    /// A code from the app, or an unused recovery code (which is then used up).
    static func verify(_ user: User, code: String?, on db: any Database, now: Date) async throws -> Bool {
        let code = (code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if let secret = user.totpSecret.flatMap(Base32.decode),
            let period = TOTP.matchingPeriod(code, secret: secret, at: now)
        {
            guard period > (user.totpLastPeriod ?? -1) else { return false }
            user.totpLastPeriod = period
            try await user.update(on: db)
            return true
        }
        var remaining = (try? JSONDecoder().decode([String].self, from: Data(user.recoveryCodes.utf8))) ?? []
        guard let index = remaining.firstIndex(of: Secrets.hash(code)) else { return false }
        remaining.remove(at: index)
        user.recoveryCodes = try encode(remaining)
        try await user.update(on: db)
        return true
    }

    static func disable(_ user: User, grants: [RoleGrant], by actor: Actor, on db: any Database) async throws {
        if Access.needsTwoStep(grants) && !user.demo {
            throw StadshartError(
                status: .forbidden, title: "Niet toegestaan",
                detail: "Met de rol beheerder of bestuur is tweestapsverificatie verplicht.")
        }
        try await db.transaction { tx in
            user.totpSecret = nil
            user.recoveryCodes = "[]"
            try await user.update(on: tx)
            try await Audit.record(
                .tweestapsUit, .account, id: user.id?.uuidString, centreID: nil,
                summary: "Tweestapsverificatie uitgezet door \(user.name)", by: actor, on: tx)
        }
    }

    static func remainingRecoveryCodes(_ user: User) -> Int {
        ((try? JSONDecoder().decode([String].self, from: Data(user.recoveryCodes.utf8))) ?? []).count
    }

    private static func encode(_ hashes: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(hashes), as: UTF8.self)
    }
}
