import Fluent
import Foundation
import StadshartCore
import Vapor

/// AVG/GDPR: everything stored about a person, and erasing it while keeping the record of
/// what happened.
enum PersonalData {
    struct Export: Content {
        struct Account: Content {
            var email: String
            var name: String
            var createdAt: Date
            var disabled: Bool
            var twoStepEnabled: Bool
            var demo: Bool
        }
        struct Session: Content {
            var createdAt: Date
            var lastSeenAt: Date
            var address: String
        }
        struct Token: Content {
            var name: String
            var prefix: String
            var createdAt: Date
            var expiresAt: Date
            var revokedAt: Date?
        }
        struct Entry: Content {
            var at: Date
            var event: String
            var summary: String
            var address: String
        }
        var account: Account
        var roles: [String]
        var sessions: [Session]
        var tokens: [Token]
        var signInAttempts: [Entry]
        var auditTrail: [Entry]
        var progressNotes: [String]
        var amendments: [String]
    }

    static func export(_ user: User, by actor: Actor, centreID: UUID?, on db: any Database) async throws -> Export {
        let id = try user.requireID()
        let grants = try await AccountService.grants(of: id, on: db)
        let sessions = try await UserSession.query(on: db).filter(\.$user.$id == id).all()
        let tokens = try await APIToken.query(on: db).filter(\.$user.$id == id).all()
        let attempts = try await SignInAttempt.query(on: db).filter(\.$email == user.email).sort(\.$at).all()
        let entries = try await AuditEntry.query(on: db).group(.or) { or in
            or.filter(\.$userID == id).filter(\.$recordID == id.uuidString)
        }.sort(\.$at).all()
        let notes = try await ProgressNote.query(on: db).filter(\.$authorID == id).all()
        let amendments = try await Amendment.query(on: db).filter(\.$authorID == id).all()
        let export = Export(
            account: .init(
                email: user.email, name: user.name, createdAt: user.createdAt, disabled: user.disabled,
                twoStepEnabled: user.twoStepEnabled, demo: user.demo),
            roles: grants.map { "\($0.centre): \($0.label)" },
            sessions: sessions.map { .init(createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, address: $0.address) },
            tokens: tokens.map {
                .init(
                    name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt, expiresAt: $0.expiresAt,
                    revokedAt: $0.revokedAt)
            },
            signInAttempts: attempts.map {
                .init(at: $0.at, event: $0.succeeded ? "gelukt" : "mislukt", summary: $0.email, address: $0.address)
            },
            auditTrail: entries.map { .init(at: $0.at, event: $0.event, summary: $0.summary, address: $0.address) },
            progressNotes: notes.map { "\($0.day): \($0.text)" },
            amendments: amendments.map { "\($0.recordedAt): \($0.reason)" })
        try await Audit.record(
            .gegevensGeexporteerd, .account, id: id.uuidString, centreID: centreID,
            summary: "Persoonsgegevens van een account geëxporteerd", by: actor, on: db)
        return export
    }

    /// Removes the person's own fields and replaces their name everywhere by a pseudonym;
    /// what happened (the audit trail, notes, amendments) stays.
    static func erase(_ user: User, by actor: Actor, centreID: UUID?, on db: any Database)
        async throws
    {
        if user.id == actor.userID { throw StadshartError.conflict("U kunt uw eigen gegevens niet wissen.") }
        let now = actor.now
        let id = try user.requireID()
        let pseudonym = "persoon-" + String(id.uuidString.prefix(8)).lowercased()
        let oldName = user.name
        let oldEmail = user.email
        try await db.transaction { tx in
            // Only the entries about this person or by them: by account id, or by the e-mail address
            // typed at a failed sign-in. Their own entries lose the client address too.
            let own = try await AuditEntry.query(on: tx).group(.or) { or in
                or.filter(\.$userID == id).filter(\.$recordID == id.uuidString).filter(\.$actor == oldEmail)
            }.all()
            for entry in own {
                if entry.userID == id || entry.actor == oldEmail {
                    entry.actor = pseudonym
                    entry.address = "gewist"
                }
                entry.summary = entry.summary.replacingOccurrences(of: oldEmail, with: pseudonym)
                    .replacingOccurrences(of: oldName, with: pseudonym)
                try await entry.update(on: tx)
            }
            try await ProgressNote.query(on: tx).filter(\.$authorID == id).set(\.$author, to: pseudonym).update()
            try await Amendment.query(on: tx).filter(\.$authorID == id).set(\.$author, to: pseudonym).update()
            try await SignInAttempt.query(on: tx).filter(\.$email == oldEmail).delete()
            try await UserSession.query(on: tx).filter(\.$user.$id == id).delete()
            try await APIToken.query(on: tx).filter(\.$user.$id == id).delete()
            try await RoleAssignment.query(on: tx).filter(\.$user.$id == id).delete()
            user.name = pseudonym
            user.email = "\(pseudonym)@verwijderd.invalid"
            user.passwordHash = nil
            user.totpSecret = nil
            user.recoveryCodes = "[]"
            user.disabled = true
            user.erasedAt = now
            try await user.update(on: tx)
            try await Audit.record(
                .gewist, .account, id: id.uuidString, centreID: centreID,
                summary: "Persoonsgegevens gewist; de persoon heet in het logboek nu \(pseudonym)", by: actor, on: tx)
        }
    }
}
