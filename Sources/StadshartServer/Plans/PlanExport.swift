import Foundation
import StadshartCore
import Vapor

/// A plan written out as CSV (the import format) or JSON, for the web, the API and the CLI.
enum PlanExport {
    static func csv(_ snapshot: PlanSnapshot) -> String {
        let titles = Dictionary(uniqueKeysWithValues: snapshot.topLevel.map { ($0.id, $0.draft.title) })
        return CSV.encode(
            [ActionCSV.header]
                + snapshot.actions.map {
                    ActionCSV.row(
                        id: $0.id.uuidString, centre: snapshot.catalog.centre.slug, year: snapshot.plan.key, $0.draft,
                        parentTitle: $0.draft.parent.flatMap { titles[$0] })
                })
    }

    struct JSONExport: Content {
        var plan: PlanDTO
        var actions: [ActionDTO]
    }

    static func json(_ snapshot: PlanSnapshot, today: Day) throws -> String {
        let rollups = snapshot.rollups
        let export = JSONExport(
            plan: PlanDTO(snapshot, today: today),
            actions: snapshot.actions.map {
                ActionDTO(
                    $0, year: snapshot.plan.year, catalog: snapshot.catalog, today: today, rollup: rollups[$0.id])
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(export), as: UTF8.self)
    }
}
