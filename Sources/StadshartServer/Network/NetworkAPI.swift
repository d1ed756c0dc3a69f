import Fluent
import StadshartCore
import Vapor

/// An organisation as the API names it: by key, with its name for people.
struct OrganisationRef: Content, Equatable {
    var key: String
    var name: String
}

struct OrganisationDTO: Content {
    var key: String
    var name: String
    var kind: String
    var kindLabel: String
}

enum NetworkAPI {
    static func register(_ api: APIRoutes) {
        api.add(
            .GET, "api/v1/centres/{centre}/organisations", .anyone, summary: "Organisaties van een binnenstad"
        ) { req in
            let centre = try req.centre
            return try await query(centre: centre, on: req.db)
        }
    }

    static func query(centre: Centre, on db: any Database) async throws -> [OrganisationDTO] {
        try await Organisation.query(on: db).filter(\.$centre.$id == centre.requireID()).sort(\.$name).all().map {
            OrganisationDTO(
                key: $0.key, name: $0.name, kind: $0.kind,
                kindLabel: OrganisationKind(rawValue: $0.kind)?.label ?? $0.kind)
        }
    }
}
