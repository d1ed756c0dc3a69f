import Fluent

struct CreateFunctionChangePlan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("function_change_plans")
            .id()
            .field("premises_id", .uuid, .required, .references("premises", "id"))
            .field("from_function", .string, .required)
            .field("to_function", .string, .required)
            .field("stage", .string, .required)
            .field("action_id", .uuid, .references("actions", "id"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("function_change_plans").delete()
    }
}
