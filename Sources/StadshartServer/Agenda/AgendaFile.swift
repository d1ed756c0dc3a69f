import Fluent
import Foundation
import StadshartCore
import Vapor

/// Loads a centre's economic agenda from a file: pillars, tasks, the text of each cell, the
/// monitor's indicators linked to it (by key) and the plan's actions tagged to it (by title in the
/// plan of `planYear`). The Assen demo (Resources/Demo/assen-agenda.json) is one such file.
enum AgendaFile {
    struct File: Decodable {
        struct CellData: Decodable {
            var pillar: String
            var task: String
            var text: String
            var indicators: [String]?
            var actions: [String]?
        }
        /// What comes from the document and what is inferred.
        var note: String
        var name: String
        var period: String
        /// The plan whose actions `cells[].actions` name.
        var planYear: Int
        var pillars: [AgendaMatrix.Pillar]
        var tasks: [AgendaMatrix.Task]
        var cells: [CellData]
    }

    static func demoPath(in directory: DirectoryConfiguration) -> String {
        directory.resourcesDirectory + "Demo/assen-agenda.json"
    }

    /// What a load did: false when the centre already had an agenda (then nothing changed); the
    /// action titles the plan does not have (those tags are left out, the rest is loaded).
    struct Outcome {
        var loaded: Bool
        var missingActions: [String]
    }

    /// All or nothing: a bad pillar, task, cell or indicator key refuses the whole file.
    @discardableResult
    static func load(from path: String, into centre: Centre, by actor: Actor, on db: any Database) async throws
        -> Outcome
    {
        let file = try JSONFile.read(File.self, from: path, what: "agendabestand")
        let centreID = try centre.requireID()
        if try await EconomicAgenda.query(on: db).filter(\.$centre.$id == centreID).count() > 0 {
            return Outcome(loaded: false, missingActions: [])
        }
        // The matrix rules check pillars, tasks and cells before anything is written.
        _ = try AgendaMatrix(
            pillars: file.pillars, tasks: file.tasks,
            cells: file.cells.map { .init(pillar: $0.pillar, task: $0.task, text: $0.text) })
        let indicators = try await Indicator.query(on: db).filter(\.$centre.$id == centreID).all()
        let indicatorID = Dictionary(
            indicators.compactMap { i in i.id.map { (i.key, $0) } }, uniquingKeysWith: { a, _ in a })
        let unknown = Set(file.cells.flatMap { $0.indicators ?? [] }).subtracting(indicatorID.keys)
        if !unknown.isEmpty {
            throw InvalidInput(
                unknown.sorted().map { FieldProblem(field: "indicators", message: "indicator '\($0)' bestaat niet") })
        }
        let actions = try await AgendaService.centreActions(centre, on: db).filter { $0.year == file.planYear }
        let actionID = Dictionary(actions.map { ($0.title, $0.id) }, uniquingKeysWith: { a, _ in a })
        let missing = file.cells.flatMap { $0.actions ?? [] }.filter { actionID[$0] == nil }
        try await db.transaction { tx in
            let agenda = EconomicAgenda()
            agenda.$centre.id = centreID
            agenda.name = file.name
            agenda.period = file.period
            agenda.note = file.note
            try await agenda.create(on: tx)
            let agendaID = try agenda.requireID()
            var pillarIDs: [String: UUID] = [:]
            for (position, pillar) in file.pillars.enumerated() {
                let row = AgendaPillarRecord()
                row.$agenda.id = agendaID
                row.code = pillar.code
                row.name = pillar.name
                row.ambition = pillar.ambition
                row.position = position
                try await row.create(on: tx)
                pillarIDs[pillar.code] = try row.requireID()
            }
            var taskIDs: [String: UUID] = [:]
            for (position, task) in file.tasks.enumerated() {
                let row = AgendaTaskRecord()
                row.$agenda.id = agendaID
                row.code = task.code
                row.name = task.name
                row.position = position
                try await row.create(on: tx)
                taskIDs[task.code] = try row.requireID()
            }
            // Every pillar × task gets its cell, also one the file leaves without text.
            let given = Dictionary(
                file.cells.map { (AgendaMatrix.key(pillar: $0.pillar, task: $0.task), $0) },
                uniquingKeysWith: { a, _ in a })
            for pillar in file.pillars {
                for task in file.tasks {
                    let data = given[AgendaMatrix.key(pillar: pillar.code, task: task.code)]
                    let cell = AgendaCellRecord()
                    cell.$agenda.id = agendaID
                    cell.$pillar.id = pillarIDs[pillar.code]!
                    cell.$task.id = taskIDs[task.code]!
                    cell.text = data?.text ?? ""
                    try await cell.create(on: tx)
                    let cellID = try cell.requireID()
                    for key in data?.indicators ?? [] {
                        let link = AgendaCellIndicator()
                        link.$cell.id = cellID
                        link.$indicator.id = indicatorID[key]!
                        try await link.create(on: tx)
                    }
                    for title in Set(data?.actions ?? []) {
                        guard let id = actionID[title] else { continue }
                        let link = AgendaCellAction()
                        link.$cell.id = cellID
                        link.$action.id = id
                        link.taggedAt = actor.now
                        try await link.create(on: tx)
                    }
                }
            }
            try await Audit.record(
                .aangemaakt, .agenda, id: agendaID.uuidString, centreID: centreID,
                summary: "Economische agenda '\(file.name)' (\(file.period)) geladen", by: actor, on: tx)
        }
        return Outcome(loaded: true, missingActions: missing)
    }
}
