import Fluent

struct CreateAdoption: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("adoptions")
            .id()
            .field("plan_id", .uuid, .required, .references("annual_plans", "id"))
            .field("party", .string, .required)
            .field("adopted_by", .string, .required)
            .field("day", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "plan_id", "party")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("adoptions").delete()
    }
}
