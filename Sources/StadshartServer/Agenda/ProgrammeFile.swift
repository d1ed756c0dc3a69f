import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a yearly execution programme of the economic agenda from a file: a plan of kind
/// `uitvoeringsprogramma` with its actions, each tagged to its cell of the matrix. The Assen demo's
/// (Resources/Demo/assen-programme.json) is illustrative: the documents announce such programmes
/// but hold none.
enum ProgrammeFile {
    struct File: Decodable {
        var note: String
        var year: Int
        var actions: [ActionData]
    }

    /// An action with the cell (pillar × task) it serves.
    struct ActionData: Decodable {
        var action: ActionInput
        var pillar: String
        var task: String

        enum CodingKeys: String, CodingKey { case pillar, task }

        init(from decoder: any Decoder) throws {
            action = try ActionInput(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pillar = try container.decode(String.self, forKey: .pillar)
            task = try container.decode(String.self, forKey: .task)
        }
    }

    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen-programme.json"
    }

    /// All or nothing; false (and nothing changed) when the centre has that programme already or no agenda.
    @discardableResult
    static func load(from path: String, into centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Bool
    {
        let file = try JSONFile.read(File.self, from: path, what: "programmabestand")
        let key = PlanKey(.uitvoeringsprogramma, year: file.year)
        guard let agenda = try await AgendaService.load(centre, on: db),
            !(try await PlanService.exists(centre.requireID(), key, on: db))
        else { return false }
        let catalog = try await PlanCatalog.load(centre, on: db)
        var problems: [FieldProblem] = []
        var drafts: [(ActionDraft, cellID: UUID)] = []
        for (index, data) in file.actions.enumerated() {
            let cell = AgendaMatrix.key(pillar: data.pillar, task: data.task)
            do {
                let draft = try data.action.validate(against: catalog.vocabulary, line: index + 1)
                if let cellID = agenda.cellIDs[cell] {
                    drafts.append((draft, cellID))
                } else {
                    problems.append(FieldProblem(field: "cell", message: "cel '\(cell)' bestaat niet", line: index + 1))
                }
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        let checked = drafts
        try await db.transaction { tx in
            _ = try await PlanService.createPlan(
                catalog, year: String(file.year), kind: .uitvoeringsprogramma, by: actor, on: tx)
            let plan = try await PlanService.plan(catalog, year: file.year, kind: .uitvoeringsprogramma, on: tx)
            for (draft, cellID) in checked {
                let id = try await PlanService.create(draft, in: plan, catalog: catalog, by: actor, on: tx)
                let link = AgendaCellAction()
                link.$cell.id = cellID
                link.$action.id = id
                link.taggedAt = actor.now
                try await link.create(on: tx)
            }
        }
        return true
    }
}
