import Fluent

struct CreateThemeLine: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("theme_lines")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .unique(on: "centre_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("theme_lines").delete()
    }
}
