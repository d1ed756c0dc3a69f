import Fluent

struct CreateCentre: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("centres")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("register_synthetic", .bool, .required, .sql(.default(false)))
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("centres").delete()
    }
}
