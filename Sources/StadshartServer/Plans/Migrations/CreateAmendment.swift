import Fluent

struct CreateAmendment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("amendments")
            .id()
            .field("action_id", .uuid, .required, .references("actions", "id"))
            .field("author", .string, .required)
            .field("author_id", .uuid)
            .field("reason", .string, .required)
            .field("changes", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("amendments").delete()
    }
}
