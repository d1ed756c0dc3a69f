import Fluent

struct CreateActionPartner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("action_partners")
            .id()
            .field("action_id", .uuid, .required, .references("actions", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("contributions", .string, .required)
            .unique(on: "action_id", "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("action_partners").delete()
    }
}
