import Fluent
import Foundation
import StadshartCore
import Vapor

/// The audit trail through the API and on its pages: thin adapters over `AuditService`.
enum AuditAPI {
    static func register(_ api: APIRoutes) {
        api.add(
            .GET, "api/v1/centres/{centre}/audit", .centre(.readAudit),
            summary:
                "Logboek van een binnenstad, nieuwste eerst (filters: who, kind, from, to, signIns=ja om ook in- en uitloggen te zien; pagina's: limit, cursor, Link rel=next)",
            errors: [400, 401, 403, 404]
        ) { req in
            try await AuditWeb.page(req).rows
        }
        api.add(
            .GET, "api/v1/centres/{centre}/audit/{kind}/{id}", .centre(.readAudit),
            summary: "Geschiedenis van één gegeven", errors: [401, 403, 404]
        ) { req in
            let centre = try req.centre
            let filter = AuditService.Filter(recordID: try req.parameter("id"), kind: try req.parameter("kind"))
            return try await AuditService.entries(centre: centre, filter: filter, limit: nil, on: req.db)
        }
    }
}

enum AuditWeb {
    struct LogPage: Encodable {
        var layout: Layout
        var heading: String
        var rows: [AuditService.Row]
        var who: String
        var kinds: [SelectOption]
        var from: String
        var to: String
        var csvLink: String
        var isHistory: Bool
        var nextLink: String?
        var signIns: Bool = false
    }

    /// One page of the log by the query's filters and `limit`/`cursor` (500 on a page by default).
    static func page(_ req: Request) async throws -> (rows: [AuditService.Row], filter: AuditService.Filter) {
        let filter = try req.queryFilter(AuditService.Filter.parameters, AuditService.Filter.parse)
        var page = try req.queryFilter(StadshartCore.PageRequest.parameters, StadshartCore.PageRequest.parse)
        if (req.query["limit"] as String?).nonBlank == nil { page.limit = 500 }
        do {
            let (rows, next) = try await AuditService.page(centre: req.centre, filter: filter, page: page, on: req.db)
            if let next { req.setNextPage(cursor: next) }
            return (rows, filter)
        } catch let invalid as InvalidInput {
            // A cursor is part of the address: a 400, as for every query parameter.
            var refusal = StadshartError.invalid(invalid)
            refusal.status = .badRequest
            throw refusal
        }
    }

    static func register(_ routes: Pages) {
        routes.get(Web.auditLog, .centre(.readAudit)) { req in
            let centre = try req.centre
            let (rows, filter) = try await page(req)
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
                    csvLink: Web.auditCSV.link(centre.slug) + query, isHistory: false, nextLink: req.nextPage,
                    signIns: filter.signIns))
        }
        routes.get(Web.auditCSV, .centre(.readAudit)) { req in
            let centre = try req.centre
            let rows = try await AuditService.entries(
                centre: centre, filter: req.queryFilter(AuditService.Filter.parameters, AuditService.Filter.parse),
                limit: nil, on: req.db)
            return CSVDownload.response(AuditService.csv(rows), filename: "logboek-\(centre.slug).csv")
        }
        routes.get(Web.history, .centre(.readAudit)) { req in
            let centre = try req.centre
            let kind = try req.parameter("kind")
            let filter = AuditService.Filter(recordID: try req.parameter("id"), kind: kind)
            let rows = try await AuditService.entries(centre: centre, filter: filter, limit: nil, on: req.db)
            return try await req.view.render(
                "audit",
                LogPage(
                    layout: try await Layout.centre("Geschiedenis", centre, request: req),
                    heading: "Geschiedenis van dit gegeven (\(kind))", rows: rows, who: "", kinds: [], from: "", to: "",
                    csvLink: "", isHistory: true, nextLink: nil))
        }
    }
}
