import Fluent

struct CreateBusiness: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("businesses")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("branch", .string, .required)
            .field("chain", .bool, .required)
            .field("kvk", .string)
            .field("opening_hours", .string, .required)
            .unique(on: "centre_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("businesses").delete()
    }
}
