import Fluent
import Foundation
import StadshartCore
import Vapor

/// Reading the audit trail of a centre: filters, the rows people read, CSV for auditors.
enum AuditLog {
    struct Filter {
        var who: String?
        var kind: String?
        var from: Day?
        var to: Day?
        var recordID: String?

        /// Reads who, kind, from and to from the query string; a bad date is a Dutch 400.
        init(_ req: Request) throws {
            who = (req.query["who"] as String?).flatMap { $0.isEmpty ? nil : $0 }
            kind = (req.query["kind"] as String?).flatMap { $0.isEmpty ? nil : $0 }
            var problems: [FieldProblem] = []
            func day(_ name: String) -> Day? {
                guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
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
            if !problems.isEmpty {
                var error = StadshartError.invalid(InvalidInput(problems))
                error.status = .badRequest
                throw error
            }
        }

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
            at: entry.at, when: PlanPages.dutchInstant(entry.at), actor: entry.actor, kind: entry.kind,
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

enum AuditAPI {
    static func register(_ api: APIRoutes) {
        api.add(
            .GET, "api/v1/centres/{centre}/audit", .centre(.readAudit),
            summary: "Logboek van een binnenstad (filters: who, kind, from, to)", errors: [400, 401, 403, 404]
        ) { req in
            let centre = try req.centre
            return try await AuditLog.entries(centre: centre, filter: .init(req), limit: 1000, on: req.db)
        }
        api.add(
            .GET, "api/v1/centres/{centre}/audit/{kind}/{id}", .centre(.readAudit),
            summary: "Geschiedenis van één gegeven", errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            let filter = AuditLog.Filter(recordID: try req.parameter("id"), kind: try req.parameter("kind"))
            return try await AuditLog.entries(centre: centre, filter: filter, limit: nil, on: req.db)
        }
    }
}

enum AuditWeb {
    struct LogPage: Encodable {
        var layout: Layout
        var heading: String
        var rows: [AuditLog.Row]
        var who: String
        var kinds: [SelectOption]
        var from: String
        var to: String
        var csvLink: String
        var isHistory: Bool
    }

    static func register(_ routes: Pages) {
        routes.get(Web.auditLog, .centre(.readAudit)) { req in
            let centre = try req.centre
            let filter = try AuditLog.Filter(req)
            let rows = try await AuditLog.entries(centre: centre, filter: filter, limit: 500, on: req.db)
            var query = req.url.query.map { "?" + $0 } ?? ""
            if query == "?" { query = "" }
            return try await req.view.render(
                "audit",
                LogPage(
                    layout: try await Layout.centre("Logboek — \(centre.name)", centre, request: req),
                    heading: "Logboek", rows: rows, who: filter.who ?? "",
                    kinds: [SelectOption(value: "", label: "alle", selected: filter.kind == nil)]
                        + AuditKind.allCases.map {
                            SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == filter.kind)
                        },
                    from: filter.from?.description ?? "", to: filter.to?.description ?? "",
                    csvLink: Web.auditCSV.link(centre.slug) + query, isHistory: false))
        }
        routes.get(Web.auditCSV, .centre(.readAudit)) { req in
            let centre = try req.centre
            let rows = try await AuditLog.entries(centre: centre, filter: .init(req), limit: nil, on: req.db)
            let response = Response(status: .ok, body: .init(string: AuditLog.csv(rows)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.contentDisposition = .init(.attachment, filename: "logboek-\(centre.slug).csv")
            return response
        }
        routes.get(Web.history, .centre(.readAudit)) { req in
            let centre = try req.centre
            let kind = try req.parameter("kind")
            let filter = AuditLog.Filter(recordID: try req.parameter("id"), kind: kind)
            let rows = try await AuditLog.entries(centre: centre, filter: filter, limit: nil, on: req.db)
            return try await req.view.render(
                "audit",
                LogPage(
                    layout: try await Layout.centre("Geschiedenis", centre, request: req),
                    heading: "Geschiedenis van dit gegeven (\(kind))", rows: rows, who: "", kinds: [], from: "", to: "",
                    csvLink: "", isHistory: true))
        }
    }
}
