import Fluent

struct CreateUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string)
            .field("disabled", .bool, .required)
            .field("must_change_password", .bool, .required)
            .field("demo", .bool, .required)
            .field("totp_secret", .string)
            .field("totp_last_period", .int)
            .field("recovery_codes", .string, .required)
            .field("created_at", .datetime, .required)
            .field("erased_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
