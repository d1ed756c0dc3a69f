import Fluent
import Foundation
import StadshartCore
import Vapor

/// The second step of signing in: a time-based one-time code (RFC 6238) from any
/// authenticator app, or one of ten single-use recovery codes.
enum TwoStep {
    /// Starts the set-up: a new secret, kept pending until a code from it is confirmed.
    static func begin(_ user: User, on db: any Database) async throws -> String {
        let secret = Base32.encode(TOTP.newSecret())
        user.totpPending = secret
        try await user.update(on: db)
        return secret
    }

    /// Confirms the set-up with a code; returns the recovery codes, shown once.
    static func confirm(_ user: User, code: String?, by actor: Actor, on db: any Database, now: Date = Date())
        async throws -> [String]
    {
        guard let pending = user.totpPending, let secret = Base32.decode(pending) else {
            throw StadshartError.conflict("Start de instelling van tweestapsverificatie opnieuw.")
        }
        guard TOTP.verify(code ?? "", secret: secret, at: now) else {
            throw InvalidInput([
                FieldProblem(
                    field: "code", message: "deze code klopt niet; kijk of de klok van uw telefoon gelijk loopt")
            ])
        }
        let codes = (0..<10).map { _ in Secrets.readablePassword() }
        try await db.transaction { tx in
            user.totpSecret = pending
            user.totpPending = nil
            user.recoveryCodes = try Self.encode(codes.map(Secrets.hash))
            try await user.update(on: tx)
            try await Audit.record(
                .tweestapsAan, .account, id: user.id?.uuidString, centreID: nil,
                summary: "Tweestapsverificatie aangezet door \(user.name)", by: actor, on: tx, now: now)
        }
        return codes
    }

    /// A code from the app, or an unused recovery code (which is then used up).
    static func verify(_ user: User, code: String?, on db: any Database, now: Date = Date()) async throws -> Bool {
        let code = (code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if let secret = user.totpSecret.flatMap(Base32.decode), TOTP.verify(code, secret: secret, at: now) {
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
            user.totpPending = nil
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
