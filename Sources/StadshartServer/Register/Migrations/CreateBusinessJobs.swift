import Fluent

struct CreateBusinessJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("business_jobs")
            .id()
            .field("business_id", .uuid, .required, .references("businesses", "id"))
            .field("from_day", .string, .required)
            .field("persons", .int, .required)
            .field("fte_hundredths", .int)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("business_jobs").delete()
    }
}
