import Fluent
import Foundation
import StadshartCore
import Vapor

/// The audit trail through the API and on its pages: thin adapters over `AuditService`.
enum AuditAPI {
    static func register(_ api: APIRoutes) {
        api.add(
            .GET, "api/v1/centres/{centre}/audit", .centre(.readAudit),
            summary: "Logboek van een binnenstad (filters: who, kind, from, to)", errors: [400, 401, 403, 404]
        ) { req in
            let centre = try req.centre
            return try await AuditService.entries(
                centre: centre, filter: req.queryFilter(AuditService.Filter.parameters, AuditService.Filter.parse),
                limit: 1000, on: req.db)
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
    }

    static func register(_ routes: Pages) {
        routes.get(Web.auditLog, .centre(.readAudit)) { req in
            let centre = try req.centre
            let filter = try req.queryFilter(AuditService.Filter.parameters, AuditService.Filter.parse)
            let rows = try await AuditService.entries(centre: centre, filter: filter, limit: 500, on: req.db)
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
                    csvLink: "", isHistory: true))
        }
    }
}
