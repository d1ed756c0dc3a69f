import Fluent
import Foundation
import StadshartCore
import Vapor

/// The audit trail's service: a centre's entries through filters, the rows people read, CSV
/// for auditors. (Entries are written by `Audit.record`, inside each change's transaction.)
enum AuditService {
    struct Filter {
        var who: String?
        var kind: String?
        var from: Day?
        var to: Day?
        var recordID: String?
        /// Signing in and out are left out unless asked for (or the kind asked is `sessie`):
        /// there are many, and they bury the changes people read the trail for.
        var signIns = false

        static let parameters = ["who", "kind", "from", "to", "signIns"]

        /// Reads who, kind, from and to from query parameters by name; a bad date or kind is a problem.
        init(_ query: [String: String]) throws(InvalidInput) {
            who = query["who"].nonBlank
            kind = query["kind"].nonBlank
            var problems: [FieldProblem] = []
            func day(_ name: String) -> Day? {
                guard let text = query[name].nonBlank else { return nil }
                if let day = Day(parsing: text) { return day }
                problems.append(FieldProblem(field: name, message: "'\(text)' is geen datum"))
                return nil
            }
            from = day("from")
            to = day("to")
            if let text = query["signIns"].nonBlank {
                if let value = YesNo.parse(text) {
                    signIns = value
                } else {
                    problems.append(FieldProblem(field: "signIns", message: "'\(text)': kies ja of nee"))
                }
            }
            if kind == AuditKind.sessie.rawValue { signIns = true }
            if let kind, AuditKind(rawValue: kind) == nil {
                problems.append(
                    FieldProblem(
                        field: "kind",
                        message: "kies uit: \(AuditKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if !problems.isEmpty { throw InvalidInput(problems) }
        }

        static func parse(_ query: [String: String]) throws(InvalidInput) -> Filter { try Filter(query) }

        init(recordID: String, kind: String) {
            self.recordID = recordID
            self.kind = kind
            signIns = true
        }
    }

    struct Row: Content {
        /// The entry's id: the cursor of the page that follows it.
        var id: UUID?
        var at: Date
        var when: String
        var actor: String
        var kind: String
        var recordId: String?
        var event: String
        var summary: String
        var changes: [FieldChange]
        var address: String
    }

    /// One page of the centre's entries, newest first, read in the database (the trail only grows):
    /// after the entry named by the cursor, with the cursor of the next page when there is more.
    static func page(centre: Centre, filter: Filter, page: StadshartCore.PageRequest, on db: any Database) async throws
        -> (rows: [Row], next: String?)
    {
        var after: AuditEntry?
        if let cursor = page.cursor {
            guard let id = UUID(uuidString: cursor), let entry = try await AuditEntry.find(id, on: db) else {
                throw InvalidInput([
                    FieldProblem(
                        field: "cursor",
                        message: "'\(cursor)' hoort bij geen regel van dit logboek; begin zonder cursor")
                ])
            }
            after = entry
        }
        let rows = try await entries(centre: centre, filter: filter, limit: page.limit + 1, after: after, on: db)
        return (Array(rows.prefix(page.limit)), rows.count > page.limit ? rows[page.limit - 1].id?.uuidString : nil)
    }

    /// The centre's entries, newest first: its records, and the sign-ins of its people.
    static func entries(
        centre: Centre, filter: Filter, limit: Int?, after: AuditEntry? = nil, on db: any Database
    ) async throws -> [Row] {
        let centreID = try centre.requireID()
        let people = try await RoleAssignment.query(on: db).filter(\.$centre.$id == centreID).all().map { $0.$user.id }
        var query = AuditEntry.query(on: db).group(.or) { or in
            or.filter(\.$centreID == centreID)
            if !people.isEmpty { or.group(.and) { and in and.filter(\.$centreID == nil).filter(\.$userID ~~ people) } }
        }
        if let who = filter.who { query = query.filter(\.$actor ~~ who) }
        if let kind = filter.kind { query = query.filter(\.$kind == kind) }
        if let recordID = filter.recordID { query = query.filter(\.$recordID == recordID) }
        if !filter.signIns {
            query = query.filter(\.$event !~ AuditEvent.allCases.filter(\.isSignIn).map(\.rawValue))
        }
        if let from = filter.from { query = query.filter(\.$at >= start(of: from)) }
        if let to = filter.to { query = query.filter(\.$at < start(of: to).addingTimeInterval(24 * 3600)) }
        if let after, let afterID = after.id {
            // Keyset paging: entries before the cursor's in (at, id) order, however long the trail.
            // A time read back is not always bit for bit the time written (SQLite keeps seconds as a
            // double, PostgreSQL microseconds), so "the same moment" is within a microsecond.
            let (earlier, later) = (after.at.addingTimeInterval(-1e-6), after.at.addingTimeInterval(1e-6))
            query = query.group(.or) { or in
                or.filter(\.$at < earlier)
                or.group(.and) { and in and.filter(\.$at >= earlier).filter(\.$at <= later).filter(\.$id < afterID) }
            }
        }
        query = query.sort(\.$at, .descending).sort(\.$id, .descending)
        if let limit { query = query.limit(limit) }
        return try await query.all().map(row)
    }

    static func row(_ entry: AuditEntry) -> Row {
        Row(
            id: entry.id, at: entry.at, when: DutchTime.instant(entry.at), actor: entry.actor, kind: entry.kind,
            recordId: entry.recordID, event: AuditEvent(rawValue: entry.event)?.label ?? entry.event,
            summary: entry.summary, changes: Audit.changes(of: entry), address: entry.address)
    }

    /// Midnight in Amsterdam, the day's start as the partnership counts it.
    static func start(of day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    static func csv(_ rows: [Row]) -> String {
        CSV.encode(
            [["tijdstip", "wie", "soort", "id", "gebeurtenis", "samenvatting", "wijzigingen", "adres"]]
                + rows.map { row in
                    [
                        ISO8601DateFormatter().string(from: row.at), row.actor, row.kind, row.recordId ?? "", row.event,
                        row.summary,
                        row.changes.map { "\($0.field): \($0.before) → \($0.after)" }.joined(separator: " | "),
                        row.address,
                    ]
                })
    }
}
