import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a centre from a file: its organisations, theme lines, key points and (optionally) a
/// first plan. The Assen demo (Resources/Demo/assen.json, taken from the seed documents) is one
/// such file; `stadshart centres add FILE.json` sets up a new partnership the same way.
enum CentreFile {
    struct File: Decodable {
        struct CentreData: Decodable {
            var slug: String
            var name: String
            var contact: CentreContact?
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
            /// The plan's period; absent: 1 January to 31 December of the year.
            var start: String?
            var end: String?
            var actions: [ActionData]
        }
        /// An action with its sub-actions nested under it, as the plan writes them.
        struct ActionData: Decodable {
            var action: ActionInput
            var subActions: [ActionInput]

            enum CodingKeys: String, CodingKey { case subActions }

            init(from decoder: any Decoder) throws {
                action = try ActionInput(from: decoder)
                subActions =
                    try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
                        [ActionInput].self, forKey: .subActions) ?? []
            }
        }
        var centre: CentreData
        var organisations: [OrganisationData]
        var themeLines: [ThemeLineData]
        var plan: PlanData?
    }

    /// The Assen demo.
    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen.json"
    }

    /// Returns false (and changes nothing) when the centre is already there.
    @discardableResult
    static func load(from path: String, by actor: Actor, on db: any Database) async throws -> Bool {
        let file = try JSONFile.read(File.self, from: path, what: "binnenstadsbestand")
        if try await Centre.query(on: db).filter(\.$slug == file.centre.slug).count() > 0 { return false }
        if let problems = file.centre.contact?.problems, !problems.isEmpty { throw InvalidInput(problems) }
        try await db.transaction { tx in
            let centre = Centre(slug: file.centre.slug, name: file.centre.name)
            centre.contact = file.centre.contact
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
            try await Audit.record(
                .aangemaakt, .organisatie, id: centreID.uuidString, centreID: centreID,
                summary:
                    "Binnenstad \(file.centre.name) ingericht met \(file.organisations.count) organisaties en \(file.themeLines.count) themalijnen",
                by: actor, on: tx)
            guard let planData = file.plan else { return }
            let plan = AnnualPlan(centreID: centreID, year: planData.year)
            plan.set(try PlanPeriod.parse(year: planData.year, start: planData.start, end: planData.end))
            try await plan.create(on: tx)
            let catalog = try await PlanCatalog.load(centre, on: tx)
            for (index, data) in planData.actions.enumerated() {
                let draft = try data.action.validate(against: catalog.vocabulary, line: index + 1)
                let parentID = try await PlanService.create(draft, in: plan, catalog: catalog, by: actor, on: tx)
                for var input in data.subActions {
                    input.parent = parentID.uuidString
                    let draft = try input.validate(against: catalog.vocabulary, line: index + 1)
                    _ = try await PlanService.create(draft, in: plan, catalog: catalog, by: actor, on: tx)
                }
            }
        }
        return true
    }
}
