import Fluent

struct CreateAnnualPlan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("annual_plans")
            .id()
            .field("centre_id", .uuid, .required, .references("centres", "id"))
            .field("year", .int, .required)
            .unique(on: "centre_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("annual_plans").delete()
    }
}
