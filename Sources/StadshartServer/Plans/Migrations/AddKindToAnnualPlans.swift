import Fluent
import SQLKit

/// Issue 14: a centre keeps plans of more than one kind (`PlanKind`): the annual plan and the economic
/// agenda's yearly programme. A plan is then one per centre, kind and year. Existing plans are annual plans.
struct AddKindToAnnualPlans: AsyncMigration {
    static let oldUnique = "uq:annual_plans.centre_id+annual_plans.year"
    static let newUnique = "uq:annual_plans.centre_id+annual_plans.kind+annual_plans.year"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            // SQLite cannot drop a table constraint: the table is rebuilt in one transaction. Foreign
            // keys are checked at its end: the other tables' rows point at "annual_plans" again once the
            // new table has the same rows.
            try await database.transaction { tx in
                let sql = tx as! any SQLDatabase
                for statement in [
                    "CREATE TABLE annual_plans_before_kind AS SELECT id, centre_id, year, start_day, end_day FROM annual_plans",
                    "PRAGMA defer_foreign_keys = ON",
                    "DROP TABLE annual_plans",
                    """
                    CREATE TABLE annual_plans ("id" UUID PRIMARY KEY, \
                    "centre_id" UUID NOT NULL REFERENCES "centres" ("id"), "year" INTEGER NOT NULL, \
                    "start_day" TEXT, "end_day" TEXT, "kind" TEXT NOT NULL DEFAULT 'jaarplan', \
                    CONSTRAINT "\(Self.newUnique)" UNIQUE ("centre_id", "kind", "year"))
                    """,
                    """
                    INSERT INTO annual_plans (id, centre_id, year, start_day, end_day, kind) \
                    SELECT id, centre_id, year, start_day, end_day, 'jaarplan' FROM annual_plans_before_kind
                    """,
                    "DROP TABLE annual_plans_before_kind",
                    "CREATE INDEX \"\(AddIndexes.name("annual_plans", ["centre_id"]))\" ON annual_plans (centre_id)",
                ] {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
        } else {
            try await database.schema("annual_plans").field("kind", .string, .required, .sql(.default("jaarplan")))
                .update()
            try await database.schema("annual_plans").deleteConstraint(name: Self.oldUnique).update()
            try await database.schema("annual_plans").unique(on: "centre_id", "kind", "year", name: Self.newUnique)
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("annual_plans").deleteField("kind").update()
    }
}
