import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads the Assen demo (Resources/Demo/assen.json: organisations, theme lines, key points
/// and the actions of plan 2019, taken from the seed documents) into a database that does not
/// have the centre yet.
enum AssenDemo {
    struct File: Decodable {
        struct CentreData: Decodable {
            var slug: String
            var name: String
        }
        struct OrganisationData: Decodable {
            var key: String
            var name: String
            var kind: OrganisationKind
        }
        struct KeyPointData: Decodable {
            var code: String
            var title: String
        }
        struct ThemeLineData: Decodable {
            var code: String
            var name: String
            var description: String
            var keyPoints: [KeyPointData]
        }
        struct PlanData: Decodable {
            var year: Int
            var actions: [ActionInput]
        }
        var centre: CentreData
        var organisations: [OrganisationData]
        var themeLines: [ThemeLineData]
        var plan: PlanData
    }

    static func path(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen.json"
    }

    /// Returns false (and changes nothing) when the centre is already there.
    @discardableResult
    static func load(from path: String, on db: any Database) async throws -> Bool {
        let actor = Actor.demo
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONDecoder().decode(File.self, from: data)
        if try await Centre.query(on: db).filter(\.$slug == file.centre.slug).count() > 0 { return false }
        try await db.transaction { tx in
            let centre = Centre(slug: file.centre.slug, name: file.centre.name)
            try await centre.create(on: tx)
            let centreID = try centre.requireID()
            for organisation in file.organisations {
                try await Organisation(
                    centreID: centreID, key: organisation.key, name: organisation.name, kind: organisation.kind
                ).create(on: tx)
            }
            for (position, line) in file.themeLines.enumerated() {
                let themeLine = ThemeLine(
                    centreID: centreID, code: line.code, name: line.name, description: line.description,
                    position: position + 1)
                try await themeLine.create(on: tx)
                for point in line.keyPoints {
                    try await KeyPoint(themeLineID: themeLine.requireID(), code: point.code, title: point.title).create(
                        on: tx)
                }
            }
            let plan = AnnualPlan(centreID: centreID, year: file.plan.year)
            try await plan.create(on: tx)
            let catalog = try await PlanCatalog.load(centre, on: tx)
            for (index, input) in file.plan.actions.enumerated() {
                let draft = try input.validate(against: catalog.vocabulary, line: index + 1)
                _ = try await PlanStore.create(draft, in: plan, catalog: catalog, by: actor, on: tx)
            }
        }
        return true
    }
}
