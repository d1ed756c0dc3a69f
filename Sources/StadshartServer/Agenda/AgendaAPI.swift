import Foundation
import StadshartCore
import Vapor

/// The economic agenda as the API gives it: its pillars and tasks, and every cell of the matrix
/// with the ids of its tagged actions and the keys of its indicators.
struct AgendaDTO: Content {
    var name: String
    var period: String
    var note: String
    var pillars: [AgendaPillarDTO]
    var tasks: [AgendaTaskDTO]
    var cells: [AgendaCellDTO]

    init(_ loaded: AgendaService.Loaded) {
        name = loaded.name
        period = loaded.period
        note = loaded.note
        pillars = loaded.matrix.pillars.map { AgendaPillarDTO(code: $0.code, name: $0.name, ambition: $0.ambition) }
        tasks = loaded.matrix.tasks.map { AgendaTaskDTO(code: $0.code, name: $0.name) }
        cells = loaded.matrix.cells.map(AgendaCellDTO.init)
    }
}

struct AgendaPillarDTO: Content {
    var code: String
    var name: String
    var ambition: String
}

struct AgendaTaskDTO: Content {
    var code: String
    var name: String
}

struct AgendaCellDTO: Content {
    /// "pillar-task", e.g. "1-2".
    var key: String
    var pillar: String
    var task: String
    var text: String
    var actions: [UUID]
    var indicators: [String]

    init(_ cell: AgendaMatrix.Cell) {
        key = cell.key
        pillar = cell.pillar.code
        task = cell.task.code
        text = cell.text
        actions = cell.actions
        indicators = cell.indicators
    }
}

enum AgendaAPI {
    static let base = "api/v1/centres/{centre}/agenda"

    static func register(_ api: APIRoutes) {
        // The same readers as the page (see AgendaWeb): the matrix joins draft plans' actions.
        api.add(
            .GET, base, .centre(.readPlan),
            summary: "De economische agenda: pijlers × opgaven, per cel de gekoppelde acties en indicatoren",
            errors: [401, 403, 404]
        ) { req in
            AgendaDTO(try await AgendaService.require(try req.centre, on: req.db))
        }
        api.add(
            .POST, base + "/cells/{cell}/actions", .centre(.editPlan),
            summary: "Een actie uit een jaarplan aan een cel koppelen (action = id van de actie)",
            body: AgendaTagInput.self, status: .created, errors: [400, 401, 403, 404, 409, 422]
        ) { req, body in
            let centre = try req.centre
            let loaded = try await AgendaService.require(centre, on: req.db)
            let key = try req.parameter("cell")
            guard loaded.matrix.cell(key) != nil else {
                throw StadshartError.notFound("Cel '\(key)' bestaat niet in deze agenda.")
            }
            return AgendaCellDTO(
                try await AgendaService.tag(centre, cell: key, try body.value, by: req.actor, on: req.db))
        }
        api.add(
            .PATCH, base + "/cells/{cell}", .centre(.editPlan),
            summary: "De tekst van een cel wijzigen (text; leeg mag)", body: AgendaCellTextInput.self,
            errors: [400, 401, 403, 404, 422]
        ) { req, body in
            AgendaCellDTO(
                try await AgendaService.setText(
                    try req.centre, cell: try req.parameter("cell"), try body.value, by: req.actor, on: req.db))
        }
        api.add(
            .DELETE, base + "/cells/{cell}/actions/{id}", .centre(.editPlan),
            summary: "Een actie van een cel loskoppelen (de actie zelf blijft)", status: .noContent,
            errors: [401, 403, 404]
        ) { req in
            try await AgendaService.untag(
                try req.centre, cell: try req.parameter("cell"), action: try req.uuidParameter("id", what: "Actie"),
                by: req.actor, on: req.db)
            return HTTPStatus.noContent
        }
    }
}
