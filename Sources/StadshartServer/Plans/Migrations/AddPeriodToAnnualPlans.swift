import Fluent

/// A plan's period (issue 14): a first plan may start in the year before. Nil is the calendar year.
struct AddPeriodToAnnualPlans: AsyncMigration {
    static let columns = ["start_day", "end_day"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in Self.columns {
            try await database.schema("annual_plans").field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns.reversed() {
            try await database.schema("annual_plans").deleteField(.string(column)).update()
        }
    }
}
