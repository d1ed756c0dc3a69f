import Fluent

/// What the scheduled import of a regional calendar keeps: the feed's ETag and Last-Modified
/// (for a conditional GET), the last attempt and the last success, and the last result in Dutch.
struct AddFeedStatusToEventCalendars: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("etag", .string), ("last_modified", .string), ("attempted_at", .datetime), ("succeeded_at", .datetime),
        ("result", .string), ("failed", .bool),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for (column, type) in Self.columns {
            try await database.schema("event_calendars").field(.string(column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (column, _) in Self.columns.reversed() {
            try await database.schema("event_calendars").deleteField(.string(column)).update()
        }
    }
}
