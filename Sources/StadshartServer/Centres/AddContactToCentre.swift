import Fluent

/// Where the public reaches a centre's partnership (footer, public pages); empty until a centre names it.
struct AddContactToCentre: AsyncMigration {
    static let columns = [
        "contact_organisation", "contact_email", "contact_phone", "contact_address", "contact_website",
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in Self.columns {
            try await database.schema("centres").field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns.reversed() {
            try await database.schema("centres").deleteField(.string(column)).update()
        }
    }
}
