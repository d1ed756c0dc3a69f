import Fluent

struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "centre_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
