import Fluent
import Foundation
import SQLKit
import StadshartCore
import Testing
import Vapor
import VaporTesting

@testable import StadshartServer

/// The defects the "one shape for every feature" review named, each shown mended.
@Suite("One shape: the review's defects")
struct ShapeTests {
    /// A beheerder whose second step is not set up yet is told that, not a plan-visibility reason.
    @Test(arguments: TestDatabase.available)
    func aRefusalForRolesOnHoldNamesTheRealReason(_ db: TestDatabase) async throws {
        try await withStadshart(db) { app in
            let (user, _) = try await AccountService.create(
                .init(
                    email: "nieuwe.beheerder@assen.nl", name: "Nieuwe Beheerder", password: "een-lang-wachtwoord-42",
                    grant: RoleGrant(role: .beheerder, centre: "assen")),
                passwords: app.password.async, by: .demo(app), on: app.db)
            let (token, _) = try await AccountService.createToken(
                for: user, name: "script", days: 1, by: .demo(app), on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            let res = try await send(app, .GET, "api/v1/centres/assen/plans/2019", as: .anonymous, headers: headers)
            #expect(res.status == .forbidden)
            let detail = try res.json(Problem.self).detail
            #expect(detail.hasPrefix("Stel eerst tweestapsverificatie in"), "\(detail)")
        }
    }

    /// The centre names its core shopping area; the public list follows the setting.
    @Test(arguments: TestDatabase.available)
    func theCoreShoppingAreaIsTheCentresOwnSetting(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let path = "api/v1/centres/assen/available-premises?date=2018-01-01"
            let before: [AvailableDTO] = try await send(app, .GET, path).json()
            #expect(!before.isEmpty)
            let wrong = try await send(app, .PUT, "api/v1/centres/assen/core-zone", raw: #"{"zone":"nergens"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try wrong.json(Problem.self).errors?.map(\.field) == ["zone"])

            let zones: [ZoneDTO] = try await send(
                app, .PUT, "api/v1/centres/assen/core-zone", raw: #"{"zone":"aanloopstraat"}"#
            ).json()
            #expect(zones.filter(\.core).map(\.key) == ["aanloopstraat"])
            let after: [AvailableDTO] = try await send(app, .GET, path).json()
            #expect(!after.isEmpty && Set(after.map(\.key)).isDisjoint(with: before.map(\.key)))
            let premises: [PremisesDTO] = try await send(
                app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&zone=aanloopstraat"
            ).json()
            #expect(Set(after.map(\.key)).isSubset(of: premises.map(\.key)))
            // The page says which zone it is, and an editor changes it there too.
            let page = try await send(app, .POST, Web.coreZone.link("assen"), form: [("zone", "kernwinkelgebied")])
            #expect(page.status == .seeOther)
            let back: [AvailableDTO] = try await send(app, .GET, path).json()
            #expect(back.map(\.key) == before.map(\.key))
        }
    }

    /// The premises filter has one set of rules for the page and the API: empty values do not
    /// filter, yes/no reads the same everywhere, and a bad value names its field.
    @Test(arguments: TestDatabase.available)
    func thePremisesFilterReadsTheSameOnThePageAndInTheAPI(_ db: TestDatabase) async throws {
        try await withStadshart(db, register: true) { app in
            let all: [PremisesDTO] = try await send(app, .GET, "api/v1/centres/assen/premises?date=2018-01-01").json()
            let empty: [PremisesDTO] = try await send(
                app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&zone=&street=&function=&vacant=&owner="
            ).json()
            #expect(!all.isEmpty && empty.count == all.count)
            let vacant = all.filter(\.vacant).count
            for word in ["ja", "true", "1"] {
                let api: [PremisesDTO] = try await send(
                    app, .GET, "api/v1/centres/assen/premises?date=2018-01-01&vacant=\(word)"
                ).json()
                #expect(api.count == vacant)
                let page = try await send(
                    app, .GET, "/assen/panden?date=2018-01-01&zone=&street=&vacant=\(word)&limit=1000")
                #expect(page.text.components(separatedBy: "<tr class=\"row-").count - 1 == vacant, "\(word)")
            }
            let bad = try await send(app, .GET, "api/v1/centres/assen/premises?vacant=misschien")
            #expect(bad.status == .badRequest)
            #expect(try bad.json(Problem.self).errors?.map(\.field) == ["vacant"])
        }
    }

    /// Time comes from the application's clock: a note without a date is dated by it, and the
    /// audit trail records its moment.
    @Test func timeComesFromTheInjectedClock() async throws {
        try await withStadshart(.sqlite) { app in
            let moment = Date(timeIntervalSince1970: 1_559_383_200)  // 1 June 2019, 10:00 UTC
            app.clock = .fixed(moment)
            let action = try #require(try await demoActions(app).first)
            let res = try await send(
                app, .POST, "api/v1/centres/assen/actions/\(action.id)/progress", raw: #"{"text":"Gesprek gevoerd"}"#)
            #expect(res.status == .created)
            #expect(try res.json(ActionDTO.self).progress?.first?.date == "2019-06-01")
            let entry = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$event == AuditEvent.voortgang.rawValue).first())
            #expect(entry.at == moment)
        }
    }

    /// With PostgreSQL a server does not migrate while starting (several could race); it refuses
    /// while a migration waits and names the deploy step.
    @Test(arguments: TestDatabase.available.filter { $0 == .postgres })
    func aPostgresServerRefusesToStartWhileAMigrationWaits(_ db: TestDatabase) async throws {
        try await withStadshart(db, demo: false) { app in
            try await DatabaseSetup.prepare(app)
            try await app.migrator.revertLastBatch().get()
            do {
                try await DatabaseSetup.prepare(app)
                Issue.record("a server started with migrations waiting")
            } catch let failure as CommandFailure {
                #expect(failure.description.contains("stadshart migrate"))
            }
            #expect(try await DatabaseSetup.migrate(app) == Migrations.all.count)
            try await DatabaseSetup.prepare(app)
        }
    }

    /// Every foreign key, as the database itself lists them, leads an index; so do the audit
    /// trail's lookups.
    @Test(arguments: TestDatabase.available)
    func everyForeignKeyHasAnIndex(_ db: TestDatabase) async throws {
        try await withStadshart(db, demo: false) { app in
            let sql = app.db as! any SQLDatabase
            var foreignKeys: Set<String> = []
            var indexed: Set<String> = []
            if db == .sqlite {
                let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    for key in try await sql.raw("PRAGMA foreign_key_list(\(ident: table))").all() {
                        foreignKeys.insert("\(table).\(try key.decode(column: "from", as: String.self))")
                    }
                    for index in try await sql.raw("PRAGMA index_list(\(ident: table))").all() {
                        let name = try index.decode(column: "name", as: String.self)
                        let columns = try await sql.raw("PRAGMA index_info(\(ident: name))").all()
                            .map {
                                (
                                    try $0.decode(column: "seqno", as: Int.self),
                                    try $0.decode(column: "name", as: String.self)
                                )
                            }
                            .sorted { $0.0 < $1.0 }.map(\.1)
                        indexed.insert("\(table).\(columns.joined(separator: ","))")
                        if let first = columns.first { indexed.insert("\(table).\(first)") }
                    }
                }
            } else {
                for row in try await sql.raw(
                    """
                    SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f'
                    """
                ).all() {
                    foreignKeys.insert(
                        "\(try row.decode(column: "tbl", as: String.self)).\(try row.decode(column: "col", as: String.self))"
                    )
                }
                for row in try await sql.raw(
                    """
                    SELECT t.relname AS tbl, string_agg(a.attname, ',' ORDER BY k.n) AS cols FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                    JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'
                    GROUP BY t.relname, i.indexrelid
                    """
                ).all() {
                    let table = try row.decode(column: "tbl", as: String.self)
                    let columns = try row.decode(column: "cols", as: String.self)
                    indexed.insert("\(table).\(columns)")
                    indexed.insert("\(table).\(columns.split(separator: ",").first ?? "")")
                }
            }
            #expect(foreignKeys.count > 30)
            for key in foreignKeys.sorted() { #expect(indexed.contains(key), "no index leads with \(key)") }
            #expect(indexed.contains("audit_entries.centre_id,at"))
            #expect(indexed.contains("audit_entries.kind,record_id"))
        }
    }
}
