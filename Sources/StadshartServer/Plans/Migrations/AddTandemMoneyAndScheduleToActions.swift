import Fluent
import SQLKit

/// Issue 14: an action's second lead, its money per occasion and funding, its days and its recurrence.
/// Every column is optional, so existing actions keep what they were.
struct AddTandemMoneyAndScheduleToActions: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("budget_per_occasion_cents", .int64), ("occasions", .int), ("funding_status", .string),
        ("funding_kind", .string), ("start_day", .string), ("end_day", .string), ("deadline_day", .string),
        ("recurrence", .string), ("recurrence_count", .int),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema("actions").field("co_lead_id", .uuid, .references("organisations", "id")).update()
        for (column, type) in Self.columns {
            try await database.schema("actions").field(.string(column), type).update()
        }
        // Every foreign key has an index (see AddIndexes).
        try await (database as! any SQLDatabase).create(index: Self.coLeadIndex).on("actions").column("co_lead_id")
            .run()
    }

    static let coLeadIndex = AddIndexes.name("actions", ["co_lead_id"])

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.coLeadIndex).run()
        for (column, _) in Self.columns.reversed() {
            try await database.schema("actions").deleteField(.string(column)).update()
        }
        try await database.schema("actions").deleteField("co_lead_id").update()
    }
}
