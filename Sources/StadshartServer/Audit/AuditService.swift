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

        static let parameters = ["who", "kind", "from", "to"]

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
        }
    }

    struct Row: Content {
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

    /// The centre's entries, newest first: its records, and the sign-ins of its people.
    static func entries(centre: Centre, filter: Filter, limit: Int?, on db: any Database) async throws -> [Row] {
        let centreID = try centre.requireID()
        let people = try await RoleAssignment.query(on: db).filter(\.$centre.$id == centreID).all().map { $0.$user.id }
        var query = AuditEntry.query(on: db).group(.or) { or in
            or.filter(\.$centreID == centreID)
            if !people.isEmpty { or.group(.and) { and in and.filter(\.$centreID == nil).filter(\.$userID ~~ people) } }
        }
        if let who = filter.who { query = query.filter(\.$actor ~~ who) }
        if let kind = filter.kind { query = query.filter(\.$kind == kind) }
        if let recordID = filter.recordID { query = query.filter(\.$recordID == recordID) }
        if let from = filter.from { query = query.filter(\.$at >= start(of: from)) }
        if let to = filter.to { query = query.filter(\.$at < start(of: to).addingTimeInterval(24 * 3600)) }
        query = query.sort(\.$at, .descending)
        if let limit { query = query.limit(limit) }
        return try await query.all().map(row)
    }

    static func row(_ entry: AuditEntry) -> Row {
        Row(
            at: entry.at, when: DutchTime.instant(entry.at), actor: entry.actor, kind: entry.kind,
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
