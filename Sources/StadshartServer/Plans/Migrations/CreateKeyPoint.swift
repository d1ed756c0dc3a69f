import Fluent

struct CreateKeyPoint: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("key_points")
            .id()
            .field("theme_line_id", .uuid, .required, .references("theme_lines", "id"))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .unique(on: "theme_line_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("key_points").delete()
    }
}
