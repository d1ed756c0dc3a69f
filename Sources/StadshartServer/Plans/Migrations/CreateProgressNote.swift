import Fluent

struct CreateProgressNote: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("progress_notes")
            .id()
            .field("action_id", .uuid, .required, .references("actions", "id"))
            .field("day", .string, .required)
            .field("text", .string, .required)
            .field("author", .string, .required)
            .field("author_id", .uuid)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("progress_notes").delete()
    }
}
