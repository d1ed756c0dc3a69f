import Fluent

struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("actor", .string, .required)
            .field("centre_id", .uuid)
            .field("kind", .string, .required)
            .field("record_id", .string)
            .field("event", .string, .required)
            .field("summary", .string, .required)
            .field("changes", .string, .required)
            .field("address", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
