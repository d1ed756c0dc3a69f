import Fluent
import SQLKit

/// An index on every foreign key (the joins and the "records of this centre" lookups), and on
/// the audit trail's and the sign-in throttle's lookups. Plain SQL that SQLite and PostgreSQL
/// both understand.
struct AddIndexes: AsyncMigration {
    /// Table and columns, in index order. Names are derived, so a shipped index keeps its name.
    static let indexes: [(table: String, columns: [String])] = [
        ("organisations", ["centre_id"]),
        ("theme_lines", ["centre_id"]),
        ("key_points", ["theme_line_id"]),
        ("annual_plans", ["centre_id"]),
        ("actions", ["plan_id"]),
        ("actions", ["theme_line_id"]),
        ("actions", ["key_point_id"]),
        ("actions", ["lead_id"]),
        ("actions", ["budget_holder_id"]),
        ("actions", ["carried_over_from_id"]),
        ("action_partners", ["action_id"]),
        ("action_partners", ["organisation_id"]),
        ("progress_notes", ["action_id"]),
        ("adoptions", ["plan_id"]),
        ("amendments", ["action_id"]),
        ("role_assignments", ["user_id"]),
        ("role_assignments", ["centre_id"]),
        ("user_sessions", ["user_id"]),
        ("api_tokens", ["user_id"]),
        ("sign_in_attempts", ["email", "at"]),
        ("sign_in_attempts", ["address", "at"]),
        ("audit_entries", ["centre_id", "at"]),
        ("audit_entries", ["kind", "record_id"]),
        ("audit_entries", ["record_id"]),
        ("audit_entries", ["user_id"]),
        ("zones", ["centre_id"]),
        ("premises", ["centre_id"]),
        ("premises", ["zone_id"]),
        ("premises", ["owner_id"]),
        ("premises_functions", ["premises_id"]),
        ("vacancy_periods", ["premises_id"]),
        ("temporary_uses", ["premises_id"]),
        ("function_change_plans", ["premises_id"]),
        ("function_change_plans", ["action_id"]),
        ("businesses", ["centre_id"]),
        ("business_jobs", ["business_id"]),
        ("occupancies", ["business_id"]),
        ("occupancies", ["premises_id"]),
        ("monitor_areas", ["centre_id"]),
        ("indicators", ["centre_id"]),
        ("indicators", ["area_id"]),
        ("indicators", ["reference_area_id"]),
        ("indicators", ["target_area_id"]),
        ("measurements", ["indicator_id"]),
        ("measurements", ["area_id"]),
    ]

    static func name(_ table: String, _ columns: [String]) -> String {
        "idx_\(table)_\(columns.joined(separator: "_"))"
    }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, columns) in Self.indexes {
            var create = sql.create(index: Self.name(table, columns)).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, columns) in Self.indexes { try await sql.drop(index: Self.name(table, columns)).run() }
    }
}
