import Fluent

struct CreateVacancyPeriod: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("vacancy_periods")
            .id()
            .field("premises_id", .uuid, .required, .references("premises", "id"))
            .field("from_day", .string, .required)
            .field("until_day", .string)
            .field("reason", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("vacancy_periods").delete()
    }
}
