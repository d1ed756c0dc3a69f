import Fluent

struct CreateTemporaryUse: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("temporary_uses")
            .id()
            .field("premises_id", .uuid, .required, .references("premises", "id"))
            .field("used_by", .string, .required)
            .field("from_day", .string, .required)
            .field("until_day", .string)
            .field("open_to_public", .bool, .required)
            .field("tidy_frontage", .bool, .required)
            .field("takes_part", .bool, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("temporary_uses").delete()
    }
}
