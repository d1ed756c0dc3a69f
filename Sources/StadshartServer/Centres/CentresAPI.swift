import Fluent
import Vapor

struct CentreDTO: Content {
    var slug: String
    var name: String
}

enum CentresAPI {
    static func register(_ api: APIRoutes) {
        api.add(.GET, "api/v1/centres", .anyone, summary: "Alle binnensteden", errors: []) { req in
            try await query(on: req.db)
        }
    }

    static func query(on db: any Database) async throws -> [CentreDTO] {
        try await Centre.query(on: db).sort(\.$name).all().map { CentreDTO(slug: $0.slug, name: $0.name) }
    }
}
