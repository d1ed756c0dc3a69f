import Fluent

struct CreatePremisesFunction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("premises_functions")
            .id()
            .field("premises_id", .uuid, .required, .references("premises", "id"))
            .field("from_day", .string, .required)
            .field("function", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("premises_functions").delete()
    }
}
