import Fluent

struct CreateZone: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("zones")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "centre_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("zones").delete()
    }
}
