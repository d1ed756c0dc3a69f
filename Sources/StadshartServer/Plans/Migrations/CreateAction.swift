import Fluent

struct CreateAction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("actions")
            .id()
            .field("plan_id", .uuid, .required, .references("annual_plans", "id"))
            .field("theme_line_id", .uuid, .required, .references("theme_lines", "id"))
            .field("key_point_id", .uuid, .references("key_points", "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("lead_id", .uuid, .references("organisations", "id"))
            .field("no_partners", .bool, .required)
            .field("budget_cents", .int64)
            .field("budget_holder_id", .uuid, .references("organisations", "id"))
            .field("funding_source", .string)
            .field("horizon", .string, .required)
            .field("priority", .string, .required)
            .field("status", .string, .required)
            .field("carried_over_from_id", .uuid, .references("actions", "id"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("actions").delete()
    }
}
