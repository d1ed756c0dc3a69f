import Fluent
import Foundation
import SQLKit
import StadshartCore
import Vapor

/// Who does something, and from where. Every write takes one, so every write can be traced.
struct Actor: Sendable {
    var userID: UUID?
    var name: String
    var address: String
    /// When the act happens: every write and its audit entry take their time from here.
    var now: Date
    /// The working day of the act (the clock's fixed day in a demo): dates are checked against it.
    var today: Day

    init(userID: UUID?, name: String, address: String, now: Date, today: Day? = nil) {
        self.userID = userID
        self.name = name
        self.address = address
        self.now = now
        self.today = today ?? Day.today(at: now)
    }

    /// The command line and the demo loader act at the application's time.
    static func commandLine(_ app: Application) -> Actor {
        let now = app.clock.now()
        return Actor(userID: nil, name: "opdrachtregel", address: "lokaal", now: now, today: app.clock.day(at: now))
    }

    static func demo(_ app: Application) -> Actor {
        let now = app.clock.now()
        return Actor(userID: nil, name: "demo", address: "lokaal", now: now, today: app.clock.day(at: now))
    }
}

/// The kinds of record the audit trail speaks of (stored as these Dutch words).
enum AuditKind: String, CaseIterable, Codable, Sendable {
    case actie, jaarplan, kernpunt, organisatie, pand, vestiging, account, token, sessie, indicator, meting, gebied
    case evenement, conflict, instellingen
    /// A centre's economic agenda (its matrix; tags are recorded on the action).
    case agenda
}

enum AuditEvent: String, CaseIterable, Codable, Sendable {
    case aangemaakt, gewijzigd, verwijderd, vastgesteld, voortgang, doorgezet
    case afgelast, erkend, voorgesteld, goedgekeurd, afgewezen
    /// An action tagged to, or untagged from, a cell of the economic agenda.
    case gekoppeld, ontkoppeld
    case ingelogd
    case inloggenMislukt = "inloggen_mislukt"
    case uitgelogd
    case rolToegekend = "rol_toegekend"
    case rolIngetrokken = "rol_ingetrokken"
    case tokenAangemaakt = "token_aangemaakt"
    case tokenIngetrokken = "token_ingetrokken"
    case wachtwoordGewijzigd = "wachtwoord_gewijzigd"
    case wachtwoordHersteld = "wachtwoord_hersteld"
    case geblokkeerd, gedeblokkeerd
    case sessiesBeeindigd = "sessies_beeindigd"
    case tweestapsAan = "tweestaps_aan"
    case tweestapsUit = "tweestaps_uit"
    case gegevensGeexporteerd = "gegevens_geexporteerd"
    case gewist
    case inlogblokkadeOpgeheven = "inlogblokkade_opgeheven"

    /// As people write it: the stored words lose their underscores and get their diaereses back.
    var label: String {
        switch self {
        case .sessiesBeeindigd: "sessies beëindigd"
        case .gegevensGeexporteerd: "gegevens geëxporteerd"
        default: rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// Signing in and out: many, and rarely what someone reads the trail for.
    var isSignIn: Bool { [.ingelogd, .inloggenMislukt, .uitgelogd].contains(self) }
}

enum Audit {
    /// Writes one entry. Call it on the same database (transaction) as the change itself, so
    /// the change and its entry are saved together or not at all.
    static func record(
        _ event: AuditEvent, _ kind: AuditKind, id: String?, centreID: UUID?, summary: String,
        changes: [FieldChange] = [], by actor: Actor, on db: any Database
    ) async throws {
        let now = actor.now
        let entry = AuditEntry()
        entry.at = now
        entry.userID = actor.userID
        entry.actor = actor.name
        entry.centreID = centreID
        entry.kind = kind.rawValue
        entry.recordID = id
        entry.event = event.rawValue
        entry.summary = summary
        entry.changes = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
        entry.address = actor.address
        try await entry.create(on: db)
        if let centreID { try await raiseDataVersion(of: centreID, on: db) }
    }

    /// Every audited change of a centre is a write of its data: cached public answers of the
    /// centre go stale at the commit, on every server (they compare this number per request).
    static func raiseDataVersion(of centreID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.update("centres")
            .set(
                SQLIdentifier("data_version"),
                to: SQLBinaryExpression(
                    left: SQLColumn("data_version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1"))
            )
            .where("id", .equal, centreID)
            .run()
    }

    static func changes(of entry: AuditEntry) -> [FieldChange] {
        (try? JSONDecoder().decode([FieldChange].self, from: Data(entry.changes.utf8))) ?? []
    }
}
