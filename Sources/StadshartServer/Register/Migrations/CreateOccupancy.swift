import Fluent

struct CreateOccupancy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("occupancies")
            .id()
            .field("business_id", .uuid, .required, .references("businesses", "id"))
            .field("premises_id", .uuid, .required, .references("premises", "id"))
            .field("from_day", .string, .required)
            .field("until_day", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("occupancies").delete()
    }
}
