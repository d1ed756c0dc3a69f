import Fluent
import Foundation
import SQLKit

/// Fills a database with a synthetic country: many centres with a register of premises and
/// businesses over years, annual plans, a monitor and an audit trail, for benchmarks at national
/// scale. A seed gives the same data, ids included, on every run.
enum CountryGenerator {
    /// What one centre came to.
    struct CentreReport: Sendable {
        let number: Int
        let name: String
        let premises: Int
        let businesses: Int
        let rows: Int
        let seconds: Double
    }

    struct Totals: Sendable {
        var centres = 0
        var premises = 0
        var businesses = 0
        var rows = 0
        /// Rows by table, for the summary.
        var byTable: [String: Int] = [:]
    }

    /// Writes the centres, each in a transaction of its own (all of it or none of it). Refuses,
    /// writing nothing, when a centre with one of the slugs already exists.
    static func generate(
        _ options: GenerateOptions, on db: any Database, progress: (CentreReport) -> Void = { _ in }
    ) async throws -> Totals {
        try check(options)
        let slugs = options.names.map(\.slug)
        let taken = try await Centre.query(on: db).filter(\.$slug ~~ slugs).all().map(\.slug).sorted()
        if !taken.isEmpty {
            throw CommandFailure(
                "Er is niets geschreven: de database heeft al binnensteden met deze namen (\(taken.prefix(5).joined(separator: ", "))\(taken.count > 5 ? ", …" : "")). Kies een lege database."
            )
        }
        var totals = Totals()
        for index in 0..<options.centres {
            let started = ContinuousClock.now
            let centre = SyntheticCentre.make(index: index, options: options)
            try await db.transaction { tx in try await centre.write(on: tx as! any SQLDatabase) }
            let elapsed = ContinuousClock.now - started
            totals.centres += 1
            totals.premises += centre.premisesCount
            totals.businesses += centre.businessCount
            totals.rows += centre.tables.rowCount
            for table in centre.tables.inOrder { totals.byTable[table.table, default: 0] += table.count }
            progress(
                CentreReport(
                    number: index + 1, name: centre.name, premises: centre.premisesCount,
                    businesses: centre.businessCount, rows: centre.tables.rowCount,
                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        return totals
    }

    /// Sizes a person can ask for; each limit keeps a run within reason.
    static func check(_ options: GenerateOptions) throws {
        var problems: [String] = []
        if !(1...10_000).contains(options.centres) { problems.append("--centres ligt tussen 1 en 10.000") }
        if !(1...100_000).contains(options.premises) { problems.append("--premises ligt tussen 1 en 100.000") }
        if !(0...100_000).contains(options.businesses) { problems.append("--businesses ligt tussen 0 en 100.000") }
        if !(1...50).contains(options.years) { problems.append("--years ligt tussen 1 en 50") }
        if !problems.isEmpty { throw CommandFailure(problems.joined(separator: "\n")) }
    }
}
