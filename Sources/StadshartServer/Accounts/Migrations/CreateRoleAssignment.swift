import Fluent

struct CreateRoleAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("role", .string, .required)
            .field("party", .string)
            .field("theme_line", .string)
            .field("subject", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_assignments").delete()
    }
}
