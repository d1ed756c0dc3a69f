import Foundation
import SQLKit

/// Rows for one table, held until a bulk write (a generated centre, the new premises of an
/// import) is complete and then written with multi-row INSERTs: a few hundred rows per
/// statement instead of one round trip per row.
struct TableRows {
    let table: String
    let columns: [String]
    private(set) var rows: [[any SQLExpression]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    var count: Int { rows.count }

    mutating func add(_ values: [any SQLExpression]) {
        precondition(values.count == columns.count, "\(table): \(values.count) waarden voor \(columns.count) kolommen")
        rows.append(values)
    }

    /// SQLite allows 32,766 bound values in a statement, PostgreSQL 65,535; 500 rows are plenty
    /// to make the round trips negligible.
    var rowsPerStatement: Int { max(1, min(500, 30_000 / columns.count)) }

    func insert(on sql: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + rowsPerStatement, rows.count)] { insert.values(row) }
            try await insert.run()
        }
    }
}

/// A value bound to the statement; the driver stores it as Fluent does (a UUID as a blob in
/// SQLite and a uuid in PostgreSQL, a Bool as 0/1 or a boolean, a Date as each one's time).
func bound(_ value: some Encodable & Sendable) -> any SQLExpression { SQLBind(value) }

/// NULL for nil: a bound nil carries no type, which PostgreSQL cannot always place.
func bound(orNull value: (some Encodable & Sendable)?) -> any SQLExpression {
    value.map { SQLBind($0) } ?? SQLLiteral.null
}
